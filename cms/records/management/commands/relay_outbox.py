from django.conf import settings
from django.core.management.base import BaseCommand

from cms.records.relay import listen, send_waiting


class Command(BaseCommand):
    help = ("Send the outbox: every message as soon as the change that queued it commits (woken by PostgreSQL's "
            "NOTIFY), and every few seconds whatever else is waiting (retries, messages of a sender that died). "
            "Runs until stopped; several may run side by side.")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send what is waiting now and exit.")
        parser.add_argument("--poll", type=float, default=settings.RECORDS_OUTBOX_POLL_S,
                            help="Seconds between looks for waiting mail besides the wake-ups.")

    def handle(self, *args, once=False, poll, **options):
        if once:
            self.stdout.write(f"sent {send_waiting()} message(s)")
            return
        listen(poll_s=poll)
