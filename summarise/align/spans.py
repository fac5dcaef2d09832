"""Align verbatim strings (quotes, evidence, figures) to character spans of an article's text.

Every fact the project writes points at ``Span(start, end, text)`` with
``text == cleaned[start:end]``: the article's own characters, never the string a model or
a rule produced. `Aligner.find` tries, in order:

1. **exact** - literal ``str.find``. Repeated requests for the same needle walk through its
   successive occurrences (the second request for "good progress" gets the second
   occurrence); once they run out it falls back to the first occurrence.
2. **normalised** - both sides folded by `normalise` (curly quotes, primes, dashes, minus,
   ellipsis, whitespace runs, NBSP, zero-width characters, casefold), the needle also
   stripped of surrounding whitespace, and of surrounding quote marks when the text does
   not have them there; the match is mapped back to the original offsets through the
   per-character index map. Stateful like the exact tier.
3. **fuzzy** (bounded) - `summarise.align.fuzzy.fuzzy_region` finds the best region of the
   normalised text by `rapidfuzz` similarity, moved to word boundaries, and accepts it only
   for needles of at least `MIN_FUZZY_CHARS` (12) characters, at `DEFAULT_FUZZY_THRESHOLD`
   (90) or better, within `FUZZY_LENGTH_BOUNDS`, with `MIN_TOKEN_COVERAGE` of the needle's
   words and the same `CRITICAL_WORDS` and numbers; see that module for the rules.
4. **none** - ``None``; the caller reports the missing quote.

At the literal tiers an occurrence that starts or ends in the middle of a word ("83%" inside
"183%", "council" inside "councils") is used only when no occurrence sits on word
boundaries, and never for needles shorter than `MIN_FUZZY_CHARS`: a short figure matched
inside a longer one would be a wrong span.

Nothing here builds a regular expression from the needle; all matching is literal.
"""

from __future__ import annotations

import re
from functools import cached_property

from summarise.align.fuzzy import (
    CRITICAL_WORDS,
    DEFAULT_FUZZY_THRESHOLD,
    FUZZY_LENGTH_BOUNDS,
    MIN_FUZZY_CHARS,
    MIN_TOKEN_COVERAGE,
    fuzzy_region,
)
from summarise.models import Alignment, Span

__all__ = [
    "CRITICAL_WORDS",
    "DEFAULT_FUZZY_THRESHOLD",
    "FUZZY_LENGTH_BOUNDS",
    "MIN_FUZZY_CHARS",
    "MIN_TOKEN_COVERAGE",
    "Aligner",
    "check_span",
    "normalise",
]

_QUOTE_STRIP = " '\""

_SPECIAL: dict[str, str] = {}
for _ch in "\u2018\u2019\u201a\u201b\u2032":  # ‘ ’ ‚ ‛ ′
    _SPECIAL[_ch] = "'"
for _ch in "\u201c\u201d\u201e\u201f\u2033":  # “ ” „ ‟ ″
    _SPECIAL[_ch] = '"'
for _ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212":  # ‐ ‑ ‒ – — ― −
    _SPECIAL[_ch] = "-"
_SPECIAL["\u2026"] = "..."  # …
_SPECIAL["\u0130"] = "i"  # İ: casefold gives "i" + combining dot, which "i" would never match
for _ch in "\u00ad\u200b\u2060\ufeff":  # soft hyphen, zero-width space, word joiner, BOM
    _SPECIAL[_ch] = ""
del _ch

_FOLD_CACHE: dict[str, str] = {}

# The parts of a text that normalising changes other than by ASCII lower(): runs of two or
# more whitespace/dropped characters, a lone whitespace character other than " ", and any
# other non-ASCII character. (re's \s is exactly str.isspace.) Dropped characters join the
# runs so that "a \u00ad b" still collapses to one space.
_DROPPED = "".join(ch for ch, folded in _SPECIAL.items() if not folded)
_SEGMENT = re.compile(rf"[\s{_DROPPED}]{{2,}}|[^\S ]|[^\x00-\x7f]")


def _fold(ch: str) -> str:
    """The normalised form of one character: '' (dropped), ' ' (whitespace) or folded."""
    folded = _FOLD_CACHE.get(ch)
    if folded is None:
        if ch in _SPECIAL:
            folded = _SPECIAL[ch]
        elif ch.isspace():
            folded = " "
        else:
            folded = ch.casefold()
        _FOLD_CACHE[ch] = folded
    return folded


