"""What a narrative may say: its response model, the points it may cite, and the checks.

Pure functions and a Pydantic model, no I/O; `summarise.brief.narrative` sends them to the
model. The checks reject, with a message the re-ask can act on: empty text, a sentence that
cites nothing, an id that was not offered, a number or quoted text that none of the sentence's
cited points contains, and point ids written into the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from summarise.align.spans import normalise
from summarise.brief.consolidate import judgement_phrase
from summarise.models import CouncilBriefing, LatestJudgement, NarrativeSentence

MIN_SENTENCES: Final = 2
MAX_SENTENCES: Final = 5


# --- the response model ---------------------------------------------------------------------


class Narrative(BaseModel):
    """An executive summary of a council's social services briefing; each sentence cites points."""

    model_config = ConfigDict(extra="forbid")

    sentences: list[NarrativeSentence] = Field(
        min_length=MIN_SENTENCES,
        max_length=MAX_SENTENCES,
        description="2 to 5 sentences, most important first.",
    )

    @field_validator("sentences")
    @classmethod
    def _cited_and_grounded(
        cls, sentences: list[NarrativeSentence], info: ValidationInfo
    ) -> list[NarrativeSentence]:
        """Reject what a reader could not trace back to the briefing, naming each problem."""
        problems = sentence_problems(sentences, points_in(info.context))
        if problems:
            raise ValueError("\n".join(problems))
        return sentences


# --- the points the model may cite ----------------------------------------------------------


@dataclass(frozen=True)
class CitablePoint:
    """One line of the prompt: the id a sentence may cite, what kind of point, and its text."""

    id: str
    kind: str
    text: str


def judgement_text(j: LatestJudgement) -> str:
    """A judgement as a citable line; its date is in it so that a sentence may repeat the year."""
    text = f"{j.aspect.value.replace('_', ' ')}: {judgement_phrase(j.aspect, j.value.value)}"
    if j.past:
        text += ", reported as an earlier judgement"
    if j.date:
        text += f" (dated {j.date})"
    return text


def citable_points(briefing: CouncilBriefing) -> list[CitablePoint]:
    """Every point the narrative may cite, in briefing order; the ids are the renderer's too."""
    out: list[CitablePoint] = []
    for kind, items in (
        ("strength", briefing.strengths),
        ("concern", briefing.concerns),
        ("recommendation", briefing.recommendations),
    ):
        out += [CitablePoint(p.id, kind, p.text) for p in items]
    out += [
        CitablePoint(f"j{i}", "latest judgement", judgement_text(j))
        for i, j in enumerate(briefing.latest_judgements, 1)
    ]
    own = {p.text for p in out}
    out += [
        CitablePoint(f"n{i}", "national context", n.text)
        for i, n in enumerate(briefing.national_context, 1)
        if n.text not in own  # the national briefing repeats its own points here
    ]
    return out


def narrative_context(briefing: CouncilBriefing, points: Sequence[CitablePoint]) -> dict[str, Any]:
    """What fills the user template and reaches the validator: plain data, never a template."""
    return {
        "council": briefing.council.name,
        "points": [{"id": p.id, "kind": p.kind, "text": p.text} for p in points],
    }


def points_in(context: object) -> dict[str, str] | None:
    """id -> text of the offered points, from a validation context; None without one."""
    if not isinstance(context, Mapping) or not isinstance(context.get("points"), list):
        return None
    return {str(p["id"]): str(p["text"]) for p in context["points"]}


def id_ranges(ids: Sequence[str]) -> str:
    """ "s1-s7, c1-c5, r1, n2-n4": the valid ids in a form short enough for a re-ask."""
    runs: list[tuple[str, int, int]] = []
    for pid in ids:
        m = re.fullmatch(r"([a-z]+)(\d+)", pid)
        if m is None:
            runs.append((pid, -1, -1))
            continue
        prefix, n = m.group(1), int(m.group(2))
        if runs and runs[-1][0] == prefix and runs[-1][2] == n - 1:
            runs[-1] = (prefix, runs[-1][1], n)
        else:
            runs.append((prefix, n, n))
    parts = []
    for prefix, a, b in runs:
        if a < 0:
            parts.append(prefix)
        else:
            parts.append(f"{prefix}{a}" if a == b else f"{prefix}{a}-{prefix}{b}")
    return ", ".join(parts)


