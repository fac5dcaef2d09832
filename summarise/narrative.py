"""Optional executive summary of a CouncilBriefing, written by an LLM from the briefing's own points.

Why it is built this way:

- The model sees only the briefing's points, each under a stable id: s1.., c1.., r1.. as the
  consolidator numbered them, j1.. for `latest_judgements` and n1.. for `national_context`
  (position in that list, 1-based; a national point whose text is already one of the briefing's
  own points is not offered, so n ids can have gaps). Every sentence must cite the ids it rests
  on, and `Narrative`'s validator rejects, with a message the re-ask can act on: empty text, a
  sentence that cites nothing, an id that was not offered, a number or quoted text that none of
  the sentence's cited points contains, and point ids written into the text.
- The points reach the prompt as data: `context={"council": ..., "points": [...]}` fills the
  `{{ }}` placeholders of prompts/narrative_user.md through instructor's sandboxed Jinja, which
  never re-reads a value as a template, so a point containing `{{ x }}` arrives unchanged. The
  same context reaches the validator as `info.context`.
- Two retry layers, kept apart as in the extraction path: instructor's `max_retries` is a tenacity
  `Retrying` that retries only validation, JSON and parse errors (the re-ask, carrying the
  validator's message); 429s, 5xx, timeouts and connection errors are retried only by
  `summarise.extract.transport.Transport`, wrapped around an openai client with max_retries=0.
- A narrative is optional: `write_narrative` never raises. Whatever goes wrong gives outcome
  `failed`, no sentences and a reason, and the briefing stands without a narrative.

prompt_version: "n-" + 12 hex of sha256 over narrative_system.md, narrative_user.md and the JSON
schema of `Narrative` (the schema travels with every request, so it is part of the prompt).
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final, cast

import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from summarise.align import normalise
from summarise.config import ConfigError, Settings
from summarise.consolidate import NATIONAL_NAME, judgement_phrase
from summarise.extract.client import REQUEST_HEADER, make_client, reask_policy
from summarise.extract.prompts import Prompts, read_templates, templates_version
from summarise.extract.transport import Sleep, Transport
from summarise.gazetteer import slugify
from summarise.models import (
    CouncilBriefing,
    LatestJudgement,
    NarrativeSentence,
    Outcome,
    Provenance,
    Usage,
)

NARRATIVE_TEMPLATES: Final = ("narrative_system.md", "narrative_user.md")
# An answer of at most five sentences needs far less than an extraction; the cap bounds the cost
# of a model that rambles. settings.max_output_tokens still applies when it is lower.
NARRATIVE_MAX_TOKENS: Final = 1024
MIN_SENTENCES: Final = 2
MAX_SENTENCES: Final = 5


# --- the response model ---------------------------------------------------------------------




class Narrative(BaseModel):
    """An executive summary of a council's social services briefing; each sentence cites its points."""

    model_config = ConfigDict(extra="forbid")

    sentences: list[NarrativeSentence] = Field(
        min_length=MIN_SENTENCES, max_length=MAX_SENTENCES,
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
    """"s1-s7, c1-c5, r1, n2-n4": the valid ids in a form short enough for a re-ask."""
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


def _quotes(text: str) -> list[tuple[str, list[str]]]:
    """Each quoted passage as written, with its normalised fragments (split at an ellipsis)."""
    folded, index = normalise(text)
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
        for number in dict.fromkeys(_numbers(normalise(text)[0])):
            if number not in allowed:
                problems.append(
                    f'sentence {i} has the number "{number}", which none of its cited points '
                    f"({names}) contains; write a number only as a cited point writes it, or "
                    "cite the point that has it"
                )
        for original, fragments in _quotes(text):
            if not all(any(f in s for s in sources) for f in fragments):
                problems.append(
                    f'sentence {i} quotes "{original}", which none of its cited points ({names}) '
                    "contains; quote only words copied exactly from a cited point"
                )
    return problems


# --- the prompts ----------------------------------------------------------------------------


class NarrativePrompts(Prompts):
    """The narrative's system and user templates; read and versioned as the extraction's are."""


def narrative_version_of(texts: Mapping[str, str]) -> str:
    return templates_version("n-", NARRATIVE_TEMPLATES, texts, Narrative)


@lru_cache(maxsize=1)
def load_narrative_prompts() -> NarrativePrompts:
    texts, source = read_templates(NARRATIVE_TEMPLATES)
    system, user = (texts[n] for n in NARRATIVE_TEMPLATES)
    if "{{" in system or "{%" in system:
        raise ValueError(f"{source}/narrative_system.md must hold no Jinja")
    if "{{ council }}" not in user or "in points" not in user:
        raise ValueError(f"{source}/narrative_user.md must fill '{{{{ council }}}}' and the points")
    return NarrativePrompts(
        system=system.strip(), user=user.strip(), version=narrative_version_of(texts),
        source=source,
    )


# --- calling the model ----------------------------------------------------------------------


@dataclass(frozen=True)
class NarrativeResult:
    """The sentences (empty unless ok) and how they were made, for provenance and run.json."""

    sentences: list[NarrativeSentence]
    outcome: Outcome  # ok or failed; a narrative is never partly kept
    reason: str | None = None
    attempts: int = 0
    usage: Usage = field(default_factory=Usage)
    model: str | None = None
    prompt_version: str | None = None
    problems: list[str] = field(default_factory=list)

    def provenance(self) -> Provenance:
        return Provenance(
            backend="llm", model=self.model, prompt_version=self.prompt_version,
            attempts=self.attempts, usage=self.usage, outcome=self.outcome,
            problems=self.problems,
        )


def request_id(briefing: CouncilBriefing) -> str:
    """The X-Summarise-Request value: cassettes match on it, so it is stable per briefing."""
    name = briefing.council.name
    return "narrative:" + ("national" if name == NATIONAL_NAME else slugify(name))


def _short(exc: object, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _validation_problems(exc: BaseException) -> list[str]:
    """The validator's own messages (one per problem), else the error as one line."""
    if isinstance(exc, ValidationError):
        out: list[str] = []
        for err in exc.errors(include_url=False):
            msg = str(err["msg"]).removeprefix("Value error, ")
            where = ".".join(str(p) for p in err["loc"])
            lines = [line for line in msg.splitlines() if line.strip()]
            out += lines if where == "sentences" and lines else [f"{where}: {msg}"]
        return out
    return [_short(exc, 1000)]


class NarrativeWriter:
    """Writes narratives for many briefings through one client, one transport and one limiter."""

    def __init__(
        self,
        settings: Settings,
        *,
        sleep: Sleep = time.sleep,
        http_client: Any = None,
        prompts: NarrativePrompts | None = None,
        transport: Transport | None = None,
    ) -> None:
        llm = make_client(
            settings,
            missing_key="--narrative llm needs OPENAI_API_KEY or a base URL (--base-url)",
            sleep=sleep,
            http_client=http_client,
            transport=transport,
        )
        self.settings = settings
        self.prompts = prompts or load_narrative_prompts()
        self.transport = llm.transport
        self.client = llm.instructor

    def _result(
        self, outcome: Outcome, *, sentences: list[NarrativeSentence] | None = None,
        reason: str | None = None, attempts: int = 0, usage: Usage | None = None,
        problems: list[str] | None = None,
    ) -> NarrativeResult:
        return NarrativeResult(
            sentences=sentences or [], outcome=outcome, reason=reason, attempts=attempts,
            usage=usage or Usage(), model=self.settings.model,
            prompt_version=self.prompts.version,
            problems=problems if problems is not None else ([reason] if reason else []),
        )

    def write(self, briefing: CouncilBriefing) -> NarrativeResult:
        """One instructor call (plus its re-asks); never raises."""
        points = citable_points(briefing)
        if not points:
            return self._result(Outcome.failed, reason="the briefing has no points to summarise")
        settings = self.settings
        with self.transport.track() as log:
            try:
                narrative = self.client.create(
                    messages=cast(Any, self.prompts.messages()),  # a fresh list every call
                    response_model=Narrative,
                    max_retries=reask_policy(settings),
                    context=narrative_context(briefing, points),
                    model=settings.model,
                    temperature=settings.temperature,
                    max_tokens=min(settings.max_output_tokens, NARRATIVE_MAX_TOKENS),
                    strict=False,
                    extra_headers={REQUEST_HEADER: request_id(briefing)},
                )
            except IncompleteOutputException:
                reason = (
                    "answer truncated: finish_reason=length at max_tokens="
                    f"{min(settings.max_output_tokens, NARRATIVE_MAX_TOKENS)}; not parsed"
                )
                return self._failed(reason, log.completions, log.usage)
            except InstructorRetryException as e:
                cause = e.__cause__ or e
                if isinstance(cause, openai.APIError) and not isinstance(
                    cause, openai.APIResponseValidationError
                ):
                    return self._failed(self._request_failed(cause, log.transport_errors),
                                        log.completions, log.usage)
                problems = _validation_problems(cause)
                attempts = len(log.completions)
                more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                reason = f"no valid narrative after {attempts} attempt(s): {problems[0]}{more}"
                return self._result(
                    Outcome.failed, reason=_short(reason, 500), attempts=attempts,
                    usage=log.usage, problems=problems,
                )
            except openai.APIError as e:
                return self._failed(self._request_failed(e, log.transport_errors),
                                    log.completions, log.usage)
            except Exception as e:  # noqa: BLE001 - a narrative must never break the briefing
                return self._failed(f"narrative error: {type(e).__name__}: {_short(e)}",
                                    log.completions, log.usage)
        return self._result(
            Outcome.ok, sentences=list(narrative.sentences), attempts=len(log.completions),
            usage=log.usage,
        )

    @staticmethod
    def _request_failed(exc: BaseException, transport_errors: list[str]) -> str:
        reason = f"request failed: {type(exc).__name__}: {_short(exc)}"
        if transport_errors:
            reason += f" (after {len(transport_errors)} transport retries)"
        return reason

    def _failed(self, reason: str, completions: list[Any], usage: Usage) -> NarrativeResult:
        return self._result(Outcome.failed, reason=reason, attempts=len(completions), usage=usage)


def write_narrative(
    briefing: CouncilBriefing,
    settings: Settings,
    *,
    sleep: Sleep = time.sleep,
    http_client: Any = None,
) -> NarrativeResult:
    """The executive summary of one briefing, or a failed result with the reason; never raises.

    For many briefings, build one `NarrativeWriter` and call `write` on each (one client, one
    rate limiter).
    """
    try:
        writer = NarrativeWriter(settings, sleep=sleep, http_client=http_client)
    except Exception as e:  # noqa: BLE001 - a bad setting fails the narrative, not the briefing
        reason = str(e) if isinstance(e, ConfigError) else f"{type(e).__name__}: {_short(e)}"
        return NarrativeResult(
            sentences=[], outcome=Outcome.failed, reason=reason, model=settings.model,
            problems=[reason],
        )
    return writer.write(briefing)
