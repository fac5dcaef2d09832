"""The stand-in server's minimal Files and Batches endpoints (tools/standin_server.py routes here).

Enough of the documented wire format for `summarise extract --batch` and `summarise batch ...`:
POST /v1/files (multipart, purpose "batch"), POST /v1/batches, GET /v1/batches/{id},
POST /v1/batches/{id}/cancel, GET /v1/files/{id}/content. A batch stays `in_progress` until
`ready` is set (a test decides when it finishes), then answers every line with the server's
curated answer, as chat completions would. It counts each call, so a test can assert that a
resumed run created no second batch.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

CREATED = 1735689600

Answer = Callable[[dict[str, Any], str], dict[str, Any]]  # (request body, custom_id) -> completion


class BatchDesk:
    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.ready = threading.Event()
        self.counts: Counter[str] = Counter()
        self.files: dict[str, str] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}standin_{len(self.files) + len(self.batches) + 1}"

    def handle(self, method: str, path: str, ctype: str, raw: bytes) -> tuple[int, bytes, str]:
        """(status, body, content type) for one request under /v1/files or /v1/batches."""
        with self._lock:
            parts = path.split("/")
            if method == "POST" and path == "/v1/files":
                self.counts["upload"] += 1
                return self._upload(ctype, raw)
            if method == "POST" and path == "/v1/batches":
                self.counts["create"] += 1
                return self._create(json.loads(raw))
            if path.startswith("/v1/files/") and path.endswith("/content"):
                self.counts["content"] += 1
                return 200, self.files[parts[3]].encode(), "application/octet-stream"
            if path.startswith("/v1/batches/") and parts[3] in self.batches:
                batch = self.batches[parts[3]]
                if method == "POST" and path.endswith("/cancel"):
                    self.counts["cancel"] += 1
                    batch["status"] = "cancelled"
                else:
                    self.counts["retrieve"] += 1
                return self._json(self._progress(batch))
        error = {"message": f"stand-in: no {method} {path}", "type": "invalid_request_error"}
        return self._json({"error": error}, 404)

    @staticmethod
    def _json(payload: dict[str, Any], status: int = 200) -> tuple[int, bytes, str]:
        return status, json.dumps(payload).encode(), "application/json"

    def _upload(self, ctype: str, raw: bytes) -> tuple[int, bytes, str]:
        message = BytesParser(policy=HTTP).parsebytes(
            f"content-type: {ctype}\r\n\r\n".encode() + raw
        )
        content, name = "", "upload.jsonl"
        for part in message.iter_parts():
            if part.get_filename():
                name = part.get_filename() or name
                payload = part.get_payload(decode=True)
                content = payload.decode("utf-8") if isinstance(payload, bytes) else ""
        file_id = self._new_id("file-")
        self.files[file_id] = content
        return self._json(
            {
                "id": file_id,
                "object": "file",
                "bytes": len(content.encode()),
                "created_at": CREATED,
                "filename": name,
                "purpose": "batch",
                "status": "processed",
            }
        )

    def _create(self, body: dict[str, Any]) -> tuple[int, bytes, str]:
        batch_id = self._new_id("batch_")
        lines = self.files[body["input_file_id"]].splitlines()
        self.batches[batch_id] = {
            "id": batch_id,
            "object": "batch",
            "endpoint": body["endpoint"],
            "input_file_id": body["input_file_id"],
            "completion_window": body["completion_window"],
            "status": "in_progress",
            "created_at": CREATED,
            "metadata": body.get("metadata"),
            "output_file_id": None,
            "error_file_id": None,
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
        }
        return self._json(self.batches[batch_id])

    def _progress(self, batch: dict[str, Any]) -> dict[str, Any]:
        """Finish the batch (every line answered) once `ready` is set."""
        if batch["status"] != "in_progress" or not self.ready.is_set():
            return batch
        out = []
        for n, raw in enumerate(self.files[batch["input_file_id"]].splitlines(), start=1):
            line = json.loads(raw)
            body = self.answer(line["body"], line["custom_id"])
            response = {"status_code": 200, "request_id": f"req_standin_{n}", "body": body}
            out.append(
                {
                    "id": f"batch_req_standin_{n}",
                    "custom_id": line["custom_id"],
                    "response": response,
                    "error": None,
                }
            )
        file_id = self._new_id("file-")
        self.files[file_id] = "".join(json.dumps(x) + "\n" for x in out)
        batch["status"] = "completed"
        batch["output_file_id"] = file_id
        batch["request_counts"]["completed"] = len(out)
        return batch
