"""The funding programme's rules checked against a delegation's trip and budget.

The result is a list of warnings, not errors: staff may save a funding that breaks a rule (a longer trip
can be partly funded, a late application may still be accepted), but should see at once what the funder
will object to.
"""

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .enums import FundingState
from .queries import FundingFigures, funding_figures


def _date(value: dt.date) -> str:
    return formats.date_format(value, "d.m.Y")


def _money(value) -> str:
    return formats.number_format(value, 2, use_l10n=True, force_grouping=True) + " €"


def check_funding(
    funding, *, figures: FundingFigures | None = None, today: dt.date | None = None
) -> list[str]:
    """Concrete warnings, in the active language, for each rule of the programme the trip or budget breaks."""
    figures = figures or funding_figures(funding)
    today = today or timezone.localdate()
    programme = funding.programme
    delegation = funding.delegation
    warnings = []

    people = figures.member_count
    if programme.max_people is not None and people > programme.max_people:
        warnings.append(
            ngettext(
                "%(count)d Personen, das Programm fördert höchstens %(max)d Person.",
                "%(count)d Personen, das Programm fördert höchstens %(max)d Personen.",
                programme.max_people,
            )
            % {"count": people, "max": programme.max_people}
        )

    days = delegation.days
    if programme.min_days is not None and days < programme.min_days:
        warnings.append(
            ngettext(
                "Die Reise dauert %(days)d Tag, das Programm fördert erst ab %(min)d Tagen.",
                "Die Reise dauert %(days)d Tage, das Programm fördert erst ab %(min)d Tagen.",
                days,
            )
            % {"days": days, "min": programme.min_days}
        )
    if programme.max_days is not None and days > programme.max_days:
        warnings.append(
            ngettext(
                "Die Reise dauert %(days)d Tage, das Programm fördert höchstens %(max)d Tag.",
                "Die Reise dauert %(days)d Tage, das Programm fördert höchstens %(max)d Tage.",
                programme.max_days,
            )
            % {"days": days, "max": programme.max_days}
        )

    if programme.min_notice_days is not None:
        deadline = delegation.arrival_date - dt.timedelta(days=programme.min_notice_days)
        if funding.applied_on is not None and funding.applied_on > deadline:
            warnings.append(
                _(
                    "Beantragt am %(applied)s, das Programm verlangt den Antrag bis %(deadline)s "
                    "(%(days)d Tage vor Reisebeginn)."
                )
                % {
                    "applied": _date(funding.applied_on),
                    "deadline": _date(deadline),
                    "days": programme.min_notice_days,
                }
            )
        elif funding.applied_on is None and funding.state == FundingState.PLANNED and today > deadline:
            warnings.append(
                _(
                    "Noch nicht beantragt, die Frist ist am %(deadline)s abgelaufen "
                    "(%(days)d Tage vor Reisebeginn)."
                )
                % {"deadline": _date(deadline), "days": programme.min_notice_days}
            )

    if (
        programme.max_grant is not None
        and funding.amount_granted is not None
        and funding.amount_granted > programme.max_grant
    ):
        warnings.append(
            _("Bewilligt sind %(granted)s, das Programm fördert höchstens %(max)s.")
            % {"granted": _money(funding.amount_granted), "max": _money(programme.max_grant)}
        )

    if funding.amount_granted is not None and figures.total_booked > funding.amount_granted:
        warnings.append(
            _("Gebucht sind %(booked)s, bewilligt nur %(granted)s: %(over)s darüber.")
            % {
                "booked": _money(figures.total_booked),
                "granted": _money(funding.amount_granted),
                "over": _money(figures.total_booked - funding.amount_granted),
            }
        )

    for line in figures.lines:
        if line.over_plan:
            warnings.append(
                _("Budgetposten „%(line)s“: gebucht %(booked)s, geplant %(planned)s (%(over)s darüber).")
                % {
                    "line": line.line.get_category_display(),
                    "booked": _money(line.booked),
                    "planned": _money(line.planned),
                    "over": _money(line.booked - line.planned),
                }
            )
    return warnings
