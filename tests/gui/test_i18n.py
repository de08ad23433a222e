"""Translations: one language choice for the app and the command line, complete .ts files,
no source string missing from its area's .ts, and the .qm built and loaded."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from crmsync import i18n
from crmsync.cli import main
from crmsync.crm import db as store
from crmsync.crm.models import FolderSettings, User
from crmsync.gui import i18n as gui_i18n

TRANSLATIONS = gui_i18n.PROJECT_DIR / "resources" / "translations"


def messages(ts: Path, *, finished_only: bool = False) -> set[tuple[str, str]]:
    found = set()
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if finished_only and (
                translation is None or translation.get("type") in ("unfinished", "vanished")
            ):
                continue
            found.add((name, message.findtext("source") or ""))
    return found


def unfinished(ts: Path) -> list[str]:
    left = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") == "unfinished":
            left.append(source)
            continue
        forms = translation.findall("numerusform")
        texts = [f.text for f in forms] if forms else [translation.text]
        if not all((t or "").strip() for t in texts):
            left.append(source)
    return left


def missing_strings(area: str, ts: Path, tmp_path: Path) -> set[tuple[str, str]]:
    fresh = gui_i18n.update(area, target=tmp_path / f"{area}_fresh.ts")
    if fresh is None:
        return set()
    return messages(fresh) - messages(ts, finished_only=True)


@pytest.mark.parametrize("ts", sorted(TRANSLATIONS.glob("*.ts")), ids=lambda p: p.name)
def test_every_translation_file_is_finished(ts):
    assert unfinished(ts) == []


def test_the_shell_has_its_translation_file():
    assert (TRANSLATIONS / "shell_en.ts").exists()


@pytest.mark.parametrize("area", sorted(gui_i18n.AREAS))
def test_no_source_string_is_missing_from_its_area(area, tmp_path):
    ts = TRANSLATIONS / f"{area}_en.ts"
    if not gui_i18n.area_sources(area):
        pytest.skip(f"no sources of the {area} area in this tree")
    assert ts.exists(), f"run: uv run python -m crmsync.gui.i18n update {area}"
    missing = missing_strings(area, ts, tmp_path)
    assert missing == set(), (
        f"strings missing from {ts.name}: run `uv run python -m crmsync.gui.i18n update "
        f"{area}` and translate them"
    )


def test_a_string_missing_from_the_ts_is_found(tmp_path):
    trimmed = tmp_path / "shell_en.ts"
    tree = ET.parse(TRANSLATIONS / "shell_en.ts")
    for context in tree.getroot().iter("context"):
        if context.findtext("name") == "MainWindow":
            message = next(m for m in context.iter("message") if m.findtext("source") == "&Quitter")
            context.remove(message)
    tree.write(trimmed, encoding="utf-8")
    assert missing_strings("shell", trimmed, tmp_path) == {("MainWindow", "&Quitter")}


# --- the one language choice ------------------------------------------------------------


@pytest.fixture
def no_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", i18n.LANG_ENV):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_language_choice_in_order(no_locale, tmp_path):
    no_locale.setenv("LANG", "fr_FR.UTF-8")
    assert i18n.current_language() == "fr"
    no_locale.setenv("LANG", "de_DE.UTF-8")
    assert i18n.current_language() == "en"  # English when the system is not French
    store.open_database(tmp_path / "crm.sqlite")
    try:
        i18n.save_folder_language("fr")
        assert i18n.current_language() == "fr"  # the folder's choice beats the system's
        no_locale.setenv(i18n.LANG_ENV, "en")
        assert i18n.current_language() == "en"  # $CRMSYNC_LANG beats the folder's
        assert i18n.current_language("fr") == "fr"  # and an explicit --lang beats all
        i18n.save_folder_language("")
        assert FolderSettings.get_value(i18n.SETTING_KEY) == ""
    finally:
        store.close_database()
    with pytest.raises(ValueError):
        i18n.normalise("de")


def test_the_command_line_speaks_the_app_language(no_locale, tmp_path, capsys):
    db = tmp_path / "crm.sqlite"
    store.open_database(db)
    User.create(login="alice", name="Alice", email="alice@example.com")
    i18n.save_folder_language("en")
    store.close_database()
    no_locale.setenv("LANG", "fr_FR.UTF-8")
    assert main(["--db", str(db), "status", "--user", "alice"]) == 0
    english = capsys.readouterr().out
    no_locale.setenv(i18n.LANG_ENV, "fr")
    assert main(["--db", str(db), "status", "--user", "alice"]) == 0
    french = capsys.readouterr().out
    store.close_database()
    assert english.startswith("alice: grey — ") and french.startswith("alice: grey — ")
    assert english != french
    from crmsync.google.messages import text

    assert text("client_missing", "en").split(":")[0] in english
    assert text("client_missing", "fr").split(":")[0] in french


# --- building and loading ---------------------------------------------------------------


def test_english_is_loaded_and_french_is_the_source(qapp, tmp_path, monkeypatch):
    try:
        assert gui_i18n.install("en") == "en"
        assert QCoreApplication.translate("MainWindow", "&Quitter") == "&Quit"
        built = sorted(gui_i18n.cache_dir().glob("shell_en-*.qm"))
        assert len(built) == 1
        assert gui_i18n.install("fr") == "fr"
        assert QCoreApplication.translate("MainWindow", "&Quitter") == "&Quitter"
    finally:
        gui_i18n.remove()


def test_an_edited_ts_is_built_again(tmp_path):
    ts = tmp_path / "demo_en.ts"
    ts.write_text((TRANSLATIONS / "shell_en.ts").read_text(encoding="utf-8"), encoding="utf-8")
    first = gui_i18n.compiled(ts)
    assert first is not None and first.exists()
    assert gui_i18n.compiled(ts) == first  # up to date: not built again
    ts.write_text(
        ts.read_text(encoding="utf-8").replace(">&amp;Quit<", ">&amp;Leave<"), encoding="utf-8"
    )
    second = gui_i18n.compiled(ts)
    assert second is not None and second != first


def test_every_translatable_source_belongs_to_one_area():
    """A file with strings for Qt Linguist but in no area would be left out of `update`,
    and its translations dropped the next time the area is regenerated."""
    import re

    root = gui_i18n.PROJECT_DIR
    marked = re.compile(r"\.tr\(|QCoreApplication\.translate\(")
    wanted = {
        p.relative_to(root).as_posix()
        for p in (root / "crmsync" / "gui").rglob("*.py")
        if "forms" not in p.parts and marked.search(p.read_text(encoding="utf-8"))
    } | {p.relative_to(root).as_posix() for p in (root / "ui").glob("*.ui")}
    owners: dict[str, list[str]] = {}
    for area in gui_i18n.AREAS:
        for path in gui_i18n.area_sources(area):
            owners.setdefault(path.relative_to(root).as_posix(), []).append(area)
    assert sorted(f for f in wanted if f not in owners) == []
    assert {f: a for f, a in owners.items() if len(a) > 1} == {}
