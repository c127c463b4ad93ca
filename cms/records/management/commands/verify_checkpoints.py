from django.core.management.base import BaseCommand, CommandError

from cms.records.checkpoints import verify_checkpoint_lines


class Command(BaseCommand):
    help = "Check a file written by export_checkpoints against the database; exit non-zero on any problem."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        with open(file, encoding="utf-8") as lines:
            problems = [str(problem) for problem in verify_checkpoint_lines(lines)]
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} problem(s) against the checkpoints in {file}.")
        self.stdout.write("every checkpoint matches the record")
