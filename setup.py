"""Build step: the checkout's top-level templates/, static/ and migrations/ go into the wheel as package data.

The project card keeps those folders at the top of the repository; an installed app finds them inside its
package (clubs_exchange/templates, clubs_exchange/static, clubs_exchange/migrations), beside the compiled
translations (clubs_exchange/translations, already in the package). Everything else is in pyproject.toml.
An editable install (`pip install -e .`, the Makefile's) copies nothing: create_app reads the folders from the
checkout then (clubs_exchange/__init__.py, `_folder`).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
ASSET_FOLDERS = ("templates", "static", "migrations")
# static/vendor (`make vendor-htmx`, git-ignored) goes along when present: HTMX_SELF_HOSTED needs it installed.
LEFT_OUT = shutil.ignore_patterns("__pycache__", "*.pyc")


class BuildPyWithAssets(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for folder in ASSET_FOLDERS:
            target = Path(self.build_lib) / "clubs_exchange" / folder
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(HERE / folder, target, ignore=LEFT_OUT)

    def get_outputs(self, include_bytecode=1):
        outputs = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False):
            for folder in ASSET_FOLDERS:
                base = Path(self.build_lib) / "clubs_exchange" / folder
                outputs += [str(p) for p in base.rglob("*") if p.is_file()]
        return outputs


setup(cmdclass={"build_py": BuildPyWithAssets})
