"""CouncilBriefing -> Word document, for readers who annotate and forward briefings by email.

Same view, sections and ``[n]`` citations as the Markdown and HTML; each ``[n]`` links to the
review page beside the file, landing on the cited span. A4, en-GB, with the council in the
header and page numbers in the footer, so the file can be printed and filed as it is.
The package around the body comes from python-docx once per process (``docxpackage``); the body
is written as WordprocessingML text (``docxxml``), element for element what python-docx wrote
for the same calls, at a small fraction of its cost. Zip entries carry a fixed time: the same
briefing gives the same bytes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from summarise.models import CouncilBriefing
from summarise.render.docxpackage import TableParts, package, skeleton
from summarise.render.docxparts import TONE_COLOURS
from summarise.render.docxxml import (
    BOLD,
    ITALIC,
    Body,
    coloured_bold,
    run,
    safe,
    shaded,
)
from summarise.render.labels import date_label
from summarise.render.view import (
    BriefingView,
    Citation,
    FigureRow,
    JudgementRow,
    PointRow,
    QuoteRow,
    build_view,
)

_NONE = "None recorded."
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)

Cell = tuple[str, tuple[Citation, ...]]  # a table cell: text, then its linked citations


class _Writer:
    """Appends paragraphs and tables to one body, as python-docx's API calls built them."""

    def __init__(self, body: Body) -> None:
        self.body = body
        sk = skeleton()
        self.style_ids = sk.style_ids
        self.tables: dict[int, TableParts] = sk.tables

    def runs(self, text: str, citations: tuple[Citation, ...] = (), props: str = "") -> str:
        """The text's run (none when empty), then ``[n]`` for each citation."""
        shown = safe(text)
        return (run(shown, props) if shown else "") + self.cite(citations, " " if text else "")

    def cite(self, citations: tuple[Citation, ...], lead: str) -> str:
        """``[n]`` for each citation: a link to its review page span when it has one."""
        out = []
        for i, c in enumerate(citations):
            out.append(run(lead if i == 0 else " "))
            label = f"[{c.number}]"
            out.append(self.body.link(label, c.href) if c.href else run(label))
        return "".join(out)

    def para(
        self, text: str, style: str | None = None, citations: tuple[Citation, ...] = ()
    ) -> None:
        style_id = None if style is None else self.style_ids[style]
        self.body.paragraph(self.runs(text, citations), style_id)

    def heading(self, text: str, level: int) -> None:
        self.para(text, "Title" if level == 0 else f"Heading {level}")

    def bullets(self, lines: list[tuple[str, tuple[Citation, ...]]]) -> None:
        if not lines:
            self.para(_NONE)
        for line, citations in lines:
            self.para(line, "List Bullet", citations)

    def points(self, heading: str, points: tuple[PointRow, ...]) -> None:
        self.heading(heading, 1)
        self.bullets(
            [
                (f"{p.text}{f' ({p.service_area})' if p.service_area else ''}{_rv(p)}", p.citations)
                for p in points
            ]
        )

    def table(
        self,
        header: tuple[str, ...],
        rows: list[tuple[Cell, ...]],
        fills: list[tuple[str, str] | None] | None = None,
    ) -> None:
        """A ``Table Grid`` table; ``fills`` gives a row's second cell (text, fill) colours."""
        if not rows:
            self.para(_NONE)
            return
        parts = self.tables[len(header)]
        add = self.body.add
        add(parts.start)
        add("<w:tr>")
        for props, text in zip(parts.cells, header, strict=True):
            add(f"<w:tc>{props}<w:p><w:r/>{run(safe(text), BOLD)}</w:p></w:tc>")
        add("</w:tr>")
        for i, row in enumerate(rows):
            add("<w:tr>")
            fill = None if fills is None else fills[i]
            for col, (props, (text, citations)) in enumerate(zip(parts.cells, row, strict=True)):
                run_props = ""
                if fill is not None and col == 1:
                    props, run_props = shaded(props, fill[1]), coloured_bold(fill[0])
                content = run(safe(text), run_props) + self.cite(citations, " " if text else "")
                add(f"<w:tc>{props}<w:p>{content}</w:p></w:tc>")
            add("</w:tr>")
        add("</w:tbl>")

    def link_line(self, label: str, url: str) -> None:
        self.body.paragraph(self.runs(label) + self.body.link(safe(url), url))


