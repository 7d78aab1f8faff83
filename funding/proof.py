"""The proof of use ("Verwendungsnachweis") of a delegation's funding: one builder, a PDF and an XLSX.

The builder reads everything in a fixed number of queries; both files print the same figures, so the sums
in the spreadsheet and in the PDF are the booked costs, to the cent. When the funding claims per-diem or
lodging allowances, they follow the booked costs as computed lines (`funding.allowances`), and the total is
both together.
"""

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from delegations.models import Delegation, Member
from followup.queries import outcomes_for_delegation
from visits.documents.pdf import PRINT_STYLESHEET, render_pdf
from visits.documents.tables import safe_cell
from visits.models import ProgrammeItem

from .allowances import MEAL_SHARES, Allowances, compute_allowances
from .enums import Meal
from .models import ZERO, Cost, DelegationFunding
from .queries import FundingFigures, LineFigures, costs_of, funding_figures

BERLIN = ZoneInfo("Europe/Berlin")
MONEY_FORMAT = '#,##0.00 "€"'


@dataclass(frozen=True)
class LineSection:
    figures: LineFigures
    costs: list[Cost]


@dataclass(frozen=True)
class HeldItem:
    starts_at: dt.datetime  # in Europe/Berlin
    ends_at: dt.datetime
    title: str


@dataclass
class ProofOfUse:
    delegation: Delegation
    funding: DelegationFunding
    figures: FundingFigures
    sections: list[LineSection]
    costs: list[Cost]
    members: list[Member]
    items: list[HeldItem]
    outcomes: list[dict]
    allowances: Allowances | None = None
    printed_at: dt.datetime = field(default_factory=lambda: timezone.localtime(timezone.now(), BERLIN))

    @property
    def allowance_total(self) -> Decimal:
        return self.allowances.total if self.allowances is not None else ZERO

    @property
    def grand_total(self) -> Decimal:
        """The booked costs and the computed allowances together: what the proof accounts for."""
        return self.figures.total_booked + self.allowance_total

    @property
    def own_share(self) -> Decimal:
        """The county's co-financing share of what the proof accounts for, in euros."""
        return (self.grand_total * self.funding.co_financing_percent / 100).quantize(Decimal("0.01"))


def build_proof(funding: DelegationFunding) -> ProofOfUse:
    """Everything the proof prints, in German (the funder's language)."""
    with translation.override("de"):
        return _build_proof(funding)


def _build_proof(funding: DelegationFunding) -> ProofOfUse:
    delegation = funding.delegation
    figures = funding_figures(funding)
    costs = list(costs_of(funding))
    by_line: dict[int, list[Cost]] = {}
    for cost in costs:
        by_line.setdefault(cost.line_id, []).append(cost)
    items = [
        HeldItem(
            starts_at=timezone.localtime(item.starts_at, BERLIN),
            ends_at=timezone.localtime(item.ends_at, BERLIN),
            title=item.title,
        )
        for item in ProgrammeItem.objects.filter(delegation=delegation)
        .not_cancelled()
        .in_order()
        .only("starts_at", "ends_at", "title", "title_de", "title_uk", "title_en")
    ]
    outcomes = [
        {
            **outcome,
            "starts_at": timezone.localtime(outcome["starts_at"], BERLIN)
            if outcome.get("starts_at")
            else None,
        }
        for outcome in outcomes_for_delegation(delegation)
    ]
    members = list(Member.objects.filter(delegation=delegation))
    return ProofOfUse(
        delegation=delegation,
        funding=funding,
        figures=figures,
        sections=[LineSection(figures=line, costs=by_line.get(line.line.pk, [])) for line in figures.lines],
        costs=costs,
        members=members,
        items=items,
        outcomes=outcomes,
        allowances=compute_allowances(funding, members),
    )


def meal_rule() -> str:
    """The deduction rule for provided meals, in words, for the proof."""
    shares = {meal: f"{MEAL_SHARES[meal] * 100:.0f} %" for meal in Meal}
    return _(
        "Gestellte Mahlzeiten kürzen das Tagegeld des Tages um einen Anteil des Tagegelds für den "
        "vollen Tag: Frühstück %(breakfast)s, Mittag- und Abendessen je %(lunch)s (§ 6 Abs. 2 BRKG)."
    ) % {"breakfast": shares[Meal.BREAKFAST], "lunch": shares[Meal.LUNCH]}


