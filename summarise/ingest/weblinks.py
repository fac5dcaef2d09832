"""Which official inspection report an article links, read from its raw lines.

Some articles link the report they describe. A briefing links it beside its caveat ("compiled
from press reporting"), so a reader can go from the press account to the report itself. The
article's own address (its ``SOURCE:`` line) is read by ``sourceinfo``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.IGNORECASE)
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
