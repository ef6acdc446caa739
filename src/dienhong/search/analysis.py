"""Vietnamese analysis shared by both backends: what is indexed, what is searched, what is marked.

Both engines receive the same *terms*, made here, so they cannot disagree on Vietnamese:

- ``quốc`` — a syllable, NFC and case-folded, diacritics kept (precision for accented queries);
- ``_quoc`` — the same syllable folded (no diacritics, ``đ``→``d``), for queries typed without;
- ``quốc_hội`` / ``_quoc_hoi`` — adjacent-syllable bigrams, a cheap stand-in for word
  segmentation (Vietnamese words are mostly two syllables) and the building block of phrases;
- ``#1097/2015/ubtvqh13`` — a document number whole, plus ``#1097/2015`` and ``#2015/ubtvqh13``
  (its parts ``1097``, ``2015``, ``ubtvqh13`` are ordinary syllables already).

A query typed with diacritics searches the accented terms, one typed without searches the
folded ones; a quoted phrase must be present (as its chain of bigrams). A keyword search (fewer
than ``QUESTION_SYLLABLES`` syllables, no question word or mark, no document number) needs every
one of its syllables, in the spelling it was typed in; a question needs any of its terms, and
the ranking sorts it out (ADR 0002, "Meaning of a short query").
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice, pairwise

from dienhong.core.text import DATE_IN_WORDS, MOTTO, fold_case, strip_diacritics

#: Text beyond this many characters of a field is neither indexed nor kept for snippets.
FIELD_LIMIT = 200_000
#: Longer "syllables" are noise (hashes, base64) and would bloat the index.
MAX_TOKEN = 60
#: Column order of the full-text index; the weights rank title and number above subject above body.
COLUMNS = ("title", "subject", "number", "body")
WEIGHTS = {"title": 3.0, "subject": 2.0, "number": 3.0, "body": 1.0}
#: BM25 parameters (those of SQLite FTS5's ``bm25()``, which the PostgreSQL backend reproduces).
K1 = 1.2
B = 0.75
#: Both engines and the second stage order by scores rounded to this many decimals, then by id.
SCORE_DECIMALS = 6
#: The least difference between two rounded scores that orders them.
SCORE_STEP = 10.0**-SCORE_DECIMALS

_WORD = re.compile(r"[^\W_]+")
# A document number: starts with a digit, has at least one "/" (58/2010, 1097/2015/UBTVQH13,
# 30/2020/NĐ-CP, 15/QĐ-TTg).
_NUMBER = re.compile(r"(?<![\w/])[0-9][\w.\-]*(?:/[\w.\-]*\w)+")
#: A query of at least this many syllables (question words removed) is a question: its terms
#: are OR-ed and ranked. Shorter ones are keyword searches: every syllable must match.
QUESTION_SYLLABLES = 5
_QUOTED = re.compile(r"[\"“”„]([^\"“”„]*)[\"“”„]?")
# Question words and phrases that only say "this is a question": never in the answer.
_QUESTION_PHRASES = (
    "đúng hay sai",
    "đúng hay không",
    "như thế nào",
    "thế nào",
    "là gì",
    "là ai",
    "bao nhiêu",
    "bao giờ",
    "khi nào",
    "ở đâu",
    "tại sao",
    "vì sao",
    "cái gì",
    "những gì",
    "gì",
    "nào",
)
_QUESTION_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(p) for p in _QUESTION_PHRASES) + r")(?!\w)"
)
_QUESTION_FOLDED_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(strip_diacritics(p)) for p in _QUESTION_PHRASES) + r")(?!\w)"
)


@lru_cache(maxsize=200_000)
def fold_syllable(syllable: str) -> str:
    """Fold one case-folded syllable (cached: the vocabulary is small, texts are not)."""
    return strip_diacritics(syllable)


def _prepare(text: str) -> str:
    # ``fold_case`` without collapsing whitespace: words and numbers are found the same.
    return unicodedata.normalize("NFC", text[:FIELD_LIMIT]).casefold()


def syllables(text: str) -> list[str]:
    words: list[str] = _WORD.findall(_prepare(text))
    if max(map(len, words), default=0) <= MAX_TOKEN:  # the common case, checked in C
        return words
    return [s for s in words if len(s) <= MAX_TOKEN]


def number_terms(text: str, *, parts: bool = True) -> list[str]:
    """``#``-terms of the document numbers in ``text`` (with their two-part prefix and suffix)."""
    out: list[str] = []
    for match in _NUMBER.finditer(_prepare(text)):
        whole = fold_syllable(match.group(0)).strip(".-")
        if len(whole) > MAX_TOKEN:
            continue
        out.append("#" + whole)
        pieces = whole.split("/")
        if parts and len(pieces) > 2:
            out.append("#" + "/".join(pieces[:2]))
            out.append("#" + "/".join(pieces[-2:]))
    return out


