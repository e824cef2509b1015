"""The command line: version, gzip input, field names, tables to a directory, errors, exit codes."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import newsfacts as nf

from conftest import read_jsonl, shared_path


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsfacts", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def reuters(tmp_path_factory) -> Path:
    """40 Reuters articles (two with an empty text) as .jsonl.gz."""
    arts = read_jsonl(shared_path("data", "reuters21578", "all.jsonl.gz"), limit=40)
    path = tmp_path_factory.mktemp("in") / "reuters.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for a in arts:
            f.write(json.dumps(a) + "\n")
    return path


def test_version(tmp_path):
    r = run("--version", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.strip() == f"newsfacts {nf.__version__}"


def test_gzip_input_to_records_and_exit_status_says_articles_failed(tmp_path, reuters):
    r = run("extract", str(reuters), "-o", "out.jsonl", cwd=tmp_path)
    recs = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    arts = read_jsonl(reuters)
    assert [x["id"] for x in recs] == [a["id"] for a in arts]
    failed = sum(bool(x["errors"]) for x in recs)
    assert failed == sum(not a["text"].strip() for a in arts) > 0
    assert r.returncode == 3, r.stderr
    assert f"{len(arts)} articles, {failed} with errors" in r.stderr


def test_clean_input_exits_zero_and_reads_stdin(tmp_path):
    sample = nf.load_sample()[:3]
    lines = "".join(json.dumps({"body": a["text"], "key": a["id"]}) + "\n" for a in sample)
    r = run(
        "extract", "-", "--text-field", "body", "--id-field", "key", "--published", "2017-09-28",
        "--include", "entities,dates", cwd=tmp_path, stdin=lines,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["id"] for x in recs] == [a["id"] for a in sample]
    assert all(x["entities"] and not x["places"] for x in recs)
    assert recs[0]["published"] == "2017-09-28"


def test_tables_to_a_directory_in_each_format(tmp_path, reuters):
    r = run("extract", str(reuters), "--out", "pq", "--format", "parquet", "--batch-size", "15", cwd=tmp_path)
    assert r.returncode == 3, r.stderr
    fr = nf.Frames.from_parquet(tmp_path / "pq")
    want = nf.frames(read_jsonl(reuters))
    for name, df in want.tables().items():
        pd.testing.assert_frame_equal(getattr(fr, name), df, obj=name)
    r = run("extract", str(reuters), "--out", "csv", "--format", "csv", "-q", cwd=tmp_path)
    assert r.returncode == 3 and r.stderr == ""
    assert len(pd.read_csv(tmp_path / "csv" / "mentions.csv")) == len(want.mentions)
    r = run("extract", str(reuters), "--out", "js", "--format", "jsonl", "-q", cwd=tmp_path)
    assert len(pd.read_json(tmp_path / "js" / "entities.jsonl", lines=True)) == len(want.entities)


def test_parquet_input_by_row_groups_to_tables_batch_by_batch(tmp_path, reuters):
    import pyarrow as pa
    import pyarrow.parquet as pq

    arts = read_jsonl(reuters)
    pq.write_table(pa.Table.from_pylist(arts), tmp_path / "in.parquet", row_group_size=10)
    r = run("extract", "in.parquet", "--out", "out", "--format", "parquet", "--batch-size", "7", cwd=tmp_path)
    assert r.returncode == 3, r.stderr
    assert "40 articles into out/ (parquet), 2 with errors" in r.stderr
    written = pq.ParquetFile(tmp_path / "out" / "mentions.parquet")
    assert written.metadata.num_row_groups == 6  # one per batch of 7: streamed, not gathered
    fr = nf.Frames.from_parquet(tmp_path / "out")
    want = nf.frames(arts)
    for name, df in want.tables().items():
        pd.testing.assert_frame_equal(getattr(fr, name), df, obj=name)
    (tmp_path / "bad.parquet").write_text("not parquet")
    r = run("extract", "bad.parquet", "--out", "out2", cwd=tmp_path)
    assert r.returncode == 1 and "bad.parquet: not a readable Parquet file" in r.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["extract", "missing.jsonl"], 1, "newsfacts: error: missing.jsonl: no such file"),
        (["extract", "bad.jsonl"], 1, "newsfacts: error: bad.jsonl:3: not valid JSON"),
        (
            ["extract", "bad.jsonl", "--threads", "-1"],
            2,
            "--threads: expected a positive whole number, got -1",
        ),
        (["extract", "bad.jsonl", "--published", "yesterday"], 2, "--published"),
        (["extract", "bad.jsonl", "--include", "entites"], 2, "'entites'"),
        (["extract", "bad.jsonl", "--format", "csv"], 2, "give --out DIR"),
    ],
)
def test_errors_are_one_clear_line(tmp_path, args, code, message):
    text = nf.load_sample()[1]["text"]
    (tmp_path / "bad.jsonl").write_text(
        json.dumps({"text": text}) + "\n\n" + '{"text": "unfinished\n' + json.dumps({"text": text}) + "\n"
    )
    r = run(*args, cwd=tmp_path)
    assert r.returncode == code
    assert message in r.stderr
    assert "Traceback" not in r.stderr
    errors = [line for line in r.stderr.splitlines() if "error" in line]
    assert len(errors) == 1, r.stderr
