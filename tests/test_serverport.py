"""The e2e server start survives losing its port to another process (no llama needed)."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from serverport import ServerFailed, free_port, start_server


def http_server(port: int) -> list[str]:
    return [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]


def test_a_port_taken_between_picking_and_binding_is_retried_on_another(tmp_path: Path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    ports = [int(taken.getsockname()[1]), free_port()]
    picked: list[int] = []

    def pick() -> int:
        picked.append(ports.pop(0))
        return picked[-1]

    try:
        proc, port = start_server(http_server, "/", tmp_path / "log", pick_port=pick, wait_s=60)
    finally:
        taken.close()
    try:
        assert len(picked) == 2 and port == picked[1] != picked[0]
    finally:
        proc.terminate()
        proc.wait()


def test_a_server_that_fails_for_another_reason_is_not_retried(tmp_path: Path) -> None:
    picked: list[int] = []

    def pick() -> int:
        picked.append(free_port())
        return picked[-1]

    def broken(port: int) -> list[str]:
        return [sys.executable, "-c", "raise SystemExit('model file is corrupt')"]

    with pytest.raises(ServerFailed, match="server exited with 1"):
        start_server(broken, "/", tmp_path / "log", pick_port=pick, wait_s=60)
    assert len(picked) == 1
