"""Workshop widgets (ipywidgets). Live when a notebook runs with ``interactive=True`` in a kernel
with a front-end; in batch runs (the runner sets ``interactive=False``) every control renders its
static result instead. One submodule per topic; the base helpers live here.
"""
from sqmkit.ui._base import is_live, save_table

__all__ = ["is_live", "save_table"]
