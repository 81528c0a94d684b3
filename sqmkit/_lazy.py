"""Lazy re-exports (PEP 562) for the ``sqmkit.plots`` and ``sqmkit.ui`` packages.

``import sqmkit.plots`` stays cheap (no matplotlib, no ipywidgets): a name such as
``sqmkit.rootcause.pareto_chart`` imports its topic submodule on first use.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, Sequence[str]]) -> tuple[Callable[[str], Any],
                                                                              Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` for a package re-exporting its submodules' names.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    exports : mapping
        Submodule name (relative, e.g. ``"tickets"`` or ``"plots"``) → the names it exports.

    Returns
    -------
    tuple
        ``(__getattr__, __dir__, __all__)`` to assign at the package's top level. Submodules are
        reachable as attributes too (``sqmkit.kpis.plots``).
    """
    where = {name: module for module, names in exports.items() for name in names}
    public = [name for names in exports.values() for name in names]

    def __getattr__(name: str) -> Any:
        if name in where:
            value = getattr(importlib.import_module(f"{package}.{where[name]}"), name)
        elif name in exports and not name.startswith("_"):
            value = importlib.import_module(f"{package}.{name}")
        else:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return value

    def __dir__() -> list[str]:
        return sorted(set(public) | {m for m in exports if not m.startswith("_")})

    return __getattr__, __dir__, public