def _rv(row: PointRow | JudgementRow | QuoteRow | FigureRow) -> str:
    """Whether a fact was reviewed, by whom and when (briefings from a store)."""
    return f" ({row.review})" if row.review else ""


def _judgements(w: _Writer, view: BriefingView) -> None:
    """The headline table; each judgement cell keeps the HTML's colour for its tone."""
    w.table(
        ("Aspect", "Judgement", "Date", "Source"),
        [
            (
                (j.aspect, ()),
                (j.value + (f" ({j.unconfirmed})" if j.unconfirmed else "") + _rv(j), ()),
                (j.date, ()),
                ("", (j.citation,)),
            )
            for j in view.judgements
        ],
        [TONE_COLOURS[j.tone] for j in view.judgements],
    )


def _sources(w: _Writer, view: BriefingView) -> None:
    w.heading("Sources", 1)
    if not view.sources:
        w.para(_NONE)
    for note in view.sources:
        parts = [f"[{note.number}] {note.title}."]
        if note.publisher:
            parts.append(f"{note.publisher}.")
        if note.published:
            parts.append(f"Published {date_label(note.published)}.")
        if note.review_type:
            parts.append(f"{note.review_type}{f' by {note.bodies}' if note.bodies else ''}.")
        if note.path:
            parts.append(f"Path: {note.path}.")
        content = [w.runs(" ".join(parts))]
        for label, url in (
            ("URL", note.url),
            ("Official report", note.report_url),
            ("Review page", note.href),
        ):
            if url:
                content.append(run(f" {label}: "))
                content.append(w.body.link(safe(url), url))
        w.body.paragraph("".join(content))


def _write(w: _Writer, view: BriefingView) -> None:
    w.heading(view.title, 0)
    meta = f"Council: {view.council}"
    if view.gss_code:
        meta += f" (GSS code {view.gss_code})"
    w.para(f"{meta}. Generated {view.generated}." + (f" {view.reviewed}." if view.reviewed else ""))
    w.body.paragraph(run(safe(view.caveat), ITALIC))
    for number, url in view.reports:
        w.link_line(f"Official inspection report (linked by source {number}): ", url)
    w.para(view.headline if view.headline.strip() else _NONE)
    if view.narrative:
        w.heading("Executive summary", 1)
        w.bullets([(f"{n.text} (rests on {', '.join(n.cites)})", ()) for n in view.narrative])

    w.heading("Latest judgements", 1)
    _judgements(w, view)
    w.heading("Timeline", 1)
    w.bullets([(f"{t.date}: {t.event}", (t.citation,)) for t in view.timeline])
    w.points("Strengths", view.strengths)
    w.points("Concerns", view.concerns)
    w.points("Recommendations", view.recommendations)

    w.heading("Quotes", 1)
    if not view.quote_groups:
        w.para(_NONE)
    for group in view.quote_groups:
        w.heading(group.speaker, 2)
        for q in group.quotes:
            w.para(f"“{' '.join(q.text.split())}”", "Quote")
            who = f"— {q.attribution}" if q.attribution else ""
            w.para(who + _rv(q), None, (q.citation,))

    w.heading("Figures", 1)
    w.table(
        ("Figure", "What it measures", "Source"),
        [((f.text, ()), (f.meaning + _rv(f), ()), ("", (f.citation,))) for f in view.figures],
    )
    w.heading("National context", 1)
    w.bullets([(n.text, (n.citation,)) for n in view.national_context])
    _sources(w, view)


def render_docx(briefing: CouncilBriefing, *, review_base: str | None = "../articles") -> bytes:
    """The briefing as ``.docx`` bytes; citations link to review pages under ``review_base``."""
    return docx_of(build_view(briefing, review_base), briefing.generated_at)


def docx_of(view: BriefingView, generated_at: str) -> bytes:
    """``.docx`` bytes for a view already built (``publish`` builds one view for every format)."""
    try:
        stamp = datetime.fromisoformat(generated_at)
    except ValueError:
        stamp = _EPOCH
    header = safe(f"{view.council}: social services briefing · generated {view.generated}")
    return package(lambda body: _write(_Writer(body), view), header, safe(view.title), stamp)
