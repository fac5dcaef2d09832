"""The FastAPI app: middleware (session, headers, login gate), login and logout, static files,
and the officers', reviewers' and API routes from their own modules."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Annotated

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.middleware.sessions import SessionMiddleware

from summarise.llm.config import Settings
from summarise.render.templating import asset
from summarise.store import webtables
from summarise.store.repo import Store
from summarise.store.users import authenticate
from summarise.store.websecret import session_key
from summarise.web import api, officers, reviewers
from summarise.web.security import SECURITY_HEADERS, check_csrf, current_user
from summarise.web.state import DEFAULT_MAX_UPLOAD, WebState
from summarise.web.templating import page
from summarise.web.worker import Worker

SECRET_ENV = "SUMMARISE_SECRET_KEY"
OPEN_PATHS = ("/login", "/static/")
SESSION_HOURS = 8


def _static(name: str) -> str:
    return files("summarise.web").joinpath("static", name).read_text(encoding="utf-8")


def create_app(
    store: Store, settings: Settings, *, read_needs_login: bool = False, tls: bool = False,
    max_upload: int = DEFAULT_MAX_UPLOAD, run_worker: bool = True,
) -> FastAPI:  # fmt: skip
    """The app over an open store; reading needs a login when `read_needs_login`."""
    webtables.ensure(store.engine)
    state = WebState(store, read_needs_login=read_needs_login, max_upload=max_upload)
    worker = Worker(store, settings, max_upload) if run_worker else None

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if worker is not None:
            worker.start()
        yield
        if worker is not None:
            worker.stop()

    app = FastAPI(title="summarise", lifespan=lifespan, docs_url="/api/docs",
                  openapi_url="/api/openapi.json", redoc_url=None)  # fmt: skip
    app.state.web = state
    app.state.worker = worker

    @app.middleware("http")
    async def gate(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        path = request.url.path
        if state.read_needs_login and not path.startswith(OPEN_PATHS) and not current_user(request):
            if path.startswith("/api/"):
                return JSONResponse({"detail": "log in first"}, status_code=401)
            return RedirectResponse("/login", status_code=303)
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if tls:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        return response

    app.add_middleware(
        SessionMiddleware,
        secret_key=os.environ.get(SECRET_ENV) or session_key(store),
        session_cookie="summarise_session",
        max_age=SESSION_HOURS * 3600,
        same_site="strict",
        https_only=tls,
    )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", status_code=exc.status_code, page_title="Error",
                    status=exc.status_code, message=str(exc.detail))  # fmt: skip

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name == "style.css":
            body = asset("style.css") + "\n" + _static("app.css")
            return Response(body, media_type="text/css")
        if name == "app.js":
            return Response(_static("app.js"), media_type="text/javascript")
        raise HTTPException(404, "not found")

    @app.get("/login", include_in_schema=False)
    def login_form(request: Request, next: str = "/") -> Response:
        return page(request, "login.html", page_title="Log in", next=_local(next), error=None)

    @app.post("/login", include_in_schema=False)
    def login(
        request: Request, name: Annotated[str, Form()], password: Annotated[str, Form()],
        csrf_token: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/",
    ) -> Response:  # fmt: skip
        check_csrf(request, csrf_token)
        client = request.client.host if request.client else "?"
        if state.throttle.blocked(client):
            return page(request, "login.html", status_code=429, page_title="Log in",
                        next=_local(next), error="Too many attempts; wait a minute.")  # fmt: skip
        user = authenticate(store, name, password)
        if user is None:
            state.throttle.failed(client)
            return page(request, "login.html", status_code=401, page_title="Log in",
                        next=_local(next), error="Wrong name or password.")  # fmt: skip
        state.throttle.succeeded(client)
        request.session.clear()
        request.session.update(user=user.name, csrf=secrets.token_urlsafe(32))
        return RedirectResponse(_local(next), status_code=303)

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
        check_csrf(request, csrf_token)
        request.session.clear()
        return RedirectResponse("/", status_code=303)

    app.include_router(officers.router)
    app.include_router(reviewers.router)
    app.include_router(api.router)
    return app


def _local(target: str) -> str:
    """Only a path on this site is followed after login (no open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"
