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
        problems, names = 0, {}
        for problem in verify_all(model=model_class):
            key = (problem.subject_type, problem.subject_id)
            if key not in names:
                names[key] = self._name(*key)
            self.stderr.write(f"{problem} [{names[key]}]" if names[key] else str(problem))
            problems += 1
        total = Event.objects.count()
        if problems:
            raise CommandError(f"{problems} problem(s) in the record of {len(names)} subject(s) ({total} events).")
        self.stdout.write(f"audit trail intact: {total} events")

    @staticmethod
    def _name(label, subject_id):
        """What the subject is called (a case's tracking code…), to find it in the admin."""
        try:
            subject = apps.get_model(label)._base_manager.filter(pk=subject_id).first()
        except LookupError:
            return ""
        return str(subject) if subject is not None else ""
