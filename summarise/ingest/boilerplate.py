"""Text-level rules used by `summarise.ingest.reader`: boilerplate lines, lost quote marks,
hard-wrap repair and light Markdown stripping (dateline, byline and copyright parsing live in
`summarise.text.datelines`).

Everything here is a pure function of its input, because spans point into the cleaned text and
the same input must always clean to the same output. The boilerplate rules are a table of
whole-line regexes so that a new site's widget text is one line to add, and so that an article
sentence that merely mentions cookies or comments is never removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.text.datelines import TITLE_WORDS

__all__ = [
    "BOILERPLATE_RULES",
    "boilerplate_rule",
    "continues",
    "drop_teasers",
    "hard_wrap_width",
    "is_boilerplate",
    "is_bullet",
    "is_teaser",
    "join_continuations",
    "join_units",
    "more_from_publisher",
    "repair_lost_quotes",
    "starts_paragraph",
    "strip_markdown",
    "unwrap_block",
]

# --- boilerplate ------------------------------------------------------------------------------

_SHARE_WORD = (
    r"(?:share(?: this(?: article| story| page| post)?)?|tweet|e-?mail(?: this)?"
    r"|print(?: this(?: article| story| page)?)?|facebook|twitter|linkedin|whatsapp"
    r"|pinterest|reddit|copy link|save)"
)

_COOKIE_OPENER = (
    r"(?:we(?:'|’)ll assume|we use|(?:this|our) (?:web)?site uses"
    r"|by (?:continuing to )?(?:use|using|brows\w*) (?:this|our) (?:web)?site)"
)
_SIGN_IN = r"(?:sign(?:ed)? in|log(?:ged)? in|register(?:ed)?)"
_COMPANY = r"(?:\d{4}|ltd|limited|plc|media|group|press association|news|newspapers?)"

#: (name, pattern): a line is boilerplate when a pattern matches the WHOLE stripped line, so a
#: sentence that mentions cookies or comments is never removed. Add a site's furniture here.
BOILERPLATE_RULES: tuple[tuple[str, str], ...] = (
    ("old browser", r"(?i)your browser is (?:no longer|not) supported\b.{0,120}"),
    (
        "browser advice",
        r"(?i)for the best (?:possible )?experience\b.{0,160}\b(?:browser|cookies)\b.{0,160}",
    ),
    ("cookies disabled", r"(?i)your browser (?:appears to have|has) cookies disabled\b.{0,200}"),
    ("cookie consent", rf"(?i){_COOKIE_OPENER}\b.{{0,200}}\bcookies?\b.{{0,200}}"),
    ("cookie buttons", r"(?i)(?:accept|reject|allow|manage)(?: all)? cookies"),
    ("cookie links", r"(?i)cookie (?:settings|policy|preferences|notice)"),
    ("more link", r"(?i)(?:learn|read|find out) more\s*[»›>]?"),
    ("comment widget", r"(?i)(?:[•·*-]\s*)?(?:comments?(?:\s*\(\d+\))?|\d+ comments?)"),
    ("comment prompt", r"(?i)(?:add|post|leave|view|show|read) (?:a |your |all )?comments?"),
    ("have your say", r"(?i)have your say\.?"),
    (
        "sign in to comment",
        rf"(?i)you must (?:be )?{_SIGN_IN} to (?:make|post|leave|add) a comment\.?",
    ),
    ("comment terms", r"(?i)please remember that the submission of any material\b.{0,300}"),
    ("comment html", r"(?i)links may be included in your comments?\b.{0,200}"),
    ("comments closed", r"(?i)comments are (?:now )?closed\.?"),
    ("more from", rf"More from (?P<publisher>{TITLE_WORDS})"),
    ("share links", rf"(?i)(?:[•·|/-]\s*)?(?:{_SHARE_WORD}[\s•·|/,:-]*){{1,8}}"),
    ("pressreader", r"(?i)newspapers (?:in english|from [\w .]{2,40})"),
    ("copyright symbol", r"©.{1,120}"),
    ("copyright (c)", rf"(?i)\(c\)\s*(?:\d{{4}}\b.{{0,100}}|.{{1,80}}?\b{_COMPANY}\.?)"),
    (
        "copyright word",
        r"(?i)copyright\s*(?:©|\(c\))?\s*(?:\d{4}|[\w&.'’() -]{1,60}\s\d{4})\b.{0,100}",
    ),
    ("rights reserved", r"(?i).{0,100}\ball rights reserved\.?"),
    ("agency credit", r"(?i:pa media|press association)(?: \d{4})?\.?|PA"),
    ("advert", r"(?i)advertisement"),
    ("skip link", r"(?i)skip to (?:main )?content"),
    ("newsletter", r"(?i)sign up (?:to|for) (?:our|the) .{0,40}newsletters?\b.{0,100}"),
    ("related", r"(?i)(?:related|recommended) (?:articles|stories|content|links)"),
    ("most read", r"(?i)most (?:read|popular|viewed)"),
    ("page nav", r"(?i)back to top|top of page|(?:previous|next) (?:article|story)"),
)

_COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern)) for name, pattern in BOILERPLATE_RULES
)
_MORE_FROM = dict(_COMPILED)["more from"]


def _scoped(pattern: str) -> str:
    """`(?i)x` -> `(?i:x)`, so the rules can share one alternation."""
    return f"(?i:{pattern[4:]})" if pattern.startswith("(?i)") else f"(?:{pattern})"


#: "All rights reserved" may follow up to 100 characters of anything, so its regex backtracks
#: through every line it is tried on; it is only tried on lines that end the way it must.
_RIGHTS = "rights reserved"
_RIGHTS_RULE = dict(_COMPILED)[_RIGHTS]
_RIGHTS_END = re.compile(r"(?i)reserved\.?\Z")  # same case rules as the rule itself

#: The other rules in one regex: most lines match none, and one match is far cheaper than thirty.
_ANY_OTHER_RULE = re.compile(
    "|".join(_scoped(pattern) for name, pattern in BOILERPLATE_RULES if name != _RIGHTS)
)


def boilerplate_rule(line: str) -> str | None:
    """The name of the first rule that matches the whole line, so tests can say which fired."""
    if not is_boilerplate(line):
        return None
    stripped = line.strip()
    return next((name for name, pattern in _COMPILED if pattern.fullmatch(stripped)), None)


def is_boilerplate(line: str) -> bool:
    """True when the whole line is site furniture rather than article text."""
    stripped = line.strip()
    if _ANY_OTHER_RULE.fullmatch(stripped):
        return True
    return (
        _RIGHTS_END.search(stripped, max(0, len(stripped) - 9)) is not None
        and _RIGHTS_RULE.fullmatch(stripped) is not None
    )


def more_from_publisher(line: str) -> str | None:
    """The publisher named by a "More from X" footer line, read before the line is dropped."""
    stripped = line.strip()
    if not stripped.startswith("More from "):
        return None
    match = _MORE_FROM.fullmatch(stripped)
    return match.group("publisher") if match else None


_ELLIPSIS = re.compile(r"(?:\.\.\.|…)$")
_ELLIPSIS_ENDS = ("...", "…", "...\n", "…\n")  # where _ELLIPSIS can match: `$` allows a final \n
_MIN_TEASER = 20


def is_teaser(line: str, following: Sequence[str]) -> bool:
    """A truncated standfirst ("... prospects f...") whose text the next paragraph repeats."""
    if not _ELLIPSIS.search(line):
        return False
    stem = _ELLIPSIS.sub("", line).rstrip()
    if len(stem) < _MIN_TEASER:
        return False
    ahead = " ".join(part for part in following if part)[: len(stem) + 1]
    return ahead.startswith(stem)


def drop_teasers(lines: list[str]) -> list[str]:
    """Blank every teaser line; looks a few lines ahead as the next paragraph may be wrapped."""
    out = list(lines)
    for i, line in enumerate(lines):
        if not line.endswith(_ELLIPSIS_ENDS):
            continue
        following = [other for other in lines[i + 1 : i + 8] if other]
        if following and is_teaser(line, following):
            out[i] = ""
    return out


# --- lost quote marks -------------------------------------------------------------------------

# Exactly three `?`: a UTF-8 quote or dash whose bytes became '?'. Each pattern starts with the
# literal `?` and checks what precedes it by a lookbehind over the `?`s, so the regex engine
# skips straight to question marks instead of testing a lookbehind at every character.
_LOST_APOSTROPHE = re.compile(r"\?\?\?(?<=[^\W_]\?\?\?)(?!\?)(?=[^\W\d_])")  # word???word
_LOST_DASH = re.compile(r"\?\?\?(?<![^\n ]\?\?\?)(?= )")  # at line start or after a space
_LOST_OPENING = re.compile(r"\?\?\?(?<![^\s(\[{—–:/-]\?\?\?)(?!\?)(?=\S)")
_LOST_CLOSING = re.compile(r"\?\?\?(?<!\?\?\?\?)(?!\?)")
_SINGLE_APOSTROPHE = re.compile(r"\?(?<=[A-Za-z]\?)(?=(?:s|t|m|d|ll|re|ve)\b(?![=&]))")


def repair_lost_quotes(text: str) -> str:
    """Turn the `???` left by a lossy re-encoding back into curly quotes, by context.

    `I???m` -> `I’m`, `???We` -> `“We`, `well.???` -> `well.”`, ` ??? ` -> ` – `. A single `?`
    is only touched inside a contraction (`council?s`, `don?t`), where no real question mark
    can stand, so genuine questions survive.
    """
    if "?" not in text:
        return text
    text = _LOST_APOSTROPHE.sub("’", text)
    text = _LOST_DASH.sub("–", text)
    text = _LOST_OPENING.sub("“", text)
    text = _LOST_CLOSING.sub("”", text)
    return _SINGLE_APOSTROPHE.sub("’", text)


# --- hard-wrapped text ------------------------------------------------------------------------

_BULLET = re.compile(r"(?:[-•*·▪◦]|\d{1,2}[.)]|\(?[a-z]\))\s+\S")
_MARKS = (".", "!", "?", "…")  # end a sentence, perhaps followed by closing quotes or brackets
_CLOSERS = "\"'”’)]"
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|St|Cllr|Prof|Rev|Sir|No|Co|Ltd|Inc|vs|[A-Z])\.$"
)
_ABBREVIATION_REACH = 8  # " Cllr." and a final \n that `$` stands before: search only the end
_DASH_START = re.compile(r"[-–—]\s+[a-z]")
_CONTINUES = (":", ",", ";", "-", "–", "—", "(")
_OPENERS = "“\"‘'("
_MIN_WRAPPED_LINES = 3
_MIN_WIDTH, _MAX_WIDTH = 40, 130  # columns a hard-wrapped text can plausibly be broken at
_SHORT = 0.6  # a line under this share of the width ends its paragraph


def is_bullet(line: str) -> bool:
    """Bulleted and numbered lines stay on their own line however the text is wrapped."""
    return _BULLET.match(line) is not None


def _opens_sentence(line: str) -> bool:
    return bool(line) and (line[0].isupper() or line[0] in _OPENERS)


def _ends_sentence(line: str) -> bool:
    """A sentence mark then only closers, or a closing ” (`$` allows a final \n), unless it is
    an abbreviation's full stop. Looks only at the end: lines can be whole paragraphs."""
    end = line.removesuffix("\n")
    marked = end.endswith("”") or end.rstrip(_CLOSERS).endswith(_MARKS)
    return marked and not _abbreviation(line)


