"""An appointment's programme item belongs to the same delegation, enforced by the database.

A check constraint cannot look into another table, so a trigger does it, on SQLite and on PostgreSQL.
"""

from django.db import migrations

from core.trigger_rules import TriggerRule, make_triggers

ERROR = "appointment_item_same_delegation"


class Migration(migrations.Migration):
    dependencies = [("visits", "0001_initial")]

    operations = [
        make_triggers(
            TriggerRule(
                name="visits_appointment_item_same_delegation",
                table="visits_companyappointment",
                events="INSERT OR UPDATE",
                when="""NEW.programme_item_id IS NOT NULL
                    AND (SELECT delegation_id FROM visits_programmeitem WHERE id = NEW.programme_item_id)
                        <> NEW.delegation_id""",
                error=ERROR,
            ),
            TriggerRule(
                name="visits_item_keeps_appointment_delegation",
                table="visits_programmeitem",
                events="UPDATE OF delegation_id",
                when="""EXISTS (SELECT 1 FROM visits_companyappointment a
                                WHERE a.programme_item_id = NEW.id AND a.delegation_id <> NEW.delegation_id)""",
                error=ERROR,
            ),
        )
    ]