def field_terms(text: str) -> list[str]:
    """Every term one field contributes to the index, with repetitions (term frequency)."""
    if not text:
        return []
    accented = syllables(text)
    folded = [fold_syllable(s) for s in accented]
    terms = list(accented)
    terms += ["_" + s for s in folded]
    terms += [a + "_" + b for a, b in pairwise(accented)]
    terms += ["_" + a + "_" + b for a, b in pairwise(folded)]
    terms += number_terms(text)
    return terms


@dataclass
class ParsedQuery:
    """A query reduced to terms, all ranked. ``required`` must all match; a match holds one of
    ``optional`` too unless ``ranking_only`` (a keyword search: its optional terms are the
    bigrams of its required syllables, which only add to the score)."""

    optional: list[str] = field(default_factory=list)
    required: list[str] = field(default_factory=list)
    marks_accented: set[str] = field(default_factory=set)
    marks_folded: set[str] = field(default_factory=set)
    marks_numbers: set[str] = field(default_factory=set)
    ranking_only: bool = False

    @property
    def terms(self) -> list[str]:
        """All terms with their multiplicity: each counts once per occurrence in the score."""
        return self.optional + self.required

    @property
    def empty(self) -> bool:
        return not self.optional and not self.required

    def without(self, common: set[str]) -> ParsedQuery:
        """The query less optional terms in half the entries or more (BM25 gives them no
        weight); kept when nothing else would remain."""
        kept = [t for t in self.optional if t not in common]
        if not kept and not self.required:
            return self
        return replace(self, optional=kept)

    def groups(self) -> list[list[str]]:
        """What a match holds: one term of each group, every term of the query in one group
        exactly once (an engine scores each term of its match expression, as often as it is
        written there). A keyword search's bigram joins the group of its first syllable: the
        group still means that syllable (an entry holding ``quốc_hội`` holds ``quốc``)."""
        if not self.ranking_only:
            return ([self.optional] if self.optional else []) + [[t] for t in self.required]
        groups = [[t] for t in self.required]
        for bigram in self.optional:
            head = next(g for g in groups if bigram.startswith(g[0] + "_"))
            head.append(bigram)
        return groups


def idf(docs: int, n: int) -> float:
    """BM25's inverse document frequency of a term in ``n`` of ``docs`` entries, as FTS5's
    ``bm25()`` has it: ``ln((N - n + 0.5) / (n + 0.5))``, positive for a term that weighs
    (``_weightless``: FTS5 gives the others 1e-6, which the score leaves out)."""
    return math.log((docs - n + 0.5) / (n + 0.5))


def term_weights(parsed: ParsedQuery, statistics: tuple[int, dict[str, int]]) -> dict[str, float]:
    """BM25 weight of each of the query's terms that has one: its idf × how often the query
    holds it.

    A term in half the entries or more has no weight (FTS5's ``bm25()`` gives it 1e-6): it is
    left out of the score on both engines. A keyword search still requires it, but scoring it
    would cost a pass over its posting list (most of the index) for at most 2.2e-6 a term."""
    docs, df = statistics
    return {
        t: n * idf(docs, int(df.get(t, 0)))
        for t, n in Counter(parsed.terms).items()
        if not _weightless(docs, int(df.get(t, 0)))
    }


