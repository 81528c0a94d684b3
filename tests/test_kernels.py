"""A run's kernels started ahead and warmed up (sqmkit.kernels), on real kernels."""
import nbformat
from conftest import process_alive
from nbclient import NotebookClient

from sqmkit import runner
from sqmkit.kernels import KernelPool, notebook_modules, warm_up_code


def pool_in(tmp_path, names, *, ahead, modules=("json",)):
    (tmp_path / "logs").mkdir(exist_ok=True)

    def manager(name):
        return runner._kernel_manager_class(tmp_path / "logs" / f"{name}.kernel.log", "en")()

    return KernelPool({name: warm_up_code(modules) for name in names}, manager=manager, cwd=tmp_path, ahead=ahead)


def test_notebook_modules_are_the_top_level_imports_of_the_code_cells():
    cells = ["import pandas as pd\nfrom sqmkit import io, plots as p\nfrom . import x\n", "def f():\n    import scipy\n",
             "from __future__ import annotations", "!pip list"]
    assert notebook_modules(cells) == ["pandas", "sqmkit", "sqmkit.io", "sqmkit.plots"]


def test_a_warmed_kernel_runs_the_notebook_as_a_fresh_one_would(tmp_path):
    pool = pool_in(tmp_path, ["a"], ahead=1, modules=("json", "no_such_module_here"))
    try:
        manager = pool.kernel("a")
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(
            "import os, sys\nprint('json' in sys.modules, os.getcwd(), os.environ.get('SQMKIT_LANG'))\n"
            "print(sorted(k for k in globals() if not k.startswith('_')))")]
        NotebookClient(nb, km=manager, timeout=120).execute()
        pool.release("a", manager, manager.__dict__.get("clients", ()))
    finally:
        pool.close()
    cell = nb.cells[0]
    assert cell.execution_count == 1  # the warm-up took no execution count
    imported, cwd, lang = cell.outputs[0]["text"].splitlines()[0].split()
    assert (imported, cwd, lang) == ("True", str(tmp_path), "en")
    assert cell.outputs[0]["text"].splitlines()[1] == "['In', 'Out', 'exit', 'get_ipython', 'open', 'os', 'quit', 'sys']"
    assert (tmp_path / "logs" / "a.kernel.log").exists()


def test_at_most_ahead_kernels_are_alive_and_close_stops_those_not_handed_back(tmp_path):
    pool = pool_in(tmp_path, ["a", "b", "c"], ahead=2)
    try:
        first = pool.kernel("a")
        pids = [first.provisioner.process.pid]
        assert sorted(pool._starts) == ["a", "b"]  # c waits until a kernel is handed back
        pool.release("a", first)
        assert not process_alive(pids[0])
        assert sorted(pool._starts) == ["b", "c"]
        pids += [pool.kernel(name).provisioner.process.pid for name in ("b", "c")]
    finally:
        pool.close()
    assert not any(process_alive(pid) for pid in pids)
