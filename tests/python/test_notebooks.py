"""Every notebook in notebooks/ executes headless without an error (nbclient, kernel python3).

The kernel is this interpreter's (ipykernel's native ``python3`` kernel runs ``sys.executable``), so
the notebooks see the wheel installed in the venv. The briefing must also produce its figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb")) if NOTEBOOKS.is_dir() else []
PATHS = [p for p in PATHS if not p.name.endswith(".nbconvert.ipynb")]


def execute(path: Path):
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return nb


def outputs(nb, output_type: str | None = None) -> list[dict]:
    return [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if output_type is None or o.get("output_type") == output_type
    ]


def test_there_are_notebooks():
    assert PATHS, f"no notebooks under {NOTEBOOKS}"


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_notebook_executes_without_errors(path, monkeypatch):
    # Headless: figures go to the inline backend, never to a window.
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    nb = execute(path)
    errors = outputs(nb, "error")
    assert not errors, f"{path.name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    if path.name == "briefing.ipynb":
        images = [o for o in outputs(nb) if "image/png" in o.get("data", {})]
        assert len(images) >= 4, f"briefing made {len(images)} figures, expected at least 4"
        html = [o for o in outputs(nb) if "nf-render" in str(o.get("data", {}).get("text/html", ""))]
        assert html, "briefing did not render an article with nf.render"
        said = [o for o in outputs(nb) if "longest_quote" in str(o.get("data", {}).get("text/html", ""))]
        assert said, "briefing did not show its who-said-what table"


def test_kernel_is_this_interpreter():
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    exe = spec.argv[0]
    assert (
        exe in ("python", "python3", "{python}", sys.executable)
        or Path(exe).resolve() == Path(sys.executable).resolve()
    ), f"kernel python3 runs {exe}, not {sys.executable}"


def _has_data(ax) -> bool:
    return bool(ax.collections or ax.lines or ax.patches)


def test_briefing_plots_have_legends_and_map_labels_do_not_overlap(monkeypatch):
    """Runs the briefing's code here (Agg backend) and looks at every figure it shows."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = NOTEBOOKS / "briefing.ipynb"
    if not path.exists():
        pytest.skip("no briefing notebook")
    shown = []

    def show(*args, **kwargs):
        fig = plt.gcf()
        fig.canvas.draw()
        shown.append(fig)

    monkeypatch.setattr(plt, "show", show)
    monkeypatch.chdir(path.parent)
    nb = nbformat.read(path, as_version=4)
    namespace: dict = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, "briefing.ipynb", "exec"), namespace)
    assert len(shown) >= 4
    for fig in shown:
        for ax in fig.axes:
            if _has_data(ax):
                assert ax.get_legend() is not None, f"a plot without a legend: {ax.get_title()!r}"
    maps = [ax for fig in shown for ax in fig.axes if ax.get_title() == "Places mentioned"]
    assert len(maps) == 1
    ax = maps[0]
    labels = [t for t in ax.texts if t.get_text()]
    assert len(labels) >= 10
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in labels]
    overlaps = [
        (labels[i].get_text(), labels[j].get_text())
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if boxes[i].overlaps(boxes[j])
    ]
    assert overlaps == []
    assert len(ax.collections[0].get_paths()) > 200, "the land outlines are drawn"
    plt.close("all")
