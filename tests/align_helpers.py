"""What the alignment tests share: a short article and the check that a span is grounded in it."""

from __future__ import annotations

from summarise.align.spans import (
    check_span,
)
from summarise.models import Span

ARTICLE = (
    "Inspectors found that Norfolk County Council had made good progress in improving "
    "services\nfor older people since the last joint review in 2003. The council’s director "
    "of social services, Jane Smith, said: “We are delighted that the inspectors recognised "
    "the hard work of our staff and we will continue to build on these foundations.”\n\n"
    "However, the report — published on Tuesday — warned that too many children were "
    "waiting too long for an assessment, and 83% of care plans were out of date. "
    "The council had made good progress, it said, but good progress was not enough. "
    "A further £9million? was promised for the area (C, Blakeney and Bream) [1] .* end."
)


def assert_grounded(text: str, span: Span | None) -> Span:
    assert span is not None
    assert span.text == text[span.start : span.end]
    assert check_span(text, span) is None
    return span
