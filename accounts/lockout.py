"""Login rate limits: one count per account and one per address, each with its own limit, and the 429 page."""

import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.contrib import admin
from django.db.models import Sum
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger("accounts.security")


class AccountAndAddressHandler(AxesDatabaseHandler):
    """django-axes' database handler with a separate limit for the address.

    Axes compares one count (the largest over `AXES_LOCKOUT_PARAMETERS`) with one limit. With the parameters
    ["username", "ip_address"], this handler scales the address's count so that it reaches
    `AXES_FAILURE_LIMIT` exactly when the address has failed `LOGIN_FAILURES_PER_ADDRESS` times: an office
    behind one address can mistype more often than one account may.
    """

    def get_failures(self, request, credentials=None) -> int:
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        account_limit = settings.AXES_FAILURE_LIMIT
        return max(by_account, by_address * account_limit // settings.LOGIN_FAILURES_PER_ADDRESS)


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page (429) in the user's language, and a warning in the log for the IT department."""
    username = get_client_username(request, credentials) or ""
    address = getattr(request, "axes_ip_address", None)
    logger.warning("Admin login locked out: account %r from address %s", username, address)
    cool_off = get_cool_off(request)
    context = admin.site.each_context(request) | {
        "title": _("Anmeldung vorübergehend gesperrt"),
        "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    response = render(request, "accounts/locked_out.html", context, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
