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
from ..lookups import int_array
from ..models import Posting, SearchDocument, Term
from . import Scan

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
# The candidates' scan tells which of the terms it read whole each document holds, for up to
# this many terms (a bit each in a bigint).
SCAN_BITS = 62
CHUNK = 900  # below SQLite's bound on query parameters
# Coverage asks which of a query's concepts each candidate holds: a term held by more than
# PROBE_RATIO times as many documents as it is asked about is probed document by document
# in the (document, term) index rather than read whole.
PROBE_RATIO = 4
# Documents still undecided about a concept are asked about its terms one at a time, rarest
# first; when no more than this many are left, about all of them at once (one round).
FEW_PENDING = 100


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
    ) -> Scan:
        """The best ``limit`` documents for weighted query terms, scored by the sum over the
        terms of ``query weight × idf × posting weight``. ``key``,
        ``year`` and ``content_types`` narrow the documents in the same query, so a filter
        never empties a page that the unfiltered candidates would have crowded out;
        ``public`` leaves out what the public does not see (Wagtail's admin search does not)."""
        stats = self.term_stats(query_terms)
        if not stats:
            return Scan(scores={})
        n = max(self.document_count(), 1)
        # Rarest first, each read whole while the posting budget lasts; past it the commoner
        # terms are left out (their idf adds least; coverage still sees them), except that the
        # KEEP_AT_LEAST rarest always count: past the budget they read only their ``limit``
        # heaviest postings (the documents they count most in), so a lone common word still
        # finds its best documents without reading all of its postings.
        chosen = []
        budget = POSTING_BUDGET
        # A bit of the scan's answer for each term: which of them each document holds.
        bits: dict[int, str] = {}
        for text, (term_id, df) in sorted(stats.items(), key=lambda item: item[1][1]):
            whole = df <= budget
            if not whole and len(chosen) >= KEEP_AT_LEAST:
                break
            cap = None if whole else min(df, limit)  # no LIMIT: whole, even if df lags a write
            budget -= df if whole else cap
            bit = 0
            if len(bits) < SCAN_BITS:
                bit = 1 << len(bits)
                bits[bit] = text
            idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
            chosen.append((term_id, float(query_terms[text]) * idf, cap, bit))
        if connection.vendor == "sqlite":
            chosen = chosen[: CHUNK // 5]  # five parameters a term, within SQLite's bound
        # The terms' weights (query weight × idf), caps and bits go in as a tiny VALUES table;
        # each term's postings are read heaviest first from the (term, weight, document) index.
        cast = "CAST(%s AS bigint), CAST(%s AS double precision), CAST(%s AS bigint), CAST(%s AS bigint)"
        values = ", ".join([f"({cast if connection.vendor == 'postgresql' else '%s, %s, %s, %s'})"] * len(chosen))
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
            f"WITH q(term_id, idf, cap, bit) AS (VALUES {values}) "
            f"SELECT p.document_id, SUM(p.weight * q.idf) AS score, SUM(q.bit) FROM {postings} "
            "GROUP BY p.document_id ORDER BY score DESC, p.document_id DESC LIMIT %s"
        )
        params.append(limit)
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Summing the postings is one hash aggregate over tens of thousands of
                # rows: give it the memory to stay off the disk.
                cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        # A term is posted once per document, so the sum of its bits is their union.
        read_whole = frozenset(bits[bit] for _, _, cap, bit in chosen if bit and cap is None)
        decoded: dict[int, frozenset[str]] = {}
        for mask in {int(mask) for _, _, mask in rows}:
            decoded[mask] = frozenset(text for bit, text in bits.items() if mask & bit)
        return Scan(
            scores={doc_id: float(score) for doc_id, score, _ in rows},
            read_whole=read_whole,
            held={doc_id: decoded[int(mask)] for doc_id, _, mask in rows},
        )

    def concepts_held(self, doc_ids, concepts, scans=()) -> dict[int, tuple[bool, ...]]:
        """Whether each document holds each concept. A concept is a list of ways, a way a
        set of terms that must all be held (a word; all the bigrams of a word inside a
        compound; an abbreviation's expansion). Terms are looked up rarest first, and only
        where they still decide something: a document that holds the word is not asked about
        its bigrams, and a way stops at its first missing term. What ``scans`` (from
        :meth:`candidates`) read whole is not asked again."""
        doc_ids = list(doc_ids)
        if not doc_ids or not concepts:
            return {}
        stats = self.term_stats({term for ways in concepts for way in ways for term in way})
        # Ways with a term the index does not hold are held by no document.
        concepts = [[way for way in ways if all(term in stats for term in way)] for ways in concepts]
        held: dict[int, set[str]] = {doc_id: set() for doc_id in doc_ids}
        missing: dict[int, set[str]] = {doc_id: set() for doc_id in doc_ids}
        for scan in scans:
            for doc_id in held.keys() & scan.held.keys():
                held[doc_id] |= scan.held[doc_id]
                missing[doc_id] |= scan.read_whole - scan.held[doc_id]
        answer: dict[int, list[bool | None]] = {doc_id: [None] * len(concepts) for doc_id in doc_ids}
        undecided = set(doc_ids)
        while True:
            pending = []  # (document, the unknown terms of its concept's first open way)
            for doc_id in list(undecided):
                flags, doc_held, doc_missing = answer[doc_id], held[doc_id], missing[doc_id]
                for index, ways in enumerate(concepts):
                    if flags[index] is not None:
                        continue
                    if any(way <= doc_held for way in ways):
                        flags[index] = True
                        continue
                    open_ways = [way for way in ways if not way & doc_missing]
                    if open_ways:
                        pending.append((doc_id, open_ways[0] - doc_held))
                    else:
                        flags[index] = False
                if None not in flags:
                    undecided.discard(doc_id)
            if not pending:
                break
            # One way at a time, in the concept's order (the word before its bigrams), its
            # rarest unknown term first; for the last few documents all their terms at once.
            asked: dict[str, set[int]] = defaultdict(set)
            few = len({doc_id for doc_id, _ in pending}) <= FEW_PENDING
            for doc_id, unknown in pending:
                for term in unknown if few else [min(unknown, key=lambda term: stats[term][1])]:
                    asked[term].add(doc_id)
            found = self._held_pairs(asked, stats)
            for text, docs in asked.items():
                for doc_id in docs:
                    (held if doc_id in found[text] else missing)[doc_id].add(text)
        return {doc_id: tuple(flags) for doc_id, flags in answer.items()}

    @staticmethod
    def _held_pairs(asked: dict[str, set[int]], stats: dict[str, tuple[int, int]]) -> dict[str, set[int]]:
        """{term: the documents among those asked about that hold it}. On PostgreSQL a term
        held by many more documents than asked about is probed document by document in the
        (document, term) index; the others' postings are read among the documents asked."""
        found: dict[str, set[int]] = defaultdict(set)
        if connection.vendor != "postgresql":
            for text, docs in asked.items():
                for chunk in _chunks(docs, CHUNK - 1):
                    found[text].update(
                        Posting.objects.filter(term_id=stats[text][0], document__any=chunk).values_list("document_id", flat=True)
                    )
            return found
        text_of = {stats[text][0]: text for text in asked}
        scan = [text for text, docs in asked.items() if stats[text][1] <= PROBE_RATIO * len(docs)]
        pairs = [(doc_id, stats[text][0]) for text, docs in asked.items() if text not in scan for doc_id in docs]
        posting = connection.ops.quote_name(Posting._meta.db_table)
        with connection.cursor() as cursor:
            if scan:
                cursor.execute(
                    f"SELECT document_id, term_id FROM {posting} WHERE term_id = ANY(%s::bigint[]) AND document_id = ANY(%s::bigint[])",
                    [int_array(stats[text][0] for text in scan), int_array(sorted(set().union(*(asked[text] for text in scan))))],
                )
                for doc_id, term_id in cursor.fetchall():
                    found[text_of[term_id]].add(doc_id)
            if pairs:
                cursor.execute(
                    f"SELECT x.d, x.t FROM unnest(%s::bigint[], %s::bigint[]) AS x(d, t) "
                    f"WHERE EXISTS (SELECT 1 FROM {posting} p WHERE p.term_id = x.t AND p.document_id = x.d)",
                    [int_array(doc_id for doc_id, _ in pairs), int_array(term_id for _, term_id in pairs)],
                )
                for doc_id, term_id in cursor.fetchall():
                    found[text_of[term_id]].add(doc_id)
        return found

    def vocabulary(self) -> list[str]:
        return list(Term.objects.filter(is_word=True, df__gt=0).values_list("text", flat=True))
