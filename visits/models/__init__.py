"""What happens, when and where: venues, programme items, appointments, event pages, photos, guest links,
and the released versions of the programme with their notices.

One module per family of models; every model is imported here, so `from visits.models import X` finds it
and Django finds them all under the app label `visits`.
"""

from .appointments import CompanyAppointment
from .guests import GuestAccess
from .press import EventPage, Photo, photo_upload_to
from .programme import ProgrammeItem
from .releases import ProgrammeRelease, ReleasedItem, ReleaseNotification
from .venues import Venue

__all__ = [
    "CompanyAppointment",
    "EventPage",
    "GuestAccess",
    "Photo",
    "ProgrammeItem",
    "ProgrammeRelease",
    "ReleaseNotification",
    "ReleasedItem",
    "Venue",
    "photo_upload_to",  # migrations name it as visits.models.photo_upload_to
]
