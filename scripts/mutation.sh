#!/usr/bin/env bash
# Mutation score of the modules the suite must guard (see [tool.mutmut] in pyproject.toml):
# summarise/align.py, summarise/consolidate.py, summarise/extract/response_model.py (the LLM
# response model's validators) and summarise/extract/offline/review.py (the judgement rules).
# CPU-heavy (about 1,400 mutants); not part of CI. Prints mutmut's per-mutant results and the
# killed share. `.venv/bin/mutmut show NAME` shows one mutant's diff.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf mutants
export SUMMARISE_HYPOTHESIS_PROFILE=mutation  # 25 examples per property test, not 100
nice .venv/bin/mutmut run --max-children "${MUTMUT_CHILDREN:-2}" >/dev/null || true
.venv/bin/mutmut results --all true > mutants/results.txt || true
.venv/bin/python - <<'PY'
from collections import Counter
from pathlib import Path

rows = [line.rsplit(": ", 1) for line in Path("mutants/results.txt").read_text().splitlines()]
status = Counter(s.strip() for _, s in rows if _)
by_module = {}
for name, s in rows:
    module = name.strip().split(".x_")[0].split(".xǁ")[0]
    by_module.setdefault(module, Counter())[s.strip()] += 1
for module, c in sorted(by_module.items()):
    total = sum(c.values())
    share = f"{c['killed'] / total:.1%}"
    print(f"{module:45s} killed {c['killed']:4d} / {total:4d}  ({share})  {dict(c)}")
total = sum(status.values())
share = f"{status['killed'] / total:.1%}"
print(f"all: killed {status['killed']} of {total} mutants = {share}  {dict(status)}")
PY
