"""Package plumbing: the lazy re-exports of sqmkit.plots / sqmkit.ui and the shared checks of sqmkit._checks."""
import importlib
import subprocess
import sys

import pandas as pd
import pytest

from sqmkit import _checks
from sqmkit.exceptions import DataValidationError


@pytest.mark.parametrize("package", ["sqmkit.plots", "sqmkit.ui"])
def test_lazy_exports_match_submodules(package):
    pkg = importlib.import_module(package)
    for module, names in pkg._EXPORTS.items():
        sub = importlib.import_module(f"{package}.{module}")
        if module != "_base":
            assert sorted(sub.__all__) == sorted(names), f"{package}._EXPORTS[{module!r}] is out of date"
        for name in names:
            assert getattr(pkg, name) is getattr(sub, name)
    assert len(pkg.__all__) == len(set(pkg.__all__))
    with pytest.raises(AttributeError, match="has no attribute 'no_such_chart'"):
        getattr(pkg, "no_such_chart")


def test_import_is_quiet_and_light():
    code = "import sys, sqmkit, sqmkit.plots, sqmkit.ui; print(sorted(m for m in ('matplotlib', 'ipywidgets', 'sqmkit.plots.kpis') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]" and out.stderr == ""


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
