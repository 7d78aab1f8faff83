"""What happens, when and where: venues, programme items, appointments, documents, guest links, and the
released versions of the programme with their notices. (Event pages and photos are the press app's.)

One module per family of models; every model is imported here, so `from visits.models import X` finds it
and Django finds them all under the app label `visits`.
"""

from .appointments import CompanyAppointment
from .attachments import Attachment
from .delays import DelayRecord
from .guests import GuestAccess
from .programme import ProgrammeItem
from .releases import ProgrammeRelease, ReleasedItem, ReleaseNotification
from .staff import StaffAccess
from .vehicles import Vehicle
from .venues import Venue

__all__ = [
    "Attachment",
    "CompanyAppointment",
    "DelayRecord",
    "GuestAccess",
    "ProgrammeItem",
    "ProgrammeRelease",
    "ReleaseNotification",
    "ReleasedItem",
    "StaffAccess",
    "Vehicle",
    "Venue",
]
