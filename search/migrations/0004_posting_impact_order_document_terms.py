from collections import defaultdict

from django.db import migrations, models

from search.backends.database import pack_terms


def store_terms_inline(apps, schema_editor):
    """On PostgreSQL the term list stays in the row (compressed if it can be), not in TOAST:
    coverage tests a dozen terms in a thousand rows, and each test would fetch it again."""
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name("chandra_search_searchdocument")
        schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN terms SET STORAGE MAIN")


def fill_terms(apps, schema_editor):
    """Documents indexed before their rows kept their terms get them from their postings."""
    SearchDocument = apps.get_model("chandra_search", "SearchDocument")
    Posting = apps.get_model("chandra_search", "Posting")
    ids = list(SearchDocument.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        held = defaultdict(list)
        for document_id, term_id in Posting.objects.filter(document_id__in=chunk).values_list("document_id", "term_id"):
            held[document_id].append(term_id)
        SearchDocument.objects.bulk_update(
            [SearchDocument(pk=pk, terms=pack_terms(held[pk])) for pk in chunk], ["terms"], batch_size=500
        )


class Migration(migrations.Migration):

    dependencies = [
        ('chandra_search', '0003_document_public'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='posting',
            name='search_posting_term_doc',
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='terms',
            field=models.BinaryField(default=b''),
        ),
        migrations.RunPython(store_terms_inline, migrations.RunPython.noop),
        migrations.RunPython(fill_terms, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='posting',
            index=models.Index(fields=['term', '-weight', 'document'], name='search_posting_term_impact'),
        ),
    ]
