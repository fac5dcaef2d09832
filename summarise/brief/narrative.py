"""Optional executive summary of a CouncilBriefing, written by an LLM from the briefing's points.

Why it is built this way:

- The model sees only the briefing's points, each under a stable id: s1.., c1.., r1.. as the
  consolidator numbered them, j1.. for `latest_judgements` and n1.. for `national_context`
  (position in that list, 1-based; a national point whose text is already one of the briefing's
  own points is not offered, so n ids can have gaps). Every sentence must cite the ids it rests
  on; `summarise.brief.narrative_checks` holds the response model and the checks that reject what a
  reader could not trace back to the briefing.
- The points reach the prompt as data: `context={"council": ..., "points": [...]}` fills the
  `{{ }}` placeholders of prompts/narrative_user.md through instructor's sandboxed Jinja, which
  never re-reads a value as a template, so a point containing `{{ x }}` arrives unchanged. The
  same context reaches the validator as `info.context`.
- Two retry layers, kept apart as in the extraction path: instructor's `max_retries` is a tenacity
  `Retrying` that retries only validation, JSON and parse errors (the re-ask, carrying the
  validator's message); 429s, 5xx, timeouts and connection errors are retried only by
  `summarise.llm.transport.Transport`, wrapped around an openai client with max_retries=0.
- A narrative is optional: `write_narrative` never raises. Whatever goes wrong gives outcome
  `failed`, no sentences and a reason, and the briefing stands without a narrative.

prompt_version: "n-" + 12 hex of sha256 over narrative_system.md, narrative_user.md and the JSON
schema of `Narrative` (the schema travels with every request, so it is part of the prompt).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final, cast

import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import ValidationError

from summarise.brief.consolidate import NATIONAL_NAME
from summarise.brief.narrative_checks import (
    Narrative,
    citable_points,
    narrative_context,
)
from summarise.gazetteer.lookup import slugify
from summarise.llm.client import (
    PROMPT_HEADER,
    REQUEST_HEADER,
    make_client,
    reask_policy,
    request_error,
    request_failure,
    short,
)
from summarise.llm.config import ConfigError, Settings
from summarise.llm.structured import prepared
from summarise.llm.templates import Prompts, read_templates, templates_version
from summarise.llm.transport import Sleep, Transport
from summarise.models import (
    CouncilBriefing,
    NarrativeSentence,
    Outcome,
    Provenance,
    Usage,
)

NARRATIVE_TEMPLATES: Final = ("narrative_system.md", "narrative_user.md")
# An answer of at most five sentences needs far less than an extraction; the cap bounds the cost
# of a model that rambles. settings.max_output_tokens still applies when it is lower.
NARRATIVE_MAX_TOKENS: Final = 1024


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
        system=system.strip(),
        user=user.strip(),
        version=narrative_version_of(texts),
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
            backend="llm",
            model=self.model,
            prompt_version=self.prompt_version,
            attempts=self.attempts,
            usage=self.usage,
            outcome=self.outcome,
            problems=self.problems,
        )


def request_id(briefing: CouncilBriefing) -> str:
    """The X-Summarise-Request value: cassettes match on it, so it is stable per briefing."""
    name = briefing.council.name
    return "narrative:" + ("national" if name == NATIONAL_NAME else slugify(name))


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
    return [short(exc, 1000)]


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
        self,
        outcome: Outcome,
        *,
        sentences: list[NarrativeSentence] | None = None,
        reason: str | None = None,
        attempts: int = 0,
        usage: Usage | None = None,
        problems: list[str] | None = None,
    ) -> NarrativeResult:
        return NarrativeResult(
            sentences=sentences or [],
            outcome=outcome,
            reason=reason,
            attempts=attempts,
            usage=usage or Usage(),
            model=self.settings.model,
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
                    response_model=prepared(Narrative),
                    max_retries=reask_policy(settings),
                    context=narrative_context(briefing, points),
                    model=settings.model,
                    temperature=settings.temperature,
                    max_tokens=min(settings.max_output_tokens, NARRATIVE_MAX_TOKENS),
                    strict=False,
                    extra_headers={
                        REQUEST_HEADER: request_id(briefing),
                        PROMPT_HEADER: self.prompts.version,
                    },
                )
            except IncompleteOutputException:
                reason = (
                    "answer truncated: finish_reason=length at max_tokens="
                    f"{min(settings.max_output_tokens, NARRATIVE_MAX_TOKENS)}; not parsed"
                )
                return self._failed(reason, log.completions, log.usage)
            except InstructorRetryException as e:
                cause = e.__cause__ or e
                if cause is not None and request_error(cause):
                    return self._failed(
                        request_failure(cause, log.transport_errors), log.completions, log.usage
                    )
                problems = _validation_problems(cause)
                attempts = len(log.completions)
                more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                reason = f"no valid narrative after {attempts} attempt(s): {problems[0]}{more}"
                return self._result(
                    Outcome.failed,
                    reason=short(reason, 500),
                    attempts=attempts,
                    usage=log.usage,
                    problems=problems,
                )
            except openai.APIError as e:
                return self._failed(
                    request_failure(e, log.transport_errors), log.completions, log.usage
                )
            except Exception as e:  # noqa: BLE001 - a narrative must never break the briefing
                return self._failed(
                    f"narrative error: {type(e).__name__}: {short(e)}", log.completions, log.usage
                )
        return self._result(
            Outcome.ok,
            sentences=list(narrative.sentences),
            attempts=len(log.completions),
            usage=log.usage,
        )

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
        reason = str(e) if isinstance(e, ConfigError) else f"{type(e).__name__}: {short(e)}"
        return NarrativeResult(
            sentences=[],
            outcome=Outcome.failed,
            reason=reason,
            model=settings.model,
            problems=[reason],
        )
    return writer.write(briefing)
