from django.core.management.base import BaseCommand

from cms.records.tasks import deliver_due, send_pending


class Command(BaseCommand):
    help = ("Periodic work (every few minutes): queue the outbox messages still waiting or left half-sent by a "
            "worker that died, and deliver the follows that are due (daily digests, anything a crash held back).")

    def handle(self, *args, **options):
        delivered = deliver_due()
        queued = send_pending()
        self.stdout.write(f"queued {queued} message(s); {delivered} new from follows")
