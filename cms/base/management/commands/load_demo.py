"""Load Chandra's demo content: idempotent, so `make demo` can run it every time.

The site tree, groups and accounts come first (cms.base.demo); then each app
that has a ``demo`` module adds its own content, in the order below."""

import importlib
import importlib.util
import time

from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_MODULES = [
    "cms.base.demo",
    "cms.news.demo",
    "cms.laws.demo",
    "cms.legislation.demo",
    "cms.live.demo",
    "cases.demo",
    # Search last: it indexes what the others loaded.
    "search.demo",
]


class Command(BaseCommand):
    help = "Load the demo site: pages in Thai and English, news, laws, cases, groups and demo accounts."

    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            if importlib.util.find_spec(name) is None:
                continue
            started = time.monotonic()
            module = importlib.import_module(name)
            with transaction.atomic():
                module.load(stdout=self.stdout)
            self.stdout.write(f"  {name}: {time.monotonic() - started:.1f} s")
        from cms.base.demo import print_accounts

        print_accounts(self.stdout)
