"""An action follows only from an outcome of its own delegation, enforced by the database.

The outcome's delegation is that of its programme item or of its company appointment; a check constraint cannot
look into other tables, so triggers do it, on SQLite and on PostgreSQL: when an action is written, and when an
outcome with actions is moved to another item or appointment.
"""

from django.db import migrations

from core.trigger_rules import TriggerRule, make_triggers

ERROR = "action_outcome_same_delegation"
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


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0002_roles"),
        ("visits", "0002_appointment_item_same_delegation"),
    ]

    operations = [
        make_triggers(
            TriggerRule(
                name="followup_action_outcome_same_delegation",
                table="followup_action",
                events="INSERT OR UPDATE",
                when=f"NEW.follows_from_id IS NOT NULL AND {OUTCOME_DELEGATION} <> NEW.delegation_id",
                error=ERROR,
            ),
            TriggerRule(
                name="followup_outcome_keeps_action_delegation",
                table="followup_outcome",
                events="UPDATE OF programme_item_id, appointment_id",
                when=f"""EXISTS (SELECT 1 FROM followup_action x
                                 WHERE x.follows_from_id = NEW.id AND x.delegation_id <> {MOVED_OUTCOME_DELEGATION})""",
                error=ERROR,
            ),
        )
    ]
