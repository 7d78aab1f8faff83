"""The demo visit's follow-up: outcomes and commitments of the two company visits held, and actions on them.

Found by natural keys (the appointment and the German text, the delegation and the action's title), so a
second run finds everything and changes nothing. Owners are outside the administration or nobody yet: the demo
logins are made after the apps' demo rows.
"""

import datetime as dt

from visits.models import CompanyAppointment

from .enums import ActionState, CommittedBy, OutcomeKind
from .models import Action, Outcome

REPORTED_MODELS = (Outcome, Action)


def _appointment(context, company_key: str) -> CompanyAppointment | None:
    return (
        CompanyAppointment.objects.filter(
            delegation=context.delegation, company=context.organisations[company_key]
        )
        .order_by("pk")
        .first()
    )


def _record(context, appointment, text: str, **values) -> Outcome:
    return context.ensure(Outcome, {"appointment": appointment, "text": text}, values)


def _action(context, title: str, **values) -> Action:
    return context.ensure(Action, {"delegation": context.delegation, "title": title}, values)


def seed(context) -> None:
    schwanenland = _appointment(context, "schwanenland")
    windpark = _appointment(context, "windpark")
    if schwanenland is None or windpark is None:
        return  # someone removed the demo's appointments: nothing to follow up on
    later = (context.now + dt.timedelta(days=45)).date()

    _record(
        context,
        schwanenland,
        "Großes Interesse an Notstromkonzepten für Krankenhäuser und Wasserwerke.",
        kind=OutcomeKind.OUTCOME,
    )
    documents = _record(
        context,
        schwanenland,
        "Schwanenland Energie schickt die Unterlagen zu den Notstromkonzepten auf Englisch.",
        kind=OutcomeKind.COMMITMENT,
        committed_by=CommittedBy.HOST,
        contact=context.contacts["leitner"],
        organisation=context.organisations["schwanenland"],
    )
    contact_person = _record(
        context,
        schwanenland,
        "Der Rajon benennt eine Ansprechperson im Wasserwerk Podilsk für den fachlichen Austausch.",
        kind=OutcomeKind.COMMITMENT,
        committed_by=CommittedBy.GUEST,
        member=context.members["zrazkovyi"],
    )
    online_call = _record(
        context,
        schwanenland,
        "Online-Gespräch mit der Netzleitstelle zur Netzstabilität bei Stromausfällen.",
        kind=OutcomeKind.COMMITMENT,
        committed_by=CommittedBy.BOTH,
    )
    _record(
        context,
        windpark,
        "Die Gäste möchten ein Beteiligungsmodell für eine Solaranlage im Rajon prüfen.",
        kind=OutcomeKind.OUTCOME,
    )
    contracts = _record(
        context,
        windpark,
        "Der Bürgerwindpark stellt anonymisierte Musterverträge zur Bürgerbeteiligung zur Verfügung.",
        kind=OutcomeKind.COMMITMENT,
        committed_by=CommittedBy.HOST,
        organisation=context.organisations["windpark"],
    )

    _action(
        context,
        "Unterlagen zu Notstromkonzepten auf Englisch an die Gäste senden",
        follows_from=documents,
        external_owner="Wirtschaftsförderung Kleve",
        due_on=dt.date(2026, 1, 31),
        state=ActionState.DONE,
    )
    _action(
        context,
        "Ansprechperson im Wasserwerk Podilsk erfragen",
        follows_from=contact_person,
        description="Beim Büro des Bezirksrats nachfragen, falls bis Mitte Februar nichts kommt.",
        due_on=dt.date(2026, 2, 15),
        state=ActionState.OPEN,
    )
    _action(
        context,
        "Termin für das Online-Gespräch mit der Netzleitstelle vereinbaren",
        follows_from=online_call,
        external_owner="Schwanenland Energie",
        due_on=later,
        state=ActionState.IN_PROGRESS,
    )
    _action(
        context,
        "Musterverträge zur Bürgerbeteiligung ins Ukrainische übersetzen lassen",
        follows_from=contracts,
        external_owner="Wirtschaftsförderung Kleve",
        due_on=later,
        state=ActionState.OPEN,
    )