def normalise(text: str) -> tuple[str, list[int]]:
    """Fold `text` for matching; return it and, per normalised character, its index in `text`.

    Folding is done character by character, so a character whose casefold is longer
    ("ß" -> "ss", "ﬁ" -> "fi") contributes several normalised characters that all map to
    its own index, and offsets after it are never shifted. Whitespace runs (including NBSP
    and newlines) become one space mapped to the run's first whitespace character; dropped
    characters (soft hyphen, zero-width space) have no entry. The text itself is not stripped.
    """
    parts: list[str] = []
    index: list[int] = []
    pos = 0
    # Text between segments is ASCII other than lone spaces: lower() keeps its length.
    for m in _SEGMENT.finditer(text):
        at = m.start()
        if at > pos:
            parts.append(text[pos:at].lower())
            index.extend(range(pos, at))
        seg = m.group()
        if len(seg) == 1:
            folded = _fold(seg)
            if folded:
                parts.append(folded)
                index.extend([at] * len(folded))
        else:
            first_space = next((i for i, ch in enumerate(seg) if ch.isspace()), -1)
            if first_space >= 0:
                parts.append(" ")
                index.append(at + first_space)
        pos = m.end()
    if pos < len(text):
        parts.append(text[pos:].lower())
        index.extend(range(pos, len(text)))
    return "".join(parts), index


def _needle_forms(needle: str) -> tuple[str, str]:
    """The normalised needle stripped of whitespace, then also of surrounding quote marks.

    The normalised tier tries the first and then the second, so `said "yes"` keeps its
    closing quote when the text has one, and `"We are pleased"` still matches an article
    that prints the quote without marks.
    """
    folded = normalise(needle)[0].strip(" ")
    return folded, folded.strip(_QUOTE_STRIP)


def _normalise_needle(needle: str) -> str:
    return _needle_forms(needle)[1]


def _preview(text: str, limit: int = 60) -> str:
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return repr(text)


def check_span(text: str, span: Span) -> str | None:
    """None if `span` is a real region of `text` holding `span.text`, else a one-line problem."""
    n = len(text)
    if span.start < 0 or span.end < span.start or span.end > n:
        return (
            f"span {span.start}-{span.end} ({_preview(span.text)}) is outside the text (length {n})"
        )
    actual = text[span.start : span.end]
    if span.alignment == Alignment.none:
        return f"span {span.start}-{span.end}: {_preview(span.text)} is not in the article"
    if actual != span.text:
        return (
            f"span {span.start}-{span.end} text {_preview(span.text)} does not match the "
            f"article's {_preview(actual)}"
        )
    return None


_Occurrences = list[tuple[int, int]]


