from django.core.management.base import BaseCommand, CommandError

from cases.audit import verify_chains
from cases.models import Case, CaseEvent


class Command(BaseCommand):
    help = "Check the hash chain of every case's audit events; exit non-zero on any break."

    def handle(self, *args, **options):
        problems = 0
        codes = {}
        for case_id, seq, problem in verify_chains():
            if case_id not in codes:
                codes[case_id] = Case.objects.filter(pk=case_id).values_list("code", flat=True).first()
            self.stderr.write(f"case {codes[case_id]} event {seq}: {problem}")
            problems += 1
        total = CaseEvent.objects.count()
        if problems:
            raise CommandError(f"{problems} problem(s) in the audit trail of {len(codes)} case(s) ({total} events).")
        self.stdout.write(f"audit trail intact: {total} events")
