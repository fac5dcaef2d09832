"""Start a server on a port the OS picked, retrying when another process takes it first.

Asking the OS for a free port and letting the server bind it later is a race: something else can
bind it in between. The server then exits saying "address already in use"; this picks another
port and starts again, a few times, instead of failing the test.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

BIND_RACE = "address already in use"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerFailed(RuntimeError):
    """The server exited for another reason than a lost port, or never answered."""


def start_server(
    command: Callable[[int], list[str]],
    ready_path: str,
    log_path: Path,
    *,
    pick_port: Callable[[], int] = free_port,
    attempts: int = 3,
    wait_s: float = 180,
) -> tuple[subprocess.Popen[bytes], int]:
    """The running process and its port, once `http://127.0.0.1:<port><ready_path>` answers."""
    for _ in range(attempts):
        port = pick_port()
        with log_path.open("wb") as log:
            proc = subprocess.Popen(command(port), stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + wait_s
        while proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{ready_path}", timeout=2):
                    return proc, port
            except OSError:
                if time.monotonic() > deadline:
                    proc.kill()
                    proc.wait()
                    raise ServerFailed(f"no answer within {wait_s} s; see {log_path}") from None
                time.sleep(0.2)
        if BIND_RACE not in log_path.read_text(encoding="utf-8", errors="replace").lower():
            raise ServerFailed(f"server exited with {proc.returncode}; see {log_path}")
    raise ServerFailed(f"port taken {attempts} times in a row; see {log_path}")
