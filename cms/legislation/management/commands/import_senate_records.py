from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.legislation import importer


class Command(BaseCommand):
    help = "Import bills, votes, sittings, committees and senators from the senate_* JSON Lines files (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--folder", default=str(settings.SHARED_DATA_DIR),
                            help="Folder with senators.jsonl, senate_bills.jsonl, … (default: SHARED_DATA_DIR)")

    def handle(self, *args, folder, **options):
        path = Path(folder)
        if not importer.available(path):
            raise CommandError(f"{path} does not hold all of: {', '.join(importer.FILES)}")
        report = importer.import_all(path)
        self.stdout.write(f"Imported from {path}: {report}. {importer.ATTRIBUTION}")
