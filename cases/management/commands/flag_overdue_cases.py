from django.core.management.base import BaseCommand

from cases.services import case_flag_overdue
from cases.tasks import send_pending


class Command(BaseCommand):
    help = ("Flag open cases past their deadline and tell the supervisors (run it from cron, "
            "e.g. hourly); also retries unsent notifications.")

    def handle(self, *args, **options):
        flagged = case_flag_overdue()
        retried = send_pending()
        self.stdout.write(f"flagged {flagged} overdue case(s); queued {retried} unsent notification(s)")
