"""Finding mentions of social services authorities in prose: `find_mentions` and its rules.

Matching is case-sensitive on the proper noun (all-caps headlines are accepted) and rejects a
name that is part of another proper noun ("Essex Police", "University of Essex", "Surrey
Heath", "Jane Bolton"). See ``_judge`` for the rules and `summarise.gazetteer.mention_words` for the
word lists they use. The names, aliases, `Mention` and the compiled matcher come from
`summarise.gazetteer.index`; `summarise.gazetteer` re-exports `find_mentions`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from summarise.gazetteer.index import WORD_SPLIT_RE, Form, Mention, gazetteer_index, norm_key
from summarise.gazetteer.mention_words import (
    BULLETS,
    CHAIN_CONNECTORS,
    CHAIN_ORG,
    GEO,
    NEXT_BLOCK,
    NEXT_BLOCK_HEADLINE,
    NEXT_OK,
    OF_BLOCK_HEADLINE,
    OF_OK,
    PREV_BLOCK_HEADLINE,
    PREV_OK,
    SECOND_BLOCK,
    SMALL_WORDS,
    TITLES,
)

__all__ = ["find_mentions"]

# A cue right after the name, possibly after a possessive or a list of further names
# ("Reading council", "Bath's social services", "Bournemouth, Poole and Dorset councils").
_CUE_AFTER_RE = re.compile(
    r"(?:['’]s?)?(?:\s*(?:,|\band\b|&)\s*(?-i:[A-Z][\w'’-]*)(?:[^\S\n]+(?-i:[A-Z][\w'’-]*))*)*"
    r"\s+(?:councils?|boroughs?|authority|social\s+services|social\s+care"
    r"|children['’]?s\s+(?:services|social\s+care|trust))\b",
    re.IGNORECASE,
)
_CUE_WORD_RE = re.compile(
    r"\b(?:councils?|borough|authority|social services|social care"
    r"|children'?s (?:services|social care|trust))\b"
)
_NEXT_WORD_RE = re.compile(r"[^\S\n]*\n?[^\S\n]*([^\W_][\w'’]*(?:-[^\W_][\w'’]*)*)")
_POSSESSIVE_RE = re.compile(r"['’](?:s\b|(?!\w))")
_CHAIN_START_RE = re.compile(r"\s*(?:,|and\b|&)")
_CHAIN_TOKEN_RE = re.compile(r"[\w'’]+|[&,]|[.;:!?()\[\]\n]")
_LINE_WORD_RE = re.compile(r"[^\W\d_][\w'’]*")
_WORDS_RE = re.compile(r"[\w'’]+")
_SENTENCE_END_RE = re.compile(r"[.!?]\s")


def _cf(word: str) -> str:
    return word.casefold().replace("’", "'")


def _case_ok(form: Form, used: str) -> bool:
    """Every capitalised word of the name is capitalised in the text (so "reading" is not)."""
    got = [w for w in WORD_SPLIT_RE.split(used) if w]
    if len(got) != len(form.capitals):
        return used[:1].isupper()
    return all(g[:1].isupper() for want, g in zip(form.capitals, got, strict=True) if want)


def _prev_word(text: str, start: int) -> tuple[str, int] | None:
    """The word right before ``start`` (spaces and at most one line break between), or None.

    None too when punctuation intervenes, except the full stop of a title ("Mr. Bolton").
    """
    j = start
    newline = False
    while j > 0 and text[j - 1].isspace():
        if text[j - 1] == "\n":
            if newline:
                return None
            newline = True
        j -= 1
    dot = j > 0 and text[j - 1] == "."
    if dot:
        j -= 1
    k = j
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "'’-"):
        k -= 1
    while k < j and not text[k].isalnum():
        k += 1
    if k == j:
        return None
    word = text[k:j]
    if dot and _cf(word) not in TITLES:
        return None
    return word, k


def _next_word(text: str, end: int) -> str | None:
    m = _NEXT_WORD_RE.match(text, end)
    return m.group(1) if m else None


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    newlines = 0
    bullet = False
    while i >= 0 and (text[i].isspace() or text[i] in "“\"‘'([" + BULLETS):
        if text[i] == "\n":
            newlines += 1
        elif text[i] in BULLETS:
            bullet = True
        i -= 1
    if i < 0 or text[i] in ".!?:;":
        return True
    return newlines >= 2 or (newlines >= 1 and bullet)


def _is_headline(
    text: str, start: int, end: int, forms: tuple[Form, ...], cache: dict[int, bool]
) -> bool:
    """True inside an ALL-CAPS or Title Case line, where capitals say nothing about names."""
    used = text[start:end]
    if len(used) >= 2 and used.isupper() and not any(f.surface.isupper() for f in forms):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    cached = cache.get(line_start)
    if cached is not None:
        return cached
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    cache[line_start] = verdict = _is_headline_line(text[line_start:line_end])
    return verdict


def _is_headline_line(line: str) -> bool:
    if len(line) > 160:
        return False
    words = _LINE_WORD_RE.findall(line)
    significant = [w for w in words if w.lower() not in SMALL_WORDS]
    if len(significant) < 3:
        return False
    caps = sum(1 for w in words if len(w) > 1 and w.isupper())
    if caps >= 0.6 * len(words):
        return True
    return all(w[:1].isupper() for w in significant)


def _has_cue(text: str, start: int, end: int, *, after_only: bool) -> bool:
    if _CUE_AFTER_RE.match(text, end, end + 120):
        return True
    if after_only:
        return False
    before = text[max(0, start - 80) : start]
    stops = list(_SENTENCE_END_RE.finditer(before))
    if stops:
        before = before[stops[-1].end() :]
    words = [_cf(w) for w in _WORDS_RE.findall(before)[-4:]]
    return bool(_CUE_WORD_RE.search(" ".join(words)))


def _chain_is_org(text: str, end: int) -> bool:
    """In "<Name> and Cornwall Police" the name is part of an organisation's name."""
    if not _CHAIN_START_RE.match(text, end):
        return False
    tokens = _CHAIN_TOKEN_RE.findall(text, end, min(len(text), end + 120))
    for i, tok in enumerate(tokens):
        low = _cf(tok)
        if i == 0 and low not in {",", "&", "and"}:
            return False
        if low in CHAIN_CONNECTORS:
            continue
        if not tok[:1].isupper():
            return False
        if low in CHAIN_ORG:
            return True
    return False


