import json

from django.core.management.base import BaseCommand

from cms.records.checkpoints import current_checkpoints


class Command(BaseCommand):
    help = ("Write a signed checkpoint of every chain head as JSON lines, to keep outside the database; "
            "check it later with verify_checkpoints.")

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, output=None, **options):
        lines = (json.dumps(checkpoint, ensure_ascii=False, sort_keys=True) for checkpoint in current_checkpoints())
        count = 0
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                for line in lines:
                    stream.write(line + "\n")
                    count += 1
        else:
            for line in lines:
                self.stdout.write(line)
                count += 1
        self.stderr.write(f"{count} checkpoint(s) written")
