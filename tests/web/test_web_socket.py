"""`serve` listens on a socket with Nagle's algorithm off, so a response's second write does
not wait for the client's delayed ACK (about 40 ms a request on Linux)."""

from __future__ import annotations

import socket

from summarise.cli_web import _bound_port


def test_serve_socket_sends_at_once() -> None:
    sock = _bound_port("127.0.0.1", 0)
    try:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        sock.close()
