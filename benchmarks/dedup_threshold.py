"""Measure the re-post threshold: Jaccard similarity of word 5-shingles (summarise.store.dedup).

    .venv/bin/python benchmarks/dedup_threshold.py

Three groups over the bundled examples, after the same cleaning `ingest` does:
re-posts (a headline line added, an agency footer, the last paragraph dropped, a middle
paragraph dropped, straight quotes for curly), different articles (every pair of examples), and
the same template with another council's name swapped in (the council check must tell these
apart, not the threshold). Prints each group's range and where the threshold sits.
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from offline_throughput import EXAMPLES, ORIGINAL_COUNCILS

from summarise.gazetteer.lookup import all_authorities
from summarise.ingest.reader import load_article
from summarise.store import dedup


def cleaned(text: str, folder: Path, name: str) -> str:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return load_article(path).text


def reposts(text: str) -> dict[str, str]:
    paras = [line for line in text.splitlines() if line.strip()]
    middle = len(paras) // 2
    return {
        "headline line": "As published by the Evening Gazette\n\n" + text,
        "agency footer": text + "\n\nCopyright 2003 Local Newswire. Share this story.\n",
        "last paragraph dropped": "\n\n".join(paras[:-1]),
        "middle paragraph dropped": "\n\n".join(paras[:middle] + paras[middle + 1 :]),
        "straight quotes": text.replace("\u2019", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"'),
    }


def main() -> None:
    originals = {p.stem: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))}
    names = [a.name for a in all_authorities() if a.gss_code and "," not in a.name][::17]
    same: list[float] = []
    other: list[float] = []
    swapped: list[tuple[float, bool]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clean = {k: cleaned(v, folder, k) for k, v in originals.items()}
        sh = {k: dedup.shingles(v) for k, v in clean.items()}
        for key, raw in originals.items():
            for how, text in reposts(raw).items():
                score = dedup.jaccard(sh[key], dedup.shingles(cleaned(text, folder, "r")))
                same.append(score)
                print(f"re-post    {key[:3]} {how:<26} {score:.3f}")
            for name in names:
                text = raw
                for original in ORIGINAL_COUNCILS:
                    text = text.replace(original, name)
                if text == raw:
                    continue
                new = cleaned(text, folder, "s")
                score = dedup.jaccard(sh[key], dedup.shingles(new))
                told = dedup.councils_named(new) != dedup.councils_named(clean[key])
                swapped.append((score, told))
        for a, b in itertools.combinations(sh, 2):
            other.append(dedup.jaccard(sh[a], sh[b]))
    print(f"\nre-posts             {min(same):.3f} - {max(same):.3f}  ({len(same)} pairs)")
    print(f"different articles   {min(other):.3f} - {max(other):.3f}  ({len(other)} pairs)")
    scores = [s for s, _ in swapped]
    told = sum(1 for _, t in swapped if t)
    print(f"council swapped      {min(scores):.3f} - {max(scores):.3f}  ({len(swapped)} pairs;")
    print(f"                     the councils-named check tells {told} of {len(swapped)} apart)")
    print(f"threshold            {dedup.SAME_STORY_JACCARD}")


if __name__ == "__main__":
    main()
