from django.core.management.base import BaseCommand

from cms.records.relay import send_waiting
from cms.records.tasks import deliver_due


class Command(BaseCommand):
    help = ("Periodic work (every few minutes): deliver the follows that are due (daily digests, anything a crash "
            "held back), then send the mail still waiting (a retry that is due, a message left half-sent by a "
            "sender that died), as the relay does.")

    def handle(self, *args, **options):
        delivered = deliver_due()
        sent = send_waiting()
        self.stdout.write(f"{delivered} new from follows; sent {sent} message(s)")
