"""Write the CURATED Batch API cassettes in cassettes/batch/ (run by make_curated.py).

Nothing here is a recording of OpenAI: the Files and Batches answers are hand-scripted in the
documented wire format (file object; batch object with status, request_counts, output_file_id,
error_file_id; output and error lines `{"id", "custom_id", "response": {"status_code",
"request_id", "body"}, "error"}`), and each chat completion inside an output line is a curated
answer from answers.yaml. The real batch run (`summarise.batch_run`: submit, poll, collect, with
the real extractor for re-asks) talks to an httpx2.MockTransport serving the script while vcrpy
records, so the cassettes hold the exact requests the code sends: the JSONL upload included.

    .venv/bin/python cassettes/tools/make_curated.py batch/mixed
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import httpx2
from make_curated import (
    ANSWERS,
    CREATED,
    ROOT,
    SERVED_MODEL,
    completion,
    curated_settings,
    recorder,
    with_fabrications,
)

from summarise.batch_run import collect, poll, submit
from summarise.extract.llm.extractor import LLMExtractor
from summarise.extract.llm.prompts import load_prompts
from summarise.llm.batch_api import make_batch_api

OUT = ROOT / "cassettes" / "batch"
ARTICLES = ROOT / "examples" / "articles"
HEADERS = {"content-type": "application/json", "x-summarise-curated": "hand-written"}
A0, A1, A2 = "000_d3f0b9fec1a3d49c", "001_244405360186b16d", "002_54ee74d76629738e"
BATCH_ID = "batch_curated_1"

# What the batch did with each article: ("ok", answer) a 200 line; ("http", status) an error-file
# line with an HTTP error response; ("expired",) an error-file line with code batch_expired.
Plan = dict[str, tuple[Any, ...]]
# scenario: (articles, plan, statuses the batch goes through, no_reask, chat answers for re-asks)
SCENARIOS: dict[str, tuple[list[str], Plan, list[str], bool, list[dict[str, Any]]]] = {
    "mixed": (
        [A0, A1, A2],
        {
            A0: ("ok", ANSWERS[A0]),
            A1: ("http", 500),
            A2: ("ok", with_fabrications(A2, quotes=1)),
        },
        ["validating", "in_progress", "finalizing", "completed"],
        True,
        [],
    ),
    "expired": (
        [A0, A1],
        {A0: ("ok", ANSWERS[A0]), A1: ("expired",)},
        ["in_progress", "expired"],
        False,
        [],
    ),
    "reask": (
        [A0],
        {A0: ("ok", with_fabrications(A0, quotes=1))},
        ["in_progress", "completed"],
        False,
        [ANSWERS[A0]],
    ),
}


def file_object(file_id: str, name: str, size: int, purpose: str) -> dict[str, Any]:
    return {
        "id": file_id,
        "object": "file",
        "bytes": size,
        "created_at": CREATED,
        "filename": name,
        "purpose": purpose,
        "status": "processed",
        "expires_at": None,
        "status_details": None,
    }


def batch_object(
    status: str,
    counts: dict[str, int],
    files: dict[str, str | None],
    metadata: dict[str, str],
    usage: dict[str, Any],
) -> dict[str, Any]:
    done = status in ("completed", "expired", "cancelled", "failed")
    nothing = {
        "input_tokens": 0,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": 0,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": 0,
    }
    return {
        "id": BATCH_ID,
        "object": "batch",
        "endpoint": "/v1/chat/completions",
        "errors": None,
        "input_file_id": "file-curated-input",
        "completion_window": "24h",
        "status": status,
        "output_file_id": files["output"] if done else None,
        "error_file_id": files["error"] if done else None,
        "created_at": CREATED,
        "in_progress_at": None if status == "validating" else CREATED + 60,
        "expires_at": CREATED + 86400,
        "finalizing_at": CREATED + 600 if status in ("finalizing", "completed") else None,
        "completed_at": CREATED + 660 if status == "completed" else None,
        "failed_at": None,
        "expired_at": CREATED + 86400 if status == "expired" else None,
        "cancelling_at": None,
        "cancelled_at": None,
        "request_counts": counts
        if status != "validating"
        else {"total": 0, "completed": 0, "failed": 0},
        "metadata": metadata,
        "model": SERVED_MODEL,
        "usage": usage if done else nothing,
    }


class Script:
    """The scripted server: one batch, its statuses in order, its output and error files."""

    def __init__(self, plan: Plan, statuses: list[str], chat: list[dict[str, Any]]) -> None:
        self.plan, self.statuses, self.chat = plan, list(statuses), list(chat)
        self.n = 0
        self.output: list[str] = []
        self.errors: list[str] = []
        self.metadata: dict[str, str] = {}

    def _results(self, jsonl: str) -> None:
        for k, raw in enumerate(jsonl.splitlines(), start=1):
            line = json.loads(raw)
            aid = line["custom_id"].split("#")[0]
            what = self.plan[aid]
            out: dict[str, Any] = {"id": f"batch_req_curated_{k}", "custom_id": line["custom_id"]}
            if what[0] == "ok":
                body = completion(line["body"], k, json.dumps(what[1], ensure_ascii=False), "stop")
                body["id"] = f"chatcmpl-curated-b{k}"
                out |= {
                    "response": {
                        "status_code": 200,
                        "request_id": f"req_curated_{k}",
                        "body": body,
                    },
                    "error": None,
                }
                self.output.append(json.dumps(out))
            elif what[0] == "http":
                err = {
                    "message": "The server had an error while processing your request.",
                    "type": "server_error",
                    "param": None,
                    "code": None,
                }
                out |= {
                    "response": {
                        "status_code": what[1],
                        "request_id": f"req_curated_{k}",
                        "body": {"error": err},
                    },
                    "error": None,
                }
                self.errors.append(json.dumps(out))
            else:
                message = "This request could not be executed before the completion window expired."
                out |= {"response": None, "error": {"code": "batch_expired", "message": message}}
                self.errors.append(json.dumps(out))

    def usage(self) -> dict[str, Any]:
        """The batch's usage object: the sum of its answered lines' chat usage."""
        lines = [json.loads(x)["response"]["body"]["usage"] for x in self.output]
        inp = sum(u["prompt_tokens"] for u in lines)
        out = sum(u["completion_tokens"] for u in lines)
        return {
            "input_tokens": inp,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": out,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": inp + out,
        }

    def batch(self, status: str, files: dict[str, str | None]) -> httpx2.Response:
        made = batch_object(status, self.counts(), files, self.metadata, self.usage())
        return httpx2.Response(200, headers=HEADERS, json=made)

    def counts(self) -> dict[str, int]:
        ok = len(self.output)
        failed = sum(1 for e in self.errors if json.loads(e)["response"] is not None)
        return {"total": len(self.output) + len(self.errors), "completed": ok, "failed": failed}

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        self.n += 1
        path = request.url.path
        files = {
            "output": "file-curated-output" if self.output else None,
            "error": "file-curated-errors" if self.errors else None,
        }
        if path.endswith("/files") and request.method == "POST":
            content = request.content.decode("utf-8")
            jsonl = content.split("\r\n\r\n", 2)[-1].rsplit("\r\n--", 1)[0]
            self._results(jsonl)
            name = content.split('filename="', 1)[1].split('"', 1)[0]
            return httpx2.Response(
                200,
                headers=HEADERS,
                json=file_object("file-curated-input", name, len(jsonl.encode()), "batch"),
            )
        if path.endswith("/batches") and request.method == "POST":
            self.metadata = json.loads(request.content)["metadata"]
            return self.batch("validating", files)
        if "/batches/" in path:
            return self.batch(self.statuses.pop(0), files)
        if path.endswith("/content"):
            text = "\n".join(self.output if "output" in path else self.errors) + "\n"
            return httpx2.Response(
                200,
                headers={**HEADERS, "content-type": "application/octet-stream"},
                content=text.encode(),
            )
        if path.endswith("/chat/completions"):
            body = json.loads(request.content)
            answer = json.dumps(self.chat.pop(0), ensure_ascii=False)
            return httpx2.Response(
                200, headers=HEADERS, json=completion(body, self.n, answer, "stop")
            )
        raise AssertionError(f"unscripted request {request.method} {path}")


def record(name: str) -> None:
    aids, plan, statuses, no_reask, chat = SCENARIOS[name]
    path = OUT / f"{name}.yaml"
    path.unlink(missing_ok=True)
    script = Script(plan, statuses, chat)
    client = httpx2.Client(transport=httpx2.MockTransport(script.handle))
    settings = curated_settings("tools")
    api = make_batch_api(settings, load_prompts().version, http_client=client)
    reasks = settings.model_copy(update={"max_reasks": 0}) if no_reask else settings
    extractor = LLMExtractor(reasks, http_client=client, sleep=lambda s: None)
    with tempfile.TemporaryDirectory() as tmp, recorder().use_cassette(str(path)):
        out = Path(tmp)
        sub = submit([ARTICLES / f"{a}.txt" for a in aids], out, settings, api, no_reask=no_reask)
        (state,) = sub.states
        poll(api, state, out, interval_s=0, sleep=lambda s: None)
        runs = collect(api, state, out, settings, extractor)
    print(f"batch/{name}: " + ", ".join(f"{r.id[:3]} {r.outcome.value}" for r in runs))


def main(names: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    unknown = set(names) - set(SCENARIOS)
    if unknown:
        raise SystemExit(f"no batch scenario named {sorted(unknown)}; known: {sorted(SCENARIOS)}")
    for name in names or SCENARIOS:
        record(name)
