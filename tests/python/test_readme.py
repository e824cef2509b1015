"""The README's Python examples run as written, and the values they show in comments are right.

Every ```python block of README.md runs, in order, in one namespace, from ../shared/reference
(where the README's ``seed-article.txt`` is). An expression followed by a comment that holds a
Python literal (``# [('this week', '2017-W39'), ...]``) must evaluate to that literal.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import REPO, shared_path

BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def _literal(comment: str):
    """The Python literal a comment starts with (prose may follow after two spaces), or None."""
    text = comment.lstrip("#").strip()
    parts = re.split(r"\s{2,}", text)
    for k in range(len(parts), 0, -1):
        try:
            return True, ast.literal_eval("  ".join(parts[:k]))
        except (ValueError, SyntaxError):
            continue
    return False, None


def _checks(source: str) -> list[tuple[int, str, object]]:
    """(line, expression, expected) for each expression statement with a literal in its comment."""
    lines = source.splitlines()
    out = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.Expr):
            continue
        expr = ast.get_source_segment(source, node)
        end = node.end_lineno
        same = lines[end - 1][node.end_col_offset :].strip()
        comment = same if same.startswith("#") else ""
        if not comment and end < len(lines) and lines[end].strip().startswith("#"):
            comment = lines[end].strip()
        ok, value = _literal(comment) if comment else (False, None)
        if ok:
            out.append((end, expr, value))
    return out


def blocks() -> list[str]:
    return BLOCK.findall((REPO / "README.md").read_text(encoding="utf-8"))


def test_readme_has_python_examples():
    assert len(blocks()) >= 2
    assert sum(len(_checks(b)) for b in blocks()) >= 3


def test_readme_examples_run_as_written(monkeypatch):
    ref = shared_path("reference")
    monkeypatch.chdir(ref)
    namespace: dict = {}
    for i, source in enumerate(blocks()):
        exec(compile(source, f"README.md python block {i + 1}", "exec"), namespace)
        for line, expr, want in _checks(source):
            got = eval(expr, namespace)
            if hasattr(got, "tolist"):
                got = got.tolist()
            assert got == want, f"block {i + 1} line {line}: {expr}"


def test_the_checker_catches_a_wrong_value():
    checks = _checks("x = [1, 2]\nx  # [1, 3]\nlen(x)\n# 2  — prose\n")
    assert checks == [(2, "x", [1, 3]), (3, "len(x)", 2)]
    namespace: dict = {}
    exec("x = [1, 2]", namespace)
    assert eval(checks[0][1], namespace) != checks[0][2]


@pytest.mark.parametrize("name", ["seed-article.txt"])
def test_the_readme_names_a_file_that_exists(name):
    assert (Path(shared_path("reference")) / name).exists()
