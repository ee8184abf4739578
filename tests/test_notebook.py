"""notebooks/quickstart.ipynb runs top to bottom and draws its chart."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "quickstart.ipynb"


def _kernel_manager():
    """A kernel manager that starts ipykernel with *this* interpreter.

    The installed ``python3`` kernelspec may point at another Python (a user-wide
    kernelspec, a CI image); answering every kernelspec lookup with this interpreter
    makes the test independent of what is installed where, and needs no
    ``ipykernel install``.
    """
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import KernelManager

    class ThisPython(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return KernelSpec(
                argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                display_name="Python 3 (promisemine tests)",
                language="python",
            )

    return KernelManager(kernel_name="python3", kernel_spec_manager=ThisPython())


@pytest.fixture(scope="module")
def executed():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        km=_kernel_manager(),
        timeout=300,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    return nb


def test_saved_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None


def test_no_cell_errored(executed):
    errors = [
        (i, o.get("ename"), o.get("evalue"))
        for i, cell in enumerate(executed.cells)
        if cell.cell_type == "code"
        for o in cell.outputs
        if o.output_type == "error"
    ]
    assert errors == []
    assert all(c.execution_count for c in executed.cells if c.cell_type == "code")


def test_chart_cell_shows_a_png(executed):
    chart_cells = [c for c in executed.cells if c.cell_type == "code" and "plt.subplots" in c.source]
    assert len(chart_cells) == 1
    pngs = [o for o in chart_cells[0].outputs if "image/png" in o.get("data", {})]
    assert pngs, "the chart cell produced no image/png output"
    assert len(pngs[0]["data"]["image/png"]) > 1000


def test_tables_were_shown(executed):
    text = "\n".join(
        o.get("data", {}).get("text/plain", "") if "data" in o else o.get("text", "")
        for c in executed.cells if c.cell_type == "code" for o in c.outputs
    )
    for column in ("doc_id", "party", "lemma", "status"):
        assert column in text
