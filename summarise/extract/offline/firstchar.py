"""Rewrite a long alternation so that re picks its branches by their first character.

Python's re tries every branch of an alternation at every position it scans; only a branch that
begins with a literal character or a character class is skipped cheaply. A cue list of ~150 words
therefore costs ~150 tries per word of text. Grouping the branches under the character they begin
with (`a(?:...)|b(?:...)|...`) leaves one cheap skip per first character and a few real tries.

The rewrite keeps every branch in its original order, so the first match at each position, its
extent and its group name are exactly those of the original pattern. Sources the rewrite does not
understand raise Unsupported, and `first_char_union` then compiles the plain union instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

_ZERO_WIDTH_ESCAPES = frozenset("AZB")
_QUANT = re.compile(r"\?|\*|\+|\{(\d*)(?:(,)(\d*))?\}")
_ANY = "(?s:.)"
# `\b` just before the consumed character, seen from just after it.
_SHIFTED_BOUNDARY = r"(?:(?<=\w)(?<!\w\w)|(?<!\w)(?<=\w" + _ANY + "))"


# Classes wholly inside (True) or outside (False) \w, where a boundary before them is simpler.
_WORD_CLASSES = {r"\d": True, r"\w": True, r"\s": False}


class Unsupported(ValueError):
    """A construct the first-character rewrite cannot carry over exactly."""


@dataclass(frozen=True)
class Atom:
    text: str  # the atom's source, without its quantifier
    kind: str  # literal | class | group | lookbehind | boundary
    quant: str = ""


def _syntax(src: str, i: int) -> Iterator[tuple[int, str]]:
    """(index, character) of src from i on, skipping escapes and character classes whole."""
    while i < len(src):
        ch = src[i]
        if ch == "\\":
            i += 2
        elif ch == "[":
            i = _class_end(src, i)
        else:
            yield i, ch
            i += 1


def _group_end(src: str, i: int) -> int:
    """Index just after the `)` closing the group opened at src[i]."""
    depth = 0
    for j, ch in _syntax(src, i):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return j + 1
    raise Unsupported(f"unbalanced group in {src!r}")


def _class_end(src: str, i: int) -> int:
    """Index just after the `]` closing the character class opened at src[i]."""
    j = i + 1
    if j < len(src) and src[j] == "^":
        j += 1
    if j < len(src) and src[j] == "]":
        j += 1
    while j < len(src) and src[j] != "]":
        j += 2 if src[j] == "\\" else 1
    if j >= len(src):
        raise Unsupported(f"unclosed class in {src!r}")
    return j + 1


def _atom_at(src: str, i: int) -> tuple[Atom, int]:
    ch = src[i]
    if ch == "\\":
        text, kind = src[i : i + 2], "literal"
        if text[1] == "b":
            kind = "boundary"
        elif text[1] in _ZERO_WIDTH_ESCAPES or text[1].isdigit():
            raise Unsupported(f"escape {text} in {src!r}")
        elif text[1].isalpha():
            kind = "class"  # \d \w \s ...
        end = i + 2
    elif ch == "[":
        end = _class_end(src, i)
        text, kind = src[i:end], "class"
    elif ch == "(":
        end = _group_end(src, i)
        text = src[i:end]
        if text.startswith(("(?<!", "(?<=")):
            kind = "lookbehind"
        elif text.startswith("(?:"):
            kind = "group"
        else:
            raise Unsupported(f"group {text[:8]!r}: only (?:...) and lookbehinds are rewritten")
    elif ch in "^$|)":
        raise Unsupported(f"{ch!r} in {src!r}")
    else:
        text, kind, end = ch, ("class" if ch == "." else "literal"), i + 1
    q = _QUANT.match(src, end)
    quant = ""
    if q:
        quant = q.group()
        end = q.end()
        if end < len(src) and src[end] in "?+":
            quant += src[end]
            end += 1
    return Atom(text, kind, quant), end


def atoms(src: str) -> Iterator[tuple[Atom, int]]:
    """The atoms of one branch, each with the index where the rest of the branch begins.

    Lazy: the rewrite only ever looks at a branch's first few atoms.
    """
    i = 0
    while i < len(src):
        atom, i = _atom_at(src, i)
        yield atom, i


@lru_cache(maxsize=4096)
def alternatives(src: str) -> list[str]:
    """The top-level branches of a pattern source."""
    out: list[str] = []
    depth = start = 0
    for i, ch in _syntax(src, 0):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(src[start:i])
            start = i + 1
    out.append(src[start:])
    return out


def _less_one(quant: str) -> str:
    """The quantifier left after one repetition has been consumed; Unsupported if it may be zero."""
    lazy = quant[-1] if len(quant) > 1 and quant[-1] in "?+" else ""
    core = quant[: len(quant) - len(lazy)]
    if core == "":
        return ""
    if core == "+":
        return "*" + lazy
    m = re.fullmatch(r"\{(\d+)(?:(,)(\d*))?\}", core)
    if not m or int(m.group(1)) == 0:
        raise Unsupported(f"optional first atom {quant!r}")
    low = int(m.group(1)) - 1
    if not m.group(2):
        return f"{{{low}}}" + lazy
    high = f"{int(m.group(3)) - 1}" if m.group(3) else ""
    return f"{{{low},{high}}}" + lazy


def first_atoms(src: str) -> list[Atom]:
    """Every atom a match of `src` can begin with (skipping zero-width assertions)."""
    out: list[Atom] = []
    for alt in alternatives(src):
        for atom, _ in atoms(alt):
            if atom.kind in ("boundary", "lookbehind") and not atom.quant:
                continue
            if atom.kind == "group":
                out.extend(first_atoms(atom.text[3:-1]))
            else:
                out.append(atom)
            break
        else:
            raise Unsupported(f"a branch of {src!r} can match the empty string")
    return out


def _shift(atom: Atom, key: Atom) -> str:
    """A zero-width assertion before the first character, re-stated just after it."""
    if atom.kind == "boundary":
        word = (
            re.fullmatch(r"\w", _char(key)) is not None
            if key.kind == "literal"
            else _WORD_CLASSES.get(key.text)
        )
        if word is None:
            return _SHIFTED_BOUNDARY
        return r"(?<!\w\w)" if word else r"(?<=\w" + _ANY + ")"
    return f"{atom.text[:4]}(?:{atom.text[4:-1]}){_ANY})"


def strip_first(src: str, key: Atom, flags: int, bounded: bool = False) -> str | None:
    """`src` after its first character, when that character is matched by `key`.

    For a literal key the character is known; for a class key the branch re-checks its own first
    atom with a lookbehind. None when no branch of `src` can begin with such a character.
    `bounded`: the caller has already checked `\\b` at the first character.
    """
    branches = (_strip_branch(alt, key, flags, bounded) for alt in alternatives(src))
    kept = [s for s in branches if s is not None]
    return "|".join(kept) if kept else None


@lru_cache(maxsize=4096)
def _strip_branch(src: str, key: Atom, flags: int, bounded: bool) -> str | None:
    pending: list[str] = []
    for atom, end in atoms(src):
        rest = src[end:]
        if atom.kind in ("boundary", "lookbehind"):
            if atom.quant:
                raise Unsupported(f"quantified assertion in {src!r}")
            if not (atom.kind == "boundary" and bounded):
                pending.append(_shift(atom, key))
            continue
        if atom.kind == "group":
            if atom.quant:
                raise Unsupported(f"quantified first group in {src!r}")
            inner = strip_first(atom.text[3:-1], key, flags, bounded)
            return None if inner is None else "".join(pending) + f"(?:{inner})" + rest
        left = _less_one(atom.quant)
        again = atom.text + left if left else ""
        if key.kind == "literal":
            if re.fullmatch(atom.text, _char(key), flags) is None:
                return None
            return "".join(pending) + again + rest
        if atom.kind == "literal":
            return None  # a literal first character has a branch of its own, tried before
        guard = "" if atom.text == key.text else f"(?<={atom.text})"
        return "".join(pending) + guard + again + rest
    raise Unsupported(f"{src!r} can match the empty string")


def _bounded_at(src: str, key: Atom, flags: int) -> bool:
    """Whether every branch of `src` that can begin with `key` begins with `\\b`."""
    for alt in alternatives(src):
        if _strip_branch(alt, key, flags, False) is None:
            continue
        boundary = False
        for atom, _ in atoms(alt):
            if atom.kind in ("boundary", "lookbehind"):
                boundary = boundary or atom.kind == "boundary"
                continue
            if not (
                boundary or (atom.kind == "group" and _bounded_at(atom.text[3:-1], key, flags))
            ):
                return False
            break
    return True


def _is_class_branch(branch: str, keys: dict[str, Atom]) -> bool:
    return any(key.kind == "class" and branch.startswith(src + "(?:") for src, key in keys.items())


def _char(atom: Atom) -> str:
    return atom.text[1] if atom.text.startswith("\\") else atom.text


def first_char_union(
    groups: list[tuple[str, str]],
    flags: int = 0,
    *,
    word_start: bool = False,
    free: str = "",
    depth: int = 3,
) -> tuple[re.Pattern[str], dict[str, str]]:
    """`(?:(?P<name>source)|...)` with its branches grouped by their first character.

    `word_start`: matches begin at `\\b`, except at the characters of `free` ("£"), which may begin
    a match anywhere. Returns the pattern and a map from its group names to the given names (a
    name appears once per first character). Falls back to the plain union when the rewrite does
    not apply.
    """
    prefix = (r"(?:\b|(?=[" + re.escape(free) + "]))" if free else r"\b") if word_start else ""
    plain = prefix + "(?:" + "|".join(f"(?P<{name}>{src})" for name, src in groups) + ")"
    try:
        if flags & (re.IGNORECASE | re.VERBOSE):
            raise Unsupported("case-insensitive or verbose")
        return _dispatch(groups, flags, word_start, free, depth)
    except (Unsupported, re.error):
        return re.compile(plain, flags), {name: name for name, _ in groups}


def _keys(groups: list[tuple[str, str]]) -> list[tuple[str, Atom]]:
    """The first atoms to branch on, literal characters first: each literal key holds every
    branch that can begin with its character, so a class key is only reached by characters no
    literal key takes (or whose branches all failed, and fail again)."""
    keys: dict[str, Atom] = {}
    for _, src in groups:
        for atom in first_atoms(src):
            key = re.escape(_char(atom)) if atom.kind == "literal" else atom.text
            keys.setdefault(key, Atom(atom.text, atom.kind))
    return sorted(keys.items(), key=lambda kv: kv[1].kind != "literal")


def _body(
    groups: list[tuple[str, str]], tag: str, names: dict[str, str], flags: int, depth: int
) -> str:
    """What follows a key: the groups' remainders, themselves grouped by their next character
    while `depth` allows and the rewrite applies."""
    if depth > 1:
        try:
            nested: dict[str, str] = {}
            branches = []
            for k, (key_src, key) in enumerate(_keys(groups)):
                rest = [
                    (n, r) for n, src in groups if (r := strip_first(src, key, flags)) is not None
                ]
                if rest:
                    branches.append(
                        f"{key_src}(?:{_body(rest, f'{tag}_{k}', nested, flags, depth - 1)})"
                    )
            names.update(nested)
            return "|".join(branches)
        except (Unsupported, re.error):
            pass
    for name, src in groups:
        names[f"{name}__{tag}"] = name
    return "|".join(f"(?P<{name}__{tag}>{src})" for name, src in groups)


def _dispatch(
    groups: list[tuple[str, str]], flags: int, word_start: bool, free: str, depth: int
) -> tuple[re.Pattern[str], dict[str, str]]:
    ordered = _keys(groups)
    keys = dict(ordered)
    unbounded: list[str] = []
    bounded: list[str] = []
    names: dict[str, str] = {}
    for k, (key_src, key) in enumerate(ordered):
        is_free = key.kind == "literal" and _char(key) in free
        # Under `\b(?:...)` when the caller asks for word starts or every branch begins with `\b`:
        # re then tests the boundary once, before trying the characters.
        at_word = (word_start and not is_free) or (
            key.kind == "literal" and all(_bounded_at(src, key, flags) for _, src in groups)
        )
        rest = [
            (n, r)
            for n, src in groups
            if (r := strip_first(src, key, flags, bounded=at_word)) is not None
        ]
        if rest:
            branch = f"{key_src}(?:{_body(rest, str(k), names, flags, depth)})"
            (bounded if at_word else unbounded).append(branch)
    # Free characters first: at one of them, their branch holds every branch that can match.
    # A class key comes after every literal one, bounded or not (see _keys).
    first = [b for b in unbounded if not _is_class_branch(b, keys)]
    last = [b for b in unbounded if _is_class_branch(b, keys)]
    parts = first + ([r"\b(?:" + "|".join(bounded) + ")"] if bounded else []) + last
    return re.compile("|".join(parts), flags), names


def unverbose(src: str) -> str:
    """The same pattern without re.VERBOSE: unescaped whitespace and comments outside classes go."""
    out: list[str] = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch == "\\":
            out.append(src[i : i + 2])
            i += 2
        elif ch == "[":
            end = _class_end(src, i)
            out.append(src[i:end])
            i = end
        elif ch == "#":
            newline = src.find("\n", i)
            i = len(src) if newline == -1 else newline + 1
        else:
            if not ch.isspace():
                out.append(ch)
            i += 1
    return "".join(out)
