"""Prove that two output folders of `summarise brief` hold the same results.

A refactor must not change what the tool writes. Two runs differ in the clock only: the run
record's start, finish and per-stage seconds, each briefing's `generated_at`, the `.docx`
core properties and header that print it, and the names of the run history files. This script
blanks exactly those and compares every other byte of every file, so any other difference is
reported with its file.

A `.docx` is compared part by part, not byte by byte: the same set of parts, each XML part equal
after canonical XML (C14N 2.0: attribute order, quoting, `<a/>` against `<a></a>` and the XML
declaration do not count; every element, attribute and character of text does), any other part
byte for byte. Zip entry order and compression are the container's, not the document's, so two
writers of the same document compare equal; a differing part is named.

    python tools/same_outputs.py OLD_OUT NEW_OUT

Exit 0 when every file matches, 1 with one line per differing or missing file.
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import canonicalize

CLOCK_KEYS = frozenset({"generated_at", "started_at", "finished_at", "seconds"})
ISO_STAMP = re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?")


def _without_clock(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_clock(v) for k, v in value.items() if k not in CLOCK_KEYS}
    if isinstance(value, list):
        return [_without_clock(v) for v in value]
    return value


def normalised(path: Path) -> bytes:
    """The file's bytes with the clock blanked out (nothing else is touched)."""
    data = path.read_bytes()
    if path.suffix == ".json":
        return json.dumps(_without_clock(json.loads(data)), sort_keys=True).encode()
    return data


def docx_parts(data: bytes) -> dict[str, bytes]:
    """Part name -> content with the clock blanked."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {info.filename: ISO_STAMP.sub(b"T", z.read(info)) for info in z.infolist()}


def _canonical(name: str, content: bytes) -> bytes:
    if name.endswith((".xml", ".rels")):
        return canonicalize(content.decode("utf-8")).encode("utf-8")
    return content


def docx_differences(old: bytes, new: bytes) -> list[str]:
    """The names of the parts that differ in canonical XML, or are in one package only.

    Parts with the same bytes are equal without canonicalising (the styles are 0.8 MB)."""
    a, b = docx_parts(old), docx_parts(new)
    return sorted(
        name
        for name in a.keys() | b.keys()
        if name not in a
        or name not in b
        or (a[name] != b[name] and _canonical(name, a[name]) != _canonical(name, b[name]))
    )


def _files(root: Path) -> dict[Path, Path]:
    """Relative name -> file; run history (runs/<UTC time>.json) is named by its order instead,
    since its names are the clock."""
    found = {p.relative_to(root): p for p in root.rglob("*") if p.is_file()}
    history = sorted(rel for rel in found if rel.parent == Path("runs"))
    for i, rel in enumerate(history):
        found[Path("runs") / f"#{i}.json"] = found.pop(rel)
    return found


def compare(old: Path, new: Path) -> list[str]:
    old_files, new_files = _files(old), _files(new)
    problems = [f"only in {old}: {p}" for p in sorted(old_files.keys() - new_files.keys())]
    problems += [f"only in {new}: {p}" for p in sorted(new_files.keys() - old_files.keys())]
    for rel in sorted(old_files.keys() & new_files.keys()):
        if rel.suffix == ".docx":
            parts = docx_differences(old_files[rel].read_bytes(), new_files[rel].read_bytes())
            if parts:
                problems.append(f"differs: {rel} (parts: {', '.join(parts)})")
        elif normalised(old_files[rel]) != normalised(new_files[rel]):
            problems.append(f"differs: {rel}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    old, new = Path(argv[0]), Path(argv[1])
    problems = compare(old, new)
    for line in problems:
        print(line)
    count = sum(1 for p in old.rglob("*") if p.is_file())
    print(f"{count} files compared, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
