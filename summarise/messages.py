"""What the user reads: every line is plain text, one line per message, whatever it carries.

Paths, reasons and model output can hold anything (`[/INST]`, `[red]`, newlines), so they are
never parsed as rich markup: a line is built from `rich.text.Text` parts, where only the label
is styled. The consoles never wrap (`soft_wrap`), so a failure is one line even when stderr is
a pipe that rich would otherwise wrap at 80 columns.
"""

from __future__ import annotations

import unicodedata
from typing import IO

from rich.console import Console
from rich.text import Text

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": " "}


def plain(value: object) -> str:
    """`value` as one line: control and line-separator characters escaped, nothing dropped."""
    text = str(value)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable():
            out.append(ch)
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif unicodedata.category(ch) == "Zs":
            out.append(" ")
        else:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
    return "".join(out)


def make_console(*, stderr: bool = False, file: IO[str] | None = None) -> Console:
    """A console that prints text as given: no markup, no highlighting, no wrapping."""
    return Console(
        stderr=stderr, file=file, highlight=False, markup=False, emoji=False, soft_wrap=True
    )


class Messages:
    """The CLI's voice: a styled label, then the plain message, always on one line."""

    def __init__(self, out: Console, err: Console) -> None:
        self.out = out
        self.err = err

    def line(self, message: object, *, to_err: bool = False) -> None:
        """An informational line on stdout (or stderr)."""
        (self.err if to_err else self.out).print(Text(plain(message)))

    def _labelled(self, label: str, style: str, message: object) -> None:
        self.err.print(Text.assemble((label, style), " ", plain(message)))

    def failed(self, path: object, reason: object) -> None:
        self._labelled("failed ", "red", f"{plain(path)}: {plain(reason)}")

    def flagged(self, path: object, reason: object) -> None:
        self._labelled("flagged", "yellow", f"{plain(path)}: {plain(reason)}")

    def interrupted(self, path: object) -> None:
        self._labelled("interrupted", "yellow", f"{plain(path)}: stopped by Ctrl-C")

    def warning(self, message: object) -> None:
        self._labelled("warning", "yellow", message)

    def skipped(self, path: object, reason: object) -> None:
        self._labelled("skipped", "dim", f"{plain(path)}: {plain(reason)}")

    def error(self, message: object) -> None:
        self._labelled("error:", "red", message)

    def invalid(self, message: object) -> None:
        self._labelled("invalid", "red", message)
