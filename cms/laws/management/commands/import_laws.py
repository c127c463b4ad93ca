"""Import legal instruments from the JSON Lines format of ../shared/data.

    python manage.py import_laws --all                 # the 20 constitutions, the 2564 amendment,
                                                       # the 11 acts, regulations, glossary, topics
    python manage.py import_laws FILE.jsonl [--slug S --title T --kind act] [--replace]

A file with a missing or duplicate provision number is refused whole: nothing
is imported and the report lists every problem (exit status 1)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.laws import services
from cms.laws.importer import ImportRefused
from cms.laws.models import Chamber, InstrumentKind


class Command(BaseCommand):
    help = "Import legal instruments (constitutions, acts, meeting regulations) from JSON Lines."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="JSON Lines files of sections (one instrument each)")
        parser.add_argument("--all", action="store_true", help="Everything in SHARED_DATA_DIR and cms/laws/data")
        parser.add_argument("--replace", action="store_true", help="Replace instruments that already exist")
        parser.add_argument("--slug")
        parser.add_argument("--title")
        parser.add_argument("--kind", choices=[k.value for k in InstrumentKind])
        parser.add_argument("--chamber", choices=[c.value for c in Chamber if c.value])

    def handle(self, *args, **options):
        if not options["all"] and not options["files"]:
            raise CommandError("Give one or more files, or --all.")
        try:
            if options["all"]:
                services.load_all(stdout=self.stdout, replace=options["replace"])
            for name in options["files"]:
                fields = {"slug": options["slug"], "title": options["title"], "kind": options["kind"], "chamber": options["chamber"]}
                if options["kind"] == InstrumentKind.REGULATION:
                    fields["provision_word"] = "ข้อ"
                instrument, created = services.instrument_import_file(path=Path(name), replace=options["replace"], **fields)
                verb = "imported" if created else "already present (use --replace)"
                self.stdout.write(f"{instrument.slug}: {verb}, {instrument.provisions.count()} provisions")
        except ImportRefused as refused:
            self.stderr.write(refused.report())
            raise CommandError("Import refused; nothing was imported.") from None