def common_terms(statistics: tuple[int, dict[str, int]]) -> set[str]:
    """The terms in half the entries or more: BM25 gives them no weight, so a query drops
    them (``ParsedQuery.without``) unless they are required."""
    docs, df = statistics
    return {t for t, n in df.items() if _weightless(docs, n)}


def _weightless(docs: int, n: int) -> bool:
    """Whether a term in ``n`` of ``docs`` entries has no BM25 weight (idf not positive)."""
    return 2 * n >= docs


def without_quotes(text: str) -> str:
    """``text`` with its quoted phrases turned into plain words (a relaxed query)."""
    return re.sub(r"[\"“”„]", " ", text)


def has_marks(text: str) -> bool:
    """Whether ``text`` carries any Vietnamese diacritic (or ``đ``)."""
    return fold_case(text) != strip_diacritics(fold_case(text))


def _terms_for(text: str, *, accented: bool, chain: bool) -> tuple[list[str], list[str]]:
    """(terms, syllables) for ``text``; ``chain`` gives a phrase as its bigrams only."""
    sylls = syllables(text)
    if not accented:
        sylls = [fold_syllable(s) for s in sylls]
    prefix = "" if accented else "_"
    bigrams = [prefix + a + "_" + b for a, b in pairwise(sylls)]
    numbers = number_terms(text, parts=False)
    if chain:
        return (bigrams or [prefix + s for s in sylls]) + numbers, sylls
    return [prefix + s for s in sylls] + bigrams + numbers, sylls


def parse_query(text: str, *, any_word: bool = False) -> ParsedQuery:
    """Turn what a user typed into terms (see the module docstring); ``any_word`` ORs the
    syllables of a keyword search too (the search relaxed when all of them match nothing)."""
    parsed = ParsedQuery()
    text = unicodedata.normalize("NFC", text or "")
    phrases = [m.group(1) for m in _QUOTED.finditer(text) if m.group(1).strip()]
    rest = _QUOTED.sub(" ", text)
    for phrase in phrases:
        accented = has_marks(phrase)
        terms, sylls = _terms_for(phrase, accented=accented, chain=True)
        parsed.required += terms
        (parsed.marks_accented if accented else parsed.marks_folded).update(sylls)
        parsed.marks_numbers.update(t[1:] for t in terms if t.startswith("#"))
    accented = has_marks(rest)
    lowered = fold_case(rest)
    stripped = (_QUESTION_RE if accented else _QUESTION_FOLDED_RE).sub(" | ", lowered)
    asks = "?" in rest or stripped != lowered
    if syllables(stripped):
        lowered = stripped
    # A bigram never spans a removed question word: "|" splits the text into pieces.
    words: list[str] = []
    for piece in lowered.split("|"):
        terms, sylls = _terms_for(piece, accented=accented, chain=False)
        words += terms[: len(sylls)]
        parsed.optional += terms
        (parsed.marks_accented if accented else parsed.marks_folded).update(sylls)
        parsed.marks_numbers.update(t[1:] for t in terms if t.startswith("#"))
    keyword = (
        1 < len(words) < QUESTION_SYLLABLES
        and not asks
        and not any(t.startswith("#") for t in parsed.optional)
    )
    if keyword and not any_word:
        # Every syllable must be there; the bigrams only rank.
        parsed.optional = [t for t in parsed.optional if t not in words]
        parsed.required += words
        parsed.ranking_only = True
    return parsed


# --- snippets -------------------------------------------------------------------------------

_SNIPPET_WORDS = 30
#: Snippets look for matches in this many characters of a field.
SNIPPET_SCAN = 20_000
_TOKEN_SPAN = re.compile(r"[0-9][\w.\-]*(?:/[\w.\-]*\w)+|[^\W_]+")
#: A document's heading (Decree 30) is looked for in this many characters; the rule drawn
#: under its type name and subject, where the text keeps it, is a run of these.
_HEADING_SCAN = 1_500
_RULE = re.compile(r"[_\-–—]{4,}")


