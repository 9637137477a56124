"""Build step: the checkout's top-level templates/, static/ and migrations/ go into the wheel as package data.

The project card keeps those folders at the top of the repository; an installed app finds them inside its
package (clubs_exchange/templates, clubs_exchange/static, clubs_exchange/migrations), beside the compiled
translations: the catalogues (clubs_exchange/translations/<lang>/LC_MESSAGES/messages.po) are compiled here into
messages.mo beside them, as `make compile-translations` does for a checkout. Everything else is in pyproject.toml.
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
        for catalogue in _catalogues():
            compiled = Path(self.build_lib) / catalogue.relative_to(HERE).with_suffix(".mo")
            compiled.parent.mkdir(parents=True, exist_ok=True)
            _compile(catalogue, compiled)

    def get_outputs(self, include_bytecode=1):
        outputs = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False):
            for folder in ASSET_FOLDERS:
                base = Path(self.build_lib) / "clubs_exchange" / folder
                outputs += [str(p) for p in base.rglob("*") if p.is_file()]
            outputs += [str(Path(self.build_lib) / c.relative_to(HERE).with_suffix(".mo")) for c in _catalogues()]
        return outputs


def _catalogues() -> list[Path]:
    return sorted((HERE / "clubs_exchange" / "translations").glob("*/LC_MESSAGES/messages.po"))


def _compile(catalogue: Path, compiled: Path) -> None:
    """What `pybabel compile` does (fuzzy entries left out); Babel is a build requirement (pyproject.toml)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalogue.open("rb") as source:
        messages = read_po(source, locale=catalogue.parts[-3])
    with compiled.open("wb") as target:
        write_mo(target, messages, use_fuzzy=False)


setup(cmdclass={"build_py": BuildPyWithAssets})
