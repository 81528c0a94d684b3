"""Package plumbing: one package per method step with lazy re-exports, no import cycles, no borrowed private
names, the glossary a leaf, and the shared checks of sqmkit._checks."""
import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sqmkit import _checks
from sqmkit.exceptions import DataValidationError


PACKAGES = ["sqmkit.health", "sqmkit.needs", "sqmkit.kpis", "sqmkit.spc", "sqmkit.rootcause", "sqmkit.pdca",
            "sqmkit.satisfaction"]
SOURCE = Path(__file__).resolve().parents[1] / "sqmkit"


@pytest.mark.parametrize("package", PACKAGES)
def test_lazy_exports_match_submodules(package):
    pkg = importlib.import_module(package)
    for module, names in pkg._EXPORTS.items():
        sub = importlib.import_module(f"{package}.{module}")
        assert sorted(sub.__all__) == sorted(names), f"{package}._EXPORTS[{module!r}] is out of date"
        for name in names:
            assert getattr(pkg, name) is getattr(sub, name)
    assert len(pkg.__all__) == len(set(pkg.__all__))
    with pytest.raises(AttributeError, match="has no attribute 'no_such_chart'"):
        getattr(pkg, "no_such_chart")


def test_import_is_quiet_and_light():
    packages = ", ".join(PACKAGES)
    code = (f"import sys, sqmkit, {packages}; "
            "print(sorted(m for m in sys.modules if m in ('matplotlib', 'ipywidgets', 'scipy', 'sklearn') "
            "or m.startswith('sqmkit.') and m.count('.') > 1 and m.rsplit('.', 1)[1] != '_lazy'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]" and out.stderr == ""


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in SOURCE.rglob("*.py"):
        parts = path.relative_to(SOURCE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def _defining_module(package: str, name: str, modules: dict) -> str:
    """Where ``from package import name`` really leads: a submodule, a lazily exported name's module, or the package."""
    if f"{package}.{name}" in modules:
        return f"{package}.{name}"
    exports = getattr(importlib.import_module(package), "_EXPORTS", {}) if package in modules else {}
    for module, names in exports.items():
        if name in names:
            return f"{package}.{module}"
    return package


def _imports(modules: dict) -> dict[str, set[tuple[str, str | None]]]:
    """Module → the sqmkit modules it imports anywhere in its body (functions too), with the name taken, if any."""
    out: dict[str, set] = {}
    for module, tree in modules.items():
        edges = out.setdefault(module, set())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                edges |= {(a.name, None) for a in node.names if a.name.startswith("sqmkit")}
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sqmkit"):
                edges |= {(node.module, a.name) for a in node.names}
    return out


def test_no_import_cycles():
    modules = _modules()
    graph = {m: {_defining_module(target, name, modules) if name else target for target, name in edges} - {m}
             for m, edges in _imports(modules).items()}
    cycles, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(graph.get(node, set())):
            if state.get(nxt) == "open":
                cycles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state and nxt in graph:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_no_module_takes_another_modules_private_names():
    modules = _modules()
    borrowed = []
    for module, edges in _imports(modules).items():
        for target, name in edges:
            private_module = target.rsplit(".", 1)[-1].startswith("_") and target.rsplit(".", 1)[0] not in (
                module, module.rsplit(".", 1)[0]) and target not in ("sqmkit._checks", "sqmkit._lazy")
            if (name and name.startswith("_") and not name.startswith("__")) or private_module:
                borrowed.append(f"{module} <- {target}.{name}")
    assert borrowed == []


def test_the_glossary_is_a_leaf():
    modules = _modules()
    for module, edges in _imports(modules).items():
        if module.startswith("sqmkit.glossary"):
            assert {t for t, _ in edges if not t.startswith("sqmkit.glossary")} == set(), module


def test_choice_sentence_is_seaborns():
    with pytest.raises(DataValidationError, match=r"^The value for `chart` must be one of \['i', 'mr'\], but 'x' was passed\.$"):
        _checks.check_choice("chart", "x", ["i", "mr"])
    _checks.check_choice("by", None, [None, "channel"])
    with pytest.raises(ValueError, match=r"must be one of \['zh', 'en'\], but 'de'"):
        _checks.check_lang("de")


def test_require_columns_names_all_missing_and_what_is_there():
    df = pd.DataFrame({"a": [1], "b": [2]})
    assert _checks.require_columns(df, ["a"], table="survey") is df
    with pytest.raises(DataValidationError, match=r"^Table 'survey' has no columns \['c', 'd'\] needed for the grouping; "
                                                  r"it has \['a', 'b'\]\. Fix: ") as err:
        _checks.require_columns(df, ["a", "c", "d"], table="survey", purpose="the grouping")
    assert (err.value.table, err.value.column) == ("survey", "c")
    with pytest.raises(DataValidationError, match=r"The `survey` table must be a pandas DataFrame, but list was passed"):
        _checks.require_columns([1, 2], ["a"], table="survey")


def test_problems_are_listed_together():
    one, two = DataValidationError("x blank", table="t", column="x"), DataValidationError("y < 0", table="t", column="y")
    _checks.raise_problems([], table="t")
    with pytest.raises(DataValidationError) as err:
        _checks.raise_problems([one], table="t")
    assert err.value is one
    with pytest.raises(DataValidationError, match=r"Table 't' has 2 problems:\n  1\. x blank\n  2\. y < 0") as err:
        _checks.raise_problems([one, two], table="t")
    assert err.value.problems == [one, two] and err.value.column == "x"
