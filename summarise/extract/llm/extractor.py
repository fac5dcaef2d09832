"""The LLM extractor: instructor fills ArticleExtraction; the code grounds it into the contract.

Per article: the result cache first (zero requests on a hit); then the cleaned text is split by
sentences into chunks under `chunk_tokens`; each chunk is one instructor call. Two retry layers,
kept apart:

- instructor's `max_retries` is a tenacity `Retrying` that retries only validation, JSON and
  response-parsing errors: the re-ask, which sends the validator's message back to the model;
- transport errors (429, 5xx, timeouts, connection) are retried only by `Transport`, which wraps
  the openai client's create (the client has max_retries=0).

Outcomes: ok (every chunk validated, nothing dropped), flagged (the best failed attempt was kept,
or some chunk failed: the remaining problems are listed), failed (no chunk gave anything usable:
the reason says why). A truncated answer (finish_reason == "length") is never parsed as complete;
it fails its chunk with that reason. Nothing here raises for one bad article: the run goes on.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

from summarise.align.fact_ids import with_fact_ids
from summarise.extract import ExtractionResult, source_of
from summarise.extract.llm.chunking import Chunk, chunk_text
from summarise.extract.llm.prompts import load_prompts
from summarise.extract.llm.response_model import ArticleExtraction, format_problems
from summarise.extract.llm.salvage import best_attempt
from summarise.extract.llm.to_summary import ChunkAnswer, build_summary
from summarise.llm.cache import ResultCache, cache_key
from summarise.llm.client import (
    PROMPT_HEADER,
    REQUEST_HEADER,
    make_client,
    reask_policy,
    request_error,
    request_failure,
    short,
)
from summarise.llm.config import Settings
from summarise.llm.templates import Prompts
from summarise.llm.transport import CallLog, Sleep
from summarise.models import SCHEMA_VERSION, Article, Outcome, Usage


@dataclass
class _ChunkResult:
    answer: ChunkAnswer | None = None
    attempts: int = 0
    usage: Usage = field(default_factory=Usage)
    problems: list[str] = field(default_factory=list)
    failure: str | None = None  # why this chunk gave nothing usable
    salvaged: bool = False
    statuses: list[str] = field(default_factory=list)  # every request sent, by status


class LLMExtractor:
    """An `Extractor` backed by any OpenAI-compatible chat-completions endpoint."""

    backend = "llm"

    def __init__(
        self,
        settings: Settings,
        *,
        cache: ResultCache | None = None,
        sleep: Sleep = time.sleep,
        http_client: Any = None,
        prompts: Prompts | None = None,
    ) -> None:
        self.settings = settings
        self.model: str | None = settings.model
        self.prompts = prompts or load_prompts()
        self.prompt_version = self.prompts.version
        llm = make_client(
            settings,
            missing_key="the llm backend needs OPENAI_API_KEY or a base URL (--base-url)",
            sleep=sleep,
            http_client=http_client,
        )
        self.transport = llm.transport
        self.openai = llm.openai
        self.client = llm.structured  # instructor's create, per-model work done once
        if cache is None and settings.use_cache:
            cache = ResultCache(settings.cache_dir)
        self.cache = cache

    def share(self, processes: int) -> None:
        """Before `--jobs` forks the run: one rate-limit budget for every process, and what
        every request reuses (the prepared model, request, templates, gazetteer) made once."""
        from summarise.gazetteer.lookup import lookup

        self.transport.share(processes)
        context = {"article": "", "first_chunk": True}
        self.client.warm(ArticleExtraction, self.prompts.messages(), context)
        lookup("")

    # --- the Extractor protocol ---------------------------------------------------------

    def extract(self, article: Article) -> ExtractionResult:
        return self.extract_answered(article, {})

    def extract_answered(self, article: Article, given: Mapping[int, Any]) -> ExtractionResult:
        """`extract`, with the first answer of chunk i taken from `given[i]` (a Batch API
        result) instead of a request: the same validators, grounding, re-asks and salvage."""
        key = cache_key(article.sha256, self.settings.model, self.prompt_version, SCHEMA_VERSION)
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                hit = hit.model_copy(update={"source": source_of(article)})
                return ExtractionResult(summary=with_fact_ids(hit), attempts=0, cached=True)

        chunks = chunk_text(article.text, self.settings.chunk_tokens)
        results = [
            self._extract_chunk(article, chunk, len(chunks), given.get(chunk.index))
            for chunk in chunks
        ]
        attempts = sum(r.attempts for r in results)
        usage = sum((r.usage for r in results), Usage())
        problems = [p for r in results for p in r.problems]
        failures = [r.failure for r in results if r.failure]
        answers = [r.answer for r in results if r.answer is not None]
        statuses = [s for r in results for s in r.statuses]
        if not answers:
            return ExtractionResult(
                summary=None,
                outcome=Outcome.failed,
                reason="; ".join(failures),
                attempts=attempts,
                usage=usage,
                problems=problems,
                statuses=statuses,
            )

        summary, dropped = build_summary(
            article,
            answers,
            model=self.settings.model,
            prompt_version=self.prompt_version,
            attempts=attempts,
            usage=usage,
        )
        problems = failures + problems + [p for p in dropped if p not in problems]
        flagged = bool(problems) or any(r.salvaged for r in results)
        outcome = Outcome.flagged if flagged else Outcome.ok
        provenance = summary.provenance.model_copy(
            update={"outcome": outcome, "problems": problems}
        )
        summary = summary.model_copy(update={"provenance": provenance})
        reason = None
        if flagged:
            reason = failures[0] if failures else short(" ".join(problems))
        if outcome is Outcome.ok and self.cache is not None:
            self.cache.put(key, summary)
        return ExtractionResult(
            summary=summary,
            outcome=outcome,
            reason=reason,
            attempts=attempts,
            usage=usage,
            problems=problems,
            statuses=statuses,
        )

    # --- one chunk, one instructor call -------------------------------------------------

    def _extract_chunk(
        self, article: Article, chunk: Chunk, n_chunks: int, answer: Any = None
    ) -> _ChunkResult:
        with self.transport.track() as log:
            if answer is not None:
                log.preset.append(answer)
            result = self._ask(article, chunk, n_chunks, log)
        result.statuses = list(log.statuses)
        return result

    def _ask(self, article: Article, chunk: Chunk, n_chunks: int, log: CallLog) -> _ChunkResult:
        part = f" (chunk {chunk.index + 1} of {n_chunks})" if n_chunks > 1 else ""
        try:
            extraction, _ = self.client.create_with_completion(
                messages=cast(Any, self.prompts.messages()),  # a fresh list every call
                response_model=ArticleExtraction,
                max_retries=reask_policy(self.settings),
                context={"article": chunk.text, "first_chunk": chunk.index == 0},
                model=self.settings.model,
                temperature=self.settings.temperature,
                max_tokens=self.settings.max_output_tokens,
                strict=False,
                extra_headers={
                    REQUEST_HEADER: f"{article.id}#{chunk.index}",
                    PROMPT_HEADER: self.prompt_version,
                },
            )
            return _ChunkResult(
                answer=ChunkAnswer(chunk, extraction),
                attempts=len(log.completions),
                usage=log.usage,
            )
        except IncompleteOutputException:
            failure = (
                f"answer truncated{part}: finish_reason=length at max_tokens="
                f"{self.settings.max_output_tokens}; not parsed"
            )
            return self._salvage(chunk, log.completions, log.usage, failure)
        except InstructorRetryException as e:
            cause = e.__cause__
            if cause is not None and request_error(cause):
                failure = request_failure(cause, log.transport_errors, part)
            else:
                failure = None  # re-asks ran out: salvage the best attempt
            last = short(cause or e, 2000)
            return self._salvage(chunk, log.completions, log.usage, failure, last)
        except Exception as e:  # noqa: BLE001 - one article must never stop the run
            failure = f"extraction error{part}: {type(e).__name__}: {short(e)}"
            return self._salvage(chunk, log.completions, log.usage, failure)

    def _salvage(
        self,
        chunk: Chunk,
        completions: list[Any],
        usage: Usage,
        failure: str | None,
        last_error: str | None = None,
    ) -> _ChunkResult:
        attempts = len(completions)
        best = best_attempt(completions, chunk.text, first_chunk=chunk.index == 0)
        if best is None:
            reason = failure or (
                f"no valid answer after {attempts} attempt(s): {last_error or 'unknown error'}"
            )
            return _ChunkResult(attempts=attempts, usage=usage, failure=reason)
        problems = [f"best attempt ({best.attempt} of {attempts}) kept"]
        if best.problems:
            problems.append(format_problems(best.problems))
        elif last_error:
            problems.append(f"last error: {last_error}")
        return _ChunkResult(
            answer=ChunkAnswer(chunk, best.extraction),
            attempts=attempts,
            usage=usage,
            problems=problems,
            failure=failure,
            salvaged=True,
        )