def heading_end(text: str) -> int:
    """Where the heading of an administrative document ends in ``text``: after the date in
    words that follows the national motto, and after the rule under the type name and subject
    when the text keeps one; after the motto without a date; 0 without a motto.

    Every document opens with the same national name and motto, and its issuer, number, date
    and subject are shown with a result anyway: a snippet from the heading tells nothing new.
    """
    motto = MOTTO.search(text, 0, _HEADING_SCAN)
    if motto is None:
        return 0
    date = DATE_IN_WORDS.search(text, motto.end(), motto.end() + 300)
    if date is None:
        return motto.end()
    rule = _RULE.search(text, date.end(), date.end() + 400)
    return (rule or date).end()


def best_snippet(title: str, subject: str, body: str, query: ParsedQuery | None) -> str:
    """The snippet of a result: from the first of body, subject and title holding a match,
    else the start of the first non-empty one (of subject, body, title without a query)."""
    if query is None:
        text = next((f for f in (subject, body, title) if f), "")
        return snippet(text, ParsedQuery()) if text else ""
    fields = [body, subject, title]
    for text in fields:
        if text and "<mark>" in (marked := snippet(text, query)):
            return marked
    text = next((f for f in fields if f), "")
    return snippet(text, query) if text else ""


def snippet(text: str, query: ParsedQuery, *, words: int = _SNIPPET_WORDS) -> str:
    """A window of ``text`` (original, with diacritics) around the densest matches.

    Matched syllables and numbers are wrapped in ``<mark>``; everything else is HTML-escaped.
    """
    text = unicodedata.normalize("NFC", text[:SNIPPET_SCAN])
    words_found: list[str] = _TOKEN_SPAN.findall(text)
    if not words_found:
        return html.escape(text[:300])
    accented, folded, numbers = query.marks_accented, query.marks_folded, query.marks_numbers
    keys: dict[str, str] = {}  # each matched spelling: the key its matches count under
    for word in set(words_found):
        token = word.casefold()
        if "/" in token:
            key = fold_syllable(token).strip(".-")
            if key in numbers:
                keys[word] = key
        else:
            key = fold_syllable(token)
            if token in accented or key in folded:
                keys[word] = key
    hits = [i for i, word in enumerate(words_found) if word in keys]
    # The window starting at a match that holds the most distinct matched terms; of equals,
    # one after the document's heading, then the first.
    heading = len(_TOKEN_SPAN.findall(text, 0, heading_end(text)))
    best, best_score = 0, (0, False)
    for n, start in enumerate(hits):
        inside = hits[n : bisect_left(hits, start + words, n)]
        score = (len({keys[words_found[j]] for j in inside}), start >= heading)
        if score > best_score:
            best, best_score = start, score
    count = len(words_found)
    if best and best + words > count:
        best = max(0, count - words)
    elif best > 3:
        # a little context before the first match, not the heading's last words
        best = max(best - 3, heading) if best >= heading else best - 3
    end = min(count, best + words)
    # Character offsets of the window's words only.
    spans = list(islice(_TOKEN_SPAN.finditer(text), best, end))
    begin_char = 0 if best == 0 else spans[0].start()
    end_char = len(text) if end == count else spans[-1].end()
    marked = set(hits)
    out: list[str] = ["…"] if begin_char > 0 else []
    cursor = begin_char
    for i, m in enumerate(spans, start=best):
        out.append(html.escape(text[cursor : m.start()]))
        word = m.group(0)  # letters, digits and . - / only: nothing to escape
        out.append(f"<mark>{word}</mark>" if i in marked else word)
        cursor = m.end()
    out.append(html.escape(text[cursor:end_char]))
    if end_char < len(text):
        out.append("…")
    return "".join(out).strip()
