from django.core.management.base import BaseCommand

from cases.services import case_close_unconfirmed, case_flag_overdue, purge_idempotency_keys


class Command(BaseCommand):
    help = ("Periodic work (run it from cron, e.g. every hour): flag open cases past their deadline and tell "
            "the supervisors; close resolved cases not confirmed in time; forget day-old Idempotency-Keys.")

    def handle(self, *args, **options):
        flagged = case_flag_overdue()
        closed = case_close_unconfirmed()
        purged = purge_idempotency_keys()
        self.stdout.write(f"flagged {flagged} overdue case(s); closed {closed} unconfirmed case(s); "
                          f"forgot {purged} idempotency key(s)")
