#!/usr/bin/env bash
# Mutation score of the modules the suite must guard (see [tool.mutmut] in pyproject.toml):
# summarise/align/spans.py (alignment), summarise/brief/consolidate.py (consolidation), the LLM
# response model's validators (summarise/extract/llm/response_model.py and the judgement checks
# in summarise/extract/llm/judgement_checks.py) and the offline judgement rules
# (summarise/extract/offline/judgements.py, judgement_filters.py, judgement_owner.py).
# CPU-heavy (about 2,100 mutants); not part of CI. Arguments go to `mutmut run`: mutant names or
# globs, e.g. `bash scripts/mutation.sh 'summarise.align.spans.*'` for one module (the tally
# counts every module's latest result). Prints mutmut's per-mutant results and the
# killed share. `.venv/bin/mutmut show NAME` shows one mutant's diff.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then rm -rf mutants; fi  # named mutants: rerun those, keep the other results
export SUMMARISE_HYPOTHESIS_PROFILE=mutation  # 25 examples per property test, not 100
nice .venv/bin/mutmut run --max-children "${MUTMUT_CHILDREN:-2}" "$@" >/dev/null || true
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
