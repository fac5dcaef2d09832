"""Make the README's pictures of a briefing: the HTML page in Chromium, the Word file's first page
in LibreOffice. Each picture is made from its own format, never one from the other.

    .venv/bin/python tools/readme_pictures.py [--council essex]

Runs ``summarise brief`` on the bundled examples (offline), then takes the HTML briefing with
Debian's Chromium driven by Playwright (as the browser tests do) and, when ``soffice`` is
installed, lays out the ``.docx`` with headless LibreOffice and keeps its first page (pdftoppm).
Writes ``docs/briefing-html.png`` and ``docs/briefing-docx.png``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def html_picture(page_path: Path, target: Path) -> None:
    """The top of the page at a laptop width, as a reader first sees it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1000, "height": 1300})
        page.goto(page_path.as_uri())
        page.screenshot(path=str(target))
        browser.close()


def docx_picture(docx_path: Path, target: Path) -> bool:
    """The Word file's first page as LibreOffice lays it out (to PDF, then poppler to PNG).

    False when soffice or pdftoppm is missing (Debian: libreoffice-writer-nogui, poppler-utils).
    """
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx_path)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = Path(tmp) / f"{docx_path.stem}.pdf"
        stem = Path(tmp) / "page"
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-r",
                "90",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        shutil.copyfile(stem.with_suffix(".png"), target)
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--council", default="north-east-lincolnshire", help="briefing slug to picture"
    )
    args = parser.parse_args()
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        subprocess.run(
            [
                str(Path(sys.executable).parent / "summarise"),
                "brief",
                str(ROOT / "examples" / "articles"),
            ]
            + ["--out", str(out), "--backend", "offline", "--no-cache"],
            check=True,
            capture_output=True,
        )
        briefing = out / "briefings" / args.council
        html_picture(briefing.with_suffix(".html"), docs / "briefing-html.png")
        print("wrote docs/briefing-html.png (Chromium)")
        if docx_picture(briefing.with_suffix(".docx"), docs / "briefing-docx.png"):
            print("wrote docs/briefing-docx.png (LibreOffice)")
        else:
            print("soffice not found: no picture of the Word file")


if __name__ == "__main__":
    main()