@dataclass
class _Verdict:
    accept: bool
    person: bool = False  # rejected as a person's name ("Jane Bolton", "Mr Bury")


def _judge(
    text: str,
    m: re.Match[str],
    start: int,
    forms: tuple[Form, ...],
    has_prefix: bool,
    headlines: dict[int, bool],
) -> _Verdict:
    """Decide whether a bare or prefixed name (no council suffix) is a mention of the council."""
    ns, end = m.span("name")
    headline = _is_headline(text, ns, end, forms, headlines)

    if not has_prefix:
        prev = _prev_word(text, start)
        if prev is not None:
            word, word_start = prev
            low = _cf(word)
            if headline:
                if low in PREV_BLOCK_HEADLINE:
                    return _Verdict(False, person=low in TITLES)
            elif word[:1].isupper() and low not in PREV_OK:
                if low.endswith(("-run", "-led", "-controlled", "-based")):
                    pass
                elif low in TITLES:
                    return _Verdict(False, person=True)
                else:
                    nxt = _next_word(text, end)
                    looks_like_name = (
                        low not in GEO
                        and word.isalpha()
                        and not word.isupper()
                        and (nxt is None or not nxt[:1].isupper())
                    )
                    return _Verdict(False, person=looks_like_name)
            if low == "of":
                head = _prev_word(text, word_start)
                if head is not None:
                    head_low = _cf(head[0])
                    if headline:
                        if head_low in OF_BLOCK_HEADLINE:
                            return _Verdict(False)
                    elif head[0][:1].isupper() and head_low not in OF_OK:
                        return _Verdict(False)

        ambiguity = max(f.ambiguity for f in forms)
        if ambiguity == 2 and not _has_cue(text, start, end, after_only=False):
            return _Verdict(False)
        if (
            ambiguity == 1
            and (headline or _sentence_start(text, start))
            and not _has_cue(text, start, end, after_only=True)
        ):
            return _Verdict(False)

    if _POSSESSIVE_RE.match(text, end):
        return _Verdict(True)
    nxt = _next_word(text, end)
    if nxt is not None:
        low = _cf(nxt)
        if headline:
            if low in NEXT_BLOCK_HEADLINE:
                return _Verdict(False)
        elif nxt[:1].isupper():
            if low not in NEXT_OK:
                return _Verdict(False)
        elif low in NEXT_BLOCK:
            return _Verdict(False)
        if nxt[:1].isupper() and low in NEXT_OK:
            # "Birmingham Children's Hospital", "Essex Social Services Trust"? Look one further.
            m2 = _NEXT_WORD_RE.match(text, end)
            second = _next_word(text, m2.end()) if m2 else None
            if second is not None and _cf(second) in SECOND_BLOCK:
                return _Verdict(False)
    if _chain_is_org(text, end):
        return _Verdict(False)
    return _Verdict(True)


