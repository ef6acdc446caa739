"""The one search interface of Diên Hồng (ADR 0002).

Callers hand in ``IndexEntry`` objects and ask ``SearchQuery`` questions with the user's
``Visibility``; the backend (SQLite FTS5 or PostgreSQL full-text search) is chosen from the
database vendor. Permission filtering happens inside the SQL, never after fetching.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from django.db import connections

from dienhong.search import analysis, rerank, semantic

if TYPE_CHECKING:
    from dienhong.search.backends import Backend

ACCESS_LEVELS = ("public", "internal", "restricted", "confidential")


@dataclass
class IndexEntry:
    kind: str
    object_id: int
    title: str = ""
    subject: str = ""
    number: str = ""
    body: str = ""
    facets: dict[str, str | int | None] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    date: datetime.date | None = None
    access: str = "internal"
    owner_unit_path: str = ""
    allowed_unit_paths: list[str] = field(default_factory=list)
    allowed_user_ids: list[int] = field(default_factory=list)


@dataclass
class Visibility:
    user_id: int | None
    internal: bool
    unit_paths: list[str]
    confidential_unit_paths: list[str]


@dataclass
class SearchQuery:
    text: str = ""
    kind: str = "document"
    filters: dict[str, list[str | int]] = field(default_factory=dict)
    sort: str = "relevance"
    limit: int = 20
    cursor: str | None = None
    facets: list[str] = field(default_factory=list)
    #: Any of a keyword search's words may match (set when all of them matched nothing).
    any_word: bool = False


@dataclass
class Hit:
    object_id: int
    score: float
    snippet: str

    @property
    def snippet_html(self) -> str:
        """The snippet: HTML-escaped text with ``<mark>`` around the matches."""
        return self.snippet


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]]
    next_cursor: str | None
    #: Nothing held every word (or a quoted phrase), so these hold any of the words.
    relaxed: bool = False
    #: (entries in the index, document frequency of each query term) as the ranking read them.
    statistics: tuple[int, dict[str, int]] | None = field(default=None, repr=False)
    #: The query's terms as the backend searched them (common terms dropped); None for a list.
    parsed: analysis.ParsedQuery | None = field(default=None, repr=False)


# --- access tokens --------------------------------------------------------------------------


def ancestors(path: str) -> list[str]:
    """``/1/5/12/`` → ``["/1/", "/1/5/", "/1/5/12/"]``."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def entry_tokens(entry: IndexEntry) -> list[str]:
    """The access tokens of an entry; a user sees it when one of his tokens is among them.

    - ``*`` public; ``i`` internal;
    - restricted: ``u:<id>`` per named user; per unit path E (owner and allowed units),
      ``d:E`` (the user works inside E's subtree) and ``a:A`` for every ancestor-or-self A
      of E (the user holds rights over a subtree containing E);
    - confidential: ``u:<id>`` per named user; ``c:A`` for every ancestor-or-self A of the
      owner unit and ``C:O`` for the owner unit O itself (the same two directions, for the
      user's confidential subtrees only).
    """
    if entry.access == "public":
        return ["*"]
    if entry.access == "internal":
        return ["i"]
    tokens = [f"u:{int(uid)}" for uid in entry.allowed_user_ids]
    if entry.access == "restricted":
        for path in [entry.owner_unit_path, *entry.allowed_unit_paths]:
            if path:
                tokens.append(f"d:{path}")
                tokens += [f"a:{a}" for a in ancestors(path)]
    elif entry.access == "confidential":
        if entry.owner_unit_path:
            tokens.append(f"C:{entry.owner_unit_path}")
            tokens += [f"c:{a}" for a in ancestors(entry.owner_unit_path)]
    else:
        raise ValueError(f"unknown access level {entry.access!r}")
    return sorted(set(tokens))


def visibility_tokens(visibility: Visibility) -> list[str]:
    """The tokens a user holds (see ``entry_tokens``)."""
    tokens = ["*"]
    if visibility.internal:
        tokens.append("i")
    if visibility.user_id:
        tokens.append(f"u:{int(visibility.user_id)}")
    for path in visibility.unit_paths:
        tokens.append(f"a:{path}")
        tokens += [f"d:{a}" for a in ancestors(path)]
    for path in visibility.confidential_unit_paths:
        tokens.append(f"c:{path}")
        tokens += [f"C:{a}" for a in ancestors(path)]
    return sorted(set(tokens))


def facet_rows(entry: IndexEntry) -> list[tuple[str, str]]:
    rows = [(name, str(value)) for name, value in entry.facets.items() if value not in (None, "")]
    rows += [("tag", str(tag)) for tag in entry.tags if str(tag)]
    return sorted(set((n[:60], v[:255]) for n, v in rows))


def _backend(using: str) -> Backend:
    from dienhong.search.backends import backend_for

    return backend_for(connections[using])


