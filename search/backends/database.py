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
from django.db.models import Avg, Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from ..analysis import analyse_with_words, fold, normalise
from ..models import Posting, SearchDocument, Term

K1 = 1.2
B = 0.75
TITLE_BOOST = 2
HEADING_BOOST = 1
NUMBER_BOOST = 1
# A query reads at most about this many postings: past it, the most common terms (the
# lowest idf, the least to add) are left out of the sum, the rarest always kept; coverage
# (search.selectors) still sees every term on the candidates. Small indexes never reach
# it; a 100,000-document index does for common words.
POSTING_BUDGET = 100_000
KEEP_AT_LEAST = 3
CHUNK = 900  # below SQLite's bound on query parameters
# Coverage asks which of a query's terms each candidate holds: a term held by more than
# PROBE_RATIO times as many documents as there are candidates is probed candidate by candidate
# in the (term, document) index rather than read whole (about half the time at 100,000 documents).
PROBE_RATIO = 4


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
            rows = self.write_rows(docs, [length for _, _, length in analysed])
            all_terms: set[str] = set()
            all_words: set[str] = set()
            for counts, whole, _ in analysed:
                all_terms.update(counts)
                all_words.update(whole)
            term_ids = self._term_map(all_terms, all_words & all_terms)
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
    def write_rows(docs, lengths=None) -> list[SearchDocument]:
        """Create the document rows (whatever the backend, documents live in the database)."""
        lengths = lengths or [0] * len(docs)
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
            )
            for doc, length in zip(docs, lengths)
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
        public: bool = True, content_types: list[int] | None = None,
    ) -> list[tuple[int, float]]:
        """The best ``limit`` documents for weighted query terms, as (document id, score):
        the sum over the terms of ``query weight × idf × posting weight``. ``key``,
        ``year`` and ``content_types`` narrow the documents in the same query, so a filter
        never empties a page that the unfiltered candidates would have crowded out;
        ``public`` leaves out what the public does not see (Wagtail's admin search does not)."""
        stats = self.term_stats(query_terms)
        if not stats:
            return []
        n = max(self.document_count(), 1)
        # Rarest first; past the posting budget the most common terms are left out.
        chosen = []
        budget = POSTING_BUDGET
        for text, (term_id, df) in sorted(stats.items(), key=lambda item: item[1][1]):
            if len(chosen) >= KEEP_AT_LEAST and df > budget:
                break
            chosen.append((term_id, df, float(query_terms[text])))
            budget -= df
        if connection.vendor == "sqlite":
            chosen = chosen[: CHUNK // 3]  # three parameters a term, within SQLite's bound
        # BM25 idf per chosen term, times the query's weight for it, computed here and joined
        # as a tiny VALUES table: the database then reads only the postings of those terms (an
        # index-only scan of (term, document, weight) once the table is vacuumed) and sums them
        # per document. The IN list repeats the join's terms so the planner sees them as an
        # index condition.
        weights = [(term_id, weight * math.log(1.0 + (n - df + 0.5) / (df + 0.5))) for term_id, df, weight in chosen]
        posting = connection.ops.quote_name(Posting._meta.db_table)
        in_list = ", ".join(["%s"] * len(weights))
        cast = "CAST(%s AS bigint), CAST(%s AS double precision)" if connection.vendor == "postgresql" else "%s, %s"
        values = ", ".join([f"({cast})"] * len(weights))
        params = [value for pair in weights for value in pair] + [term_id for term_id, _ in weights]
        narrowing = ""
        document = connection.ops.quote_name(SearchDocument._meta.db_table)
        if public:
            # A small set (drafts, images, documents), read through its partial index.
            narrowing = f" AND p.document_id NOT IN (SELECT d.id FROM {document} d WHERE NOT d.public)"
        if key or year or content_types:
            narrowing += f" AND p.document_id IN (SELECT d.id FROM {document} d WHERE "
            conditions = []
            if key:
                conditions.append("d.key = %s")
                params.append(key)
            if year:
                conditions.append("d.year = %s")
                params.append(year)
            if content_types:
                conditions.append(f"d.content_type_id IN ({', '.join(['%s'] * len(content_types))})")
                params.extend(content_types)
            narrowing += " AND ".join(conditions) + ")"
        sql = (
            f"WITH q(term_id, idf) AS (VALUES {values}) "
            f"SELECT p.document_id, SUM(p.weight * q.idf) AS score FROM {posting} p "
            f"JOIN q ON q.term_id = p.term_id WHERE p.term_id IN ({in_list}){narrowing} "
            "GROUP BY p.document_id ORDER BY score DESC, p.document_id DESC LIMIT %s"
        )
        params.append(limit)
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Summing the postings of common terms is one hash aggregate over up to
                # POSTING_BUDGET rows: give it the memory to stay off the disk.
                cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [(doc_id, float(score)) for doc_id, score in rows]

    def presence(self, doc_ids, texts) -> dict[int, set[str]]:
        """Which of ``texts`` each document holds (ids only, through the posting index).
        On PostgreSQL a term held by many more documents than asked about is looked up
        document by document (one index probe each) instead of reading all its postings."""
        texts = list(set(texts))
        if not texts or not doc_ids:
            return {}
        found: dict[int, set[str]] = defaultdict(set)
        doc_ids = list(doc_ids)
        if connection.vendor == "postgresql":
            stats = self.term_stats(texts)
            text_of = {term_id: text for text, (term_id, _) in stats.items()}
            scan = [term_id for term_id, df in stats.values() if df <= PROBE_RATIO * len(doc_ids)]
            probe = [term_id for term_id, df in stats.values() if df > PROBE_RATIO * len(doc_ids)]
            posting = connection.ops.quote_name(Posting._meta.db_table)
            with connection.cursor() as cursor:
                if scan:
                    cursor.execute(
                        f"SELECT document_id, term_id FROM {posting} WHERE term_id = ANY(%s) AND document_id = ANY(%s)", [scan, doc_ids]
                    )
                    for doc_id, term_id in cursor.fetchall():
                        found[doc_id].add(text_of[term_id])
                if probe:
                    cursor.execute(
                        f"SELECT d.id, t.id FROM unnest(%s::bigint[]) AS d(id) CROSS JOIN unnest(%s::bigint[]) AS t(id) "
                        f"CROSS JOIN LATERAL (SELECT 1 FROM {posting} p WHERE p.term_id = t.id AND p.document_id = d.id LIMIT 1) AS held",
                        [doc_ids, probe],
                    )
                    for doc_id, term_id in cursor.fetchall():
                        found[doc_id].add(text_of[term_id])
            return found
        step = max(1, CHUNK - len(texts))
        for start in range(0, len(doc_ids), step):
            rows = Posting.objects.filter(
                term__text__in=texts, term__df__gt=0, document__any=doc_ids[start : start + step]
            ).values_list("document_id", "term__text")
            for doc_id, text in rows:
                found[doc_id].add(text)
        return found

    def vocabulary(self) -> list[str]:
        return list(Term.objects.filter(is_word=True, df__gt=0).values_list("text", flat=True))
