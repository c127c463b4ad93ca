"""Migration operations of PostgreSQL alone (triggers, functions), which the SQLite demo
goes without."""

from django.db import migrations


def postgresql_only(sql, reverse_sql):
    """An operation that runs ``sql`` on PostgreSQL (and ``reverse_sql`` to undo it), and
    nothing on other databases."""
    def on_postgresql(statements):
        def run(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(statements, params=None)

        return run

    return migrations.RunPython(on_postgresql(sql), on_postgresql(reverse_sql), elidable=False)
