"""The Qt-free core must never pull in PySide6."""

from __future__ import annotations

import subprocess
import sys


def test_core_packages_do_not_import_pyside6():
    code = (
        "import sys\n"
        "import crmsync.crm, crmsync.sync, crmsync.google, crmsync.fakegoogle, crmsync.cli\n"
        "import pkgutil, importlib\n"
        "for pkg in (crmsync.crm, crmsync.sync, crmsync.google, crmsync.fakegoogle):\n"
        "    for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(mod.name)\n"
        "crmsync.cli.build_parser()\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_help_lists_commands():
    out = subprocess.run(
        [sys.executable, "-m", "crmsync", "--help"], check=True, capture_output=True, text=True
    ).stdout
    assert "crmsync" in out
