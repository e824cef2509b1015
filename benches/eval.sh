#!/usr/bin/env bash
# Accuracy report: `make eval` runs `bash benches/eval.sh ../shared/data benches/EVAL.md`.
#
# Runs every evaluation binary that exists in target/release (eval-ner, eval-dates, eval-places,
# eval-names,
# eval-syntax:
# each prints a Markdown section and takes --data DIR), the reference-article scorer
# (benches/seed_score.py), newsfacts vs spaCy on CoNLL-2003 test (benches/conll_eval.py, spaCy in
# .venv-bench), who-said-what in PolNeAR dev against spaCy + textacy (benches/quotes_eval.py) and
# themes/keywords (benches/themes_eval.py: Reuters topics, BBC false alarms, yake in .venv-bench),
# then assembles one Markdown file with a summary table on top. A missing binary, data
# set or tool is reported in its section and the rest goes on; the script exits 0 unless it cannot
# write the output.
set -uo pipefail

DATA="${1:-../shared/data}"
OUT="${2:-benches/EVAL.md}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PY:-$ROOT/.venv/bin/python}"
BENCH_VENV="${BENCH_VENV:-$ROOT/.venv-bench}"
BINS="${EVAL_BINS:-eval-ner eval-dates eval-places eval-names eval-syntax}"
SECTIONS="$(mktemp -d "${TMPDIR:-/tmp}/nf-eval.XXXXXX")"
trap 'rm -rf "$SECTIONS"' EXIT
SHARED="$(cd "$DATA/.." 2>/dev/null && pwd || echo "$DATA/..")"
i=0

note() { echo "eval: $*" >&2; }

# run_section NAME FILE CMD...: runs CMD with stdout into FILE; records time and status.
run_section() {
    local name="$1" file="$2"
    shift 2
    local t0=$SECONDS
    note "$name ..."
    "$@" >"$file" 2>"$file.err"
    local rc=$?
    echo "$name	$rc	$((SECONDS - t0))" >>"$SECTIONS/status.tsv"
    if [[ $rc -ne 0 ]]; then
        {
            echo
            echo "_\`$name\` exited with status $rc; last lines of its error output:_"
            echo
            echo '```'
            tail -n 8 "$file.err"
            echo '```'
        } >>"$file"
    fi
    note "$name: status $rc, $((SECONDS - t0)) s"
}

for bin in $BINS; do
    i=$((i + 1))
    file="$SECTIONS/$(printf %02d $i)-$bin.md"
    if [[ -x "$ROOT/target/release/$bin" ]]; then
        run_section "$bin" "$file" "$ROOT/target/release/$bin" --data "$DATA"
    else
        printf '## %s\n\n_Not run: target/release/%s does not exist (the stage has not landed yet)._\n' \
            "$bin" "$bin" >"$file"
        echo "$bin	absent	0" >>"$SECTIONS/status.tsv"
        note "$bin: absent"
    fi
done

i=$((i + 1))
run_section "seed_score" "$SECTIONS/$(printf %02d $i)-seed.md" "$PY" "$ROOT/benches/seed_score.py" --shared "$SHARED"

# newsfacts (.venv) and spaCy (.venv-bench) predict apart; one scorer reports both.
conll_section() {
    local preds=()
    if "$PY" "$ROOT/benches/conll_eval.py" predict --engine newsfacts --data "$DATA" \
        --out "$SECTIONS/nf.json" 2>"$SECTIONS/nf.err"; then
        preds+=("$SECTIONS/nf.json")
    else
        note "newsfacts on CoNLL failed: $(tail -n 1 "$SECTIONS/nf.err")"
    fi
    if bash "$ROOT/benches/setup_bench_env.sh" "$BENCH_VENV" >&2 \
        && "$BENCH_VENV/bin/python" "$ROOT/benches/conll_eval.py" predict --engine spacy --data "$DATA" \
            --out "$SECTIONS/spacy.json" 2>"$SECTIONS/spacy.err"; then
        preds+=("$SECTIONS/spacy.json")
    else
        note "spaCy on CoNLL not run: $(tail -n 1 "$SECTIONS/spacy.err" 2>/dev/null)"
    fi
    "$PY" "$ROOT/benches/conll_eval.py" report --data "$DATA" "${preds[@]}"
}
i=$((i + 1))
run_section "conll_eval" "$SECTIONS/$(printf %02d $i)-conll.md" conll_section

# Quotes on PolNeAR dev: newsfacts (.venv) and spaCy + textacy direct_quotations (.venv-bench).
quotes_section() {
    local preds=()
    if "$PY" "$ROOT/benches/quotes_eval.py" predict --engine newsfacts --data "$DATA" \
        --out "$SECTIONS/q-nf.jsonl" 2>"$SECTIONS/q-nf.err"; then
        preds+=("$SECTIONS/q-nf.jsonl")
    else
        note "newsfacts on PolNeAR failed: $(tail -n 1 "$SECTIONS/q-nf.err")"
    fi
    if bash "$ROOT/benches/setup_bench_env.sh" "$BENCH_VENV" >&2 \
        && "$BENCH_VENV/bin/python" "$ROOT/benches/quotes_eval.py" predict --engine textacy --data "$DATA" \
            --out "$SECTIONS/q-tx.jsonl" 2>"$SECTIONS/q-tx.err"; then
        preds+=("$SECTIONS/q-tx.jsonl")
    else
        note "textacy on PolNeAR not run: $(tail -n 1 "$SECTIONS/q-tx.err" 2>/dev/null)"
    fi
    "$PY" "$ROOT/benches/quotes_eval.py" report --data "$DATA" "${preds[@]}"
}
i=$((i + 1))
run_section "quotes_eval" "$SECTIONS/$(printf %02d $i)-quotes.md" quotes_section
# Themes on Reuters topics and BBC; keywords against yake (.venv-bench) on the same BBC articles.
themes_section() {
    local yake=()
    if bash "$ROOT/benches/setup_bench_env.sh" "$BENCH_VENV" >&2 \
        && "$BENCH_VENV/bin/python" "$ROOT/benches/themes_eval.py" yake --data "$DATA" \
            --out "$SECTIONS/yake.json" 2>"$SECTIONS/yake.err"; then
        yake+=(--yake-json "$SECTIONS/yake.json")
    else
        note "yake not run: $(tail -n 1 "$SECTIONS/yake.err" 2>/dev/null)"
    fi
    "$PY" "$ROOT/benches/themes_eval.py" report --data "$DATA" "${yake[@]}"
}
i=$((i + 1))
run_section "themes_eval" "$SECTIONS/$(printf %02d $i)-themes.md" themes_section

# Near-duplicates: planted copies among Reuters-21578 stories (benches/dedup_eval.py).
i=$((i + 1))
run_section "dedup_eval" "$SECTIONS/$(printf %02d $i)-dedup.md" "$PY" "$ROOT/benches/dedup_eval.py" --data "$DATA"

"$PY" "$ROOT/benches/assemble_eval.py" --sections "$SECTIONS" --data "$DATA" --out "$OUT"
