"""On PostgreSQL the database itself refuses to change or delete a recorded
event, whoever asks (the application refuses too, on every database)."""

from django.db import migrations

from cms.base.dbops import postgresql_only

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


class Migration(migrations.Migration):

    dependencies = [("records", "0001_initial")]

    operations = [postgresql_only(CREATE, DROP)]
