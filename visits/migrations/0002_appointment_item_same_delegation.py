"""An appointment's programme item belongs to the same delegation, enforced by the database.

A check constraint cannot look into another table, so a trigger does it, on SQLite and on PostgreSQL.
"""

from django.db import migrations

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER visits_appointment_item_same_delegation_{event.lower()}
    BEFORE {event} ON visits_companyappointment
    WHEN NEW.programme_item_id IS NOT NULL
     AND (SELECT delegation_id FROM visits_programmeitem WHERE id = NEW.programme_item_id) != NEW.delegation_id
    BEGIN
        SELECT RAISE(ABORT, 'appointment_item_same_delegation');
    END;
    """
    for event in ("INSERT", "UPDATE")
] + [
    """
    CREATE TRIGGER visits_item_keeps_appointment_delegation
    BEFORE UPDATE OF delegation_id ON visits_programmeitem
    WHEN EXISTS (SELECT 1 FROM visits_companyappointment a
                 WHERE a.programme_item_id = NEW.id AND a.delegation_id != NEW.delegation_id)
    BEGIN
        SELECT RAISE(ABORT, 'appointment_item_same_delegation');
    END;
    """
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS visits_appointment_item_same_delegation_insert;",
    "DROP TRIGGER IF EXISTS visits_appointment_item_same_delegation_update;",
    "DROP TRIGGER IF EXISTS visits_item_keeps_appointment_delegation;",
]

POSTGRES_FORWARD = [
    """
    CREATE FUNCTION visits_appointment_item_same_delegation() RETURNS trigger AS $$
    BEGIN
        IF NEW.programme_item_id IS NOT NULL AND
           (SELECT delegation_id FROM visits_programmeitem WHERE id = NEW.programme_item_id) <> NEW.delegation_id
        THEN
            RAISE EXCEPTION 'appointment_item_same_delegation' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER visits_appointment_item_same_delegation
    BEFORE INSERT OR UPDATE ON visits_companyappointment
    FOR EACH ROW EXECUTE FUNCTION visits_appointment_item_same_delegation();
    """,
    """
    CREATE FUNCTION visits_item_keeps_appointment_delegation() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM visits_companyappointment a
                   WHERE a.programme_item_id = NEW.id AND a.delegation_id <> NEW.delegation_id)
        THEN
            RAISE EXCEPTION 'appointment_item_same_delegation' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER visits_item_keeps_appointment_delegation
    BEFORE UPDATE OF delegation_id ON visits_programmeitem
    FOR EACH ROW EXECUTE FUNCTION visits_item_keeps_appointment_delegation();
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS visits_item_keeps_appointment_delegation ON visits_programmeitem;",
    "DROP FUNCTION IF EXISTS visits_item_keeps_appointment_delegation();",
    "DROP TRIGGER IF EXISTS visits_appointment_item_same_delegation ON visits_companyappointment;",
    "DROP FUNCTION IF EXISTS visits_appointment_item_same_delegation();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("visits", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
