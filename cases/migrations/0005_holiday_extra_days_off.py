"""Thailand's public holidays now come from the ``holidays`` package; the
table keeps only the extra days off that staff enter. Rows that are public
or government holidays by the package (the hand-entered calendar) go."""

import holidays
from django.db import migrations


def forwards(apps, schema_editor):
    Holiday = apps.get_model("cases", "Holiday")
    public = holidays.country_holidays("TH", categories=(holidays.PUBLIC, holidays.GOVERNMENT))
    covered = [pk for pk, date in Holiday.objects.values_list("pk", "date") if date in public]
    Holiday.objects.filter(pk__in=covered).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0004_remove_caseevent_notification'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='holiday',
            options={'ordering': ['date'], 'verbose_name': 'extra day off', 'verbose_name_plural': 'extra days off'},
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
