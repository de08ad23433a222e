"""The Qt-free core must never pull in PySide6, and the command line says what it offers."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE_PACKAGES = ("crmsync.crm", "crmsync.sync", "crmsync.google", "crmsync.fakegoogle")

# Run in a fresh interpreter: import the named module, then call the optional expression,
# and print the Qt modules loaded (nothing when there are none).
_PROBE = textwrap.dedent(
    """
    import importlib, sys
    module = importlib.import_module(sys.argv[1])
    if sys.argv[2]:
        eval(sys.argv[2], {"module": module})
    print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] == "PySide6")))
    """
)


def modules_under(package: str, root: Path = ROOT) -> list[str]:
    """Every module and package of ``package``, found on disk without importing any."""
    folder = root.joinpath(*package.split("."))
    names = []
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def qt_loaded_by(module: str, then: str = "", path: Path = ROOT) -> list[str]:
    """The PySide6 modules a fresh interpreter holds after importing ``module`` (from
    ``path`` first) and evaluating ``then``; raises ImportError if that fails."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(path), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, module, then],
        capture_output=True,
        text=True,
        cwd=path,
        env=env,
        timeout=120,
    )
    if done.returncode != 0:
        raise ImportError(f"importing {module} failed:\n{done.stderr}")
    return done.stdout.split()


# Import the named modules one after the other in one fresh interpreter; the first module
# after whose import PySide6 modules appear is the one that loaded them.
_PROBE_ALL = textwrap.dedent(
    """
    import importlib, json, sys
    found = {}
    for name in sys.argv[1:]:
        before = {m for m in sys.modules if m.split(".")[0] == "PySide6"}
        try:
            importlib.import_module(name)
        except Exception as exc:
            found[name] = f"importing {name} failed: {type(exc).__name__}: {exc}"
            continue
        after = {m for m in sys.modules if m.split(".")[0] == "PySide6"}
        if after - before:
            found[name] = sorted(after - before)
    print(json.dumps(found))
    """
)


def qt_loaded_by_each(modules: list[str], path: Path = ROOT) -> dict[str, object]:
    """The modules that load PySide6 (with what they load) or fail to import (with the
    error), found in one fresh interpreter importing them in turn."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(path), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", _PROBE_ALL, *modules],
        capture_output=True,
        text=True,
        cwd=path,
        env=env,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout)


def test_every_core_module_imports_without_pyside6():
    modules = [name for package in CORE_PACKAGES for name in modules_under(package)]
    assert len(modules) > 40 and "crmsync.crm.models" in modules
    assert qt_loaded_by_each(modules) == {}


def test_the_command_line_parser_is_built_without_pyside6():
    assert qt_loaded_by("crmsync.cli", "module.build_parser()") == []


def test_the_check_catches_a_module_that_imports_pyside6(tmp_path):
    pytest.importorskip("PySide6")
    package = tmp_path / "corepkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "clean.py").write_text("import json\n")
    (package / "uses_qt.py").write_text("from corepkg import clean\nimport PySide6.QtCore\n")
    modules = modules_under("corepkg", root=tmp_path)
    assert modules == ["corepkg", "corepkg.clean", "corepkg.uses_qt"]
    offenders = qt_loaded_by_each(modules, path=tmp_path)
    assert list(offenders) == ["corepkg.uses_qt"]
    assert "PySide6.QtCore" in offenders["corepkg.uses_qt"]
    (package / "broken.py").write_text("import no_such_module_here\n")
    broken = qt_loaded_by_each(["corepkg.broken"], path=tmp_path)
    assert "No module named 'no_such_module_here'" in broken["corepkg.broken"]


def test_help_lists_every_command():
    from crmsync.cli import build_parser

    (subcommands,) = [
        action
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    ]
    commands = sorted(subcommands.choices)
    assert {"info", "user", "sync"} <= set(commands)
    out = subprocess.run(
        [sys.executable, "-m", "crmsync", "--help"],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    assert out.startswith("usage: crmsync")
    listed = {
        line.split()[0] for line in out.splitlines() if line.startswith("    ") and line.split()
    }
    missing = [command for command in commands if command not in listed]
    assert missing == [], f"--help does not list {missing}:\n{out}"


def _crmsync_imports(path: Path) -> set[str]:
    """The crmsync modules a source file imports, anywhere in it (functions included)."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == "crmsync"}


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("crmsync.crm", ("crmsync.sync", "crmsync.google", "crmsync.gui")),
        ("crmsync.google", ("crmsync.sync", "crmsync.gui")),
        ("crmsync.sync", ("crmsync.gui",)),
    ],
)
def test_layers_point_one_way(package, forbidden):
    """The store knows no engine nor Google client; the Google clients know no engine; the
    engine knows no GUI (the engine sits on both, the GUI on top of everything)."""
    folder = ROOT.joinpath(*package.split("."))
    wrong = {
        f"{path.relative_to(ROOT).as_posix()} imports {name}"
        for path in sorted(folder.rglob("*.py"))
        for name in _crmsync_imports(path)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    }
    assert not wrong, sorted(wrong)
