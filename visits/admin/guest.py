"""Guest links in the admin (issue 3 builds it). MEMBER_ACTIONS and DELEGATION_ACTIONS are added to those admins."""

MEMBER_ACTIONS: list = []
DELEGATION_ACTIONS: list = []
