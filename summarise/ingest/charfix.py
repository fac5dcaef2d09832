"""Character repair for raw article text: one kind of line break, mojibake fixed, and no
invisible characters. Pure and deterministic, because the cleaned text is what spans point into.

ftfy does the fixing. Calling it on every line of every article is the slow part of ingestion, so
a screen built from ftfy's own badness pattern and character tables finds the segments ftfy could
change, and only those are passed to it.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as parser
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import ftfy
from ftfy import chardata
from ftfy.badness import BADNESS_RE, is_bad

__all__ = ["repair"]

_FTFY = ftfy.TextFixerConfig(unescape_html=False, uncurl_quotes=False, explain=False)


def _char_class(codes: Sequence[int]) -> str:
    """A regex character class of exactly these code points (escaped, runs as ranges)."""
    parts: list[str] = []
    ordered = sorted(set(codes))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        lo, hi = ordered[i], ordered[j]
        parts.append(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}")
        i = j + 1
    return f"[{''.join(parts)}]"


#: Line breaks other than \n (\r\n counts as one).
_BREAK_CHARS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BREAKS = re.compile(f"[{_BREAK_CHARS}]")
#: Control, zero-width, bidi and lone-surrogate characters: dropped from the text.
_INVISIBLE_CODES = frozenset(
    [
        *range(0x09),
        *range(0x0E, 0x1C),
        *range(0x7F, 0x85),
        *range(0x86, 0xA0),
        0xAD,
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2065),
        *range(0x2066, 0x206A),
        0xFEFF,
        *range(0xFFF9, 0xFFFC),
        *range(0xD800, 0xE000),
    ]
)
_INVISIBLE = re.compile(_char_class(sorted(_INVISIBLE_CODES)))


#: Characters one of ftfy's fixers other than mojibake decoding (and NFC) would change: C1 and
#: other control characters, terminal escapes, ligatures, full-width forms, odd line breaks,
#: surrogates. Taken from ftfy's own tables so the screen follows the installed version.
_FIXABLE_CODES = frozenset(
    [
        *chardata.CONTROL_CHARS,
        *chardata.LIGATURES,
        *chardata.WIDTH_MAP,
        *range(0x80, 0xA0),
        *range(0xD800, 0xE000),
        *map(ord, "\x1b\r\x85\u2028\u2029"),
    ]
)
_FIXABLE = re.compile(_char_class(sorted(_FIXABLE_CODES)))


def _badness_shape(pattern: re.Pattern[str]) -> tuple[int, list[int]] | None:
    """How far ftfy's badness regex can reach, and which characters it can flag alone.

    ftfy's regex is a long alternation of short character sequences and costs ~0.6 µs per
    character, more than all the rest of cleaning. Its parse tree shows that every match is at
    most `width` characters long and either holds two non-ASCII characters within `width` of
    each other or one of a few characters (`lone`: C1 controls, Â, Ã, Œ, œ) among ASCII.
    English prose with curly quotes and £ has neither, so the real regex is only needed where
    the screen below points. None when the pattern is not of that shape (always use it).
    """
    try:
        tree = parser.parse(pattern.pattern, pattern.flags)
        width = int(tree.getwidth()[1])
        branches = [tree.data]
        if len(tree.data) == 1 and tree.data[0][0] is sre.BRANCH:
            branches = [branch.data for branch in tree.data[0][1][1]]
        lone: list[int] = []
        for items in branches:
            found = [_item_chars(op, arg) for op, arg in items]
            if all(ascii_ok for ascii_ok, _ in found):
                return None  # a branch could match plain ASCII
            for k, (_, chars) in enumerate(found):
                if all(ascii_ok for j, (ascii_ok, _) in enumerate(found) if j != k):
                    if chars is None:
                        return None  # a generic class could be the only non-ASCII character
                    lone.extend(chars)
    except (AttributeError, TypeError, ValueError, IndexError):
        return None
    return width, lone


def _item_chars(op: Any, arg: Any) -> tuple[bool, list[int] | None]:
    """For one parsed regex item: can it match ASCII (or nothing), and which non-ASCII
    characters can it match (None: too many to list)."""
    if op is sre.LITERAL:
        return arg < 0x80, [arg] if arg >= 0x80 else []
    if op is sre.AT and arg is sre.AT_BEGINNING:
        return True, []
    if op is sre.IN:
        codes: list[int] = []
        ascii_ok = False
        for kind, value in arg:
            if kind is sre.LITERAL:
                low = high = value
            elif kind is sre.RANGE:
                low, high = value
            else:  # \s, \w, a negated class: any number of characters
                return True, None
            ascii_ok = ascii_ok or low < 0x80
            codes.extend(range(max(low, 0x80), high + 1))
        return ascii_ok, codes
    if op is sre.ANY:
        return True, None
    if op is sre.MAX_REPEAT and len(arg[2].data) == 1:
        ascii_ok, chars = _item_chars(*arg[2].data[0])
        return ascii_ok or arg[0] == 0, chars
    raise ValueError(f"unexpected regex item {op}")


def _screen() -> tuple[re.Pattern[str], int | None]:
    """A regex for every place repair might act: a fixable or invisible character, a lone
    badness character, or a non-ASCII character with another close behind it; and the
    badness regex's reach.

    One scan of a clean article finds nothing, and the scan starts with a plain character
    class (anything but quiet ASCII) that the regex engine skips through quickly.
    """
    loud = _FIXABLE_CODES | _INVISIBLE_CODES
    quiet = _char_class([code for code in range(0x80) if code not in loud])
    notable = f"[^{quiet[1:-1]}]"
    shape = _badness_shape(BADNESS_RE)
    if shape is None:
        return re.compile(notable), None
    width, lone = shape
    alone = _char_class(sorted(loud.union(lone)))
    close = f"[\\x00-\\x7f]{{0,{max(width - 2, 0)}}}[^\\x00-\\x7f]"
    return re.compile(f"{notable}(?:(?<={alone})|(?={close}))"), width


_NOTABLE, _BAD_WIDTH = _screen()


def _looks_bad(segment: str, flagged: Iterable[int]) -> bool:
    """Exactly `ftfy.badness.is_bad(segment)`, given every place in it the screen flags: any
    badness match lies within the regex's reach of one of them."""
    if _BAD_WIDTH is None:
        return is_bad(segment)
    width, end = _BAD_WIDTH, len(segment)
    return any(
        BADNESS_RE.search(segment, max(0, at - width + 1), min(end, at + width)) for at in flagged
    )


