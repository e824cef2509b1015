"""The installed package: small (≤ 15 MB), its extension stripped, its data files present."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import newsfacts as nf

from conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
from wheel_report import has_debug_sections

PACKAGE = Path(nf.__file__).parent


def test_installed_package_is_at_most_15_mb():
    files = [p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    size = sum(p.stat().st_size for p in files)
    assert size <= 15e6, f"installed package is {size / 1e6:.2f} MB"


def test_extension_is_stripped_when_installed_from_the_wheel():
    so = list(PACKAGE.glob("_core*.so"))
    if not so or PACKAGE.resolve().is_relative_to((REPO / "python").resolve()):
        pytest.skip("not an installed wheel")
    assert not has_debug_sections(so[0].read_bytes())


@pytest.mark.parametrize(
    "name", ["RECORD.md", "SAMPLE.md", "sample.jsonl", "world_110m.json.gz", "NATURALEARTH.md"]
)
def test_data_files_are_in_the_package(name):
    assert (PACKAGE / "data" / name).is_file()


def test_import_and_extract_leave_pandas_unloaded():
    """`import newsfacts` and `nf.extract` load neither pandas nor numpy: both cost import time,
    and numpy's OpenBLAS threads spin on the cores the extraction runs on; `nf.frames` loads
    pandas when it makes a table."""
    import subprocess

    code = (
        "import sys, newsfacts as nf\n"
        "nf.extract(['Italian Defence Minister Roberta Pinotti met Khalifa Haftar in Rome.'] * 3)\n"
        "assert 'pandas' not in sys.modules and 'numpy' not in sys.modules, 'loaded early'\n"
        "nf.frames(['Pinotti met Haftar in Rome.'])\n"
        "assert 'pandas' in sys.modules\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO / "tests")
    assert out.returncode == 0, out.stderr
