"""The inbox's due-date order served by two expression indexes (ascending and
descending). SQLite cannot build an index NULLS LAST, so the demo's database
goes without them: the indexes are built on PostgreSQL only."""

from django.db import migrations, models

INDEXES = [
    models.Index(models.Case(models.When(state__in=['accepted', 'assigned', 'awaiting_citizen', 'in_progress', 'received', 'reopened', 'screening'], then=0), default=1, output_field=models.IntegerField()), models.OrderBy(models.Case(models.When(state__in=['received', 'screening'], then=models.F('acknowledge_due')), models.When(state__in=['accepted', 'assigned', 'awaiting_citizen', 'in_progress', 'reopened'], then=models.F('resolve_due')), output_field=models.DateField()), nulls_last=True), models.OrderBy(models.F('filed_at'), descending=True), models.OrderBy(models.F('id')), name='cases_inbox_due_idx'),
    models.Index(models.Case(models.When(state__in=['accepted', 'assigned', 'awaiting_citizen', 'in_progress', 'received', 'reopened', 'screening'], then=0), default=1, output_field=models.IntegerField()), models.OrderBy(models.Case(models.When(state__in=['received', 'screening'], then=models.F('acknowledge_due')), models.When(state__in=['accepted', 'assigned', 'awaiting_citizen', 'in_progress', 'reopened'], then=models.F('resolve_due')), output_field=models.DateField()), descending=True, nulls_last=True), models.OrderBy(models.F('filed_at'), descending=True), models.OrderBy(models.F('id')), name='cases_inbox_due_desc_idx'),
]


def _add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.add_index(apps.get_model("cases", "Case"), index)


def _remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.remove_index(apps.get_model("cases", "Case"), index)


class Migration(migrations.Migration):

    dependencies = [("cases", "0005_holiday_extra_days_off")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="case", index=index) for index in INDEXES],
            database_operations=[migrations.RunPython(_add, _remove, elidable=False)],
        ),
    ]