# --- the interface --------------------------------------------------------------------------


def index(entries: Iterable[IndexEntry], *, using: str = "default") -> None:
    """Add or replace entries (by ``kind`` and ``object_id``); give batches of a few hundred."""
    batch = list(entries)
    for entry in batch:
        if entry.access not in ACCESS_LEVELS:
            raise ValueError(f"unknown access level {entry.access!r}")
    if batch:
        _backend(using).index(batch)
        if semantic.enabled():
            semantic.mark_pending(batch, using=using)
            if using == "default":
                _embed_later()


def take_turns(kind: str, object_ids: Iterable[int], *, using: str = "default") -> None:
    """Inside a transaction: other writers of these entries wait until it ends (``index`` and
    ``remove`` take their turn too). Call it before reading what the entries are built from:
    of two workers indexing the same object at once, the later then reads what the earlier
    committed, so the index ends with the object's latest state."""
    if not connections[using].in_atomic_block:
        raise RuntimeError("take_turns holds until the transaction ends: call it inside one")
    _backend(using).take_turns([(kind, int(i)) for i in object_ids])


def remove(kind: str, object_ids: Iterable[int], *, using: str = "default") -> None:
    ids = sorted({int(i) for i in object_ids})
    if ids:
        _backend(using).remove(kind, ids)
        semantic.forget(kind, ids, using=using)


def search(query: SearchQuery, *, visibility: Visibility, using: str = "default") -> SearchResult:
    """Entries of ``query.kind`` matching the query that ``visibility`` allows, ranked or dated.

    Ranked by relevance, the first ``rerank.DEPTH`` results are re-ordered by the second
    stage (best passage, and meaning for questions: ADR 0003); later pages keep BM25's order.
    Every syllable of a keyword search must match (``analysis.parse_query``), and so must a
    "quoted phrase"; when nothing does, the result is that of any of the words (``relaxed``),
    as a user who mistyped a word or a phrase would want rather than an empty page.
    """
    result = _search(query, visibility=visibility, using=using)
    if result.total == 0 and result.parsed is not None and result.parsed.required:
        relaxed = replace(query, text=analysis.without_quotes(query.text), any_word=True)
        found = _search(relaxed, visibility=visibility, using=using)
        if found.total:
            result = replace(found, relaxed=True)
    return result


def _search(query: SearchQuery, *, visibility: Visibility, using: str) -> SearchResult:
    backend, tokens = _backend(using), visibility_tokens(visibility)
    offset = _offset(query.cursor)
    if (
        query.sort in ("date", "-date")
        or offset is None
        or offset >= rerank.DEPTH
        or not (query.text or "").strip()
    ):
        return backend.search(query, tokens)
    limit = max(1, min(int(query.limit or 20), rerank.DEPTH))
    first = backend.search(
        replace(query, limit=max(rerank.DEPTH, offset + limit), cursor=None),
        tokens,
        snippets=False,
    )
    depth = rerank.DEPTH
    texts = rerank.candidate_texts(query.kind, [h.object_id for h in first.hits], using=using)
    hits = rerank.rerank(
        first.hits[:depth],
        query.text,
        parsed=first.parsed,
        texts=texts,
        statistics=first.statistics,
        kind=query.kind,
        using=using,
    )
    hits += first.hits[depth:]
    more = len(hits) > offset + limit or first.next_cursor is not None
    # Snippets for the page shown only, from the texts the second stage read (the first
    # ``SNIPPET_SCAN`` characters are all a snippet looks at).
    page = [
        replace(hit, snippet=analysis.best_snippet(*_fields(texts, hit.object_id), first.parsed))
        for hit in hits[offset : offset + limit]
    ]
    return SearchResult(
        hits=page,
        total=first.total,
        facets=first.facets,
        next_cursor=_encode_cursor(f"o:{offset + limit}") if more else None,
        parsed=first.parsed,
    )


def _fields(texts: dict[int, dict[str, str]], object_id: int) -> tuple[str, str, str]:
    found = texts.get(object_id, {})
    return found.get("title", ""), found.get("subject", ""), found.get("body", "")


def _offset(cursor: str | None) -> int | None:
    """The offset an (opaque) relevance cursor stands for; None for another kind of cursor."""
    from dienhong.search.backends import _decode_cursor

    value = _decode_cursor(cursor)
    if not value:
        return 0
    if value.startswith("o:") and value[2:].isdigit():
        return int(value[2:])
    return None


def _encode_cursor(value: str) -> str:
    from dienhong.search.backends import _encode_cursor

    return _encode_cursor(value)


def _embed_later() -> None:
    from dienhong.core.jobs import enqueue_on_commit
    from dienhong.search.jobs import embed_pending

    enqueue_on_commit(embed_pending)


def optimize(*, using: str = "default") -> None:
    """Compact the index and refresh planner statistics; run after a bulk load."""
    _backend(using).optimize()