def _ftfy_may_change(segment: str) -> bool:
    """False only when `ftfy.fix_text(segment)` is certain to return the segment unchanged:
    no character a fixer rewrites, already NFC, and nothing that looks like mojibake."""
    if _FIXABLE.search(segment):
        return True
    if segment.isascii():
        return False
    if not unicodedata.is_normalized("NFC", segment):
        return True
    return _looks_bad(segment, (hit.start() for hit in _NOTABLE.finditer(segment)))


def _segments(text: str, limit: int) -> Iterator[str]:
    """The pieces `ftfy.fix_text` fixes independently: lines with their breaks, cut at `limit`."""
    pos, end = 0, len(text)
    while pos < end:
        stop = text.find("\n", pos) + 1 or end
        stop = min(stop, pos + limit)
        yield text[pos:stop]
        pos = stop


def _fix_mojibake(text: str) -> tuple[str, bool]:
    """Exactly `ftfy.fix_text(text)`, but calling ftfy only for lines it could change; and
    whether the screen found nothing at all.

    ftfy fixes each line on its own. One scan of the whole text finds every screen hit, and a
    line without one has no fixable character and no possible badness match, and is NFC when
    the whole text is (a line break never combines with its neighbours): it is left alone.
    A line with hits needs ftfy if one is a fixable character or the badness regex matches
    near one. Lines longer than ftfy's segment limit, or text that is not NFC, take the slow
    road: every segment is checked on its own.
    """
    limit = _FTFY.max_decode_length
    if not unicodedata.is_normalized("NFC", text) or (
        len(text) >= limit and max(map(len, text.split("\n"))) >= limit
    ):
        fixed = "".join(
            ftfy.fix_text(segment, _FTFY) if _ftfy_may_change(segment) else segment
            for segment in _segments(text, limit)
        )
        return fixed, False
    hits = [hit.start() for hit in _NOTABLE.finditer(text)]
    pieces: list[str] = []
    done = i = 0
    while i < len(hits):
        start = text.rfind("\n", 0, hits[i]) + 1
        stop = text.find("\n", hits[i]) + 1 or len(text)
        j = bisect_left(hits, stop, i)
        line_hits = hits[i:j]
        segment = text[start:stop]
        if any(ord(text[at]) in _FIXABLE_CODES for at in line_hits) or _looks_bad(
            segment, [at - start for at in line_hits]
        ):
            pieces += (text[done:start], ftfy.fix_text(segment, _FTFY))
            done = stop
        i = j
    return ("".join((*pieces, text[done:])) if pieces else text), not hits


def _one_break(text: str) -> str:
    """Every line break as \n; the substring tests make the usual no-op nearly free."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if any(mark in text for mark in _BREAK_CHARS):
        text = _BREAKS.sub("\n", text)
    return text


def repair(text: str) -> str:
    """One kind of line break, mojibake fixed (ftfy, quotes kept curly, "â€™" -> "’"), and no
    control, zero-width, bidi or lone-surrogate characters."""
    text = _one_break(text)
    fixed, quiet = _fix_mojibake(text)
    if quiet:  # the screen saw no fixable, invisible or suspect character: nothing to do
        return fixed
    return _INVISIBLE.sub("", _one_break(fixed))
