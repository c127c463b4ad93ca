"""The inverted index in the site's own database (PostgreSQL or SQLite).

Scoring is BM25: each posting holds ``tf·(k1+1) / (tf + k1·(1-b+b·len/avglen))``
computed at index time; a query sums ``posting weight × idf(term)`` in one
GROUP BY, so it is an OR of its terms (long questions still
match) with common terms discounted by their idf.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from django.db import connection, transaction
from django.db.models import Avg, BinaryField, BooleanField, Count, F, Func, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from ..analysis import analyse_with_words, fold, normalise
from ..models import Posting, SearchDocument, Term
from . import ConceptTests

K1 = 1.2
B = 0.75
TITLE_BOOST = 2
HEADING_BOOST = 1
NUMBER_BOOST = 1
# A query reads the postings of its rarest terms whole up to about this many rows; past it
# the commoner terms are left out, but the KEEP_AT_LEAST rarest still read their heaviest
# postings (see ``candidates``). Coverage (search.selectors) still sees every term on the
# candidates. Small indexes rarely reach it; a 100,000-document index does for common words.
POSTING_BUDGET = 20_000
KEEP_AT_LEAST = 3
# A pasted text (a ruling request, a letter) is many terms, each a small part of its score:
# it may read more postings (NitiBench-Tax, 50 such questions: hit@10 0.80 and mrr@10 0.583
# with this budget, 0.80 and 0.541 with the typed queries' one).
PASTED_POSTING_BUDGET = 100_000
CHUNK = 900  # below SQLite's bound on query parameters


def pack_terms(term_ids) -> bytes:
    """A document's term ids as it keeps them (``SearchDocument.terms``): four bytes each, seven
    bits of the id in each, the first byte's high bit set. A term's four bytes can then only be
    found where a term starts, so "does this document hold the term" is a substring test the
    database runs (:class:`HoldsTerm`)."""
    packed = bytearray()
    for term_id in sorted(term_ids):
        if term_id >= 1 << 28:
            raise ValueError(f"term id {term_id} does not fit in 28 bits")
        packed += bytes((0x80 | term_id >> 21, term_id >> 14 & 0x7F, term_id >> 7 & 0x7F, term_id & 0x7F))
    return bytes(packed)


class HoldsTerm(Func):
    """Whether a document's packed terms hold a packed term (see :func:`pack_terms`)."""

    output_field = BooleanField()
    arity = 2
    template = "(INSTR(%(expressions)s) > 0)"

    def __init__(self, terms, term_id: int):
        super().__init__(terms, Value(pack_terms([term_id]), output_field=BinaryField()))

    def as_postgresql(self, compiler, connection, **extra):
        swapped = self.copy()
        swapped.set_source_expressions(self.get_source_expressions()[::-1])
        return Func.as_sql(swapped, compiler, connection, template="(POSITION(%(expressions)s) > 0)", arg_joiner=" IN ", **extra)


class HoldsConcept(Func):
    """Whether a document holds any of the ways (lists of term ids, each all to be held):
    ``(a AND b) OR (c)``, which the database stops evaluating as soon as it knows."""

    output_field = BooleanField()

    def __init__(self, ways: list[list[int]]):
        self.sizes = [len(way) for way in ways]
        super().__init__(*[HoldsTerm("terms", term_id) for way in ways for term_id in way])

    def as_sql(self, compiler, connection, **extra):
        tests = iter(self.get_source_expressions())
        params, ways = [], []
        for size in self.sizes:
            terms = []
            for _ in range(size):
                test_sql, test_params = compiler.compile(next(tests))
                terms.append(test_sql)
                params.extend(test_params)
            ways.append("(" + " AND ".join(terms) + ")")
        return ("(" + " OR ".join(ways) + ")" if ways else "(1 = 0)"), params


def _chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def document_terms(doc) -> tuple[Counter, set[str], int]:
    """Term frequencies (title terms counted TITLE_BOOST more times, the heading's
    HEADING_BOOST more), whole words, length. Abbreviations are not expanded here: the
    query expands them, so editing the list needs no re-index."""
    body_terms, body_words = analyse_with_words(doc.body, expand=False)
    title_terms, title_words = analyse_with_words(doc.title, expand=False)
    heading = getattr(doc, "heading", "")
    heading_terms, heading_words = analyse_with_words(heading, expand=False) if heading else ([], [])
    counts = Counter(body_terms)
    for term in title_terms:
        counts[term] += TITLE_BOOST
    for term in heading_terms:
        counts[term] += HEADING_BOOST
    if doc.number:
        counts[fold(doc.number)] += NUMBER_BOOST
    whole = set(body_words) | set(title_words) | set(heading_words)
    return counts, whole, len(body_terms) + len(title_terms) + len(heading_terms)


