"""Questions about positions in a long text, answered by bisection instead of a scan.

A rule that asks, for each of its finds, "which council mentions lie in this sentence?" or "is
this offset inside a quotation?" by scanning every mention or quotation is quadratic: a 5 MB
article has tens of thousands of each. These indexes answer the same questions, with the same
answers as the scans they replace (tests/test_positions.py checks them against the scans), in
logarithmic time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, pairwise
from typing import Generic, TypeVar

T = TypeVar("T")


class ByStart(Generic[T]):
    """Items with a start offset, found by where they start; answers keep the items' order."""

    def __init__(self, items: Sequence[T], start: Callable[[T], int]) -> None:
        self.items = items
        order = sorted(range(len(items)), key=lambda i: start(items[i]))
        # When the items come in text order (as mentions do), a slice is already in their order.
        self._in_order = all(a < b for a, b in pairwise(order))
        self._order = order
        self._starts = [start(items[i]) for i in order]
        # the latest item (in the items' order) among the first k by start
        self._latest = list(accumulate(order, max))

    def between(self, lo: int, hi: int) -> list[T]:
        """Items with lo <= start < hi, as `[x for x in items if lo <= start(x) < hi]`."""
        a, b = bisect_left(self._starts, lo), bisect_left(self._starts, hi)
        picked = self._order[a:b] if self._in_order else sorted(self._order[a:b])
        return [self.items[i] for i in picked]

    def last_before(self, at: int) -> T | None:
        """The last item (in the items' order) with start < at, or None."""
        k = bisect_left(self._starts, at)
        return self.items[self._latest[k - 1]] if k else None


class Cover:
    """Half-open intervals, possibly overlapping: does any hold an offset, or meet a stretch?"""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # the furthest end among the first k intervals by start
        self._reach = list(accumulate((e for _, e in ordered), max))

    def holds(self, at: int) -> bool:
        """Whether some interval has start <= at < end."""
        k = bisect_right(self._starts, at)
        return bool(k) and self._reach[k - 1] > at

    def meets(self, lo: int, hi: int) -> bool:
        """Whether some interval overlaps [lo, hi): start < hi and lo < end."""
        k = bisect_left(self._starts, hi)
        return bool(k) and self._reach[k - 1] > lo


def any_between(sorted_positions: Sequence[int], lo: int, hi: int) -> bool:
    """Whether some position p in the sorted list has lo <= p < hi."""
    i = bisect_left(sorted_positions, lo)
    return i < len(sorted_positions) and sorted_positions[i] < hi


def in_range(sorted_positions: Sequence[int], lo: int, hi: int) -> Sequence[int]:
    """The positions p of the sorted list with lo <= p < hi, in order."""
    return sorted_positions[bisect_left(sorted_positions, lo) : bisect_left(sorted_positions, hi)]
