"""`check_span`'s messages quote the span and the article up to 60 characters, whole.

Written to kill mutants that survived in summarise/align/spans.py (scripts/mutation.sh): the
message is what a user reads when a span does not hold its text.
"""

from __future__ import annotations

from summarise.align.spans import check_span
from summarise.models import Span

TEXT = "a" * 100


def test_sixty_characters_are_quoted_whole() -> None:
    sixty = "b" * 60
    assert check_span(TEXT, Span(start=0, end=60, text=sixty)) == (
        f"span 0-60 text '{sixty}' does not match the article's '{'a' * 60}'"
    )


def test_a_longer_text_is_cut_to_sixty_characters_with_an_ellipsis() -> None:
    assert check_span(TEXT, Span(start=0, end=61, text="b" * 61)) == (
        f"span 0-61 text '{'b' * 57}...' does not match the article's '{'a' * 57}...'"
    )
    assert check_span(TEXT, Span(start=90, end=200, text="c" * 110)) == (
        f"span 90-200 ('{'c' * 57}...') is outside the text (length 100)"
    )
