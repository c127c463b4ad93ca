"""On PostgreSQL the database wakes the outbox's relays: a statement that adds
messages sends ``NOTIFY records_outbox``, which reaches the listeners when its
transaction commits (once per transaction, never if it rolls back), whoever wrote
the messages and however. Elsewhere (the SQLite demo) the relays look on their own."""

from django.db import migrations

from cms.base.dbops import postgresql_only

CREATE = """
CREATE FUNCTION records_outbox_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('records_outbox', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER records_outbox_wake AFTER INSERT ON records_outboxmessage
    FOR EACH STATEMENT EXECUTE FUNCTION records_outbox_wake();
"""

DROP = """
DROP TRIGGER IF EXISTS records_outbox_wake ON records_outboxmessage;
DROP FUNCTION IF EXISTS records_outbox_wake();
"""


class Migration(migrations.Migration):

    dependencies = [("records", "0003_outbox_fewer_indexes")]

    operations = [postgresql_only(CREATE, DROP)]