# --- the checks -----------------------------------------------------------------------------

# A number as digits, not glued to a word ("s1", "Q3" are not numbers): "83", "1,000", "2.5".
_DIGITS = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
# Number words; "one" is left out because English uses it as a pronoun. Letters, not word
# boundaries, delimit them, so "£9million" holds "million" as "£9 million" does.
_NUMBER_WORDS = re.compile(
    r"(?<![a-z])(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|dozen|twice|half)(?![a-z])"
)
# Quoted text, on normalised text (curly quotes are folded to straight ones). A single-quoted
# passage must open after a space or bracket and close before one, so apostrophes are not quotes.
_DOUBLE_QUOTED = re.compile(r'"([^"]+)"')
_SINGLE_QUOTED = re.compile(r"(?:^|(?<=[\s(\[]))'([^']+?)'(?=[\s.,;:!?)\]]|$)")
_QUOTE_TRIM = " '\".,;:!?-"
_ID_IN_TEXT = re.compile(r"(?<!\w)[scrjn]\d+(?!\w)")


def _numbers(folded: str) -> list[str]:
    found = [m.group().replace(",", "") for m in _DIGITS.finditer(folded)]
    return found + [m.group() for m in _NUMBER_WORDS.finditer(folded)]


def _quotes(text: str, folded: str, index: list[int]) -> list[tuple[str, list[str]]]:
    """Each quoted passage as written, with its normalised fragments (split at an ellipsis).

    `folded, index` are `normalise(text)`.
    """
    out = []
    for pattern in (_DOUBLE_QUOTED, _SINGLE_QUOTED):
        for m in pattern.finditer(folded):
            s, e = m.start(1), m.end(1)
            if s >= e:
                continue
            original = text[index[s] : index[e - 1] + 1]
            fragments = [f.strip(_QUOTE_TRIM) for f in m.group(1).split("...")]
            fragments = [f for f in fragments if f]
            if fragments:
                out.append((original, fragments))
    return out


def sentence_problems(
    sentences: Sequence[NarrativeSentence], points: Mapping[str, str] | None
) -> list[str]:
    """One message per problem, each naming the sentence and saying how to fix it.

    Without `points` (no validation context) only the checks that need no briefing run.
    """
    problems: list[str] = []
    valid = id_ranges(list(points)) if points is not None else ""
    for i, sentence in enumerate(sentences, 1):
        text = sentence.text.strip()
        if not text:
            problems.append(f"sentence {i}: the text is empty; write one plain sentence")
            continue
        if not sentence.cites:
            problems.append(
                f'sentence {i} cites no point; put the ids of the points it rests on in "cites"'
            )
        for pid in dict.fromkeys(_ID_IN_TEXT.findall(text)):
            problems.append(
                f'sentence {i} has the point id "{pid}" in its text; put ids only in "cites"'
            )
        if points is None:
            continue
        for pid in dict.fromkeys(sentence.cites):
            if pid not in points:
                problems.append(
                    f'sentence {i} cites "{pid}", which is not a point of this briefing; '
                    f"cite only these ids: {valid}"
                )
        cited = [pid for pid in dict.fromkeys(sentence.cites) if pid in points]
        if not cited:
            continue
        sources = [normalise(points[pid])[0] for pid in cited]
        names = ", ".join(cited)
        allowed = {n for s in sources for n in _numbers(s)}
        folded, index = normalise(text)
        for number in dict.fromkeys(_numbers(folded)):
            if number not in allowed:
                problems.append(
                    f'sentence {i} has the number "{number}", which none of its cited points '
                    f"({names}) contains; write a number only as a cited point writes it, or "
                    "cite the point that has it"
                )
        for original, fragments in _quotes(text, folded, index):
            if not all(any(f in s for s in sources) for f in fragments):
                problems.append(
                    f'sentence {i} quotes "{original}", which none of its cited points ({names}) '
                    "contains; quote only words copied exactly from a cited point"
                )
    return problems
