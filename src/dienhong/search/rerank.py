"""The second ranking stage: BM25's first candidates re-ordered (ADR 0003).

Both backends hand the same candidates with the same BM25 scores to this code, so results stay
identical between SQLite and PostgreSQL. The set of the first ``DEPTH`` results never changes,
only their order; the pages after them keep the BM25 order.

1. **Best passage.** A long document that answers in one clause is ranked by that clause too:
   each candidate's body is cut into windows of ``WINDOW`` syllables (half overlapping, whatever
   the layout of the text), each window scored by the same BM25 (same terms, idf and column
   weights, title, subject and number counted in every window), and the best window's score
   added, ``PASSAGE_WEIGHT`` times, to the document's.
2. **Meaning** (questions only: at least ``analysis.QUESTION_SYLLABLES`` syllables and no
   document number).
   With the embedding model installed and the candidates' vectors computed
   (``dienhong.search.semantic``), the lexical score and the cosine similarity to the question
   are fused as standard scores, ``1 - ALPHA`` and ``ALPHA``. A candidate without a vector yet
   keeps its lexical standing (dense z-score 0).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from dienhong.search import analysis, semantic
from dienhong.search.analysis import WEIGHTS

if TYPE_CHECKING:
    import numpy as np

    from dienhong.search.engine import Hit

#: How many of BM25's first candidates are re-ordered.
DEPTH = 50
#: Passage windows, in syllables (consecutive windows overlap by half).
WINDOW = 40
#: Weight of the best passage's score added to the document's.
PASSAGE_WEIGHT = 2.0
#: Characters of a body cut into passages (the start of a long document answers most questions).
PASSAGE_SCAN = 20_000
#: Weight of the dense score in the fusion (the lexical one has ``1 - ALPHA``).
ALPHA = 0.25


def is_question(parsed: analysis.ParsedQuery) -> bool:
    """A question (enough content syllables), not a number lookup or a two-word search."""
    if any(t.startswith("#") for t in parsed.terms):
        return False
    syllables = [t for t in parsed.optional if "_" not in t.lstrip("_")]
    return len(syllables) >= analysis.QUESTION_SYLLABLES


def rerank(
    hits: list[Hit],
    text: str,
    *,
    kind: str,
    using: str,
    parsed: analysis.ParsedQuery | None,
    texts: dict[int, dict[str, str]],
    statistics: tuple[int, dict[str, int]] | None,
) -> list[Hit]:
    """Re-order BM25's ``hits`` for the query ``text`` (see the module docstring); scores
    become the fused ones.

    ``parsed`` and ``statistics`` are the backend's (``SearchResult.parsed``, common terms
    dropped, and ``.statistics``; None when the query has no terms), ``texts`` the
    candidates' (``candidate_texts()``)."""
    if len(hits) < 2 or parsed is None or parsed.empty or statistics is None:
        return hits
    weights = analysis.term_weights(parsed, statistics)
    passages = Passages(weights)
    lexical = [hit.score + PASSAGE_WEIGHT * passages.best(texts.get(hit.object_id)) for hit in hits]
    scores = _with_meaning(hits, lexical, text, parsed, kind=kind, using=using)
    rounded = [round(score, analysis.SCORE_DECIMALS) for score in scores]
    order = sorted(range(len(hits)), key=lambda i: (-rounded[i], i))
    return [replace(hits[i], score=rounded[i]) for i in order]


def candidate_texts(kind: str, object_ids: list[int], *, using: str) -> dict[int, dict[str, str]]:
    """Title, subject, number and the head of the body by object id: what the second stage
    and the snippets read."""
    from django.db.models.functions import Substr

    from dienhong.search.models import Entry

    rows = (
        Entry.objects.using(using)
        .filter(kind=kind, object_id__in=object_ids)
        .annotate(head=Substr("body", 1, max(PASSAGE_SCAN, analysis.SNIPPET_SCAN)))
        .values_list("object_id", "title", "subject", "number", "head")
    )
    return {
        int(oid): {"title": title, "subject": subject, "number": number, "body": head or ""}
        for oid, title, subject, number, head in rows
    }


def best_passage(fields: dict[str, str] | None, weights: dict[str, float]) -> float:
    """BM25 of the best window of the body (title, subject and number in every window)."""
    return Passages(weights).best(fields)