class DatabaseBackend:
    name = "database"
    stores_postings = True

    # --- writing -------------------------------------------------------------------------------

    def clear(self) -> None:
        with transaction.atomic():
            Posting.objects.all().delete()
            SearchDocument.objects.all().delete()
            Term.objects.all().delete()

    @staticmethod
    def _term_map(texts: set[str], words_seen: set[str]) -> dict[str, int]:
        """Term ids, read inside the caller's transaction every time. Ids are never kept
        between calls: a rebuild in another process, or a rolled-back transaction, takes
        them away, and postings written to a vanished id would make the page unfindable."""
        term_ids: dict[str, int] = {}
        for chunk in _chunks(texts):
            for pk, text in Term.objects.filter(text__in=chunk).values_list("pk", "text"):
                term_ids[text] = pk
        new = [text for text in texts if text not in term_ids]
        if new:
            Term.objects.bulk_create(
                [Term(text=text, df=0, is_word=text in words_seen) for text in new], ignore_conflicts=True, batch_size=2000
            )
            for chunk in _chunks(new):
                for pk, text in Term.objects.filter(text__in=chunk).values_list("pk", "text"):
                    term_ids[text] = pk
        # A term first seen as a bigram may later turn up as a word.
        became_words = [term_ids[text] for text in words_seen & texts if text not in new]
        for chunk in _chunks(became_words):
            Term.objects.filter(pk__in=chunk, is_word=False).update(is_word=True)
        return term_ids

    def index(self, docs, *, fresh: bool = False, avg_length: float | None = None) -> int:
        """Write documents and their postings; ``fresh`` skips looking for old rows (rebuild)."""
        if not docs:
            return 0
        analysed = [document_terms(doc) for doc in docs]
        with transaction.atomic():
            if not fresh:
                by_type = defaultdict(list)
                for doc in docs:
                    by_type[doc.content_type_id].append(doc.object_id)
                for content_type_id, object_ids in by_type.items():
                    self.remove(content_type_id, object_ids)
            if avg_length is None:
                existing = SearchDocument.objects.aggregate(avg=Avg("length"), n=Count("pk"))
                batch_avg = sum(length for _, _, length in analysed) / len(analysed)
                n = existing["n"] or 0
                avg_length = ((existing["avg"] or 0) * n + batch_avg * len(analysed)) / (n + len(analysed))
            avg_length = max(avg_length, 1.0)
            all_terms: set[str] = set()
            all_words: set[str] = set()
            for counts, whole, _ in analysed:
                all_terms.update(counts)
                all_words.update(whole)
            term_ids = self._term_map(all_terms, all_words & all_terms)
            rows = self.write_rows(
                docs, [length for _, _, length in analysed], [pack_terms(term_ids[text] for text in counts) for counts, _, _ in analysed]
            )
            postings = []
            df_increments: Counter = Counter()
            for row, (counts, _, length) in zip(rows, analysed):
                norm = K1 * (1 - B + B * length / avg_length)
                for text, tf in counts.items():
                    term_id = term_ids[text]
                    postings.append((term_id, row.pk, tf * (K1 + 1) / (tf + norm)))
                    df_increments[term_id] += 1
            self._insert_postings(postings)
            if not fresh:
                self._add_df(df_increments)
        return len(rows)

    @staticmethod
    def write_rows(docs, lengths=None, terms=None) -> list[SearchDocument]:
        """Create the document rows (whatever the backend, documents live in the database)."""
        lengths = lengths or [0] * len(docs)
        terms = terms or [b""] * len(docs)
        rows = [
            SearchDocument(
                key=doc.key,
                content_type_id=doc.content_type_id,
                object_id=doc.object_id,
                language=doc.language,
                group=doc.group,
                url=doc.url[:500],
                title=doc.title,
                title_norm=normalise(doc.title),
                number=doc.number[:40],
                date=doc.date,
                year=doc.date.year if doc.date else None,
                in_force=getattr(doc, "in_force", True),
                lineage=getattr(doc, "lineage", ""),
                standing=getattr(doc, "standing", 1.0),
                public=doc.public,
                body=doc.body,
                body_norm=normalise(doc.body),
                length=length,
                terms=packed,
            )
            for doc, length, packed in zip(docs, lengths, terms)
        ]
        SearchDocument.objects.bulk_create(rows, batch_size=500)
        return rows

    @staticmethod
    def _insert_postings(postings: list[tuple[int, int, float]]) -> None:
        """Write (term id, document id, weight) rows. On PostgreSQL through COPY, which is
        about ten times faster than INSERT for the hundreds of postings of each document."""
        if not postings:
            return
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(Posting._meta.db_table)
            columns = ", ".join(
                connection.ops.quote_name(Posting._meta.get_field(name).column) for name in ("term", "document", "weight")
            )
            with connection.cursor() as cursor:
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in postings:
                        copy.write_row(row)
            return
        Posting.objects.bulk_create(
            [Posting(term_id=term_id, document_id=doc_id, weight=weight) for term_id, doc_id, weight in postings],
            batch_size=2000,
        )

    def _add_df(self, increments: Counter, sign: int = 1) -> None:
        by_amount = defaultdict(list)
        for term_id, amount in increments.items():
            by_amount[amount].append(term_id)
        for amount, term_ids in by_amount.items():
            for chunk in _chunks(term_ids):
                Term.objects.filter(pk__in=chunk).update(df=F("df") + sign * amount)

    def finish_rebuild(self) -> None:
        """After a rebuild: document frequencies counted once, in the database."""
        counts = Posting.objects.filter(term=OuterRef("pk")).values("term").annotate(n=Count("pk")).values("n")
        Term.objects.update(df=Coalesce(Subquery(counts), Value(0)))
        Term.objects.filter(df=0).delete()
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # A rebuild writes millions of postings at once. VACUUM sets the visibility map,
            # so queries read postings by index-only scans instead of visiting the scattered
            # table pages (about four times faster at 100,000 documents); ANALYZE gives the
            # planner the new sizes. Later small updates are left to autovacuum.
            with connection.cursor() as cursor:
                for model in (Posting, Term, SearchDocument):
                    cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")

    def remove(self, content_type_id: int, object_ids) -> None:
        documents = SearchDocument.objects.filter(content_type_id=content_type_id, object_id__in=[str(pk) for pk in object_ids])
        doc_ids = list(documents.values_list("pk", flat=True))
        if not doc_ids:
            return
        with transaction.atomic():
            decrements: Counter = Counter()
            for chunk in _chunks(doc_ids):
                for term_id, n in (
                    Posting.objects.filter(document_id__in=chunk).values("term_id").annotate(n=Count("pk")).values_list("term_id", "n")
                ):
                    decrements[term_id] += n
            for chunk in _chunks(doc_ids):
                Posting.objects.filter(document_id__in=chunk).delete()
                SearchDocument.objects.filter(pk__in=chunk).delete()
            self._add_df(decrements, sign=-1)

    # --- reading -------------------------------------------------------------------------------

    def term_stats(self, texts) -> dict[str, tuple[int, int]]:
        """{term: (id, df)} for the terms that are in the index."""
        found = {}
        for chunk in _chunks(set(texts)):
            for pk, text, df in Term.objects.filter(text__in=chunk, df__gt=0).values_list("pk", "text", "df"):
                found[text] = (pk, df)
        return found

    def document_count(self) -> int:
        """The number of documents, for idf. On PostgreSQL a large index answers with the
        planner's estimate (kept by ANALYZE and autovacuum): counting 100,000 rows took a
        quarter of a search's time, and idf does not notice a fraction of a percent."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [SearchDocument._meta.db_table])
                row = cursor.fetchone()
            if row and row[0] >= 10_000:
                return int(row[0])
        return SearchDocument.objects.count()

    def candidates(
        self, query_terms: Counter, *, limit: int = 1000, key: str | None = None, year: int | None = None,
        public: bool = True, content_types: list[int] | None = None, pasted: bool = False,
    ) -> list[tuple[int, float]]:
        """The best ``limit`` documents for weighted query terms, as (document id, score):
        the sum over the terms of ``query weight × idf × posting weight``. ``key``,
        ``year`` and ``content_types`` narrow the documents in the same query, so a filter
        never empties a page that the unfiltered candidates would have crowded out;
        ``public`` leaves out what the public does not see (Wagtail's admin search does not);
        ``pasted`` (a pasted text's many words) raises the posting budget."""
        stats = self.term_stats(query_terms)
        if not stats:
            return []
        n = max(self.document_count(), 1)
        # Rarest first, each read whole while the posting budget lasts; past it the commoner
        # terms are left out (their idf adds least; coverage still sees them), except that the
        # KEEP_AT_LEAST rarest always count: past the budget they read only their ``limit``
        # heaviest postings (the documents they count most in), so a lone common word still
        # finds its best documents without reading all of its postings.
        chosen = []
        budget = PASTED_POSTING_BUDGET if pasted else POSTING_BUDGET
        for text, (term_id, df) in sorted(stats.items(), key=lambda item: item[1][1]):
            whole = df <= budget
            if not whole and len(chosen) >= KEEP_AT_LEAST:
                break
            cap = None if whole else min(df, limit)  # no LIMIT: whole, even if df lags a write
            budget -= df if whole else cap
            idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
            chosen.append((term_id, float(query_terms[text]) * idf, cap))
        if connection.vendor == "sqlite":
            chosen = chosen[: CHUNK // 4]  # four parameters a term, within SQLite's bound
        # The terms' weights (query weight × idf) and caps go in as a tiny VALUES table; each
        # term's postings are read heaviest first from the (term, weight, document) index.
        cast = "CAST(%s AS bigint), CAST(%s AS double precision), CAST(%s AS bigint)"
        values = ", ".join([f"({cast if connection.vendor == 'postgresql' else '%s, %s, %s'})"] * len(chosen))
        params = [value for row in chosen for value in row]
        posting = connection.ops.quote_name(Posting._meta.db_table)
        narrowing, narrowing_params = "", []
        document = connection.ops.quote_name(SearchDocument._meta.db_table)
        if public:
            # A small set (drafts, images, documents), read through its partial index.
            narrowing = f" AND p.document_id NOT IN (SELECT d.id FROM {document} d WHERE NOT d.public)"
        if key or year or content_types:
            narrowing += f" AND p.document_id IN (SELECT d.id FROM {document} d WHERE "
            conditions = []
            if key:
                conditions.append("d.key = %s")
                narrowing_params.append(key)
            if year:
                conditions.append("d.year = %s")
                narrowing_params.append(year)
            if content_types:
                conditions.append(f"d.content_type_id IN ({', '.join(['%s'] * len(content_types))})")
                narrowing_params.extend(content_types)
            narrowing += " AND ".join(conditions) + ")"
        if connection.vendor == "postgresql":
            postings = (
                f"q CROSS JOIN LATERAL (SELECT p.document_id, p.weight FROM {posting} p WHERE p.term_id = q.term_id{narrowing} "
                "ORDER BY p.weight DESC, p.document_id LIMIT q.cap) p"
            )
        else:
            in_list = ", ".join(["%s"] * len(chosen))
            params.extend(term_id for term_id, *_ in chosen)
            postings = (
                f"(SELECT p.term_id, p.document_id, p.weight, ROW_NUMBER() OVER (PARTITION BY p.term_id ORDER BY p.weight DESC, "
                f"p.document_id) AS rank FROM {posting} p WHERE p.term_id IN ({in_list}){narrowing}) p "
                "JOIN q ON q.term_id = p.term_id AND (q.cap IS NULL OR p.rank <= q.cap)"
            )
        params.extend(narrowing_params)
        sql = (
            f"WITH q(term_id, idf, cap) AS (VALUES {values}) "
            f"SELECT p.document_id, SUM(p.weight * q.idf) AS score FROM {postings} "
            "GROUP BY p.document_id ORDER BY score DESC, p.document_id DESC LIMIT %s"
        )
        params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [(doc_id, float(score)) for doc_id, score in rows]

    def concept_tests(self, concepts) -> ConceptTests:
        """Which of the ``concepts`` (each a list of ways, a way a set of terms that must all
        be held: a word; all the bigrams of a word inside a compound; an abbreviation's
        expansion) a document holds, read from its own list of its terms in the same query
        as its row (:class:`HoldsConcept`), not from the postings: a thousand candidates
        asked about the dozen bigrams of a long word would be twelve thousand look-ups there."""
        stats = self.term_stats({term for ways in concepts for way in ways for term in way})
        # Ways with a term the index does not hold are held by no document; a way's terms
        # are tested rarest first, so a document stops at the first it lacks.
        annotations = {}
        for index, ways in enumerate(concepts):
            usable = [sorted((stats[term] for term in way), key=lambda stat: stat[1]) for way in ways if all(term in stats for term in way)]
            annotations[f"concept_{index}"] = HoldsConcept([[term_id for term_id, _ in way] for way in usable])
        return ConceptTests(annotations=annotations, concepts=len(concepts))

    def concepts_held(self, doc_ids, concepts) -> dict[int, tuple[bool, ...]]:
        """Whether each document holds each concept (see :meth:`concept_tests`)."""
        doc_ids = list(doc_ids)
        if not doc_ids or not concepts:
            return {}
        tests = self.concept_tests(concepts)
        held = {}
        # One query on PostgreSQL (the ids are one parameter), SQLite's bound on parameters else.
        size = len(doc_ids) if connection.vendor == "postgresql" else CHUNK // 2
        for chunk in _chunks(doc_ids, size):
            rows = SearchDocument.objects.filter(pk__any=chunk).annotate(**tests.annotations).values_list("pk", *tests.annotations)
            for doc_id, *flags in rows:
                held[doc_id] = tests.held(flags)
        return held

    def vocabulary(self) -> list[str]:
        return list(Term.objects.filter(is_word=True, df__gt=0).values_list("text", flat=True))
