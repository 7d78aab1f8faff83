"""Guest links in the admin (issue 3 builds it).

The lists below are added to MemberAdmin and DelegationAdmin (delegations/admin.py), so the guest-link actions
and inlines live here, beside the rest of the guest-link admin.
"""

MEMBER_ACTIONS: list = []
MEMBER_INLINES: list = []
DELEGATION_ACTIONS: list = []
DELEGATION_INLINES: list = []
