"""Copy the top-level notebooks/, templates/ and sample_data/ into the wheel as package data.

The repository keeps them at the top level (DESIGN.md section 1); an installed sqmkit finds
them under ``sqmkit/_data``. Editable installs read them from the repository instead
(see ``sqmkit.resources``).
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = ("notebooks", "templates", "sample_data")


class BuildWithData(build_py):
    def run(self):
        super().run()
        root = Path(__file__).parent
        target = Path(self.build_lib) / "sqmkit" / "_data"
        for folder in DATA_FOLDERS:
            source = root / folder
            if source.is_dir():
                shutil.copytree(
                    source, target / folder, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.bak"),
                )


setup(cmdclass={"build_py": BuildWithData})
