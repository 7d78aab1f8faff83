"""The staff admin of the visits app, one module per audience of the office.

programme: venues, programme items, company appointments and the programme page (planners)
press: event pages and photos (press office)
guest: guest links and their actions (planners)
releases: programme releases, their changelogs and change notices (planners)
"""

from . import guest, press, programme, releases  # noqa: F401
