"""An action follows only from an outcome of its own delegation, enforced by the database.

The outcome's delegation is that of its programme item or of its company appointment; a check constraint cannot
look into other tables, so triggers do it, on SQLite and on PostgreSQL: when an action is written, and when an
outcome with actions is moved to another item or appointment.
"""

from django.db import migrations

OUTCOME_DELEGATION = """
    (SELECT COALESCE(i.delegation_id, a.delegation_id)
       FROM followup_outcome o
       LEFT JOIN visits_programmeitem i ON i.id = o.programme_item_id
       LEFT JOIN visits_companyappointment a ON a.id = o.appointment_id
      WHERE o.id = NEW.follows_from_id)
"""
MOVED_OUTCOME_DELEGATION = """
    COALESCE((SELECT delegation_id FROM visits_programmeitem WHERE id = NEW.programme_item_id),
             (SELECT delegation_id FROM visits_companyappointment WHERE id = NEW.appointment_id))
"""

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER followup_action_outcome_same_delegation_{event.lower()}
    BEFORE {event} ON followup_action
    WHEN NEW.follows_from_id IS NOT NULL AND {OUTCOME_DELEGATION} != NEW.delegation_id
    BEGIN
        SELECT RAISE(ABORT, 'action_outcome_same_delegation');
    END;
    """
    for event in ("INSERT", "UPDATE")
] + [
    f"""
    CREATE TRIGGER followup_outcome_keeps_action_delegation
    BEFORE UPDATE OF programme_item_id, appointment_id ON followup_outcome
    WHEN EXISTS (SELECT 1 FROM followup_action x
                 WHERE x.follows_from_id = NEW.id AND x.delegation_id != {MOVED_OUTCOME_DELEGATION})
    BEGIN
        SELECT RAISE(ABORT, 'action_outcome_same_delegation');
    END;
    """
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS followup_action_outcome_same_delegation_insert;",
    "DROP TRIGGER IF EXISTS followup_action_outcome_same_delegation_update;",
    "DROP TRIGGER IF EXISTS followup_outcome_keeps_action_delegation;",
]

POSTGRES_FORWARD = [
    f"""
    CREATE FUNCTION followup_action_outcome_same_delegation() RETURNS trigger AS $$
    BEGIN
        IF NEW.follows_from_id IS NOT NULL AND {OUTCOME_DELEGATION} <> NEW.delegation_id THEN
            RAISE EXCEPTION 'action_outcome_same_delegation' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER followup_action_outcome_same_delegation
    BEFORE INSERT OR UPDATE ON followup_action
    FOR EACH ROW EXECUTE FUNCTION followup_action_outcome_same_delegation();
    """,
    f"""
    CREATE FUNCTION followup_outcome_keeps_action_delegation() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM followup_action x
                   WHERE x.follows_from_id = NEW.id AND x.delegation_id <> {MOVED_OUTCOME_DELEGATION})
        THEN
            RAISE EXCEPTION 'action_outcome_same_delegation' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER followup_outcome_keeps_action_delegation
    BEFORE UPDATE OF programme_item_id, appointment_id ON followup_outcome
    FOR EACH ROW EXECUTE FUNCTION followup_outcome_keeps_action_delegation();
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS followup_outcome_keeps_action_delegation ON followup_outcome;",
    "DROP FUNCTION IF EXISTS followup_outcome_keeps_action_delegation();",
    "DROP TRIGGER IF EXISTS followup_action_outcome_same_delegation ON followup_action;",
    "DROP FUNCTION IF EXISTS followup_action_outcome_same_delegation();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0002_roles"),
        ("visits", "0002_appointment_item_same_delegation"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
