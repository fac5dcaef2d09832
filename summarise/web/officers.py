"""Officers' pages: the index of councils, a council's briefing and its downloads, and adding
articles (uploads or pasted text) as background jobs."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from summarise.gazetteer.lookup import slugify
from summarise.render.view import build_view
from summarise.store import jobs
from summarise.web.briefings import council_view, docx_bytes, markdown
from summarise.web.security import require_writer
from summarise.web.state import Counts, WebState
from summarise.web.templating import page

router = APIRouter(include_in_schema=False)
SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")


def state_of(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def index_rows(state: WebState) -> list[dict[str, Any]]:
    """Every council with its latest judgements, sources, newest date and review counts: a
    query of the store's per-article index entries (web/councils.py), not a build of every
    briefing."""
    return state.index_rows()


Rows = list[dict[str, Any]]


def _filtered(rows: Rows, q: str, judgement: str, since: str) -> Rows:
    out = rows
    if q:
        out = [r for r in out if q.lower() in str(r["council"]).lower()]
    if judgement:
        out = [r for r in out if any(j["code"] == judgement for j in r["judgements"])]
    if since:
        out = [r for r in out if r["newest"] and str(r["newest"]) >= since]
    return out


@router.get("/")
def index(request: Request, q: str = "", judgement: str = "", since: str = "") -> Response:
    rows = index_rows(state_of(request))
    codes = sorted({str(j["code"]) for r in rows for j in r["judgements"]})
    if since:
        try:
            date.fromisoformat(since if len(since) == 10 else f"{since[:4]}-01-01")
        except ValueError:
            since = ""
    shown = _filtered(rows, q, judgement, since)
    return page(request, "index.html", page_title="Councils", rows=shown, total=len(rows),
                q=q, judgement=judgement, since=since, codes=codes)  # fmt: skip


@router.get("/councils/{name}")
def council(request: Request, name: str) -> Response:
    view = council_view(state_of(request), name)
    if view is None:
        raise HTTPException(404, f"no briefing for {name!r} in this store")
    from summarise.render.html import SECTIONS

    return page(request, "council.html", page_title=view.briefing.council.name, wide=False,
                cv=view, view=build_view(view.briefing, "/articles"), sections=SECTIONS,
                slug=slugify(view.briefing.council.name))  # fmt: skip


@router.get("/councils/{name}/briefing.{fmt}")
def download(request: Request, name: str, fmt: str) -> Response:
    view = council_view(state_of(request), name)
    if view is None:
        raise HTTPException(404, f"no briefing for {name!r} in this store")
    slug = slugify(view.briefing.council.name)
    headers = {"Content-Disposition": f'attachment; filename="{slug}.{fmt}"'}
    if fmt == "json":
        return Response(view.briefing.model_dump_json(indent=2), media_type="application/json",
                        headers=headers | {"X-Facts-Reviewed": view.header()})  # fmt: skip
    if fmt == "md":
        return Response(markdown(view), media_type="text/markdown; charset=utf-8", headers=headers)
    if fmt == "docx":
        media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return Response(docx_bytes(view), media_type=media, headers=headers)
    raise HTTPException(404, "formats: docx, md, json")


@router.get("/add")
def add_form(request: Request) -> Response:
    state = state_of(request)
    return page(request, "add.html", page_title="Add articles", jobs=jobs.recent(state.store, 20),
                error=None, limit_mb=state.max_upload // (1024 * 1024))  # fmt: skip


def check_upload(name: str, data: bytes, limit: int) -> str:
    """The upload's suffix when it is a kind we read and looks like it; HTTPException if not."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in SUFFIXES:
        raise HTTPException(415, f"only {', '.join(SUFFIXES)} files can be added")
    if len(data) > limit:
        raise HTTPException(413, f"the file is over the {limit // (1024 * 1024)} MB limit")
    if suffix == ".pdf" and not data.startswith(b"%PDF-"):
        raise HTTPException(415, "that file is not a PDF")
    if suffix != ".pdf" and b"\x00" in data[:65536]:
        raise HTTPException(415, "that file is not text")
    return suffix


async def read_capped(upload: UploadFile, limit: int) -> bytes:
    """At most `limit` + 1 bytes of an upload, so an oversize file is refused unread."""
    return await upload.read(limit + 1)


@router.post("/add")
async def add(
    request: Request,
    csrf_token: Annotated[str, Form()] = "",
    files: Annotated[list[UploadFile] | None, File()] = None,
    text: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
) -> Response:
    state = state_of(request)
    user = require_writer(request, csrf_token)
    queued: list[int] = []
    for upload in files or []:
        if not upload.filename:
            continue
        data = await read_capped(upload, state.max_upload)
        suffix = check_upload(upload.filename, data, state.max_upload)
        queued.append(jobs.submit(state.store, upload.filename[:200], suffix, data, user.name))
    if text.strip():
        data = text.encode("utf-8")
        if len(data) > state.max_upload:
            raise HTTPException(413, "the pasted text is over the size limit")
        if url and not url.startswith(("http://", "https://")):
            raise HTTPException(422, "the source URL must start with http:// or https://")
        label = url.rsplit("/", 1)[-1] if url else "pasted"
        queued.append(jobs.submit(state.store, label or "pasted", ".txt", data, user.name,
                                  source_url=url or None))  # fmt: skip
    if not queued:
        raise HTTPException(422, "choose a file or paste an article's text")
    worker = request.app.state.worker
    if worker is not None:
        worker.wake()
    target = f"/jobs/{queued[0]}" if len(queued) == 1 else "/add"
    return RedirectResponse(target, status_code=303)


@router.get("/jobs/{job_id}")
def job(request: Request, job_id: int) -> Response:
    found = jobs.get(state_of(request).store, job_id)
    if found is None:
        raise HTTPException(404, "no such job")
    return page(request, "job.html", page_title=f"Job {job_id}", job=found)


__all__ = ["Counts", "router"]
