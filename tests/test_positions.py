"""The position indexes a long article needs give the answers of the scans they replaced.

Each bisecting lookup is compared with the plain scan it stands for, on random inputs
(overlapping, unsorted and repeated positions included), so speed never changed a result.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from summarise.extract.offline.people import TOKEN, PersonMention, References, resolve_reference
from summarise.extract.offline.points import Quoted
from summarise.extract.offline.positions import ByStart, Cover, any_between, in_range
from summarise.extract.offline.text import Segment

offsets = st.integers(min_value=0, max_value=60)
spans = st.lists(st.tuples(offsets, offsets).map(lambda p: (min(p), max(p))), max_size=25)


@given(st.lists(st.tuples(offsets, st.integers()), max_size=30), offsets, offsets)
def test_by_start_answers_as_a_scan_in_the_items_order(
    items: list[tuple[int, int]], lo: int, hi: int
) -> None:
    index = ByStart(items, lambda item: item[0])
    assert index.between(lo, hi) == [x for x in items if lo <= x[0] < hi]
    earlier = [x for x in items if x[0] < hi]
    assert index.last_before(hi) == (earlier[-1] if earlier else None)


@given(spans, offsets, offsets)
def test_cover_answers_as_a_scan(intervals: list[tuple[int, int]], lo: int, hi: int) -> None:
    cover = Cover(intervals)
    assert cover.holds(lo) == any(s <= lo < e for s, e in intervals)
    assert cover.meets(lo, hi) == any(s < hi and lo < e for s, e in intervals)


@given(st.lists(offsets, max_size=30), offsets, offsets)
def test_sorted_position_lookups_answer_as_a_scan(positions: list[int], lo: int, hi: int) -> None:
    ordered = sorted(positions)
    assert any_between(ordered, lo, hi) == any(lo <= p < hi for p in positions)
    assert list(in_range(ordered, lo, hi)) == sorted(p for p in positions if lo <= p < hi)


NAMES = ["Jane Smith", "John Smith", "Ann Jones", "Bob Lee", "Sue Lee Park"]


@given(
    st.lists(st.tuples(st.sampled_from(NAMES), offsets), max_size=20),
    st.sampled_from(["Mr Smith", "Smith", "Jane Smith", "Lee", "Ms Park", "Nobody", "he", ""]),
    offsets,
)
def test_resolve_reference_answers_as_a_scan_of_everyone(
    named: list[tuple[str, int]], phrase: str, before: int
) -> None:
    people = [PersonMention(name, start, start + len(name)) for name, start in named]
    assert resolve_reference(phrase, References(people), before) == _scan(phrase, people, before)


def _scan(phrase: str, people: list[PersonMention], before: int) -> PersonMention | None:
    """The rule as a scan: the latest listed match named before `before`, else the latest."""
    words = re.findall(TOKEN, phrase)
    if not words:
        return None
    last = words[-1]
    matches = [p for p in people if p.name in phrase or p.surname == last]
    if any(p.start < before for p in people):
        matches = [p for p in matches if p.start < before]
    return matches[-1] if matches else None


@given(spans, offsets, offsets)
def test_quoted_covers_counts_every_quoted_character(
    intervals: list[tuple[int, int]], a: int, b: int
) -> None:
    """Most of a segment lies inside quotes, for non-overlapping quotes as the extractor has."""
    disjoint: list[tuple[int, int]] = []
    for s, e in sorted(intervals):
        if not disjoint or s >= disjoint[-1][1]:
            disjoint.append((s, e))
    seg = Segment(min(a, b), max(a, b) + 1, "x" * (abs(a - b) + 1))
    inside = sum(max(0, min(e, seg.end) - max(s, seg.start)) for s, e in disjoint)
    assert Quoted(disjoint).covers(seg) == (inside * 2 > seg.end - seg.start)
