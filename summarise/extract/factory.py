"""Pick the backend the settings ask for (auto: llm when a key or base URL is configured)."""

from __future__ import annotations

from summarise.extract import Extractor
from summarise.llm.config import Settings


def make_extractor(settings: Settings) -> Extractor:
    if settings.resolved_backend() == "offline":
        from summarise.extract.offline import OfflineExtractor

        return OfflineExtractor()
    from summarise.extract.llm.extractor import LLMExtractor

    return LLMExtractor(settings)
