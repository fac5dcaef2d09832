"""What a batch run must remember across a restart: OUT/batches/<key>.json, one file per batch.

The key is a hash of the batch's custom_ids (article id, chunk, prompt version), so the same
articles under the same prompt always name the same file. The file is written before the upload,
again once the batch exists, and after every status change, so a killed command leaves enough
to `summarise batch resume` (or `status`, `cancel`) without submitting anything again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarise.models import Usage
from summarise.outputs import write_model

ItemOutcome = Literal["pending", "ok", "flagged", "failed", "error", "expired", "cancelled"]
#: Outcomes after which a request may be sent again in a new batch (it never got an answer).
RESUBMITTABLE = frozenset({"error", "expired", "cancelled"})


class BatchItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    custom_id: str
    article_id: str
    path: str
    sha256: str = Field(description="of the cleaned text the request was built from")
    chunk: int
    n_chunks: int
    outcome: ItemOutcome = "pending"
    reason: str | None = None


class BatchState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str
    batch_id: str | None = Field(default=None, description="None until the batch is created")
    input_file_id: str | None = None
    output_file_id: str | None = None
    error_file_id: str | None = None
    status: str = "submitting"
    created_at: str
    model: str
    mode: str
    prompt_version: str
    chunk_tokens: int = Field(description="the chunking the requests were made with")
    no_reask: bool = False
    target: str | None = Field(
        default=None, description="the store URL (ingest --batch); None: summaries go to OUT"
    )
    request_counts: dict[str, int] = Field(default_factory=dict)
    items: dict[str, BatchItem] = Field(default_factory=dict)
    collected: bool = Field(default=False, description="results read and summaries written")
    usage: Usage = Field(default_factory=Usage, description="tokens the batch answers used")
    cost_usd: float | None = Field(default=None, description="at the Batch price")

    @property
    def name(self) -> str:
        """How messages name it: the batch id once there is one, else the local key."""
        return self.batch_id or self.key

    def articles(self) -> dict[str, list[BatchItem]]:
        """article id -> its chunks' items, in chunk order."""
        out: dict[str, list[BatchItem]] = {}
        for item in sorted(self.items.values(), key=lambda i: (i.article_id, i.chunk)):
            out.setdefault(item.article_id, []).append(item)
        return out


class StateError(ValueError):
    """A state file that cannot be read; the message names it."""


def batches_dir(out: Path) -> Path:
    return out / "batches"


def state_key(custom_ids: list[str]) -> str:
    digest = hashlib.sha256("\n".join(sorted(custom_ids)).encode("utf-8")).hexdigest()
    return f"b-{digest[:16]}"


def state_path(out: Path, key: str) -> Path:
    return batches_dir(out) / f"{key}.json"


def save(out: Path, state: BatchState) -> None:
    write_model(state_path(out, state.key), state)


def load_all(out: Path) -> list[BatchState]:
    """Every batch of OUT, oldest first; an unreadable file raises StateError naming it."""
    states = []
    for path in sorted(batches_dir(out).glob("b-*.json")):
        try:
            states.append(BatchState.model_validate_json(path.read_text(encoding="utf-8")))
        except (OSError, ValidationError) as e:
            raise StateError(f"{path}: not a batch state file ({type(e).__name__})") from e
    return sorted(states, key=lambda s: s.created_at)


def find(out: Path, which: str | None) -> list[BatchState]:
    """The batches `which` names (a batch id or key), or all of OUT's when None."""
    states = load_all(out)
    if which is None:
        return states
    return [s for s in states if which in (s.batch_id, s.key)]


def taken(out: Path) -> set[str]:
    """custom_ids already in a batch that is pending or answered: never submitted again."""
    return {
        cid
        for state in load_all(out)
        if state.batch_id is not None
        for cid, item in state.items.items()
        if item.outcome not in RESUBMITTABLE
    }
