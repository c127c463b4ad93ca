from django.core.management.base import BaseCommand

from cms.follows import delivery


class Command(BaseCommand):
    help = "Send the waiting follow e-mails in batches over one SMTP connection each (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=delivery.SEND_BATCH)

    def handle(self, *args, batch, **options):
        sent = delivery.send_until_empty(batch=batch)
        self.stdout.write(f"sent {sent}")
