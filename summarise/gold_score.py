"""Score a folder of ArticleSummary JSON against a gold file shaped like the dev set's gold.json.

The rules are those of the shared scorer (``eval/score.py``), so `summarise eval` prints the same
figures a reviewer gets: F1 for councils and speakers, accuracy for every other field, grounding
over every span, and the mean of all of them as ``score``. It reads the JSON as plain data (not
through the models), so a summary from an older schema still scores.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

F1_FIELDS = ("councils", "speakers")
ACCURACY_FIELDS = (
    "scope",
    "review_type",
    "bodies",
    "judgements",
    "figures",
    "strengths",
    "concerns",
    "coverage",
)
_COUNCIL_WORDS = re.compile(
    r"\b(city|county|borough|metropolitan|district|council|of|the|mbc|lbc|cc|dc)\b"
)


def norm(s: str | None) -> str:
    """A council or body name reduced as the shared scorer reduces it."""
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = _COUNCIL_WORDS.sub(" ", s)
    return re.sub(r"[^a-z0-9%£']+", "", s)


def fig_norm(s: str | None) -> str:
    """A figure as the shared scorer compares it: "per cent" is "%", no spaces or punctuation."""
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = s.replace("per cent", "%").replace("percent", "%")
    return re.sub(r"[^a-z0-9%£.]+", "", s)


def surname(name: str | None) -> str:
    """Speakers match on their last name, so "Dr Jane Smith" and "Jane Smith" agree."""
    parts = re.findall(r"[A-Za-z'\-]+", name or "")
    return parts[-1].lower() if parts else ""


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1, each 1.0 when there is nothing to find or nothing found."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def spans_of(obj: Any) -> Iterator[dict[str, Any]]:
    """Every {start, end, text} object anywhere in a summary."""
    if isinstance(obj, dict):
        if {"start", "end", "text"} <= set(obj) and isinstance(obj.get("start"), int):
            yield obj
        for v in obj.values():
            yield from spans_of(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from spans_of(v)


@dataclass
class Report:
    """Counts per field, the misses per article, and which gold articles had no summary."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0] for k in F1_FIELDS})
    acc: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in ACCURACY_FIELDS})
    spans_ok: int = 0
    spans_all: int = 0
    missing: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def miss(self, article: str, name: str, missed: list[Any], spurious: list[Any]) -> None:
        if missed or spurious:
            self.misses.append(f"  {article}: {name}: missed {missed} spurious {spurious}")

    def figures(self) -> dict[str, float]:
        """Each field's figure, then grounding; `score` is their mean."""
        out = {k: prf(*v)[2] for k, v in self.counts.items()}
        out.update({k: ok / n if n else 1.0 for k, (ok, n) in self.acc.items()})
        out["grounding"] = self.spans_ok / self.spans_all if self.spans_all else 0.0
        return out

    @property
    def score(self) -> float:
        figures = self.figures()
        return sum(figures.values()) / len(figures)

    def lines(self) -> list[str]:
        """The report as the shared scorer prints it (misses excluded)."""
        out = []
        for k, (tp, fp, fn) in self.counts.items():
            p, r, f = prf(tp, fp, fn)
            out.append(f"{k:12s} P={p:.2f} R={r:.2f} F1={f:.2f}  (tp={tp} fp={fp} fn={fn})")
        for k, (ok, n) in self.acc.items():
            out.append(f"{k:12s} {ok / n if n else 1.0:.2f}  ({ok}/{n})")
        g = self.figures()["grounding"]
        out.append(
            f"{'grounding':12s} {g:.2f}  ({self.spans_ok}/{self.spans_all} spans equal the "
            "cleaned text)"
        )
        if self.missing:
            out.append("missing: " + ", ".join(self.missing))
        out.append(f"score: {self.score:.3f}")
        return out


def _load_outputs(outdir: Path) -> dict[str, tuple[dict[str, Any], Path]]:
    found: dict[str, tuple[dict[str, Any], Path]] = {}
    for p in sorted(outdir.glob("*.json")):
        try:
            d = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(d, dict):
            continue
        src = (d.get("source") or {}).get("path") or p.stem
        found[Path(src).name] = (d, p)
        found.setdefault(Path(src).stem, (d, p))
    return found


def score_folder(gold_path: Path, outdir: Path) -> Report:
    """Score every gold article against the summary of the same file name in `outdir`."""
    gold: dict[str, Any] = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
    found = _load_outputs(outdir)
    report = Report()
    for name, g in gold.items():
        hit = found.get(name) or found.get(Path(name).stem)
        report.acc["coverage"][1] += 1
        if not hit:
            _count_missing(report, name, g)
            continue
        report.acc["coverage"][0] += 1
        _score_article(report, name, g, *hit)
    return report


