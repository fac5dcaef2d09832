"""`summarise serve` and `summarise user add`: the web app and its accounts.

Registered on the one typer app by importing this module (summarise.cli does, at its end).
Imports of FastAPI and uvicorn wait until a command needs them, so other commands start fast.
"""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from summarise.cli import app
from summarise.cli_options import BackendOpt, ConfigOpt, ModelOpt, _settings, err, out_console
from summarise.cli_store import DbOpt, _fail, open_store

user_app = typer.Typer(help="Accounts for summarise serve.", no_args_is_help=True)
app.add_typer(user_app, name="user")


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="The account's name.")],
    db: DbOpt = None,
    admin: Annotated[bool, typer.Option(help="May also manage accounts.")] = False,
    password: Annotated[
        str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True,
                          help="Asked for when not given (never put it on a command line).")
    ] = "",
) -> None:  # fmt: skip
    """Create an account for the web app; its password is stored only as an argon2 hash."""
    from summarise.store import webtables
    from summarise.store.users import UserExists, add_user

    if len(password) < 8:
        _fail("a password has at least 8 characters", 2)
    with open_store(db) as store:
        webtables.ensure(store.engine)
        try:
            user = add_user(store, name, password, admin=admin)
        except UserExists:
            _fail(f"there is already an account {name!r}", 1)
        except ValueError as e:
            _fail(f"{e}", 2)
    out_console.print(f"added {'admin' if user.admin else 'reviewer'} {user.name}")


def _bound_port(host: str, port: int) -> socket.socket:
    """A listening socket (port 0: the OS picks one), so the address printed is the real one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Connections accepted from it inherit this: without it every response's second write
    # waited for the client's delayed ACK, about 40 ms a request (benchmarks/web_serve.py).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    return sock


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free port).")] = 8000,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    config: ConfigOpt = None,
    ssl_keyfile: Annotated[str | None, typer.Option(help="TLS key (serves https).")] = None,
    ssl_certfile: Annotated[str | None, typer.Option(help="TLS certificate.")] = None,
) -> None:
    """The web app: briefings on demand for officers, the review loop for reviewers."""
    import uvicorn

    from summarise.web.app import create_app
    from summarise.web.security import is_loopback

    settings = _settings(backend, model, None, None, False, config, None)
    tls = bool(ssl_keyfile and ssl_certfile)
    with open_store(db, settings) as store:
        application = create_app(store, settings, read_needs_login=not is_loopback(host), tls=tls)
        sock = _bound_port(host, port)
        where = sock.getsockname()
        scheme = "https" if tls else "http"
        shown = f"[{where[0]}]" if ":" in where[0] else where[0]
        out_console.print(
            f"serving store {store.where} at {scheme}://{shown}:{where[1]}/", soft_wrap=True
        )
        if not is_loopback(host):
            err.print("listening beyond this machine: every page needs a login")
        config_ = uvicorn.Config(application, log_level="warning", ssl_keyfile=ssl_keyfile,
                                 ssl_certfile=ssl_certfile)  # fmt: skip
        uvicorn.Server(config_).run(sockets=[sock])
