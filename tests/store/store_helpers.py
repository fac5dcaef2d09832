"""Inputs the store tests share: re-posted copies of an example, and a corpus of distinct ones."""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def reposts(folder: Path) -> list[Path]:
    """Two re-posted copies of example 001: a new headline line, and an agency footer."""
    original = (EXAMPLES / "001_244405360186b16d.txt").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    a = folder / "repost_a.txt"
    a.write_text("As published by the Grimsby Telegraph\n\n" + original, encoding="utf-8")
    b = folder / "repost_b.txt"
    b.write_text(original + "\n\nCopyright 2003 Local Newswire. Share this story.\n", "utf-8")
    return [a, b]


def corpus(folder: Path, n: int) -> list[Path]:
    """n distinct articles: the examples with the council names swapped for other authorities."""
    from summarise.gazetteer.lookup import all_authorities

    originals = [
        "North East Lincolnshire",
        "NE LINCS",
        "Leicestershire",
        "Gloucestershire",
        "Essex",
    ]
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    names = [a.name for a in all_authorities() if a.gss_code and "," not in a.name]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text = texts[i % len(texts)]
        for original in originals:
            text = text.replace(original, names[(i // len(texts)) % len(names)])
        path = folder / f"{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
