from django.core.management.base import BaseCommand

from search.indexing import rebuild
from search.selectors import clear_vocabulary_cache


class Command(BaseCommand):
    help = "Empty the search index and fill it again from every public page and registered type."

    def handle(self, *args, **options):
        total = rebuild(stdout=self.stdout if options["verbosity"] > 1 else None)
        clear_vocabulary_cache()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {total} documents."))
