"""The app's translations: source strings are French, English comes from Qt Linguist files.

Each area of the GUI has its ``resources/translations/<area>_en.ts``. At start the app loads,
for the chosen language (:func:`crmsync.i18n.current_language`), every
``<area>_<lang>.qm`` and Qt's own ``qtbase_<lang>.qm``.

The ``.qm`` files are built from the ``.ts`` with ``pyside6-lrelease`` into the user's cache,
named after the ``.ts`` content, so an edited ``.ts`` is rebuilt at the next start and a
fresh clone or a wheel needs no build step. A bundle with no Qt tools ships ``.qm`` files
next to the ``.ts`` (``python -m crmsync.gui.i18n release``) and those are used instead.

    python -m crmsync.gui.i18n update [AREA…]   # regenerate the areas' .ts from the sources
    python -m crmsync.gui.i18n release          # write the .qm next to every .ts
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from crmsync import i18n
from crmsync.gui.forms_build import PACKAGE_DIR, PROJECT_DIR, ToolError, qt_tool

log = logging.getLogger(__name__)

#: The sources of each area's strings, as globs relative to the project folder.
AREAS: dict[str, tuple[str, ...]] = {
    "shell": (
        "crmsync/gui/main_window.py",
        "crmsync/gui/app.py",
        "crmsync/gui/tables.py",
        "crmsync/gui/folder_prefs.py",
        "crmsync/gui/sync_log_window.py",
        "crmsync/gui/background.py",
        "crmsync/gui/status_bar.py",
        "crmsync/gui/about.py",
        "crmsync/gui/deletion_dialog.py",
        "ui/folder_prefs.ui",
        "ui/sync_log.ui",
        "ui/about.ui",
        "ui/deletion.ui",
    ),
    "agenda": (
        "crmsync/gui/agenda/**/*.py",
        "crmsync/gui/contacts_page.py",
        "ui/agenda*.ui",
        "ui/contacts*.ui",
        "ui/action*.ui",
    ),
    "sync": (
        "crmsync/gui/users_dialog.py",
        "crmsync/gui/sync_prefs.py",
        "crmsync/gui/sync_wizard.py",
        "crmsync/gui/contacts_to_sync.py",
        "crmsync/gui/manual_connection.py",
        "crmsync/gui/status_light.py",
        "ui/users*.ui",
        "ui/contact_picker.ui",
        "ui/manual_connection.ui",
        "ui/sync_prefs*.ui",
        "ui/sync_wizard*.ui",
        "ui/user*.ui",
    ),
}

_installed: list[QTranslator] = []


def resources_dir() -> Path:
    """``resources/``: inside the package in a wheel, beside it in a source checkout."""
    packaged = PACKAGE_DIR / "resources"
    return packaged if packaged.is_dir() else PROJECT_DIR / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def cache_dir() -> Path:
    """Where built ``.qm`` files are kept (inside ``$CRMSYNC_DATA_DIR`` when it is set)."""
    override = os.environ.get("CRMSYNC_DATA_DIR")
    base = Path(override) / "cache" if override else Path(platformdirs.user_cache_dir("crmsync"))
    return base / "translations"


def area_sources(area: str, root: Path = PROJECT_DIR) -> list[Path]:
    found: set[Path] = set()
    for pattern in AREAS[area]:
        found.update(p for p in root.glob(pattern) if p.is_file())
    return sorted(found)


# --- loading ----------------------------------------------------------------------------


def compiled(ts: Path) -> Path | None:
    """The ``.qm`` of ``ts``: built into the cache when missing or stale, else the one
    shipped beside it; None when neither can be had."""
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    target = cache_dir() / f"{ts.stem}-{digest}.qm"
    if target.exists():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(suffix=".qm", dir=target.parent)
        os.close(handle)
        try:
            qt_tool("lrelease", ["-silent", str(ts), "-qm", scratch])
            os.replace(scratch, target)
        finally:
            if os.path.exists(scratch):
                os.unlink(scratch)
        return target
    except (OSError, ToolError, ImportError) as exc:
        log.info("translation %s not built (%s); using a shipped one if any", ts.name, exc)
    shipped = ts.with_suffix(".qm")
    return shipped if shipped.exists() else None


def translation_files(lang: str, folder: Path | None = None) -> list[Path]:
    """Every ``*_<lang>.qm`` to load: built from the ``.ts`` or shipped as ``.qm``."""
    folder = folder or translations_dir()
    found: list[Path] = []
    seen: set[str] = set()
    for ts in sorted(folder.glob(f"*_{lang}.ts")):
        qm = compiled(ts)
        if qm is not None:
            found.append(qm)
            seen.add(ts.stem)
    for qm in sorted(folder.glob(f"*_{lang}.qm")):
        if qm.stem not in seen:
            found.append(qm)
    return found


def remove() -> None:
    """Take the loaded translations out (the French source texts show again)."""
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()


def install(lang: str | None = None) -> str:
    """Load the translations of ``lang`` (default: the app's choice) into the running
    application, replacing those loaded before; returns the language."""
    lang = i18n.normalise(lang) or i18n.current_language()
    app = QCoreApplication.instance()
    remove()
    QLocale.setDefault(
        QLocale(QLocale.Language.French if lang == "fr" else QLocale.Language.English)
    )
    if app is None:
        return lang
    files = translation_files(lang)
    qt_own = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    qtbase = qt_own / f"qtbase_{lang}.qm"
    if qtbase.exists():
        files.append(qtbase)
    for path in files:
        translator = QTranslator(app)
        if translator.load(str(path)):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("translation %s could not be loaded", path.name)
    return lang


# --- maintaining the .ts files ------------------------------------------------------------


def ts_path(area: str, lang: str = "en") -> Path:
    return PROJECT_DIR / "resources" / "translations" / f"{area}_{lang}.ts"


def update(area: str, target: Path | None = None) -> Path | None:
    """Run ``lupdate`` over the area's sources into its ``.ts`` (or ``target``): new strings
    come in unfinished, strings gone are dropped. None when the area has no sources yet."""
    sources = area_sources(area)
    if not sources:
        return None
    target = target or ts_path(area)
    target.parent.mkdir(parents=True, exist_ok=True)
    args = [p.relative_to(PROJECT_DIR).as_posix() for p in sources]
    try:
        shown = target.relative_to(PROJECT_DIR).as_posix()
    except ValueError:
        shown = str(target)
    qt_tool(
        "lupdate",
        [
            "-silent",
            "-source-language",
            "fr_FR",
            "-target-language",
            "en_US",
            *args,
            "-ts",
            shown,
            "-no-obsolete",
        ],
        cwd=PROJECT_DIR,
    )
    return target


def release(folder: Path | None = None) -> list[Path]:
    """Write ``<name>.qm`` next to every ``.ts`` (for bundles with no Qt tools)."""
    written = []
    for ts in sorted((folder or translations_dir()).glob("*.ts")):
        qt_tool("lrelease", ["-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))])
        written.append(ts.with_suffix(".qm"))
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crmsync.gui.i18n",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    upd = commands.add_parser("update", help="regenerate the areas' .ts files from the sources")
    upd.add_argument("areas", nargs="*", metavar="AREA", help=", ".join(AREAS) + " (default: all)")
    commands.add_parser("release", help="write a .qm next to every .ts")
    args = parser.parse_args(argv)
    if args.command == "update":
        unknown = [a for a in args.areas if a not in AREAS]
        if unknown:
            parser.error(f"unknown area {unknown[0]!r}: use {', '.join(AREAS)}")
        for area in args.areas or list(AREAS):
            written = update(area)
            print(
                f"{area}: " + (str(written.relative_to(PROJECT_DIR)) if written else "no sources")
            )
    else:
        for path in release():
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
