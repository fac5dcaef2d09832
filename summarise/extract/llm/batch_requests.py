"""The requests a batch holds: exactly what the interactive extractor sends, captured unsent.

The extractor is run once per article against an in-process transport that records each request
and answers it with HTTP 400, so nothing leaves the machine and no answer is parsed. What it
records is the body instructor built (messages rendered, tools or response_format, model, limits)
and the `X-Summarise-Request` header (`<article id>#<chunk>`): one request per chunk. Building
the bodies any other way would be a second copy of the request logic, free to drift from it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

import httpx2

from summarise.extract.llm.extractor import LLMExtractor
from summarise.llm.client import REQUEST_HEADER
from summarise.llm.config import Settings
from summarise.models import Article

#: The captured requests go to this host, which no server answers: the in-process transport does
#: (test recorders are told to leave it alone, so capture is never mistaken for traffic).
CAPTURE_HOST = "capture.summarise.invalid"


@dataclass(frozen=True)
class ChunkRequest:
    """One chunk's request: `custom_id` is `<article id>#<chunk>@<prompt version>`."""

    custom_id: str
    article_id: str
    chunk: int
    body: dict[str, Any]


def custom_id(article_id: str, chunk: int, prompt_version: str) -> str:
    """Deterministic: the same article, chunk and prompt always give the same id."""
    return f"{article_id}#{chunk}@{prompt_version}"


class RequestCapture:
    """Runs the real extractor with a transport that records requests and sends none."""

    def __init__(self, settings: Settings) -> None:
        self._seen: list[tuple[str, dict[str, Any]]] = []
        quiet = settings.model_copy(
            update={
                "use_cache": False,
                "max_reasks": 0,
                "max_transport_retries": 0,
                "base_url": f"http://{CAPTURE_HOST}/v1",
            }
        )
        client = httpx2.Client(transport=httpx2.MockTransport(self._refuse))
        self.extractor = LLMExtractor(quiet, http_client=client, sleep=lambda _: None)
        self.prompt_version = self.extractor.prompt_version

    def _refuse(self, request: httpx2.Request) -> httpx2.Response:
        self._seen.append((request.headers.get(REQUEST_HEADER, ""), json.loads(request.content)))
        error = {"message": "captured for a batch, not sent", "type": "invalid_request_error"}
        return httpx2.Response(400, json={"error": error})

    def requests(self, article: Article) -> list[ChunkRequest]:
        """One request per chunk of `article`, in chunk order."""
        self._seen.clear()
        log = logging.getLogger("instructor")
        level = log.level
        log.setLevel(logging.CRITICAL)  # it logs each refused capture as a failed call
        try:
            self.extractor.extract(article)
        finally:
            log.setLevel(level)
        out = []
        for header, body in self._seen:
            chunk = int(header.rsplit("#", 1)[1])
            out.append(
                ChunkRequest(
                    custom_id(article.id, chunk, self.prompt_version), article.id, chunk, body
                )
            )
        return out
