"""The output contract: Pydantic models that reviewers and tools read.

Field names and enum values come from docs/contract.md; they may be added to but never renamed
or dropped. This package imports nothing else from summarise, so that every other module can use
it. The parts: `common` (versions, enums, the strict base, spans), `article` (ArticleSummary and
the ingested Article), `briefing` (CouncilBriefing). Import from here: `from summarise.models
import X` (each name is re-exported below as `X as X`).
"""

from summarise.models.article import Article as Article
from summarise.models.article import ArticleSummary as ArticleSummary
from summarise.models.article import CouncilRef as CouncilRef
from summarise.models.article import DateFrom as DateFrom
from summarise.models.article import Figure as Figure
from summarise.models.article import Judgement as Judgement
from summarise.models.article import Person as Person
from summarise.models.article import Point as Point
from summarise.models.article import Provenance as Provenance
from summarise.models.article import Quote as Quote
from summarise.models.article import Review as Review
from summarise.models.article import Source as Source
from summarise.models.article import Usage as Usage
from summarise.models.briefing import REVIEW as REVIEW
from summarise.models.briefing import BriefingFigure as BriefingFigure
from summarise.models.briefing import BriefingPoint as BriefingPoint
from summarise.models.briefing import BriefingQuote as BriefingQuote
from summarise.models.briefing import BriefingSource as BriefingSource
from summarise.models.briefing import CouncilBriefing as CouncilBriefing
from summarise.models.briefing import CouncilId as CouncilId
from summarise.models.briefing import FactReview as FactReview
from summarise.models.briefing import LatestJudgement as LatestJudgement
from summarise.models.briefing import NarrativeSentence as NarrativeSentence
from summarise.models.briefing import NationalPoint as NationalPoint
from summarise.models.briefing import ReviewCount as ReviewCount
from summarise.models.briefing import SourceRef as SourceRef
from summarise.models.briefing import TimelineEvent as TimelineEvent
from summarise.models.common import ASPECT_VALUES as ASPECT_VALUES
from summarise.models.common import DATE_PATTERN as DATE_PATTERN
from summarise.models.common import FACT_ID as FACT_ID
from summarise.models.common import SCHEMA_VERSION as SCHEMA_VERSION
from summarise.models.common import SCHEMA_VERSIONS as SCHEMA_VERSIONS
from summarise.models.common import Alignment as Alignment
from summarise.models.common import Aspect as Aspect
from summarise.models.common import Body as Body
from summarise.models.common import Confidence as Confidence
from summarise.models.common import JudgementValue as JudgementValue
from summarise.models.common import Outcome as Outcome
from summarise.models.common import ReviewType as ReviewType
from summarise.models.common import Scope as Scope
from summarise.models.common import ServiceArea as ServiceArea
from summarise.models.common import Span as Span
from summarise.models.common import Strict as Strict