def _abbreviation(line: str) -> bool:
    return _ABBREVIATION.search(line, max(0, len(line) - _ABBREVIATION_REACH)) is not None


def _inner_lines(blocks: Sequence[Sequence[str]]) -> list[str]:
    """Non-bullet lines followed by another line of the same block: where wrapping shows."""
    return [line for block in blocks for line in block[:-1] if not is_bullet(line)]


def hard_wrap_width(blocks: Sequence[Sequence[str]]) -> int | None:
    """The column text broken at a fixed width was wrapped at; None when it is not so broken.

    Hard-wrapped text's near-full lines mostly end mid-sentence. Web copy has one line per
    paragraph: few lines sit inside blocks, and the long ones end with a full stop or colon,
    or run past any plausible wrap width.
    """
    inner = _inner_lines(blocks)
    if len(inner) < _MIN_WRAPPED_LINES:
        return None
    width = _percentile_90(inner)
    if not _MIN_WIDTH <= width <= _MAX_WIDTH:
        return None
    full = [line for line in inner if len(line) >= _SHORT * width]
    broken = [line for line in full if not _ends_sentence(line) and not line.endswith(":")]
    return width if len(broken) >= 2 and len(broken) >= 0.5 * len(full) else None


def _percentile_90(lines: Sequence[str]) -> int:
    """The wrap column: the 90th percentile of the inner lines' lengths."""
    lengths = sorted(len(line) for line in lines) or [80]
    return lengths[min(len(lengths) - 1, (len(lengths) * 9) // 10)]


def _dash_continues(previous: str, line: str, in_bullet: bool) -> bool:
    """A wrapped line that starts with a dash used as punctuation: "further\n- aside from"."""
    return (
        _DASH_START.match(line) is not None
        and not in_bullet
        and not _ends_sentence(previous)
        and not previous.endswith(":")
    )


def starts_paragraph(previous: str, line: str, width: int, *, in_bullet: bool = False) -> bool:
    """Whether `line` begins a new paragraph in hard-wrapped text rather than continuing one.

    A sentence end followed by a capital or an opening quote breaks; so does a line that
    stops well short of the wrap width, unless it ends with a colon or comma or the next
    line starts in lower case. A bullet breaks, unless its "- " is a dash mid-sentence.
    """
    if is_bullet(line):
        return not _dash_continues(previous, line, in_bullet)
    if line[:1].islower():
        return False
    if _ends_sentence(previous) and _opens_sentence(line):
        return True
    if previous.endswith(_CONTINUES) or _abbreviation(previous):
        return False
    return len(previous) < _SHORT * width


def _join(paragraph: str, line: str) -> str:
    """Join wrapped lines with one space, or none after a word broken at a hyphen."""
    if (
        len(paragraph) > 1
        and paragraph[-1] == "-"
        and paragraph[-2].isalpha()
        and line[0].islower()
    ):
        return paragraph + line
    return f"{paragraph} {line}"


def unwrap_block(block: Sequence[str], width: int) -> list[str]:
    """Rejoin one blank-line-delimited block of hard-wrapped lines into paragraphs and bullets."""
    units: list[str] = []
    previous = ""
    for line in block:
        in_bullet = bool(units) and is_bullet(units[-1])
        if units and not starts_paragraph(previous, line, width, in_bullet=in_bullet):
            units[-1] = _join(units[-1], line)
        else:
            units.append(line)
        previous = line
    return units


def continues(previous: str, line: str) -> bool:
    """In text that is not hard-wrapped, a line that can only be the rest of the one before.

    It starts in lower case and the line before ends mid-sentence, as when one paragraph of
    otherwise one-line-per-paragraph copy was soft-wrapped.
    """
    return line[:1].islower() and not _ends_sentence(previous) and not previous.endswith(":")


def join_continuations(block: Sequence[str]) -> list[str]:
    """Keep one line per paragraph, but rejoin lines that plainly continue the previous one."""
    units: list[str] = []
    for line in block:
        if units and continues(units[-1], line):
            units[-1] = _join(units[-1], line)
        else:
            units.append(line)
    return units


def join_units(groups: Sequence[Sequence[str]]) -> str:
    """Paragraphs apart by one blank line; consecutive bullets of a block one per line."""
    chunks: list[list[str]] = []
    for units in groups:
        previous_bullet = False
        for unit in units:
            bullet = is_bullet(unit)
            if chunks and bullet and previous_bullet:
                chunks[-1].append(unit)
            else:
                chunks.append([unit])
            previous_bullet = bullet
    return "\n\n".join("\n".join(chunk) for chunk in chunks)


# --- Markdown -----------------------------------------------------------------------------------

# A link's (url): parentheses inside it may nest one level, as in "javascript:alert(1)".
_URL = r"\((?:[^()\n]|\([^()\n]*\))*\)"

_MARKDOWN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.MULTILINE), repl)
    for pattern, repl in (
        (r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", r"\1"),  # ATX heading
        (r"^ {0,3}(?:=+|-{2,}|(?:[*_][ \t]*){3,})[ \t]*$", ""),  # setext underline, rule
        (r"^ {0,3}>[ \t]?", ""),  # blockquote
        (r"^ {0,3}\[[^\]\n]+\]:[ \t]+\S.*$", ""),  # link reference definition
        (rf"!\[[^\]\n]*\]{_URL}", ""),  # image
        (rf"\[([^\]\n]+)\]{_URL}", r"\1"),  # inline link
        (r"\[([^\]\n]+)\]\[[^\]\n]*\]", r"\1"),  # reference link
        (r"<(https?://[^>\s]+)>", r"\1"),  # autolink
        (r"^([ \t]*)[*+][ \t]+", r"\1- "),  # bullet marker
        (r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2"),  # strong
        (r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])", r"\1"),  # emphasis *
        (r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])", r"\1"),  # emphasis _
        (r"`([^`\n]+)`", r"\1"),  # inline code
    )
)


def strip_markdown(text: str) -> str:
    """Light Markdown removal: the words stay, the syntax goes; bullets become "- "."""
    for pattern, repl in _MARKDOWN:
        text = pattern.sub(repl, text)
    return text
