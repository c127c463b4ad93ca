from django.core.management.base import BaseCommand

from cases.conf import conf
from cases.services import anonymise_closed_cases


class Command(BaseCommand):
    help = "Remove complainants' personal data from cases finished more than CASES_RETENTION_YEARS ago."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=None,
                            help=f"override the retention period (default {conf.retention_years})")

    def handle(self, *args, years=None, **options):
        count = anonymise_closed_cases(years=years)
        self.stdout.write(f"anonymised {count} case(s)")
