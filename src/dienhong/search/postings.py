"""PostgreSQL's postings: each term's entries and weighted frequencies, for the score.

BM25 needs, for every entry it scores, the column-weighted frequency ``f`` of each query term.
Reading it from the entry's ``tsvector`` costs a de-toast of a ~10 kB value per entry (~25 µs):
~100 ms for the ~4,000 visible holders of a common bigram at 200k entries, which set
PostgreSQL's p95 (ADR 0002). Here each term keeps its postings in ``search_posting(term, block,
data)``: one row per term and block of 1,024 entry ids (``id >> BLOCK_BITS``), ``data`` the
postings packed as big-endian 32-bit words, the id's low 10 bits above ``f`` (16 bits, at most
``MAX_FREQUENCY``). A search reads the rows of its terms for the blocks of the entries it scores
and matches them in numpy: ~4 bytes a posting instead of a tsvector an entry.

Rows are written in the indexing transaction, after its update of ``search_stats`` (so by one
transaction at a time; ``backends.PostgresBackend``): an upsert appending to ``data``, rows in
(term, block) order, and a rewrite without the entries removed. Entry ids are never reused, so
a posting belongs to one entry forever.
Order inside ``data`` does not matter: readers look each posting up among the entries scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from django.db.backends.base.base import BaseDatabaseWrapper

BLOCK_BITS = 10
OFFSET_MASK = (1 << BLOCK_BITS) - 1
#: ``f`` is kept in 15 bits (``int2send`` in the migration that fills the table is signed).
MAX_FREQUENCY = 0x7FFF
PACKED = np.dtype(">u4")


def entry_ids(blocks: np.ndarray[Any, Any], packed: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The entry id of each posting ``packed`` (``PACKED`` words) of the blocks ``blocks``."""
    return (blocks.astype(np.int64) << BLOCK_BITS) | (packed >> 16).astype(np.int64)


def add(connection: BaseDatabaseWrapper, entries: Iterable[tuple[int, dict[str, int]]]) -> None:
    """Append the postings of ``entries`` (id, weighted frequency per term).

    The batch's terms get integer codes; postings are grouped by (term, block) in numpy, so
    Python touches each posting once (its term's code), not a dict of lists per posting."""
    vocabulary: dict[str, int] = {}
    codes, words, blocks = [], [], []
    for pk, weighted in entries:
        count = len(weighted)
        codes.append(
            np.fromiter(
                (vocabulary.setdefault(t, len(vocabulary)) for t in weighted),
                dtype=np.int64,
                count=count,
            )
        )
        frequencies = np.fromiter(weighted.values(), dtype=np.int64, count=count)
        words.append(((pk & OFFSET_MASK) << 16) | np.minimum(frequencies, MAX_FREQUENCY))
        blocks.append(np.full(count, pk >> BLOCK_BITS, dtype=np.int64))
    if not vocabulary:
        return
    terms = list(vocabulary)
    rank = np.empty(len(terms), dtype=np.int64)
    rank[sorted(range(len(terms)), key=terms.__getitem__)] = np.arange(len(terms))
    code, word, block = np.concatenate(codes), np.concatenate(words), np.concatenate(blocks)
    # Rows in (term, block) order: concurrent writers would lock them in the same order.
    order = np.lexsort((block, rank[code]))
    code, block = code[order], block[order]
    data = word[order].astype(PACKED).tobytes()
    starts = np.flatnonzero(np.r_[True, (code[1:] != code[:-1]) | (block[1:] != block[:-1])])
    ends = np.r_[starts[1:], len(code)]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_posting (term, block, data) "
            "SELECT * FROM unnest(%s::text[], %s::int[], %s::bytea[]) "
            "ON CONFLICT (term, block) DO UPDATE SET data = search_posting.data || EXCLUDED.data",
            [
                [terms[c] for c in code[starts].tolist()],
                block[starts].tolist(),
                [data[4 * a : 4 * b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)],
            ],
        )


def drop(connection: BaseDatabaseWrapper, keys: Sequence[tuple[str, int]], ids: list[int]) -> None:
    """Rewrite the rows ``keys`` (term, block; sorted) without the postings of ``ids``."""
    if not keys or not ids:
        return
    removed = np.array(ids, dtype=np.int64)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.term, p.block, p.data FROM search_posting p "
            "JOIN unnest(%s::text[], %s::int[]) AS k(term, block) "
            "ON p.term = k.term AND p.block = k.block "
            "ORDER BY p.term, p.block FOR UPDATE OF p",
            [[t for t, _ in keys], [b for _, b in keys]],
        )
        kept: list[tuple[str, int, bytes]] = []
        for term, block, data in cursor.fetchall():
            packed = np.frombuffer(bytes(data), dtype=PACKED)
            pks = entry_ids(np.full(len(packed), int(block)), packed)
            kept.append((term, int(block), packed[~np.isin(pks, removed)].tobytes()))
        if not kept:
            return
        cursor.execute(
            "UPDATE search_posting p SET data = k.data "
            "FROM unnest(%s::text[], %s::int[], %s::bytea[]) AS k(term, block, data) "
            "WHERE p.term = k.term AND p.block = k.block",
            [[t for t, _, _ in kept], [b for _, b, _ in kept], [d for _, _, d in kept]],
        )
        empty = [(t, b) for t, b, d in kept if not d]
        if empty:
            cursor.execute(
                "DELETE FROM search_posting p "
                "USING unnest(%s::text[], %s::int[]) AS k(term, block) "
                "WHERE p.term = k.term AND p.block = k.block AND length(p.data) = 0",
                [[t for t, _ in empty], [b for _, b in empty]],
            )


def frequencies(
    connection: BaseDatabaseWrapper, terms: Sequence[str], ids: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    """``f`` of each of ``terms`` (rows) in each of the entries ``ids`` (sorted; columns),
    0 where an entry does not hold the term."""
    found = np.zeros((len(terms), len(ids)), dtype=np.float64)
    if not len(terms) or not len(ids):
        return found
    row_of = {term: i for i, term in enumerate(terms)}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term, block, data FROM search_posting WHERE term = ANY(%s) AND block = ANY(%s)",
            [list(terms), np.unique(ids >> BLOCK_BITS).tolist()],
        )
        rows = cursor.fetchall()
    # Where each entry scored sits in ``ids``, by id (-1: not scored): one array lookup a
    # posting, then one numpy pass per term over all its rows.
    first = int(ids[0])
    column = np.full(int(ids[-1]) - first + 1, -1, dtype=np.int64)
    column[ids - first] = np.arange(len(ids))
    parts: dict[str, tuple[list[int], list[int], list[bytes]]] = {}
    for term, block, data in rows:
        blocks, sizes, datas = parts.setdefault(term, ([], [], []))
        blocks.append(int(block))
        sizes.append(len(data) // 4)
        datas.append(bytes(data))
    for term, (blocks, sizes, datas) in parts.items():
        packed = np.frombuffer(b"".join(datas), dtype=PACKED)
        pks = entry_ids(np.repeat(np.array(blocks, dtype=np.int64), sizes), packed)
        inside = (pks >= first) & (pks < first + len(column))
        at = np.full(len(pks), -1, dtype=np.int64)
        at[inside] = column[pks[inside] - first]
        hit = at >= 0
        found[row_of[term], at[hit]] = (packed[hit] & 0xFFFF).astype(np.float64)
    return found