def _count_missing(report: Report, name: str, g: dict[str, Any]) -> None:
    report.missing.append(name)
    report.counts["councils"][2] += len(set(g["councils"]) - set(g.get("optional_councils", [])))
    report.counts["speakers"][2] += len(
        set(g["quoted_speakers"]) - set(g.get("optional_speakers", []))
    )
    for k in ("scope", "review_type"):
        report.acc[k][1] += g.get(k) is not None
    report.acc["bodies"][1] += len(g["bodies"])
    report.acc["judgements"][1] += len(g["judgements"] or [])
    report.acc["figures"][1] += len(g["figures"])
    report.acc["strengths"][1] += len(g["strength_keywords"])
    report.acc["concerns"][1] += len(g["concern_keywords"])


def _score_article(
    report: Report, name: str, g: dict[str, Any], d: dict[str, Any], path: Path
) -> None:
    c, acc = report.counts, report.acc
    opt_c = {norm(x) for x in g.get("optional_councils", [])}
    out_c = {norm(x.get("name", "")) for x in d.get("councils", []) if isinstance(x, dict)} - opt_c
    gold_c = {norm(x) for x in g["councils"]} - opt_c
    c["councils"][0] += len(out_c & gold_c)
    c["councils"][1] += len(out_c - gold_c)
    c["councils"][2] += len(gold_c - out_c)
    report.miss(name, "councils", sorted(gold_c - out_c), sorted(out_c - gold_c))
    if g.get("scope") is not None:
        acc["scope"][0] += d.get("scope") == g["scope"]
        acc["scope"][1] += 1
        report.miss(name, "scope", [g["scope"]] if d.get("scope") != g["scope"] else [], [])
    review = d.get("review") or {}
    if g.get("review_type") is not None:
        acc["review_type"][0] += review.get("review_type") == g["review_type"]
        acc["review_type"][1] += 1
        if review.get("review_type") != g["review_type"]:
            report.miss(name, "review_type", [g["review_type"]], [review.get("review_type")])
    ob = {norm(b) for b in review.get("bodies", [])}
    acc["bodies"][0] += sum(norm(b) in ob for b in g["bodies"])
    acc["bodies"][1] += len(g["bodies"])
    if g.get("judgements") is not None:
        _score_judgements(report, name, g["judgements"], d)
    _score_speakers(report, name, g, d)
    figs = " | ".join(
        fig_norm(f.get("text", "")) for f in d.get("figures", []) if isinstance(f, dict)
    )
    acc["figures"][0] += sum(fig_norm(f) in figs for f in g["figures"])
    acc["figures"][1] += len(g["figures"])
    report.miss(name, "figures", [f for f in g["figures"] if fig_norm(f) not in figs], [])
    for field_name, key in (("strengths", "strength_keywords"), ("concerns", "concern_keywords")):
        text = (
            " ".join(
                (x.get("text") or "") + " " + ((x.get("evidence") or {}).get("text") or "")
                for x in d.get(field_name, [])
                if isinstance(x, dict)
            )
            .lower()
            .replace("\u2019", "'")
        )
        text = re.sub(r"\s+", " ", text)
        acc[field_name][0] += sum(k.lower() in text for k in g[key])
        acc[field_name][1] += len(g[key])
        report.miss(name, field_name, [k for k in g[key] if k.lower() not in text], [])
    clean = path.with_name(path.stem + ".clean.txt")
    if clean.exists():
        ct = clean.read_text(encoding="utf-8")
        for sp in spans_of(d):
            report.spans_all += 1
            report.spans_ok += ct[sp["start"] : sp["end"]] == sp["text"]


def _score_judgements(report: Report, name: str, gj: Any, d: dict[str, Any]) -> None:
    acc = report.acc["judgements"]
    gold_j = set(map(tuple, gj)) if isinstance(gj, list) else set(gj.items())
    oj = {
        (j.get("aspect"), str(j.get("value")))
        for j in d.get("judgements", [])
        if isinstance(j, dict)
    }
    gold_aspects = {a for a, _ in gold_j}
    acc[0] += len(gold_j & oj)
    acc[1] += len(gold_j)
    # An aspect the gold lacks counts against, and so does a wrong value on one it has.
    acc[1] += len({a for a, _ in oj} - gold_aspects)
    acc[1] += len({(a, v) for a, v in oj if a in gold_aspects} - gold_j)
    report.miss(name, "judgements", sorted(gold_j - oj), sorted(oj - gold_j))


def _score_speakers(report: Report, name: str, g: dict[str, Any], d: dict[str, Any]) -> None:
    c = report.counts["speakers"]
    opt_s = {surname(s) for s in g.get("optional_speakers", [])}
    out_sp = {
        surname(q.get("speaker"))
        for q in d.get("quotes", [])
        if isinstance(q, dict) and q.get("speaker")
    }
    out_sp -= opt_s | {""}
    gold_sp = {surname(s) for s in g["quoted_speakers"]} - opt_s
    c[0] += len(out_sp & gold_sp)
    c[1] += len(out_sp - gold_sp)
    c[2] += len(gold_sp - out_sp)
    report.miss(name, "speakers", sorted(gold_sp - out_sp), sorted(out_sp - gold_sp))
