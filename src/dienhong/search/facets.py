# ruff: noqa: S608 - SQL from constant fragments and "%s" placeholders only.
"""Facet counts of a text search, from facet codes held in memory (ADR 0002, "Facets").

A search that matches 10,000 visible entries would otherwise look up 10,000 × 5 facet rows in
the database for every request. Here each process keeps, per database, a small matrix: one row
per entry id, the codes of its (name, value) pairs; counting is then one ``bincount`` over the
rows of the matched ids.

The matrix only grows and is never stale: an entry's facet rows are written with the entry
and never change (re-indexing inserts a new entry with a new id), and an id is not reused.
Entries not yet read (new ones, or ones another transaction committed late) are read the
first time a match set holds them.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from dienhong.search.backends import Backend

#: Ids read per statement when filling in entries a match set holds.
_CHUNK = 5000


class FacetTable:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.codes = np.full((0, 4), -1, dtype=np.int32)  # per entry id, -1 = none
        self.loaded = np.zeros(0, dtype=bool)
        self.keys: list[tuple[str, str]] = []  # code → (name, value)
        self.index: dict[tuple[str, str], int] = {}
        self.high = 0  # every entry up to this id was read (or did not exist when read)

    def count(
        self, backend: Backend, ids: np.ndarray, names: list[str]
    ) -> list[tuple[str, str, int]]:
        """``(name, value, count)`` over the entries ``ids`` for the facets ``names``."""
        if ids.size == 0:
            return []
        with self.lock:
            self._read(backend, ids)
            rows = self.codes[ids]
            counts = np.bincount(rows[rows >= 0].ravel(), minlength=len(self.keys))
            wanted = set(names)
            return [
                (self.keys[code][0], self.keys[code][1], int(counts[code]))
                for code in np.flatnonzero(counts)
                if self.keys[code][0] in wanted
            ]

    def read_all(self, backend: Backend) -> None:
        """Read every entry not read yet (``warm``)."""
        with self.lock:
            self.high = max(self.high, self._read_after(backend, self.high))

    def _read(self, backend: Backend, ids: np.ndarray) -> None:
        top = int(ids.max())
        self._grow(top + 1)
        if top > self.high:
            self.high = max(top, self._read_after(backend, self.high))
        missing = ids[~self.loaded[ids]]
        for at in range(0, missing.size, _CHUNK):
            chunk = [int(i) for i in missing[at : at + _CHUNK]]
            placeholders = ", ".join(["%s"] * len(chunk))
            self._store(
                backend._rows(
                    "SELECT e.id, f.name, f.value FROM search_entry e "
                    "LEFT JOIN search_facetvalue f ON f.entry_id = e.id "
                    f"WHERE e.id IN ({placeholders})",
                    chunk,
                ),
                top,
            )
            self.loaded[chunk] = True  # read: an id without a row holds no facets

    def _read_after(self, backend: Backend, after: int) -> int:
        """Read every entry with an id above ``after`` (after a bulk load, the whole index)
        in two statements, each (name, value)'s ids as one text; the highest id read."""
        id_list = backend._ID_LIST.format
        # Entries first: one committed between the two statements is not marked read, so it
        # is read again by id when a match set first holds it.
        (text,) = backend._rows(
            f"SELECT {id_list('e.id')} FROM search_entry e WHERE e.id > %s", [after]
        )[0]
        entries = _ids(text)
        rows = backend._rows(
            f"SELECT f.name, f.value, {id_list('f.entry_id')} FROM search_facetvalue f "
            "WHERE f.entry_id > %s GROUP BY f.name, f.value",
            [after],
        )
        parts = [(self._code(str(name), str(value)), _ids(text)) for name, value, text in rows]
        owners = np.concatenate([ids for _, ids in parts] or [np.zeros(0, dtype=np.int64)])
        codes = np.concatenate(
            [np.full(ids.size, code, dtype=np.int32) for code, ids in parts]
            or [np.zeros(0, dtype=np.int32)]
        )
        highest = int(max(entries.max(initial=0), owners.max(initial=0)))
        self._grow(highest + 1)
        if owners.size:
            order = np.argsort(owners, kind="stable")
            owners, codes = owners[order], codes[order]
            # Each entry's codes take slots 0, 1, … in its run of the sorted owners.
            starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
            runs = np.diff(np.r_[starts, owners.size])
            slots = np.arange(owners.size) - np.repeat(starts, runs)
            self._widen(int(slots.max()) + 1)
            self.codes[owners[starts]] = -1
            self.codes[owners, slots] = codes
        self.loaded[entries] = True
        return highest

    def _code(self, name: str, value: str) -> int:
        key = (name, value)
        code = self.index.get(key)
        if code is None:
            code = self.index[key] = len(self.keys)
            self.keys.append(key)
        return code

    def _widen(self, width: int) -> None:
        if width > self.codes.shape[1]:
            wider = np.full(
                (self.codes.shape[0], max(width, self.codes.shape[1] * 2)), -1, dtype=np.int32
            )
            wider[:, : self.codes.shape[1]] = self.codes
            self.codes = wider

    def _grow(self, size: int) -> None:
        if size <= self.loaded.size:
            return
        grown = max(size, self.loaded.size * 5 // 4)
        codes = np.full((grown, self.codes.shape[1]), -1, dtype=np.int32)
        codes[: self.codes.shape[0]] = self.codes
        loaded = np.zeros(grown, dtype=bool)
        loaded[: self.loaded.size] = self.loaded
        self.codes, self.loaded = codes, loaded

    def _store(self, rows: list[tuple[Any, ...]], top: int) -> None:
        self._grow(max(top, max((int(r[0]) for r in rows), default=0)) + 1)
        filled: dict[int, int] = {}
        for entry_id, name, value in rows:
            entry_id = int(entry_id)
            self.loaded[entry_id] = True
            if name is None:
                continue
            slot = filled.get(entry_id, 0)
            self._widen(slot + 1)
            if slot == 0:
                self.codes[entry_id] = -1  # read again: start afresh
            self.codes[entry_id, slot] = self._code(str(name), str(value))
            filled[entry_id] = slot + 1


def _ids(text: str | None) -> np.ndarray:
    return np.array(text.split(",") if text else [], dtype=np.int64)


_TABLES: dict[tuple[str, str], FacetTable] = {}
_TABLES_LOCK = threading.Lock()


def warm(using: str = "default") -> None:
    """Read the facet table of ``using``'s database now: a web process calls this as it
    starts, so its first text search does not (~1 s at 200,000 entries)."""
    from django.db import connections

    from dienhong.search.backends import backend_for

    backend = backend_for(connections[using])
    table_for(backend).read_all(backend)


def table_for(backend: Backend) -> FacetTable:
    """The facet table of ``backend``'s database (by alias and database name)."""
    key = (backend.alias, str(backend.connection.settings_dict.get("NAME")))
    with _TABLES_LOCK:
        table = _TABLES.get(key)
        if table is None:
            table = _TABLES[key] = FacetTable()
        return table