def outcome_kind_label(kind: str) -> str:
    return {"outcome": _("Ergebnis"), "commitment": _("Vereinbarung")}.get(kind, kind)


def proof_pdf(proof: ProofOfUse) -> bytes:
    with translation.override("de"):
        outcomes = [
            {**outcome, "kind_label": outcome_kind_label(outcome["kind"])} for outcome in proof.outcomes
        ]
        return render_pdf(
            "funding/proof_of_use.html",
            {"proof": proof, "outcomes": outcomes, "meal_rule": meal_rule()},
            stylesheets=(PRINT_STYLESHEET, "funding/proof.css"),
        )


def _bold_row(sheet, values) -> None:
    from openpyxl.styles import Font

    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _text(value) -> str:
    return safe_cell(str(value)) if value is not None else ""


def _money_cells(sheet, row: int, columns) -> None:
    for column in columns:
        sheet.cell(row=row, column=column).number_format = MONEY_FORMAT


def allowance_columns() -> list[str]:
    return [
        _("Name"),
        _("volle Tage"),
        _("An- und Abreisetage"),
        _("gestellte Mahlzeiten"),
        _("Kürzung (€)"),
        _("Tagegeld (€)"),
        _("Nächte"),
        _("Übernachtungsgeld (€)"),
        _("Summe (€)"),
    ]


def _allowance_sheet(workbook, allowances: Allowances) -> None:
    sheet = workbook.create_sheet(_("Tagegelder"))
    _bold_row(sheet, allowance_columns())
    for row in allowances.members:
        sheet.append(
            [
                _text(row.member.full_name),
                row.full_days,
                row.partial_days,
                row.meals,
                row.deduction,
                row.daily_total,
                row.nights,
                row.lodging_total,
                row.total,
            ]
        )
        _money_cells(sheet, sheet.max_row, [5, 6, 8, 9])
    _bold_row(
        sheet,
        [_("Summe"), "", "", "", "", allowances.daily_total, "", allowances.lodging_total, allowances.total],
    )
    _money_cells(sheet, sheet.max_row, [6, 8, 9])
    sheet.append([])
    _bold_row(
        sheet,
        [
            _("Land"),
            _("gültig ab"),
            _("gültig bis"),
            _("Tagegeld voller Tag (€)"),
            _("Tagegeld An- und Abreisetag (€)"),
            _("Übernachtungsgeld pauschal (€)"),
            _("Quelle"),
            _("Hinweis zur Quelle"),
        ],
    )
    for rate in allowances.rates:
        sheet.append(
            [
                rate.country,
                rate.valid_from,
                rate.valid_until,
                rate.full_day,
                rate.partial_day,
                rate.lodging,
                _text(rate.source_name),
                _text(rate.source_note),
            ]
        )
        for column in (2, 3):
            sheet.cell(row=sheet.max_row, column=column).number_format = "DD.MM.YYYY"
        _money_cells(sheet, sheet.max_row, [4, 5, 6])
    for column, width in zip("ABCDEFGHI", (28, 12, 12, 14, 14, 14, 10, 16, 14), strict=True):
        sheet.column_dimensions[column].width = width


