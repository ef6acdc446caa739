# ruff: noqa: S608 - SQL is assembled from constant fragments and "%s" placeholders only;
# every value, user text included, travels as a parameter.
"""The two full-text backends behind ``dienhong.search.engine``: SQLite FTS5 and PostgreSQL.

Everything but the full-text part is shared: entries, access tokens and facet values are plain
tables, filtered and counted by the same SQL on both databases. Both backends rank with the
same formula, FTS5's ``bm25()``: per query term, ``idf · f·(k1+1) / (f + k1·(1-b+b·D/avgdl))``
where ``f`` sums the term's occurrences weighted by column, ``D`` is the entry's term count and
``idf = ln((N-n+0.5)/(n+0.5))``; a term in half the entries or more (idf not positive) is left
out. SQLite computes it in FTS5; PostgreSQL in numpy from each term's postings
(``postings.py``: entry ids and column-weighted occurrences), a document-frequency table and a
statistics row kept up to date on writes; its ``tsvector`` (one lexeme per term, as many
positions as its column-weighted occurrences, at most 256) serves the GIN index. Pages are
ordered by scores rounded to ``analysis.SCORE_DECIMALS`` decimals, then by id.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime
import functools
import hashlib
import secrets
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from dienhong.search import analysis, facets, postings
from dienhong.search.analysis import COLUMNS, WEIGHTS, ParsedQuery
from dienhong.search.models import Entry
from dienhong.search.postings import BLOCK_BITS

if TYPE_CHECKING:
    from dienhong.search.engine import Hit, IndexEntry, SearchQuery, SearchResult

NO_DATE = datetime.date(1, 1, 1)
MAX_LIMIT = 200
MAX_FACET_VALUES = 50


@dataclass
class _Analysed:
    entry: IndexEntry
    columns: list[list[str]]  # terms per column, in COLUMNS order
    access: list[str]  # access terms (``access_terms``)

    @property
    def length(self) -> int:
        """Terms in the entry, access terms included (FTS5 counts every column)."""
        return sum(len(c) for c in self.columns) + len(self.access)

    @functools.cached_property
    def weighted(self) -> Counter[str]:
        return weighted_frequencies(self.columns)


def _analyse(entry: IndexEntry, access: list[str] | None = None) -> _Analysed:
    """The terms of ``entry``; ``access`` terms derived from its access unless given."""
    from dienhong.search.engine import entry_tokens

    columns = _columns(entry)
    if access is None:
        access = access_terms(entry.kind, entry_tokens(entry))
    return _Analysed(entry, columns, access)


def _columns(entry: Any) -> list[list[str]]:
    """The analysed terms of each column (``COLUMNS``) of an entry, to index or a stored row."""
    return [analysis.field_terms(_text(entry, c)) for c in COLUMNS]


#: Access terms start with a character no analysed term can hold (not a word character).
ACCESS_PREFIX = "\u00a6"


def access_terms(kind: str, tokens: Sequence[str]) -> list[str]:
    """The full-text terms standing for (kind, access token) pairs: an entry holds those of
    its tokens, a search requires one of the user's, so the full-text index itself keeps a
    search to the entries of its kind that the user may see (no join, no per-row test)."""
    return sorted(
        {
            ACCESS_PREFIX
            + hashlib.md5(f"{kind}|{t}".encode(), usedforsecurity=False).hexdigest()[:16]
            for t in tokens
        }
    )


def _text(entry: Any, column: str) -> str:
    return (getattr(entry, column) or "")[: analysis.FIELD_LIMIT]


def _encode_cursor(value: str) -> str:
    return base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str | None) -> str:
    if not cursor:
        return ""
    try:
        return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return ""


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


class Backend:
    """What both databases share; subclasses add the full-text index."""

    vendor = ""
    #: SQLite's CROSS JOIN fixes the join order (matching entries first); PostgreSQL plans alone.
    facet_join = "JOIN"

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        self.alias = connection.alias
        self._removed_df: Counter[str] = Counter()

    # --- writes -----------------------------------------------------------------------------

    def index(self, entries: list[IndexEntry]) -> None:
        from dienhong.search.engine import entry_tokens, facet_rows

        latest: dict[tuple[str, int], IndexEntry] = {}
        for entry in entries:  # the last version of an object in one batch wins
            latest[(entry.kind, int(entry.object_id))] = entry
        analysed = [_analyse(e) for e in latest.values()]
        with transaction.atomic(using=self.alias):
            self.take_turns(list(latest))
            by_kind: dict[str, list[int]] = defaultdict(list)
            for kind, object_id in latest:
                by_kind[kind].append(object_id)
            old: list[Entry] = []
            for kind, object_ids in by_kind.items():
                old += Entry.objects.using(self.alias).filter(kind=kind, object_id__in=object_ids)
            # Replaced entries are removed and inserted anew (new ids): cheaper than updates.
            self._unindex(old)
            self._delete([r.pk for r in old])
            ids = self._insert_entries(analysed)
            items = [(ids[(i.entry.kind, int(i.entry.object_id))], i) for i in analysed]
            tokens = [(pk, t) for pk, i in items for t in entry_tokens(i.entry)]
            facets = [(pk, n, v) for pk, i in items for n, v in facet_rows(i.entry)]
            self._insert_rows("search_accesstoken", ("entry_id", "token"), tokens)
            self._insert_rows("search_facetvalue", ("entry_id", "name", "value"), facets)
            self._fulltext_add(items, old=old)
            self._bump_generation(len(items) - len(old))

    #: Columns of ``search_entry`` written on insert (``id`` comes back from the database).
    _ENTRY_COLUMNS = (
        "kind",
        "object_id",
        "title",
        "subject",
        "number",
        "body",
        "date",
        "sort_date",
        "access",
        "length",
    )

    def _entry_values(self, item: _Analysed) -> list[Any]:
        entry = item.entry
        return [
            entry.kind,
            int(entry.object_id),
            _text(entry, "title"),
            _text(entry, "subject"),
            (entry.number or "")[:255],
            _text(entry, "body"),
            entry.date,
            entry.date or NO_DATE,
            entry.access,
            item.length,
        ]

    def _insert_entries(self, analysed: list[_Analysed]) -> dict[tuple[str, int], int]:
        """Insert the entries in multi-row statements; their ids by (kind, object_id)."""
        row_sql = "(" + ", ".join(self._entry_placeholders()) + ")"
        ids: dict[tuple[str, int], int] = {}
        for at in range(0, len(analysed), 100):
            chunk = analysed[at : at + 100]
            params: list[Any] = []
            for item in chunk:
                params += self._entry_values(item)
            for pk, kind, object_id in self._rows(
                f"INSERT INTO search_entry ({', '.join(self._entry_columns())}) "
                f"VALUES {', '.join([row_sql] * len(chunk))} RETURNING id, kind, object_id",
                params,
            ):
                ids[(str(kind), int(object_id))] = int(pk)
        return ids

    def _entry_columns(self) -> tuple[str, ...]:
        return self._ENTRY_COLUMNS

    def _entry_placeholders(self) -> list[str]:
        return ["%s"] * len(self._ENTRY_COLUMNS)

    def _insert_rows(
        self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> None:
        if not rows:
            return
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_placeholders(columns)})",
                rows,
            )

    def _delete(self, ids: list[int]) -> None:
        if not ids:
            return
        with self.connection.cursor() as cursor:
            for table in ("search_accesstoken", "search_facetvalue"):
                cursor.execute(
                    f"DELETE FROM {table} WHERE entry_id IN ({_placeholders(ids)})",
                    ids,
                )
            cursor.execute(f"DELETE FROM search_entry WHERE id IN ({_placeholders(ids)})", ids)

    def remove(self, kind: str, object_ids: list[int]) -> None:
        with transaction.atomic(using=self.alias):
            self.take_turns([(kind, int(i)) for i in object_ids])
            rows = list(Entry.objects.using(self.alias).filter(kind=kind, object_id__in=object_ids))
            self._unindex(rows)
            self._fulltext_removed(rows)
            self._delete([r.pk for r in rows])
            self._bump_generation(-len(rows))

    def take_turns(self, objects: list[tuple[str, int]]) -> None:
        """Make the transactions writing any of ``objects`` (kind, object id) wait for one
        another until they end (``engine.take_turns``). SQLite needs nothing: its write
        transactions start ``IMMEDIATE`` (settings), one at a time."""

    def _unindex(self, rows: list[Entry]) -> None:
        """Take these rows' current text out of the full-text index."""
        raise NotImplementedError

    def _fulltext_add(self, items: list[tuple[int, _Analysed]], *, old: list[Entry]) -> None:
        raise NotImplementedError

    def _fulltext_removed(self, rows: list[Entry]) -> None:
        """Bookkeeping after ``rows`` left the index for good."""

    # Document frequencies live in ``search_term(term, df)`` on both engines (FTS5's vocabulary
    # table would walk a common term's whole doclist to count it), kept exact in the indexing
    # transaction: ``_unindex`` notes what the replaced rows held in ``_removed_df``.

    def _terms_added(self, items: list[tuple[int, _Analysed]]) -> None:
        df: Counter[str] = Counter()
        for _, item in items:
            df.update(item.weighted.keys())
        df.subtract(self._removed_df)
        self._removed_df = Counter()
        self._adjust_df(df)

    def _terms_removed(self) -> None:
        removed, self._removed_df = self._removed_df, Counter()
        self._adjust_df(Counter({t: -n for t, n in removed.items()}))

    def _adjust_df(self, df: Counter[str]) -> None:
        """Add ``df`` to the document frequencies (terms sorted: no deadlock)."""
        terms = sorted(t for t, n in df.items() if n)
        if not terms:
            return
        with self.connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_term (term, df) VALUES (%s, %s) "
                "ON CONFLICT (term) DO UPDATE SET df = search_term.df + excluded.df",
                [(t, df[t]) for t in terms],
            )

    # --- reads ------------------------------------------------------------------------------

    def search(
        self, query: SearchQuery, tokens: list[str], *, snippets: bool = True
    ) -> SearchResult:
        """The page of ``query`` with its total and facet counts; ``snippets=False`` leaves
        the hits' snippets empty (the caller makes those of the page it shows)."""
        from dienhong.search.engine import SearchResult

        text = (query.text or "").strip()
        parsed = analysis.parse_query(text, any_word=query.any_word) if text else None
        if parsed is not None and parsed.empty:
            parsed = None
        statistics = None
        if parsed is not None:
            # Read once: common terms are dropped here, and the caller's second stage and the
            # PostgreSQL score need the same figures.
            statistics = self.statistics(sorted(set(parsed.terms)))
            parsed = parsed.without(analysis.common_terms(statistics))
        limit = max(1, min(int(query.limit or 20), MAX_LIMIT))
        where, params = self._filters(query)
        if parsed is None:
            visible, visible_params = self._visible(tokens)
            total, facets = self._list_counts(
                query, tokens, f"{where} AND {visible}", [*params, *visible_params]
            )
            # The page walks the date index and checks each entry's tokens (a few probes per
            # entry) until it has ``limit`` visible ones.
            walk, walk_params = self._visible_row(tokens)
            hits, next_cursor = self._dated(
                None, query, f"{where} AND {walk}", [*params, *walk_params], limit, snippets
            )
            return SearchResult(hits=hits, total=total, facets=facets, next_cursor=next_cursor)
        assert statistics is not None
        result = self._matched(parsed, query, where, params, tokens, limit, statistics, snippets)
        return replace(result, statistics=statistics, parsed=parsed)

    # A text search evaluates its match set once (a MATERIALIZED common table expression
    # ``m(id, sort_date, score)``, permissions and filters applied) and reads the total, the
    # facet counts and the page from it in the same statement.
    _TEXT = "CAST({} AS TEXT)"
    _FLOAT = "CAST({} AS REAL)"

    def _match_set(
        self,
        parsed: ParsedQuery,
        kind: str,
        where: str | None,
        params: list[Any],
        tokens: list[str],
        *,
        scored: bool,
        statistics: tuple[int, dict[str, int]],
        top: int | None,
    ) -> tuple[str, list[Any], float | None]:
        """The ``WITH`` list defining ``m(id, sort_date, score)``: the entries of ``kind``
        matching the text and visible with ``tokens`` (both by access terms, inside the
        full-text index), and ``where`` (filters over the entry ``e``) unless None, in which
        case ``sort_date`` may be NULL; score 0 unless ``scored``.

        Only the order of the ``top`` best must be exact (every one when None): a backend may
        give the others any lower score. Its third value is None when the order is exact as
        given, else the most a match left unscored (score 0) may have: the caller checks that
        the ``top``-th best scores above it, and asks again with ``top=None`` if not."""
        raise NotImplementedError

    def _reading(self) -> contextlib.AbstractContextManager[Any]:
        """What the statements of one search run inside (PostgreSQL: one snapshot and its
        planner settings)."""
        return contextlib.nullcontext()

    def _matched(
        self,
        parsed: ParsedQuery,
        query: SearchQuery,
        where: str,
        params: list[Any],
        tokens: list[str],
        limit: int,
        statistics: tuple[int, dict[str, int]],
        snippets: bool,
    ) -> SearchResult:
        from dienhong.search.engine import SearchResult

        dated = query.sort in ("date", "-date")
        cursor = _decode_cursor(query.cursor)
        text, real = self._TEXT.format, self._FLOAT.format
        names = list(dict.fromkeys(query.facets))
        # Outside a transaction every entry read is committed: facets are counted from the
        # process's facet table (``facets.py``). Inside one (tests, bulk jobs) entries may be
        # rolled back and their ids reused, so the database counts them.
        in_memory = bool(names) and self._facets_in_memory()
        if in_memory:
            ids_sql = self._ID_LIST.format("m.id")
            parts = [f"SELECT 'i', {ids_sql}, {text('NULL')}, {real('count(*)')} FROM m"]
        else:
            parts = [f"SELECT 'c', {text('NULL')}, {text('NULL')}, {real('count(*)')} FROM m"]
        part_params: list[Any] = []
        if names and not in_memory:
            parts.append(
                f"SELECT 'f', {text('f.name')}, {text('f.value')}, {real('count(*)')} FROM m "
                f"{self.facet_join} search_facetvalue f ON f.entry_id = m.id "
                f"WHERE f.name IN ({_placeholders(names)}) GROUP BY f.name, f.value"
            )
            part_params += names
        offset = 0
        if dated:
            ascending = query.sort == "date"
            keyset, keyset_params = _keyset(cursor, ascending, "m")
            direction = "ASC" if ascending else "DESC"
            page = (
                f"SELECT 'p', {text('m.id')}, {text('m.sort_date')}, {real('m.score')} FROM m "
                f"WHERE 1 = 1{keyset} ORDER BY m.sort_date {direction}, m.id {direction} "
                "LIMIT %s"
            )
            page_params = [*keyset_params, limit + 1]
        else:
            offset = _offset(cursor)
            page = (
                f"SELECT 'p', {text('m.id')}, {text('m.sort_date')}, {real('m.score')} FROM m "
                f"ORDER BY round(m.score, {analysis.SCORE_DECIMALS}) DESC, m.id LIMIT %s OFFSET %s"
            )
            page_params = [limit + 1, offset]
        parts.append(f"SELECT * FROM ({page}) page")
        top: int | None = offset + limit + 1
        with self._reading():
            while True:
                ctes, cte_params, unscored = self._match_set(
                    parsed,
                    query.kind,
                    where if dated or _filtered(query) else None,
                    params,
                    tokens,
                    scored=not dated,
                    statistics=statistics,
                    top=top,
                )
                rows = self._rows(
                    f"WITH {ctes} " + " UNION ALL ".join(parts),
                    [*cte_params, *part_params, *page_params],
                )
                if unscored is None or _above(rows, limit, unscored):
                    break
                top = None  # a match left unscored might belong on the page: score them all
        total = 0
        facet_rows: list[tuple[str, str, int]] = []
        page_rows: list[tuple[int, str, float]] = []
        for part, a, b, n in rows:
            if part == "i":
                total = int(n)
                ids = np.array(a.split(",") if a else [], dtype=np.int64)
                facet_rows = facets.table_for(self).count(self, ids, names)
            elif part == "c":
                total = int(n)
            elif part == "f":
                facet_rows.append((str(a), str(b), int(n)))
            else:
                page_rows.append((int(a), str(b), float(n)))
        # UNION ALL appends its parts in order: the page rows arrive sorted.
        more = len(page_rows) > limit
        page_rows = page_rows[:limit]
        hits = self._hits(
            [(pk, 0.0 if dated else score) for pk, _, score in page_rows], parsed, snippets
        )
        next_cursor = None
        if more and page_rows:
            if dated:
                last_day = _as_date(page_rows[-1][1])
                next_cursor = _encode_cursor(f"d:{last_day.isoformat()}|{page_rows[-1][0]}")
            else:
                next_cursor = _encode_cursor(f"o:{offset + limit}")
        return SearchResult(
            hits=hits,
            total=total,
            facets=_facet_dict(names, facet_rows) if names else {},
            next_cursor=next_cursor,
        )

    def _facets_in_memory(self) -> bool:
        return not self.connection.in_atomic_block

    #: The ids of a set as one comma-separated text.
    _ID_LIST = "group_concat({})"

    def _visible(self, tokens: list[str], column: str = "e.id") -> tuple[str, list[Any]]:
        """Visibility as a set: the user's entries, read once from the token index."""
        return (
            f"{column} IN (SELECT a.entry_id FROM search_accesstoken a "
            f"WHERE a.token IN ({_placeholders(tokens)}))",
            list(tokens),
        )

    def _visible_row(self, tokens: list[str]) -> tuple[str, list[Any]]:
        """Visibility of one entry ``e``: probes of the (token, entry) index."""
        return (
            "EXISTS (SELECT 1 FROM search_accesstoken a "
            f"WHERE a.token IN ({_placeholders(tokens)}) AND a.entry_id = e.id)",
            list(tokens),
        )

    def _filters(self, query: SearchQuery) -> tuple[str, list[Any]]:
        """Kind and filters (facet values, dates) over ``e``; visibility comes apart."""
        clauses = ["e.kind = %s"]
        params: list[Any] = [query.kind]
        for name, values in sorted(query.filters.items()):
            wanted = [v for v in values if v not in (None, "")]
            if not wanted:
                continue
            if name in ("date_from", "date_to"):
                clauses.append("e.date >= %s" if name == "date_from" else "e.date <= %s")
                params.append(_as_date(wanted[0]))
                continue
            texts = sorted({str(v) for v in wanted})
            clauses.append(
                "e.id IN (SELECT f.entry_id FROM search_facetvalue f "
                f"WHERE f.name = %s AND f.value IN ({_placeholders(texts)}))"
            )
            params += [name, *texts]
        return " AND ".join(clauses), params

    def statistics(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        """(number of entries, document frequency of each of ``terms``)."""
        docs = self._scalar("SELECT docs FROM search_indexstate WHERE id = 1", [])
        if not terms:
            return docs, {}
        rows = self._rows(
            f"SELECT term, df FROM search_term WHERE term IN ({_placeholders(terms)})", terms
        )
        return docs, {str(t): int(n) for t, n in rows}

    def optimize(self) -> None:
        """Compact the index after a bulk load."""

    def _scalar(self, sql: str, params: list[Any]) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _rows(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    # --- list pages -------------------------------------------------------------------------

    def generation(self) -> int:
        """The index generation: a new random number on every write, so cached counts know
        they are stale (random, not counted: a rolled-back write never comes back)."""
        return self._scalar("SELECT generation FROM search_indexstate WHERE id = 1", [])

    def _bump_generation(self, docs: int) -> None:
        """A new generation, and ``docs`` more (or fewer) entries in the index."""
        value = secrets.randbits(62) + 1
        with self.connection.cursor() as cursor:
            cursor.execute(
                "UPDATE search_indexstate SET generation = %s, docs = docs + %s WHERE id = 1",
                [value, docs],
            )
            if cursor.rowcount == 0:  # a flushed database
                cursor.execute(
                    "INSERT INTO search_indexstate (id, generation, docs) "
                    "VALUES (1, %s, (SELECT count(*) FROM search_entry))",
                    [value],
                )

    def _access_of(self, rows: list[Entry]) -> dict[int, list[str]]:
        """The access terms the entries ``rows`` were indexed with, from their tokens."""
        tokens: defaultdict[int, list[str]] = defaultdict(list)
        kinds = {row.pk: row.kind for row in rows}
        ids = list(kinds)
        for at in range(0, len(ids), 500):
            chunk = ids[at : at + 500]
            for entry_id, token in self._rows(
                "SELECT entry_id, token FROM search_accesstoken "
                f"WHERE entry_id IN ({_placeholders(chunk)})",
                chunk,
            ):
                tokens[int(entry_id)].append(str(token))
        return {pk: access_terms(kind, tokens[pk]) for pk, kind in kinds.items()}

    def _list_counts(
        self, query: SearchQuery, tokens: list[str], where: str, params: list[Any]
    ) -> tuple[int, dict[str, dict[str, int]]]:
        """Total and facet counts of a list page (no text), cached per visibility tokens,
        filters and index generation: every visible entry counts, which no page can skip."""
        names = list(dict.fromkeys(query.facets))
        key = (
            str(self.connection.settings_dict.get("NAME")),
            self.generation(),
            query.kind,
            tuple(tokens),
            tuple(sorted((n, tuple(sorted(map(str, v)))) for n, v in query.filters.items())),
            tuple(names),
        )
        cached = _LIST_COUNTS.get(key)
        if cached is not None:
            _LIST_COUNTS.move_to_end(key)
            return cached[0], {n: dict(v) for n, v in cached[1].items()}
        total = self._scalar(f"SELECT count(*) FROM search_entry e WHERE {where}", params)
        facets = self._facets(names, where, params) if names else {}
        _LIST_COUNTS[key] = (total, facets)
        while len(_LIST_COUNTS) > _LIST_COUNTS_SIZE:
            _LIST_COUNTS.popitem(last=False)
        return total, {n: dict(v) for n, v in facets.items()}

    def _facets(self, names: list[str], where: str, params: list[Any]) -> dict[str, dict[str, int]]:
        rows = self._rows(
            # Driven by the matching entries, each looked up in the (entry, name) index.
            "SELECT f.name, f.value, count(*) FROM search_entry m "
            f"{self.facet_join} search_facetvalue f ON f.entry_id = m.id "
            f"WHERE f.name IN ({_placeholders(names)}) "
            f"AND m.id IN (SELECT e.id FROM search_entry e WHERE {where}) "
            "GROUP BY f.name, f.value",
            [*names, *params],
        )
        return _facet_dict(names, [(str(n), str(v), int(c)) for n, v, c in rows])

    def _dated(
        self,
        parsed: ParsedQuery | None,
        query: SearchQuery,
        where: str,
        params: list[Any],
        limit: int,
        snippets: bool = True,
    ) -> tuple[list[Hit], str | None]:
        ascending = query.sort == "date"
        keyset, keyset_params = _keyset(_decode_cursor(query.cursor), ascending, "e")
        direction = "ASC" if ascending else "DESC"
        rows = self._rows(
            f"SELECT e.id, e.sort_date FROM search_entry e WHERE {where}{keyset} "
            f"ORDER BY e.sort_date {direction}, e.id {direction} LIMIT %s",
            [*params, *keyset_params, limit + 1],
        )
        more = len(rows) > limit
        rows = rows[:limit]
        hits = self._hits([(int(r[0]), 0.0) for r in rows], parsed, snippets)
        next_cursor = None
        if more and rows:
            last_day = _as_date(rows[-1][1])
            next_cursor = _encode_cursor(f"d:{last_day.isoformat()}|{rows[-1][0]}")
        return hits, next_cursor

    def _hits(
        self, ranked: list[tuple[int, float]], parsed: ParsedQuery | None, snippets: bool = True
    ) -> list[Hit]:
        from dienhong.search.engine import Hit

        if not ranked:
            return []
        entries = Entry.objects.using(self.alias).filter(pk__in=[pk for pk, _ in ranked])
        if not snippets:
            ids = dict(entries.values_list("id", "object_id"))
            return [Hit(ids[pk], score, "") for pk, score in ranked if pk in ids]
        rows = {r.pk: r for r in entries.only("id", "object_id", "title", "subject", "body")}
        return [
            Hit(
                object_id=rows[pk].object_id,
                score=score,
                snippet=analysis.best_snippet(
                    rows[pk].title, rows[pk].subject, rows[pk].body, parsed
                ),
            )
            for pk, score in ranked
            if pk in rows
        ]


#: Total and facet counts of list pages, by (database, generation, kind, tokens, filters, facets).
_LIST_COUNTS: OrderedDict[tuple[Any, ...], tuple[int, dict[str, dict[str, int]]]] = OrderedDict()
_LIST_COUNTS_SIZE = 512


def _facet_dict(names: list[str], rows: list[tuple[str, str, int]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for name in names:
        values = sorted(((v, c) for n, v, c in rows if n == name), key=lambda vc: (-vc[1], vc[0]))
        out[name] = dict(values[:MAX_FACET_VALUES])
    return out


def _above(rows: list[tuple[Any, ...]], limit: int, bound: float) -> bool:
    """Whether the last page row (the ``top``-th best: the page is read with one row more
    than shown) scores above ``bound``, so no match scoring at most ``bound`` can be on the
    page (the page is ordered by rounded scores: ``analysis.SCORE_STEP``)."""
    page = [row for row in rows if row[0] == "p"]
    return len(page) > limit and bound < float(page[-1][3]) - analysis.SCORE_STEP


def term_bounds(
    parsed: ParsedQuery, statistics: tuple[int, dict[str, int]]
) -> tuple[dict[str, float], list[str], list[float]]:
    """BM25 weights of the query's terms (``analysis.term_weights``), the terms by the most each can
    add to a score (weight × (k1 + 1): its factor tends to k1 + 1 as the frequency grows),
    highest first, and ``rest[i]``: the most the terms after the first i can add together."""
    weights = analysis.term_weights(parsed, statistics)
    order = sorted(weights, key=lambda t: (-weights[t], t))
    bounds = [weights[t] * (analysis.K1 + 1) for t in order]
    return weights, order, [sum(bounds[i:]) for i in range(len(bounds) + 1)]


def _offset(cursor: str) -> int:
    """Where a page sorted by relevance starts: the decoded cursor ``o:<offset>``."""
    return int(cursor[2:]) if cursor.startswith("o:") and cursor[2:].isdigit() else 0


def _filtered(query: SearchQuery) -> bool:
    """Whether ``query`` filters on more than its kind (facet values, dates)."""
    return any(v not in (None, "") for values in query.filters.values() for v in values)


def _keyset(cursor: str, ascending: bool, table: str) -> tuple[str, list[Any]]:
    """The condition continuing a date-sorted page after the cursor's ``(sort_date, id)``."""
    if not cursor.startswith("d:"):
        return "", []
    try:
        day, last_id = cursor[2:].split("|")
        params: list[Any] = [_as_date(day), _as_date(day), int(last_id)]
    except ValueError:
        return "", []
    op = ">" if ascending else "<"
    return (
        f" AND ({table}.sort_date {op} %s OR ({table}.sort_date = %s AND {table}.id {op} %s))",
        params,
    )


def _as_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


# --- SQLite FTS5 ----------------------------------------------------------------------------


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_expression(parsed: ParsedQuery) -> str:
    """The FTS5 MATCH expression: the query's groups (``ParsedQuery.groups``) AND-ed."""
    return _all_groups(parsed.groups())


def _all_groups(groups: list[list[str]]) -> str:
    """FTS5: one term of each group."""
    return " AND ".join(_either(" OR ", [_fts_phrase(t) for t in g]) for g in groups)


def _any(terms: list[str]) -> str:
    """FTS5: any of ``terms``."""
    return " OR ".join(_fts_phrase(t) for t in terms)


def _either(operator: str, terms: list[str]) -> str:
    return terms[0] if len(terms) == 1 else "(" + operator.join(terms) + ")"


def _fulltext_row(pk: int, columns: list[list[str]], access: list[str]) -> list[Any]:
    """``(rowid, title, subject, number, body, access)`` of the FTS5 table."""
    return [pk, *(" ".join(column) for column in columns), " ".join(access)]


#: SQLite scores first the matches of the terms in fewer than this share of the entries.
RARE = 0.1


class SQLiteBackend(Backend):
    vendor = "sqlite"
    facet_join = "CROSS JOIN"
    _WEIGHTS = ", ".join(repr(WEIGHTS[c]) for c in COLUMNS)

    def _unindex(self, rows: list[Entry]) -> None:
        # A contentless FTS5 table forgets a row only when told the exact terms it holds,
        # re-derived here from the stored text and tokens by the same (deterministic) analysis.
        if not rows:
            return
        access = self._access_of(rows)
        columns = {row.pk: _columns(row) for row in rows}
        self._removed_df = Counter(t for c in columns.values() for t in set().union(*c))
        deleted = [_fulltext_row(pk, c, access[pk]) for pk, c in columns.items()]
        with self.connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (search_fts, rowid, title, subject, number, body, access) "
                "VALUES ('delete', %s, %s, %s, %s, %s, %s)",
                deleted,
            )

    def _fulltext_add(self, items: list[tuple[int, _Analysed]], *, old: list[Entry]) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, subject, number, body, access) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [_fulltext_row(pk, item.columns, item.access) for pk, item in items],
            )
        self._terms_added(items)

    def _fulltext_removed(self, rows: list[Entry]) -> None:
        self._terms_removed()

    def optimize(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_term WHERE df <= 0")
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")

    def _match_set(
        self,
        parsed: ParsedQuery,
        kind: str,
        where: str | None,
        params: list[Any],
        tokens: list[str],
        *,
        scored: bool,
        statistics: tuple[int, dict[str, int]],
        top: int | None,
    ) -> tuple[str, list[Any], float | None]:
        # FTS5 alone finds the visible matches of the kind: the text AND one of the user's
        # access terms (a column of weight 0: it counts in the length, never in the score).
        # bm25 is computed for those only; the entry row is read only to filter or date.
        access = _any(access_terms(kind, tokens))
        match = f"({fts_expression(parsed)}) AND access : ({access})"
        weights, order, rest = term_bounds(parsed, statistics)
        # The terms that weigh, as often as the query holds them (bm25 scores each phrase of
        # its statement's expression as often as it is written there).
        scoring = [t for t in parsed.terms if t in weights]
        ctes: list[str] = []
        cte_params: list[Any] = []
        score, unscored, source = "0.0", None, "search_fts"
        if scored and scoring:
            bm25 = f"-bm25(search_fts, {self._WEIGHTS}, 0.0)"
            docs, df = statistics
            # The rare terms, at least the one that can add the most.
            taken = max(1, sum(1 for t in order if df.get(t, 0) < docs * RARE))
            # bm25 costs more than finding a match: when the page is likely to be among the
            # matches holding a rare term, only those are scored (the caller checks,
            # ``unscored``: the most the other terms can add).
            pruned = top is not None and taken < len(order)
            if pruned:
                unscored = rest[taken]
            if len(scoring) == len(parsed.terms):
                score = bm25
                if pruned:
                    score = f"CASE WHEN rowid IN r THEN {bm25} ELSE 0.0 END"
                    ctes.append(
                        "r AS MATERIALIZED (SELECT rowid AS id FROM search_fts "
                        "WHERE search_fts MATCH %s)"
                    )
                    cte_params.append(f"({_any(order[:taken])}) AND access : ({access})")
            else:
                # The match holds weightless terms (a keyword search's common syllables), and
                # bm25 first counts the entries holding each phrase of its expression: a pass
                # over most of the index for each of those. The score is read apart.
                ctes.append(
                    f"c AS MATERIALIZED (SELECT rowid AS id, {bm25} AS score FROM search_fts "
                    "WHERE search_fts MATCH %s)"
                )
                cte_params.append(
                    _scored_apart(parsed, scoring, order[:taken] if pruned else None, access)
                )
                score = "coalesce(c.score, 0.0)"
                source = "search_fts LEFT JOIN c ON c.id = search_fts.rowid"
        ctes.append(
            f"s AS MATERIALIZED (SELECT search_fts.rowid AS id, {score} AS score FROM {source} "
            "WHERE search_fts MATCH %s)"
        )
        cte_params.append(match)
        if where is None:
            ctes.append("m AS (SELECT id, NULL AS sort_date, score FROM s)")
            return ", ".join(ctes), cte_params, unscored
        ctes.append(
            "m AS MATERIALIZED (SELECT e.id AS id, e.sort_date AS sort_date, "
            f"s.score AS score FROM s CROSS JOIN search_entry e ON e.id = s.id WHERE {where})"
        )
        return ", ".join(ctes), [*cte_params, *params], unscored


def _scored_apart(
    parsed: ParsedQuery, scoring: list[str], taken: list[str] | None, access: str
) -> str:
    """The FTS5 expression whose ``bm25()`` scores a match holding weightless terms: the
    terms that weigh (``scoring``, each as often as the query holds it), and no other.

    Its rows are the matches holding a ``taken`` term, or (None) every match: those holding
    the groups of the match in which every term weighs (one holds them all), else any term
    that weighs. The other weighted terms are AND-ed OR-ed with the access terms, which every
    row holds and which weigh nothing (column weight 0): scored, without narrowing the rows.
    Both engines leave weightless terms out of the score (``analysis.term_weights``)."""
    if taken is not None:
        counted, expression = taken, _any(taken)
    else:
        weighing = set(scoring)
        whole = [g for g in parsed.groups() if weighing.issuperset(g)]
        counted = [t for g in whole for t in g] or scoring
        expression = _all_groups(whole) or _any(scoring)
    others = list(scoring)
    for term in counted:
        others.remove(term)
    expression = f"({expression}) AND access : ({access})"
    if others:
        expression += f" AND ({_any(others)} OR access : ({access}))"
    return expression


# --- PostgreSQL -----------------------------------------------------------------------------

_MAX_POSITIONS = 256  # tsvector keeps at most 256 positions per lexeme
_INT_WEIGHTS = {c: int(w) for c, w in WEIGHTS.items()}
assert all(_INT_WEIGHTS[c] == WEIGHTS[c] for c in COLUMNS), "PostgreSQL needs whole weights"


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def weighted_frequencies(columns: list[list[str]]) -> Counter[str]:
    """Each term's occurrences weighted by column: FTS5's ``f`` (whole column weights)."""
    weighted: Counter[str] = Counter()
    for column, terms in zip(COLUMNS, columns, strict=True):
        weight = _INT_WEIGHTS[column]
        if weight == 1:
            weighted.update(terms)
        else:
            for term in terms:
                weighted[term] += weight
    return weighted


#: ``1,2,…,n`` for every n a tsvector can hold.
_POSITIONS = [
    "",
    *(",".join(str(i) for i in range(1, n + 1)) for n in range(1, _MAX_POSITIONS + 1)),
]


def tsvector_literal(columns: list[list[str]], weighted: Counter[str] | None = None) -> str:
    """One lexeme per term with as many positions as its column-weighted frequency.

    That frequency is exactly FTS5's ``f`` (whole column weights), read back by counting
    positions; tsvector keeps at most 256, where BM25 has long saturated.
    """
    if weighted is None:
        weighted = weighted_frequencies(columns)
    positions = _POSITIONS
    return " ".join(
        f"{_quote(term)}:{positions[min(count, _MAX_POSITIONS)]}"
        for term, count in sorted(weighted.items())
    )


def tsquery_literal(parsed: ParsedQuery) -> str:
    """The tsquery of ``fts_expression`` (a term once: the score is computed apart)."""
    groups = dict.fromkeys(tuple(dict.fromkeys(g)) for g in parsed.groups())
    return " & ".join(_either(" | ", [_quote(t) for t in g]) for g in groups)


class PostgresBackend(Backend):
    vendor = "postgresql"

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        super().__init__(connection)
        #: What ``_unindex`` found the replaced or removed entries hold: (term, block) rows
        #: of ``search_posting`` and the entries' ids, dropped after ``search_stats``.
        self._removed_postings: tuple[list[tuple[str, int]], list[int]] = ([], [])

    def _entry_columns(self) -> tuple[str, ...]:
        return (*self._ENTRY_COLUMNS, "tsv")

    def _entry_placeholders(self) -> list[str]:
        return [*super()._entry_placeholders(), "%s::tsvector"]

    def _entry_values(self, item: _Analysed) -> list[Any]:
        tsv = tsvector_literal(item.columns, item.weighted)
        access = " ".join(_quote(t) for t in item.access)  # no positions: never scored
        return [*super()._entry_values(item), f"{tsv} {access}".strip()]

    def _insert_rows(
        self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> None:
        # One statement per table and batch: the columns travel as arrays.
        if not rows:
            return
        arrays = [list(column) for column in zip(*rows, strict=True)]
        types = ["bigint[]" if c == "entry_id" else "text[]" for c in columns]
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"SELECT * FROM unnest({', '.join(f'%s::{t}' for t in types)})",
                arrays,
            )

    def _adjust_df(self, df: Counter[str]) -> None:
        """Add ``df`` to the document frequencies: one statement (terms sorted: no deadlock)."""
        terms = sorted(t for t, n in df.items() if n)
        if not terms:
            return
        with self.connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_term (term, df) SELECT * FROM unnest(%s::text[], %s::int[]) "
                "ON CONFLICT (term) DO UPDATE SET df = search_term.df + EXCLUDED.df",
                [terms, [df[t] for t in terms]],
            )

    #: Writers take turns per bucket of objects (``take_turns``): at most this many advisory
    #: locks a transaction, within the share of PostgreSQL's lock table each connection has
    #: (``max_locks_per_transaction``, 64 by default).
    TURN_BUCKETS = 64

    def take_turns(self, objects: list[tuple[str, int]]) -> None:
        # Two workers indexing the same document at once would otherwise both read its old
        # row, and the second would then deadlock with the first on the unique index of
        # (kind, object_id) or fail on it. A transaction-scoped advisory lock per bucket of
        # objects, taken in ascending order before any row is read, makes them take turns:
        # the second then reads the row the first committed and replaces it.
        buckets = sorted(
            {_bucket(kind, object_id, self.TURN_BUCKETS) for kind, object_id in objects}
        )
        if buckets:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(pg_advisory_xact_lock(%s, b)) FROM unnest(%s::int[]) AS b",
                    [_TURNS, buckets],
                )

    def _unindex(self, rows: list[Entry]) -> None:
        # The terms the entries hold, per block of ids, read from their tsvectors: their
        # document frequencies are taken back and their postings rewritten without them.
        ids = [r.pk for r in rows]
        held = (
            self._rows(
                "SELECT l, e.id >> %s, count(*) "
                "FROM search_entry e, unnest(tsvector_to_array(e.tsv)) AS l "
                "WHERE e.id = ANY(%s) AND e.tsv IS NOT NULL AND left(l, 1) <> %s "
                "GROUP BY l, e.id >> %s",
                [BLOCK_BITS, ids, ACCESS_PREFIX, BLOCK_BITS],
            )
            if ids
            else []
        )
        df: Counter[str] = Counter()
        for term, _, n in held:
            df[str(term)] += int(n)
        self._removed_df = df
        self._removed_postings = (sorted((str(t), int(b)) for t, b, _ in held), ids)

    # Lock order of an indexing transaction: ``search_term`` rows (sorted), the one
    # ``search_stats`` row, then ``search_posting`` rows. Every transaction writing postings
    # updates ``search_stats`` first, so postings are written by one transaction at a time:
    # no deadlock, whatever rows the removed and added entries share.

    def _fulltext_add(self, items: list[tuple[int, _Analysed]], *, old: list[Entry]) -> None:
        self._terms_added(items)
        with self.connection.cursor() as cursor:
            cursor.execute(
                "UPDATE search_stats SET tokens = tokens + %s WHERE id = 1",
                [sum(item.length for _, item in items) - sum(r.length for r in old)],
            )
        self._drop_postings()
        postings.add(self.connection, [(pk, item.weighted) for pk, item in items])

    def _fulltext_removed(self, rows: list[Entry]) -> None:
        self._terms_removed()
        if rows:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE search_stats SET tokens = tokens - %s WHERE id = 1",
                    [sum(r.length for r in rows)],
                )
        self._drop_postings()

    def _drop_postings(self) -> None:
        (keys, ids), self._removed_postings = self._removed_postings, ([], [])
        postings.drop(self.connection, keys, ids)

    def optimize(self) -> None:
        # After a bulk load: VACUUM sets the rows' hint bits and visibility (the first
        # searches would otherwise look each row's transaction up, and write the page) and
        # clears the row versions the postings' appends left; it cannot run in a transaction.
        analyse = "ANALYZE" if self.connection.in_atomic_block else "VACUUM (ANALYZE)"
        with self.connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_term WHERE df <= 0")
            for table in ("search_entry", "search_posting", "search_accesstoken"):
                cursor.execute(f"{analyse} {table}")
            cursor.execute("ANALYZE search_facetvalue")

    _TEXT = "{}::text"
    _FLOAT = "{}::float8"
    _ID_LIST = "string_agg({}::text, ',')"

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        # One snapshot for the statements of a search (the matches, their terms' postings,
        # the facets counted in SQL), and bitmap scans only: the planner cannot see that
        # ``tsv @@`` de-toasts a large value per row, and left alone it tests every row of a
        # common term instead of reading the GIN index.
        outermost = not self.connection.in_atomic_block
        with transaction.atomic(using=self.alias):
            with self.connection.cursor() as cursor:
                if outermost:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("SET LOCAL enable_indexscan = off")
            yield

    def _match_set(
        self,
        parsed: ParsedQuery,
        kind: str,
        where: str | None,
        params: list[Any],
        tokens: list[str],
        *,
        scored: bool,
        statistics: tuple[int, dict[str, int]],
        top: int | None,
    ) -> tuple[str, list[Any], float | None]:
        # Only date-sorted searches come here: ``_matched`` ranks the others itself.
        assert not scored, "PostgreSQL ranks in _matched"
        condition, condition_params = self._condition(parsed, kind, where, params, tokens)
        return (
            "m AS MATERIALIZED (SELECT e.id, e.sort_date, 0.0 AS score FROM search_entry e "
            f"WHERE {condition})",
            condition_params,
            None,
        )

    def _condition(
        self,
        parsed: ParsedQuery,
        kind: str,
        where: str | None,
        params: list[Any],
        tokens: list[str],
    ) -> tuple[str, list[Any]]:
        """The entries of ``kind`` matching the text and visible with ``tokens``, found by
        the GIN index alone: the text AND one of the user's access terms (lexemes without
        positions), and ``where`` unless None."""
        access = "(" + " | ".join(_quote(t) for t in access_terms(kind, tokens)) + ")"
        return (
            f"{where or '1 = 1'} AND e.tsv @@ %s::tsquery",
            [*(params if where else []), f"({tsquery_literal(parsed)}) & {access}"],
        )

    def _matched(
        self,
        parsed: ParsedQuery,
        query: SearchQuery,
        where: str,
        params: list[Any],
        tokens: list[str],
        limit: int,
        statistics: tuple[int, dict[str, int]],
        snippets: bool,
    ) -> SearchResult:
        """Sorted by relevance: one statement reads the visible matches' ids and lengths;
        their BM25 scores come from the terms' postings, and the total, facets and page from
        numpy (sorted by date, the shared statement applies)."""
        from dienhong.search.engine import SearchResult

        if query.sort in ("date", "-date"):
            return super()._matched(
                parsed, query, where, params, tokens, limit, statistics, snippets
            )
        offset = _offset(_decode_cursor(query.cursor))
        names = list(dict.fromkeys(query.facets))
        condition, condition_params = self._condition(
            parsed, query.kind, where if _filtered(query) else None, params, tokens
        )
        # Outside a transaction the facet table counts (``_matched`` above); see there.
        in_memory = self._facets_in_memory()
        with self._reading():
            # 12 bytes a match (id, length), in one value: no row or text to parse per match.
            (packed,) = self._rows(
                "SELECT string_agg(int8send(e.id) || int4send(e.length), ''::bytea) "
                f"FROM search_entry e WHERE {condition}",
                condition_params,
            )[0]
            matches = np.frombuffer(bytes(packed or b""), dtype=_MATCH)
            order = np.argsort(matches["id"])
            ids = matches["id"][order].astype(np.int64)
            lengths = matches["length"][order].astype(np.float64)
            scores = self._bm25(parsed, statistics, ids, lengths)
            counted: dict[str, dict[str, int]] = {}
            if names and in_memory:
                counted = _facet_dict(names, facets.table_for(self).count(self, ids, names))
            elif names:  # the entries read may still be rolled back: the database counts
                counted = self._facets(names, "e.id = ANY(%s::bigint[])", [ids.tolist()])
        page = _best(ids, scores, offset + limit + 1)[offset:]
        hits = self._hits(page[:limit], parsed, snippets)
        more = len(page) > limit and bool(hits)
        return SearchResult(
            hits=hits,
            total=len(ids),
            facets=counted,
            next_cursor=_encode_cursor(f"o:{offset + limit}") if more else None,
        )

    def _bm25(
        self,
        parsed: ParsedQuery,
        statistics: tuple[int, dict[str, int]],
        ids: np.ndarray[Any, Any],
        lengths: np.ndarray[Any, Any],
    ) -> np.ndarray[Any, Any]:
        """BM25 of the entries ``ids`` (sorted) of lengths ``lengths``: each query term's
        frequency in each of them is read from its postings (``postings.py``)."""
        weights = analysis.term_weights(parsed, statistics)
        scores = np.zeros(len(ids))
        if not weights or not len(ids):
            return scores
        terms = sorted(weights)
        tokens = self._scalar("SELECT tokens FROM search_stats WHERE id = 1", [])
        avgdl = max(float(tokens) / max(int(statistics[0]), 1), 1e-9)
        k1, b = analysis.K1, analysis.B
        norm = k1 * ((1 - b) + b * lengths / avgdl)
        found = postings.frequencies(self.connection, terms, ids)
        for term, f in zip(terms, found, strict=True):
            scores += weights[term] * f * (k1 + 1) / (f + norm)
        return scores


