"""The docstring examples of every sqmkit module run as tests, against the sqmkit that is imported.

Collected here rather than with ``--doctest-modules`` so that the same installed package serves the
examples and the other tests (pytest would otherwise import the source files a second time next to
the installed copy and refuse).
"""
import doctest
import importlib
import pkgutil

import pytest

import sqmkit

MODULES = sorted(name for _, name, _ in pkgutil.walk_packages(sqmkit.__path__, "sqmkit.")
                 if not name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of {name} failed (see output above)"