def _scan_mentions(text: str) -> list[Mention]:
    """Every mention of an authority in ``text``, in text order.

    The longest name wins ("North East Lincolnshire", not "Lincolnshire"), and an adjacent
    council prefix or suffix is part of the mention ("Gloucestershire County Council",
    "London Borough of Hackney", "Birmingham Children's Trust"). ``text[m.start:m.end] ==
    m.text`` always holds. Rules for bare names (no suffix):

    * case-sensitive on the proper noun ("reading" never matches); ALL-CAPS text matches;
    * not when a capitalised non-council word follows ("Essex Police", "Surrey Heath",
      "Derby County") or precedes ("Royal Berkshire", "Jane Bolton", "South Essex"), or in
      "<Head> of <Name>" ("University of Essex"); in all-caps or Title Case headlines only
      listed organisation words block ("WESTSHIRE ECHO", "Kent Police");
    * not inside "<Name> and <Name> Police/NHS/Trust..." ("Devon and Cornwall Police");
    * forms in aliases.toml [ambiguous] need a council cue ("Reading council",
      "Bath's social services"), some only at a sentence start ("Reading the report ...");
    * a name seen as a person's surname ("Jane Bolton", "Mr Bolton") is not taken as the
      council elsewhere in the same text unless it carries a suffix, prefix or cue.
    """
    g = gazetteer_index()
    found: list[tuple[Mention, str, bool]] = []  # mention, name key, strong evidence
    persons: set[str] = set()
    headlines: dict[int, bool] = {}  # line start -> is a headline line
    for m in g.pattern.finditer(text):
        name = m.group("name")
        if "\n\n" in name:
            continue  # a name does not run across a paragraph break
        key = norm_key(name)
        forms = g.forms.get(key)
        if not forms or forms[0].authority is None:
            continue  # an excluded phrase ("Surrey Heath")
        authority = forms[0].authority
        if not any(_case_ok(f, name) for f in forms):
            continue
        pre, suf = m.group("pre"), m.group("suf")
        has_prefix = (
            bool(pre) and pre[:1].isupper() and "\n\n" not in text[m.start("pre") : m.start("name")]
        )
        start = m.start() if has_prefix else m.start("name")
        end = m.end() if suf and "\n\n" not in suf else m.end("name")
        if end > m.end("name"):
            prev = _prev_word(text, start)
            if prev is not None and prev[0][:1].isupper() and _cf(prev[0]) in GEO:
                continue  # "West Devon Borough Council": a district, not the county
            found.append((Mention(authority, start, end, text[start:end]), key, True))
            continue
        verdict = _judge(text, m, start, forms, has_prefix, headlines)
        if verdict.person:
            persons.add(key)
        if verdict.accept:
            strong = has_prefix or _has_cue(text, start, end, after_only=True)
            found.append((Mention(authority, start, end, text[start:end]), key, strong))
    return [mention for mention, key, strong in found if strong or key not in persons]


@functools.lru_cache(maxsize=8)
def _memo(text: str) -> tuple[Mention, ...]:
    return tuple(_scan_mentions(text))


def find_mentions(text: str) -> list[Mention]:
    """Every mention of an authority in ``text`` (rules: `_scan_mentions`), memoised: the
    store's re-post check and the offline extractor scan the same text; Mentions are frozen,
    so callers can share them."""
    return list(_memo(text))
