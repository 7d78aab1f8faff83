"""What each staff role may do with funding (added to `delegations.roles` by its AppConfig).

Planners do everything, receipts included. Read-only sees programmes, fundings, budgets and costs, but
does not download receipts: an invoice or a taxi receipt names private payees and sometimes the travellers,
which the overview does not need. The press office sees nothing of the funding.
"""

PLANNERS = "planners"
READ_ONLY = "read-only"
PRESS_OFFICE = "press office"

_MODELS = ("fundingprogramme", "delegationfunding", "budgetline", "cost", "dailyrate")

PERMISSIONS = {
    PLANNERS: {
        ("funding", f"{action}_{model}")
        for model in _MODELS
        for action in ("add", "change", "delete", "view")
    }
    | {("funding", "view_receipt")},
    READ_ONLY: {("funding", f"view_{model}") for model in _MODELS},
    PRESS_OFFICE: set(),
}