class Aligner:
    """Finds needles in one article's text; holds the successive-occurrence state.

    Build one per article (the normalised text is computed once) and call `find` for each
    quote, evidence sentence or figure in output order.
    """

    def __init__(
        self,
        text: str,
        *,
        fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD,
        allow_fuzzy: bool = True,
    ) -> None:
        if not 0.0 <= fuzzy_threshold <= 100.0:
            raise ValueError(f"fuzzy_threshold must be within 0-100, not {fuzzy_threshold}")
        self.text = text
        self.fuzzy_threshold = float(fuzzy_threshold)
        self.allow_fuzzy = allow_fuzzy
        self._used: dict[tuple[str, str], int] = {}
        self._exact_cache: dict[str, _Occurrences] = {}
        self._norm_cache: dict[str, _Occurrences] = {}
        self._fuzzy_cache: dict[tuple[str, float], tuple[int, int] | None] = {}

    @cached_property
    def _folded(self) -> tuple[str, list[int]]:
        """Computed on first use: callers that only build spans from known offsets never pay."""
        return normalise(self.text)

    @property
    def _ntext(self) -> str:
        return self._folded[0]

    @property
    def _index(self) -> list[int]:
        return self._folded[1]

    # --- public API -------------------------------------------------------------------

    def find(self, needle: str, *, fuzzy_threshold: float | None = None) -> Span | None:
        """Span for `needle`: exact, else normalised, else (bounded) fuzzy, else None.

        Repeated requests for the same needle return its successive occurrences, then the
        first occurrence again once they run out. `fuzzy_threshold` overrides the
        aligner's threshold for this call (e.g. a laxer one for evidence sentences).
        """
        occ = self._exact(needle)
        if occ:
            return self._next(("exact", needle), occ, Alignment.exact)
        forms = _needle_forms(needle)
        for form in forms:
            occ = self._normalised(form)
            if occ:
                return self._next(("normalised", form), occ, Alignment.normalised)
        nneedle = forms[1]
        if not self.allow_fuzzy:
            return None
        threshold = self.fuzzy_threshold if fuzzy_threshold is None else fuzzy_threshold
        if not 0.0 <= threshold <= 100.0:
            raise ValueError(f"fuzzy_threshold must be within 0-100, not {threshold}")
        region = self._fuzzy(nneedle, float(threshold))
        if region is None:
            return None
        return self._make(region[0], region[1], Alignment.fuzzy)

    def find_all(self, needle: str) -> list[Span]:
        """Every exact or normalised occurrence of `needle`, in text order; no state change.

        Occurrences do not overlap; where an exact and a normalised one overlap the exact
        one wins. Mid-word occurrences are left out when any occurrence sits on word
        boundaries (and always for short needles).
        """
        forms = _needle_forms(needle)
        nneedle = forms[1]
        exact = self._all_exact(needle)
        normalised = self._all_normalised(forms[0]) or self._all_normalised(forms[1])
        clean_exact = [o for o in exact if self._on_boundaries(*o)]
        clean_normalised = [o for o in normalised if self._on_boundaries(*o)]
        if clean_exact or clean_normalised:
            exact, normalised = clean_exact, clean_normalised
        elif len(nneedle) < MIN_FUZZY_CHARS:
            return []
        exact = _disjoint(exact)
        normalised = _disjoint(
            [(s, e) for s, e in normalised if not any(s < xe and xs < e for xs, xe in exact)]
        )
        merged = sorted(
            [(s, e, Alignment.exact) for s, e in exact]
            + [(s, e, Alignment.normalised) for s, e in normalised]
        )
        return [self._make(s, e, a) for s, e, a in merged]

    def span(self, start: int, end: int) -> Span:
        """The Span for a known region of the text (alignment exact)."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}-{end} is outside the text (length {len(self.text)})")
        return self._make(start, end, Alignment.exact)

    def contains(self, needle: str) -> bool:
        """Whether `needle` occurs exactly or normalised (never fuzzily); no state change."""
        if self._exact(needle):
            return True
        return any(self._normalised(form) for form in _needle_forms(needle))

    def reset(self) -> None:
        """Forget which occurrences `find` has handed out."""
        self._used.clear()

    # --- tiers ----------------------------------------------------------------------------

    def _next(self, key: tuple[str, str], occ: _Occurrences, alignment: Alignment) -> Span:
        count = self._used.get(key, 0)
        self._used[key] = count + 1
        start, end = occ[count] if count < len(occ) else occ[0]
        return self._make(start, end, alignment)

    def _make(self, start: int, end: int, alignment: Alignment) -> Span:
        return Span(start=start, end=end, text=self.text[start:end], alignment=alignment)

    def _on_boundaries(self, start: int, end: int) -> bool:
        """True unless the region starts or ends in the middle of a word."""
        text = self.text
        if start == end:
            return True
        if 0 < start and text[start - 1].isalnum() and text[start].isalnum():
            return False
        return not (end < len(text) and text[end - 1].isalnum() and text[end].isalnum())

    def _select(self, occ: _Occurrences, nlen: int) -> _Occurrences:
        """The occurrences `find` hands out, in order: those on word boundaries if any
        (mid-word ones only for needles of `MIN_FUZZY_CHARS` or more), without overlaps."""
        clean = [o for o in occ if self._on_boundaries(*o)]
        if clean:
            return _disjoint(clean)
        return _disjoint(occ) if nlen >= MIN_FUZZY_CHARS else []

    def _all_exact(self, needle: str) -> _Occurrences:
        """Every literal occurrence, overlapping ones included."""
        if not needle or needle.isspace():
            return []
        text = self.text
        step = len(needle)
        out: _Occurrences = []
        pos = text.find(needle)
        while pos != -1:
            out.append((pos, pos + step))
            pos = text.find(needle, pos + 1)
        return out

    def _exact(self, needle: str) -> _Occurrences:
        occ = self._exact_cache.get(needle)
        if occ is None:
            occ = self._select(self._all_exact(needle), len(_normalise_needle(needle)))
            self._exact_cache[needle] = occ
        return occ

    def _all_normalised(self, nneedle: str) -> _Occurrences:
        """Every occurrence in the normalised text, mapped back to original offsets."""
        if not nneedle:
            return []
        ntext, index = self._ntext, self._index
        last = len(nneedle) - 1
        out: _Occurrences = []
        pos = ntext.find(nneedle)
        while pos != -1:
            out.append((index[pos], index[pos + last] + 1))
            pos = ntext.find(nneedle, pos + 1)
        return out

    def _normalised(self, nneedle: str) -> _Occurrences:
        occ = self._norm_cache.get(nneedle)
        if occ is None:
            occ = self._select(self._all_normalised(nneedle), len(nneedle))
            self._norm_cache[nneedle] = occ
        return occ

    def _fuzzy(self, nneedle: str, threshold: float) -> tuple[int, int] | None:
        key = (nneedle, threshold)
        if key not in self._fuzzy_cache:
            self._fuzzy_cache[key] = fuzzy_region(nneedle, self._ntext, self._index, threshold)
        return self._fuzzy_cache[key]


def _disjoint(occ: _Occurrences) -> _Occurrences:
    """Keep occurrences (sorted by start) left to right, skipping any that overlap a kept one."""
    out: _Occurrences = []
    for start, end in occ:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out
