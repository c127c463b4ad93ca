from django.core.management.base import BaseCommand

from cms.base.stale_tasks import recover_stale_tasks


class Command(BaseCommand):
    help = "Queue again the background tasks whose worker died while running them (TASKS_STALE_AFTER_MINUTES)."

    def handle(self, *args, **options):
        count = recover_stale_tasks()
        if count:
            self.stdout.write(f"{count} stale task(s) queued again")
