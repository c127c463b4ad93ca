"""On PostgreSQL the database itself refuses to change or delete a recorded
event, whoever asks (the application refuses too, on every database)."""

from django.db import migrations

CREATE = """
CREATE FUNCTION records_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'records_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER records_event_append_only BEFORE UPDATE OR DELETE ON records_event
    FOR EACH ROW EXECUTE FUNCTION records_event_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS records_event_append_only ON records_event;
DROP FUNCTION IF EXISTS records_event_append_only();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):

    dependencies = [("records", "0001_initial")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False)]
