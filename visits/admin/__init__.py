"""The staff admin of the visits app, one module per audience of the office.

programme: venues, programme items, company appointments and the programme page (planners)
guest: guest links and their actions (planners)
releases: programme releases and their changelogs (planners)
notices: the delivery record of the notices of releases, and sending them again (planners)
vehicles: the vehicles programme items book (planners)
staff_links: the personal links of hosts, interpreters and drivers (planners)
delegation: the delegation's and member's admin pages extended with the programme and guest links
delays: the record of delays on the day, read only (planners)
attachments: the documents of a visit or programme item, their sharing with guests and the staff download
"""

from . import attachments, delays, delegation, guest, notices, programme, releases, staff_links, vehicles  # noqa: F401
