"""Where an article came from and which official report it links, read from its raw lines.

The dev corpus's files start ``SOURCE: https://...`` (the page each was fetched from); some
articles also link the inspection report itself. A briefing shows both, so a reader can go to
the press article and, where there is one, to the report it describes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice
from urllib.parse import urlsplit

_SOURCE_LINE = re.compile(r"^\s*(?:SOURCE|URL)\s*:\s*(https?://\S+)\s*$", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.IGNORECASE)
_TOP_LINES = 5
# Sites that publish inspection reports (a report link, not news about one).
_REPORT_HOSTS = (
    "reports.ofsted.gov.uk",
    "files.ofsted.gov.uk",
    "ofsted.gov.uk",
    "cqc.org.uk",
    "careinspectorate.wales",
    "careinspectorate.com",
    "audit-commission.gov.uk",
    "csci.org.uk",
)


def source_url(lines: Iterable[str]) -> str | None:
    """The URL of a ``SOURCE: https://...`` line among the first non-empty lines."""
    for line in islice((line for line in lines if line.strip()), _TOP_LINES):
        found = _SOURCE_LINE.match(line)
        if found:
            return found.group(1)
    return None


def report_url(lines: Iterable[str], own: str | None = None) -> str | None:
    """The first link to an inspectorate's site that is not the article's own address."""
    for line in lines:
        if "://" not in line:
            continue
        for match in _URL.finditer(line):
            url = match.group(0).rstrip(".,;:")
            if url != own and _is_report_host(urlsplit(url).hostname or ""):
                return url
    return None


def _is_report_host(host: str) -> bool:
    host = host.lower()
    return any(host == known or host.endswith("." + known) for known in _REPORT_HOSTS)
