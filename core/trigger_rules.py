"""Rules a check constraint cannot say, because they look into another table: triggers that refuse the write.

A `TriggerRule` is written once, as a condition on `NEW` in SQL both databases read; `make_triggers(*rules)`
is the migration operation that makes its triggers on SQLite (one per event, as SQLite wants) and on
PostgreSQL (a function and its trigger), and drops them again backwards. Both refuse with the rule's `error`
as the message (an IntegrityError in Django; on PostgreSQL a check violation). The models' `clean()` says the
same rule in words for the admin.
"""

from dataclasses import dataclass

from django.db import migrations


@dataclass(frozen=True)
class TriggerRule:
    """Refuse a write to `table` on `events` when `when` holds, with the message `error`.

    `name` names the triggers (and the PostgreSQL function); `events` is "INSERT OR UPDATE" or an
    "UPDATE OF column, …".
    """

    name: str
    table: str
    events: str
    when: str
    error: str

    def _sqlite_names_and_events(self) -> list[tuple[str, str]]:
        # SQLite's trigger has one event: "INSERT OR UPDATE" becomes two, named after their event.
        if self.events == "INSERT OR UPDATE":
            return [(f"{self.name}_{event.lower()}", event) for event in ("INSERT", "UPDATE")]
        return [(self.name, self.events)]

    def forward(self, vendor: str) -> list[str]:
        """The statements that make the triggers on `vendor`; none on a database without them."""
        if vendor == "sqlite":
            return [
                f"""
                CREATE TRIGGER {name}
                BEFORE {event} ON {self.table}
                WHEN {self.when}
                BEGIN
                    SELECT RAISE(ABORT, '{self.error}');
                END;
                """
                for name, event in self._sqlite_names_and_events()
            ]
        if vendor == "postgresql":
            return [
                f"""
                CREATE FUNCTION {self.name}() RETURNS trigger AS $$
                BEGIN
                    IF {self.when} THEN
                        RAISE EXCEPTION '{self.error}' USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;
                """,
                f"""
                CREATE TRIGGER {self.name}
                BEFORE {self.events} ON {self.table}
                FOR EACH ROW EXECUTE FUNCTION {self.name}();
                """,
            ]
        return []

    def reverse(self, vendor: str) -> list[str]:
        """The statements that drop the triggers on `vendor` again."""
        if vendor == "sqlite":
            return [f"DROP TRIGGER IF EXISTS {name};" for name, _event in self._sqlite_names_and_events()]
        if vendor == "postgresql":
            return [
                f"DROP TRIGGER IF EXISTS {self.name} ON {self.table};",
                f"DROP FUNCTION IF EXISTS {self.name}();",
            ]
        return []


def make_triggers(*rules: TriggerRule) -> migrations.RunPython:
    """The operation that makes the rules' triggers, in order, and drops them, in reverse order, backwards."""

    def forward(apps, schema_editor):
        for rule in rules:
            for statement in rule.forward(schema_editor.connection.vendor):
                schema_editor.execute(statement)

    def reverse(apps, schema_editor):
        for rule in reversed(rules):
            for statement in rule.reverse(schema_editor.connection.vendor):
                schema_editor.execute(statement)

    return migrations.RunPython(forward, reverse)
