"""Grades that reporting names but nobody was given: a prediction, an ambition, a national
count, a survey of users, a negation. The words before a value say which."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarise.extract.offline.positions import in_range
from summarise.extract.offline.text import Segment
from summarise.models import Aspect

I = re.IGNORECASE
Q = r"[“”\"'‘’]{0,2}"  # any quote marks, doubled ('') too, or none

_PREDICTION = re.compile(
    r"\b(?:could|(?-i:may)|might|would|will|shall|should|expected|expects?|likely|unlikely|"
    r"set\s+to|"
    r"on\s+(?:course|track)|predict\w*|forecast\w*|at\s+risk\s+of|risks?\s+being|in\s+danger\s+of|"
    r"if|unless|whether|possible|possibly)\b|[’']ll\b",
    I,
)
_AMBITION = re.compile(
    r"\b(?:want(?:s|ed|ing)?|aim(?:s|ed|ing)?|ambitions?|ambitious|aspir\w*|striv\w*|target\w*|"
    r"goals?|hop(?:e|es|ed|ing)|determined|bid|plan(?:s|ned|ning)?\s+to|push(?:ing)?\s+for|"
    r"journey|working\s+towards?|seek(?:s|ing)?|intend(?:s|ed)?)\b",
    I,
)
CLAUSE_START = re.compile(r".*(?:[;:(]|\b(?:while|whereas|but|although|though)\b)", I | re.DOTALL)
_QUANT = (
    r"\d[\d,.]*\s*(?:%|per\s?cent)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|half|"
    r"third|quarters?|fifth|majority|minority|number|proportion|most|many|all|some|several|few"
)
_GROUP = (
    r"(?:(?:\w+-rated|other|english|local|social\s+services|children[’']s\s+services|"
    r"[“”\"'‘’]\w+[“”\"'‘’])\s+)*(?:councils|authorities|departments|areas|services|trusts)\b"
)
_STATISTIC = re.compile(
    rf"\b(?:{_QUANT})\s+(?:(?:in|of|out\s+of)\s+(?:\w+\s+)?(?:the\s+)?)?{_GROUP}"
    rf"|\b(?:councils|authorities|departments|areas)\s+(?:that|which|who|where)?\s*"
    r"(?:are|were|is|have\s+been|had\s+been|being)?\s*(?:rated|judged|deemed|found|assessed|"
    r"graded|given|with)\b"
    r"|\b\d+\s+(?:with|on|at)\s*$",
    I,
)
# People asked in a survey ("83% of service users rated services as good") grade nothing.
_SURVEY = re.compile(
    r"\b(?:\d[\d,.]*\s*(?:%|per\s?cent)?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"half|third|quarters?|majority|minority)\s+(?:(?:in|out\s+of)\s+\w+\s+)?"
    r"(?:of\s+(?:the\s+)?)?(?:(?:service|local|young|older|disabled|social\s+work|and)\s+){0,3}"
    r"(?:users|carers|residents|people|parents|staff|respondents|families|children|pupils|"
    r"workers|public)\b"
    r"|\b(?:questionnaires?|survey(?:ed|s)?|polls?|poll(?:ed)?)\b",
    I,
)
_SURVEY_AFTER = re.compile(
    r"^[^.;]{0,40}\b(?:in|by|from)\s+(?:a|the|its|their)\s+(?:\w+\s+)?"
    r"(?:survey|questionnaire|poll)\b",
    I,
)
_ONE_OF = re.compile(r"\bone\s+of\b|\bamong\b", I)
# "was not rated inadequate", "failed to win three stars": the grade was not given.
_NEGATED = re.compile(
    r"\b(?:not(?!\s+only)|never|failed\s+to|fail(?:s|ing)?\s+to)\b[^.;,]{0,25}$"
    r"|n[’']t\b[^.;,]{0,25}$",
    I,
)
_QUANT_BEFORE = re.compile(rf"\b(?:{_QUANT})\s+{Q}$", I)
_GROUP_AFTER = re.compile(rf"^{Q}(?:-rated)?\s+(?:local\s+)?(?:councils|authorities)\b", I)


def not_a_grade(s: Segment, start: int, aspect: Aspect, named: Sequence[int]) -> bool:
    """A prediction, an ambition or a national count names a grade that nobody was given.

    `named`: where councils are named, sorted (it is bisected, not scanned).
    """
    rel = start - s.start
    begin = max(0, rel - 80)
    before = s.text[begin:rel]
    clause = CLAUSE_START.match(before)
    if clause:
        before = before[clause.end() :]
    if _PREDICTION.search(before) or _AMBITION.search(before):
        return True
    if aspect != Aspect.serving_people and _NEGATED.search(before):
        return True
    # A count that goes on to list its councils ("three were given no stars: Bury, ...") is not
    # a national figure; nor are the words before the last council named ahead of the value.
    tail = s.text[rel : rel + 60]
    wide = s.text[max(0, rel - 160) : rel]
    clause_wide = CLAUSE_START.match(wide)
    if _SURVEY.search(wide[clause_wide.end() :] if clause_wide else wide) or _SURVEY_AFTER.search(
        tail
    ):
        return True
    listed = any(":" in s.text[rel : p - s.start] for p in in_range(named, start + 1, s.end))
    earlier = in_range(named, start - len(before), start)
    last = earlier[-1] if earlier else None
    if last is not None:
        before = s.text[last - s.start : rel]
        # "Lincolnshire was one of three councils rated outstanding": the named council's grade.
        listed = listed or bool(_ONE_OF.search(before))
    if not listed and _STATISTIC.search(before):
        return True
    value_end = re.match(r"[\w’'-]+(?:\s+improvement(?:\s+to\s+be\s+good)?)?", s.text[rel:])
    rest = s.text[rel + (value_end.end() if value_end else 0) :]
    return bool(_QUANT_BEFORE.search(before) and _GROUP_AFTER.search(rest))
