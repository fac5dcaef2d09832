"""A stand-in OpenAI-compatible chat-completions server, for tests and benchmarks of the LLM path.

It is not a model: it answers each request with a hand-written answer (the curated answers of
`cassettes/tools/answers.yaml`, chosen by the article id in the `X-Summarise-Request` header),
in the chat.completions wire format, after a set latency. On a schedule it answers 429 (with
`retry-after-ms`), 500, hangs, or cuts the answer off at `finish_reason: length`; it can admit
only `capacity` requests at a time and answer 429 beyond. It counts what it did, so tests
assert counts, not times.

Usage mimics prompt caching: `prompt_tokens_details.cached_tokens` is the longest prefix (tools,
then messages) shared with an earlier request, in whole 128-token blocks from 1,024 tokens, as
OpenAI documents it; tokens are estimated at 4 characters each.

It binds 127.0.0.1 on a free port, serves from threads, and stops itself after `lifetime_s`.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self

import yaml
from standin_batch import BatchDesk

ANSWERS_FILE = Path(__file__).resolve().parent.parent / "cassettes" / "tools" / "answers.yaml"

# What to do with request number n (1-based): None answers normally.
Schedule = Callable[[int], str | None]
ACTIONS = ("429", "500", "hang", "truncate")


def every(n: int, action: str) -> Schedule:
    """Do `action` to every n-th request (every(20, "429") is 5% of requests)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; one of {ACTIONS}")
    return lambda i: action if i % n == 0 else None


def load_answers() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(ANSWERS_FILE.read_text(encoding="utf-8"))
    return {str(k): v for k, v in data.items()}


def _shared_length(a: str, b: str) -> int:
    """Length of the longest common prefix, by bisection on slices (compared in C): the
    stand-in shares the client's cores, so its own CPU per request is kept small."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _tokens(chars: int) -> int:
    return math.ceil(chars / 4)


class StandinServer:
    """Start with `with StandinServer(...) as server:`; `server.base_url` ends in /v1."""

    def __init__(
        self,
        *,
        latency_s: float = 0.0,
        capacity: int | None = None,
        schedule: Schedule | None = None,
        retry_after_ms: int = 50,
        hang_s: float = 2.0,
        lifetime_s: float = 600.0,
        answers: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.latency_s = latency_s
        self.capacity = capacity
        self.schedule = schedule or (lambda _: None)
        self.retry_after_ms = retry_after_ms
        self.hang_s = hang_s
        self.lifetime_s = lifetime_s
        self.answers = answers if answers is not None else load_answers()
        self.counts: Counter[str] = Counter()
        self.max_in_flight = 0
        self.bodies: list[dict[str, Any]] = []
        self._in_flight = 0
        self._lock = threading.Lock()
        self._prefixes: list[str] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        # /v1/files and /v1/batches (tools/standin_batch.py): answered like chat completions
        self.batch = BatchDesk(lambda body, custom_id: self.completion(body, custom_id, False))
        self._timer = threading.Timer(lifetime_s, self.stop)
        self._timer.daemon = True

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def __enter__(self) -> Self:
        self._thread.start()
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._timer.cancel()
        self._httpd.shutdown()
        self._httpd.server_close()

    # --- answering ------------------------------------------------------------------------

    def _answer_for(self, header: str) -> dict[str, Any]:
        for key, answer in self.answers.items():
            if key in header:
                return answer
        raise KeyError(f"no stand-in answer for request {header!r}")

    def _cached_tokens(self, prefix: str) -> int:
        """Longest prefix shared with an earlier request, in 128-token blocks from 1,024."""
        best = 0
        with self._lock:
            for earlier in self._prefixes:
                best = max(best, _shared_length(earlier, prefix))
            if len(self._prefixes) < 8:
                self._prefixes.append(prefix)
        tokens = best // 4
        return 0 if tokens < 1024 else tokens // 128 * 128

    def completion(self, body: dict[str, Any], header: str, truncate: bool) -> dict[str, Any]:
        arguments = json.dumps(self._answer_for(header), ensure_ascii=False)
        finish = "stop"
        if truncate:
            arguments, finish = arguments[: len(arguments) // 2], "length"
        message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
        if body.get("tools"):
            name = body["tools"][0]["function"]["name"]
            call = {"name": name, "arguments": arguments}
            message["tool_calls"] = [{"id": "call_standin", "type": "function", "function": call}]
        else:
            message["content"] = arguments
        prefix = json.dumps(body.get("tools", []), ensure_ascii=False)
        prefix += json.dumps(body.get("messages", []), ensure_ascii=False)
        prompt = _tokens(len(prefix))
        usage = {
            "prompt_tokens": prompt,
            "completion_tokens": _tokens(len(arguments)),
            "total_tokens": prompt + _tokens(len(arguments)),
            "prompt_tokens_details": {"cached_tokens": self._cached_tokens(prefix)},
        }
        return {
            "id": "chatcmpl-standin",
            "object": "chat.completion",
            "created": 1735689600,
            "model": str(body.get("model", "standin")),
            "system_fingerprint": "fp_standin",
            "choices": [
                {"index": 0, "message": message, "logprobs": None, "finish_reason": finish}
            ],
            "usage": usage,
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the tests read the counts instead."""

            def _send(self, status: int, payload: dict[str, Any], extra: dict[str, str]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for k, v in extra.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _too_many(self, why: str) -> None:
                error = {"message": why, "type": "requests", "code": "rate_limit_exceeded"}
                headers = {
                    "retry-after-ms": str(server.retry_after_ms),
                    "x-ratelimit-remaining-requests": "0",
                }
                self._send(429, {"error": error}, headers)

            def _batch_desk(self, raw: bytes) -> bool:
                if not self.path.startswith(("/v1/files", "/v1/batches")):
                    return False
                ctype = self.headers.get("content-type", "")
                status, data, kind = server.batch.handle(self.command, self.path, ctype, raw)
                self.send_response(status)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return True

            def do_GET(self) -> None:
                if not self._batch_desk(b""):
                    self._send(404, {"error": {"message": f"stand-in: no GET {self.path}"}}, {})

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                if self._batch_desk(raw):
                    return
                body = json.loads(raw)
                header = self.headers.get("x-summarise-request", "")
                with server._lock:
                    server.counts["requests"] += 1
                    n = server.counts["requests"]
                    admitted = server.capacity is None or server._in_flight < server.capacity
                    if admitted:
                        server._in_flight += 1
                        server.max_in_flight = max(server.max_in_flight, server._in_flight)
                    server.bodies.append(body)
                action = server.schedule(n) if admitted else "over capacity"
                try:
                    self._answer(action, body, header)
                finally:
                    if admitted:
                        with server._lock:
                            server._in_flight -= 1

            def _answer(self, action: str | None, body: dict[str, Any], header: str) -> None:
                with server._lock:
                    server.counts[action or "200"] += 1
                if action in ("429", "over capacity"):
                    self._too_many(f"stand-in: {action}")
                    return
                time.sleep(server.latency_s)
                if action == "500":
                    self._send(500, {"error": {"message": "stand-in: 500"}}, {})
                    return
                if action == "hang":
                    time.sleep(server.hang_s)
                    self.close_connection = True
                    return
                payload = server.completion(body, header, truncate=action == "truncate")
                remaining = "" if server.capacity is None else str(server.capacity)
                self._send(200, payload, {"x-ratelimit-remaining-requests": remaining or "1000"})

        return Handler
