"""The OpenAI Batch and Files endpoints, as the batch run uses them, and their JSONL lines.

A batch is one uploaded JSONL file (purpose "batch") of chat-completions requests, each line
`{"custom_id", "method": "POST", "url": "/v1/chat/completions", "body"}`. When it ends, the output
file holds one line per request that got an HTTP answer (`response.status_code`, `body`) and the
error file one per request that did not (`error.code`, `message`: e.g. `batch_expired`) or got a
non-200 answer. Every call carries the prompt-version header, so cassettes bind to it.

The transport retries of `llm/transport.py` wrap chat completions only; these calls are few and
each is safe to repeat, so the openai client's own retries (`max_retries`) cover them.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any, Final

import openai
from openai.types import Batch
from pydantic import BaseModel, ConfigDict, ValidationError

from summarise.llm.client import PROMPT_HEADER, REQUEST_HEADER
from summarise.llm.config import ConfigError, Settings

ENDPOINT: Final = "/v1/chat/completions"
COMPLETION_WINDOW: Final = "24h"
#: OpenAI's documented limits on one batch's input file.
MAX_REQUESTS: Final = 50_000
MAX_FILE_BYTES: Final = 200 * 1024 * 1024
#: Statuses after which a batch changes no more.
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})


class LineError(BaseModel):
    model_config = ConfigDict(extra="allow")

    code: str | None = None
    message: str | None = None


class LineResponse(BaseModel):
    model_config = ConfigDict(extra="allow")

    status_code: int
    request_id: str | None = None
    body: dict[str, Any]


class ResultLine(BaseModel):
    """One line of a batch's output or error file."""

    model_config = ConfigDict(extra="allow")

    id: str | None = None
    custom_id: str
    response: LineResponse | None = None
    error: LineError | None = None

    def problem(self) -> str | None:
        """Why this line holds no answer to use, or None when it holds one (HTTP 200)."""
        if self.error is not None:
            return f"{self.error.code or 'error'}: {self.error.message or 'no message'}"
        if self.response is None:
            return "neither a response nor an error"
        if self.response.status_code != 200:
            err = self.response.body.get("error")
            text = err.get("message") if isinstance(err, dict) else None
            return f"HTTP {self.response.status_code}: {text or 'no message'}"
        return None


class BatchFileError(ValueError):
    """A batch file line that is not the documented shape; the message names file and line."""


def request_line(custom_id: str, body: dict[str, Any]) -> str:
    """One input line: the chat-completions body exactly as the interactive path sends it."""
    line = {"custom_id": custom_id, "method": "POST", "url": ENDPOINT, "body": body}
    return json.dumps(line, ensure_ascii=False, sort_keys=True)


def parse_lines(text: str, file_id: str) -> list[ResultLine]:
    """Every line of an output or error file; a malformed line raises naming the file."""
    out = []
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            out.append(ResultLine.model_validate_json(raw))
        except ValidationError as e:
            raise BatchFileError(f"file {file_id} line {n} is not a batch result: {e}") from e
    return out


@dataclass(frozen=True)
class BatchAPI:
    """The four calls a batch needs, on a plain openai client (no instructor, no Transport)."""

    client: openai.OpenAI
    prompt_version: str

    def _headers(self, what: str) -> dict[str, str]:
        return {REQUEST_HEADER: f"batch:{what}", PROMPT_HEADER: self.prompt_version}

    def upload(self, name: str, jsonl: str) -> str:
        """Upload the requests with purpose "batch"; returns the file id."""
        data = (name, io.BytesIO(jsonl.encode("utf-8")), "application/jsonl")
        made = self.client.files.create(
            file=data, purpose="batch", extra_headers=self._headers("upload")
        )
        return made.id

    def create(self, input_file_id: str, metadata: dict[str, str]) -> Batch:
        return self.client.batches.create(
            input_file_id=input_file_id,
            endpoint=ENDPOINT,
            completion_window=COMPLETION_WINDOW,
            metadata=metadata,
            extra_headers=self._headers("create"),
        )

    def retrieve(self, batch_id: str) -> Batch:
        return self.client.batches.retrieve(batch_id, extra_headers=self._headers("retrieve"))

    def cancel(self, batch_id: str) -> Batch:
        return self.client.batches.cancel(batch_id, extra_headers=self._headers("cancel"))

    def content(self, file_id: str) -> str:
        response = self.client.files.content(file_id, extra_headers=self._headers("content"))
        return response.text


def make_batch_api(settings: Settings, prompt_version: str, http_client: Any = None) -> BatchAPI:
    """A BatchAPI on the configured server; ConfigError without a key or base URL."""
    api_key = settings.api_key_value()
    if api_key is None and not settings.base_url:
        raise ConfigError("--batch needs OPENAI_API_KEY (or a base URL that serves /v1/batches)")
    kwargs: dict[str, Any] = {
        "api_key": api_key or "no-key",
        "base_url": settings.base_url,
        "max_retries": settings.max_transport_retries,
        "timeout": settings.timeout_s,
    }
    if http_client is not None:
        kwargs["http_client"] = http_client
    return BatchAPI(openai.OpenAI(**kwargs), prompt_version)
