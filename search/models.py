"""The search index: one row per searchable thing, and an inverted index of its
analysed terms that works the same on PostgreSQL and SQLite.

Each posting stores its BM25 term-frequency part (length-normalised at index
time); a query sums ``weight × idf`` over the postings of its terms, so
common terms are discounted (which ``ts_rank`` cannot do) and a long
question is an OR of its terms rather than an AND that matches nothing.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index  # noqa: F401


class Abbreviation(models.Model):
    """A Thai abbreviation and what it stands for, managed by editors.

    Queries and indexed texts that contain the abbreviation also match its
    expansion (and the other way round)."""

    abbreviation = models.CharField(_("abbreviation"), max_length=40, unique=True, help_text=_("As written, with its dots, e.g. พ.ร.บ."))
    expansion = models.CharField(_("stands for"), max_length=200, help_text=_("The full words, e.g. พระราชบัญญัติ"))

    panels = [FieldPanel("abbreviation"), FieldPanel("expansion")]

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("abbreviation")
        verbose_name_plural = _("abbreviations")

    def __str__(self):
        return f"{self.abbreviation} = {self.expansion}"


class SearchDocument(models.Model):
    """One indexed object (a page, a registered type's object, an image, a document…) as
    the index sees it."""

    key = models.CharField(max_length=40, db_index=True)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    language = models.CharField(max_length=8, default="th", db_index=True)
    # Pages in several languages share a translation key: one result per page.
    group = models.CharField(max_length=64, blank=True, default="")
    url = models.CharField(max_length=500)
    title = models.TextField()
    title_norm = models.TextField(db_index=False)
    number = models.CharField(max_length=40, blank=True, default="", db_index=True)
    date = models.DateField(null=True, blank=True)
    year = models.IntegerField(null=True, blank=True, db_index=True)
    body = models.TextField(blank=True, default="")
    body_norm = models.TextField(blank=True, default="")
    # The law in force (or any other current thing) ranks above what it replaced; documents that
    # share a lineage ("constitution:256") are versions of one thing, grouped under the one in force.
    in_force = models.BooleanField(default=True)
    # Everything Wagtail indexes is here (the admin finds drafts, images, documents); the
    # public search reads only what the public may see: live public pages, registered
    # types' public objects.
    public = models.BooleanField(default=True)
    # How much a document counts when nothing in the query says otherwise: 1 for the highest
    # instrument in force (the constitution), less for lower or superseded ones.
    standing = models.FloatField(default=1.0)
    lineage = models.CharField(max_length=80, blank=True, default="", db_index=True)
    length = models.IntegerField(default=0)
    # The ids of the document's terms (search.backends.database.pack_terms): which of a query's
    # words each of a thousand candidates holds is read from their rows, not from the postings.
    terms = models.BinaryField(default=b"", editable=False)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_document_unique_object"),
        ]
        # The public search leaves out the few documents that are not public: a small index
        # of just those keeps that look-up off the whole table.
        indexes = [models.Index(fields=["id"], condition=models.Q(public=False), name="search_document_private")]

    def __str__(self):
        return self.title


class Term(models.Model):
    """An index term and the number of documents that hold it."""

    text = models.CharField(max_length=100, unique=True)
    df = models.IntegerField(default=0)
    # Seen as a whole word (not only as a bigram): the vocabulary of "did you mean".
    is_word = models.BooleanField(default=False)

    def __str__(self):
        return self.text


class Posting(models.Model):
    """A term in a document, with its BM25 term-frequency weight (title terms count double)."""

    # No database constraints: a rebuild writes millions of postings, and deferred foreign-key
    # checks would double its time; the backend deletes postings with their document.
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False)
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="postings", db_constraint=False)
    weight = models.FloatField()

    class Meta:
        indexes = [
            # A term's postings, heaviest first: a common term's best documents are its first rows.
            models.Index(fields=["term", "-weight", "document"], name="search_posting_term_impact"),
        ]