class Passages:
    """The best-passage score of each candidate of one query (``best``).

    Which spellings of a syllable matter to the query is worked out once per query and
    spelling, not once per candidate: the candidates of a query share most of their words.
    """

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights
        # The first syllables of the query's bigrams, accented and folded.
        self.firsts = {t.split("_")[0] for t in weights if "_" in t and not t.startswith("_")}
        self.firsts_folded = {
            t.split("_")[1] for t in weights if t.startswith("_") and t.count("_") == 2
        }
        #: For each spelling met that matters: (its single terms, its fold, opens a bigram).
        self.relevant: dict[str, tuple[list[str], str, bool]] = {}
        self.folds: dict[str, str] = {}

    def best(self, fields: dict[str, str] | None) -> float:
        weights = self.weights
        if not fields or not weights:
            return 0.0
        header: defaultdict[str, float] = defaultdict(float)
        header_length = 0
        for column in ("title", "subject", "number"):
            # The column's ``field_terms`` counted, not listed: n syllables give 4n - 2 terms.
            text = fields[column] or ""
            syllables = analysis.syllables(text)
            numbers = analysis.number_terms(text)
            if column != "number":
                header_length += max(0, 4 * len(syllables) - 2) + len(numbers)
            for term, places in self._positions(syllables).items():
                header[term] += WEIGHTS[column] * len(places)
            for term in numbers:
                if term in weights:
                    header[term] += WEIGHTS[column]
        accented = analysis.syllables(fields["body"][:PASSAGE_SCAN])
        positions = self._positions(accented)
        k1, b = analysis.K1, analysis.B
        # A window is 4 terms per syllable, plus the header's: BM25's length normalisation
        # then tempers documents whose title carries the match rather than their text.
        average = 4 * WINDOW
        # A window without a match scores below the header alone (same counts, longer), so
        # only the windows holding a match are scored.
        best = _window_score(header, weights, k1, b, header_length, average)
        step = max(1, WINDOW // 2)
        last = max(1, len(accented) - step)  # windows start at 0, step, … below ``last``
        starts = {
            (place // step - back) * step
            for places in positions.values()
            for place in places
            for back in (0, 1)
        }
        for start in (s for s in starts if 0 <= s < last):
            end = start + WINDOW
            counts = defaultdict(float, header)
            for term, places in positions.items():
                found = bisect_left(places, end) - bisect_left(places, start)
                if found:
                    counts[term] += WEIGHTS["body"] * found
            size = 4 * (min(end, len(accented)) - start) + header_length  # the last is shorter
            best = max(best, _window_score(counts, weights, k1, b, size, average))
        return best

    def _positions(self, accented: list[str]) -> dict[str, list[int]]:
        """Where each query term starts in a text, by syllable: the syllable either spelt,
        and the bigram of it and the next one either spelt (the terms ``field_terms`` would
        index)."""
        relevant, folds, weights = self.relevant, self.folds, self.weights
        for syllable in set(accented).difference(folds):
            folded = folds[syllable] = analysis.fold_syllable(syllable)
            single = [t for t in (syllable, "_" + folded) if t in weights]
            opens = syllable in self.firsts or folded in self.firsts_folded
            if single or opens:
                relevant[syllable] = (single, folded, opens)
        positions: defaultdict[str, list[int]] = defaultdict(list)
        last = len(accented) - 1
        for i in [i for i, syllable in enumerate(accented) if syllable in relevant]:
            syllable = accented[i]
            single, folded, opens = relevant[syllable]
            for term in single:
                positions[term].append(i)
            if opens and i < last:
                following = accented[i + 1]
                for term in (f"{syllable}_{following}", f"_{folded}_{folds[following]}"):
                    if term in weights:
                        positions[term].append(i)
        return positions


def _window_score(
    counts: dict[str, float], weights: dict[str, float], k1: float, b: float, size: int, avg: int
) -> float:
    norm = k1 * (1 - b + b * size / avg)
    return sum(weights[t] * f * (k1 + 1) / (f + norm) for t, f in counts.items() if f)


def _with_meaning(
    hits: list[Hit],
    lexical: list[float],
    text: str,
    parsed: analysis.ParsedQuery,
    *,
    kind: str,
    using: str,
) -> list[float]:
    if not semantic.enabled() or not is_question(parsed):
        return lexical
    vectors = semantic.vectors(kind, [hit.object_id for hit in hits], using=using)
    if not vectors:
        return lexical
    import numpy as np

    query = semantic.embed_question(text, using=using)
    dense = np.array(
        [float(vectors[h.object_id] @ query) if h.object_id in vectors else np.nan for h in hits]
    )
    fused = (1 - ALPHA) * _z(np.array(lexical, dtype=np.float64)) + ALPHA * _z(dense)
    return [float(v) for v in fused]


def _z(values: np.ndarray) -> Any:
    """Standard scores of the known values; unknown (NaN) ones get 0, the mean."""
    import numpy as np

    known = values[~np.isnan(values)]
    spread = float(known.std()) if known.size > 1 else 0.0
    if spread <= 0:
        return np.zeros_like(values)
    return np.nan_to_num((values - known.mean()) / spread, nan=0.0)
