from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from cms.records.models import Event
from cms.records.selectors import verify_all


class Command(BaseCommand):
    help = ("Check every recorded chain (cases, bills…): signatures, links, numbering and the chain head kept "
            "on each subject. Exit non-zero on any problem.")

    def add_arguments(self, parser):
        parser.add_argument("--model", help="only this model, e.g. cases.case")

    def handle(self, *args, model=None, **options):
        model_class = apps.get_model(model) if model else None
        problems, subjects = 0, set()
        for problem in verify_all(model=model_class):
            self.stderr.write(str(problem))
            problems += 1
            subjects.add((problem.subject_type, problem.subject_id))
        total = Event.objects.count()
        if problems:
            raise CommandError(f"{problems} problem(s) in the record of {len(subjects)} subject(s) ({total} events).")
        self.stdout.write(f"audit trail intact: {total} events")