#: The first key of the search index's advisory locks (``PostgresBackend.take_turns``).
_TURNS = int.from_bytes(b"srch", "big")


def _bucket(kind: str, object_id: int, buckets: int) -> int:
    digest = hashlib.blake2b(f"{kind}:{int(object_id)}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") % buckets


#: A match as the relevance statement sends it: ``int8send(id) || int4send(length)``.
_MATCH = np.dtype([("id", ">i8"), ("length", ">i4")])


def _best(
    ids: np.ndarray[Any, Any], scores: np.ndarray[Any, Any], top: int
) -> list[tuple[int, float]]:
    """The ``top`` best (id, score), ordered by the score rounded to ``analysis.SCORE_DECIMALS``
    decimals (as Python rounds), then id. numpy narrows them to the entries scoring within one
    rounding step of the ``top``-th best; Python rounds and sorts only those."""
    if len(ids) > top:
        kth = np.partition(scores, len(scores) - top)[len(scores) - top]
        near = np.flatnonzero(scores >= kth - analysis.SCORE_STEP)
    else:
        near = np.arange(len(ids))
    rounded = np.array([round(x, analysis.SCORE_DECIMALS) for x in scores[near].tolist()])
    order = near[np.lexsort((ids[near], -rounded))][:top]
    return list(zip(ids[order].tolist(), scores[order].tolist(), strict=True))


def backend_for(connection: BaseDatabaseWrapper) -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend(connection)
    if connection.vendor == "sqlite":
        return SQLiteBackend(connection)
    raise NotImplementedError(f"no search backend for {connection.vendor}")
