"""Compile the Qt Designer forms: every ``ui/<name>.ui`` → ``crmsync/gui/forms/ui_<name>.py``.

    python -m crmsync.gui.forms_build            # write the modules that changed
    python -m crmsync.gui.forms_build --check    # list the stale ones, exit 1 if any

The generated modules are committed (a wheel needs no Qt tool to run); a test fails when one
differs from what ``pyside6-uic`` makes of its form today.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: The source checkout (``ui/``, ``resources/`` and ``pyproject.toml`` live here).
PROJECT_DIR = PACKAGE_DIR.parent
UI_DIR = PROJECT_DIR / "ui"
FORMS_DIR = Path(__file__).resolve().parent / "forms"
TOOL_TIMEOUT = 120


class ToolError(RuntimeError):
    """A Qt tool failed; the message has its output."""


def qt_tool(name: str, args: Sequence[str], *, cwd: Path | None = None) -> str:
    """Run PySide6's ``name`` tool (uic, lupdate, lrelease) as ``pyside6-<name>`` would, with
    this interpreter, so it is found in a virtual environment on every platform."""
    command = [
        sys.executable,
        "-c",
        f"from PySide6.scripts.pyside_tool import {name}; {name}()",
        *args,
    ]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=TOOL_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise ToolError(f"pyside6-{name} {' '.join(args)} failed:\n{done.stderr}{done.stdout}")
    return done.stdout


def module_for(form: Path) -> Path:
    return FORMS_DIR / f"ui_{form.stem}.py"


def forms(ui_dir: Path = UI_DIR) -> list[Path]:
    return sorted(ui_dir.glob("*.ui"))


def compile_form(form: Path) -> str:
    """What ``pyside6-uic`` makes of ``form`` (paths relative to the project, so the output
    is the same in every checkout)."""
    return qt_tool("uic", [form.relative_to(PROJECT_DIR).as_posix()], cwd=PROJECT_DIR)


def stale_forms(ui_dir: Path = UI_DIR) -> list[Path]:
    """The forms whose committed module is missing or differs from a fresh compile."""
    stale = []
    for form in forms(ui_dir):
        target = module_for(form)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != compile_form(form):
            stale.append(form)
    return stale


def build(ui_dir: Path = UI_DIR) -> list[Path]:
    """Write every module that changed; returns them."""
    written = []
    for form in forms(ui_dir):
        target = module_for(form)
        fresh = compile_form(form)
        if not target.exists() or target.read_text(encoding="utf-8") != fresh:
            target.write_text(fresh, encoding="utf-8", newline="\n")
            written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crmsync.gui.forms_build", description=__doc__)
    parser.add_argument("--check", action="store_true", help="list stale modules, write none")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_forms()
        for form in stale:
            print(f"stale: {module_for(form).relative_to(PROJECT_DIR)} (from {form.name})")
        return 1 if stale else 0
    for path in build():
        print(f"wrote {path.relative_to(PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
