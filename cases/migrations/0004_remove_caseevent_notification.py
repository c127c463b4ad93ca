from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("cases", "0003_record_to_shared_core")]

    operations = [
        migrations.DeleteModel(name="Notification"),
        migrations.DeleteModel(name="CaseEvent"),
    ]