def proof_xlsx(proof: ProofOfUse) -> bytes:
    """Sheets: overview with the budget, every cost, the participants, the programme held, the outcomes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with translation.override("de"):
        funding = proof.funding
        workbook = Workbook()
        overview = workbook.active
        overview.title = _("Übersicht")
        overview.append([_("Verwendungsnachweis"), _text(proof.delegation)])
        overview["A1"].font = Font(bold=True, size=14)
        for label, value in (
            (_("Förderprogramm"), _text(funding.programme)),
            (_("Fördermittelgeber"), _text(funding.programme.funder)),
            (_("Aktenzeichen"), _text(funding.reference)),
            (
                _("Zeitraum"),
                f"{proof.delegation.arrival_date:%d.%m.%Y} – {proof.delegation.departure_date:%d.%m.%Y}",
            ),
        ):
            overview.append([label, value])
        overview.append([_("bewilligter Betrag (€)"), funding.amount_granted])
        _money_cells(overview, overview.max_row, [2])
        overview.append([_("Eigenanteil des Kreises (%)"), funding.co_financing_percent])
        overview.append([])
        _bold_row(overview, [_("Budgetposten"), _("geplant (€)"), _("gebucht (€)"), _("verbleibend (€)")])
        for section in proof.sections:
            line = section.figures
            overview.append([line.line.get_category_display(), line.planned, line.booked, line.remaining])
            _money_cells(overview, overview.max_row, [2, 3, 4])
        _bold_row(
            overview,
            [
                _("Summe"),
                proof.figures.total_planned,
                proof.figures.total_booked,
                proof.figures.total_remaining,
            ],
        )
        _money_cells(overview, overview.max_row, [2, 3, 4])
        if proof.allowances is not None:
            overview.append([])
            overview.append([_("gebuchte Ausgaben (€)"), proof.figures.total_booked])
            _money_cells(overview, overview.max_row, [2])
            overview.append([_("Tage- und Übernachtungsgelder, berechnet (€)"), proof.allowance_total])
            _money_cells(overview, overview.max_row, [2])
            _bold_row(overview, [_("Gesamtsumme (€)"), proof.grand_total])
            _money_cells(overview, overview.max_row, [2])
        overview.column_dimensions["A"].width = 34
        for column in "BCD":
            overview.column_dimensions[column].width = 18

        costs = workbook.create_sheet(_("Ausgaben"))
        _bold_row(
            costs,
            [_("Datum"), _("Budgetposten"), _("Beschreibung"), _("Zahlungsempfänger/in"), _("Betrag (€)")],
        )
        for cost in proof.costs:
            costs.append(
                [
                    cost.spent_on,
                    cost.line.get_category_display(),
                    _text(cost.description),
                    _text(cost.payee),
                    cost.amount,
                ]
            )
            costs.cell(row=costs.max_row, column=1).number_format = "DD.MM.YYYY"
            _money_cells(costs, costs.max_row, [5])
        _bold_row(costs, [_("Summe"), "", "", "", proof.figures.total_booked])
        _money_cells(costs, costs.max_row, [5])
        for column, width in zip("ABCDE", (12, 20, 44, 30, 14), strict=True):
            costs.column_dimensions[column].width = width

        if proof.allowances is not None:
            _allowance_sheet(workbook, proof.allowances)

        people = workbook.create_sheet(_("Teilnehmende"))
        _bold_row(people, [_("Name"), _("Name (Originalschrift)"), _("Funktion")])
        for member in proof.members:
            people.append([_text(member.full_name), _text(member.original_name), _text(member.function)])
        for column, width in zip("ABC", (28, 28, 60), strict=True):
            people.column_dimensions[column].width = width

        programme = workbook.create_sheet(_("Programm"))
        _bold_row(programme, [_("Datum"), _("Uhrzeit (Europe/Berlin)"), _("Programmpunkt")])
        for item in proof.items:
            programme.append(
                [
                    item.starts_at.strftime("%d.%m.%Y"),
                    f"{item.starts_at:%H:%M}–{item.ends_at:%H:%M}",
                    _text(item.title),
                ]
            )
        for column, width in zip("ABC", (12, 22, 60), strict=True):
            programme.column_dimensions[column].width = width

        results = workbook.create_sheet(_("Ergebnisse"))
        _bold_row(results, [_("Datum"), _("Programmpunkt"), _("Art"), _("Text")])
        for outcome in proof.outcomes:
            starts_at = outcome["starts_at"]
            results.append(
                [
                    starts_at.strftime("%d.%m.%Y") if starts_at else "",
                    _text(outcome["item_title"]),
                    outcome_kind_label(outcome["kind"]),
                    _text(outcome["text"]),
                ]
            )
        for column, width in zip("ABCD", (12, 36, 14, 70), strict=True):
            results.column_dimensions[column].width = width

        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # never a formula, whatever the text starts with
        workbook.properties.title = f"{_('Verwendungsnachweis')}: {proof.delegation}"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
