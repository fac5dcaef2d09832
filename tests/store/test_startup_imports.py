"""`brief --council` loads only what it uses: no Word, HTML, file-reading or progress-bar code.

Start-up time is measured in benchmarks/store_brief.py; this checks which modules a real
process has loaded after printing a briefing, so a stray top-level import shows up here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from store_helpers import EXAMPLES

NOT_NEEDED = ("docx", "jinja2", "ftfy", "charset_normalizer", "rich.progress", "alembic")
PROBE = """
import json, sys
from summarise.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def loaded_after(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_brief_council_loads_no_renderer_or_reader_it_does_not_use(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/store.sqlite"
    ingested = loaded_after("ingest", str(EXAMPLES), "--db", db)
    assert "ftfy" in ingested and "rich.progress" in ingested  # the probe sees real imports
    modules = loaded_after("brief", "--council", "Essex", "--db", db)
    assert "summarise.render.markdown" in modules and "sqlalchemy" in modules
    assert not {m for m in modules if m.split(".")[0] in NOT_NEEDED or m in NOT_NEEDED}


def test_an_offline_brief_does_not_load_the_openai_client(tmp_path: Path) -> None:
    """Only the LLM path needs openai (0.7 s and about 30 MB at start-up)."""
    article = min(EXAMPLES.glob("*.txt"))
    modules = loaded_after("brief", str(article), "--out", str(tmp_path / "out"))
    assert "summarise.extract.offline" in modules and "rich.progress" in modules
    assert "openai" not in modules
