"""The README's screenshots of the desktop app, rendered offscreen from the demo.

    uv run python scripts/screenshots.py [--out docs/screenshots] [--lang fr] [--small]

The demo (its sample data, the local Google emulator, its users connected through OAuth) is
built in a temporary data folder, as ``crmsync --demo`` builds it, and the app's windows are
opened on it at 1280×800 for the user the app opens for:

- ``week.png``: the week view, on the busiest of this week and the next two;
- ``sync_tab.png``: Fichier → Utilisateurs…, the Synchronisation tab (connected: green light);
- ``wizard_preview.png``: the sync wizard's preview of every agenda the user may sync, the
  engine's dry run against the emulator;
- ``wizard_summary.png``: the wizard's summary after the real sync.

The week's "now" line is set at 10:40 today, so two runs on the same day draw the same week.
``--small`` builds a smaller demo (fewer actions and contacts), for the tests. The sample
titles hold a few emoji: without an emoji font (Debian: fonts-noto-color-emoji) they show
as empty boxes.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

SIZE = (1280, 800)
#: The week's "now": a fixed time of day, so that the picture does not move with the clock.
NOW = dt.time(10, 40)
#: The demo for the tests: the same kinds of data, fewer of them.
SMALL_DEMO = {"users": 2, "actions_per_user": 80, "contacts": 30, "photos": True}
#: Seconds to wait for the wizard's preview, then for its run.
WAIT_SECONDS = 120


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/screenshots.py",
        description="Render the README's screenshots of the desktop app from the demo.",
    )
    parser.add_argument(
        "--out", default="docs/screenshots", help="folder to write the PNG files to"
    )
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="the app's language")
    parser.add_argument(
        "--small", action="store_true", help="a smaller demo (quicker; for the tests)"
    )
    return parser.parse_args(argv)


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set these environment variables for the block, then put back what was there."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out = Path(args.out).resolve()
    with (
        tempfile.TemporaryDirectory(prefix="crmsync-screenshots-") as data,
        # Set before crmsync reads them: the demo lives in the temporary folder, the app and
        # the engine speak the language asked for, Qt draws offscreen.
        environment(CRMSYNC_DATA_DIR=data, CRMSYNC_LANG=args.lang, QT_QPA_PLATFORM="offscreen"),
    ):
        written = render(out, args.lang, small=args.small)
    for path in written:
        print(f"wrote {path} ({path.stat().st_size // 1024} kB)")
    return 0


def render(out: Path, lang: str, *, small: bool) -> list[Path]:
    """Build the demo, open the app on it and write the screenshots into ``out``."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from crmsync.commands.store import resolve_db
    from crmsync.crm import db as store
    from crmsync.crm.sample.generate import generate_sample
    from crmsync.demo import running_demo
    from crmsync.gui import i18n

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    args = argparse.Namespace(demo=True, db=None)
    out.mkdir(parents=True, exist_ok=True)
    try:
        if small:
            resolve_db(args)
            generate_sample(**SMALL_DEMO)  # type: ignore[arg-type]
        with running_demo(args) as demo:
            locale = QLocale()
            i18n.install(lang)
            try:
                return Shots(app, out, demo).take_all()
            finally:
                i18n.remove()
                QLocale.setDefault(locale)
    finally:
        store.close_database()


class Shots:
    """The app opened on the demo, and its windows written to PNG."""

    def __init__(self, app: Any, out: Path, demo: Any) -> None:
        from crmsync.crm import db as store
        from crmsync.gui.app import pick_user
        from crmsync.gui.background import localize_syncs
        from crmsync.gui.context import AppContext
        from crmsync.gui.main_window import MainWindow

        self.app = app
        self.out = out
        self.user = pick_user()
        # As the app builds it (crmsync.gui.app.run), without the emulator's address in the
        # status bar: its port changes at every run.
        self.context = AppContext(
            self.user.id,
            store.database_location() or "",
            google_endpoints=demo.endpoints,
            secret_store=demo.store,
        )
        localize_syncs(self.context)
        self.window = MainWindow(self.context, background=False)
        self.window.use_real_pages()

    def take_all(self) -> list[Path]:
        try:
            return [self.week(), self.sync_tab(), *self.wizard()]
        finally:
            self.window.close()
            self.context.shutdown()
            self.window.deleteLater()
            self.app.processEvents()

    # --- the pictures ---------------------------------------------------------------------

    def week(self) -> Path:
        from crmsync.gui.agenda import layout
        from crmsync.gui.agenda import store as agenda_store

        page = self.window.agenda_page
        zone = self.user.zone
        today = dt.datetime.now(zone).date()
        this_week = layout.monday_of(today)
        weeks = [this_week + dt.timedelta(weeks=n) for n in range(3)]
        busiest = max(weeks, key=lambda m: len(agenda_store.load_week([self.user], m, zone)))
        page.view.set_clock(dt.datetime.combine(today, NOW, tzinfo=zone))
        page.go_to(busiest)
        return self.save(self.window, "week")

    def sync_tab(self) -> Path:
        dialog = self.window.open_users()
        dialog.ui.tabs.setCurrentWidget(dialog.ui.prefsTab)
        try:
            return self.save(dialog, "sync_tab")
        finally:
            dialog.close()

    def wizard(self) -> list[Path]:
        from crmsync.gui.sync_wizard import SyncWizard

        wizard = self.window.open_sync_wizard()
        assert isinstance(wizard, SyncWizard)
        try:
            wizard.users_page.ui.allButton.click()  # every agenda the user may sync
            wizard.next()  # the options, as they open: the agenda, a normal sync
            wizard.next()
            self.wait(wizard.preview_page.isComplete, "the preview")
            refused = {u: r for u, r in wizard.preview_page.results.items() if isinstance(r, str)}
            if refused:
                raise RuntimeError(f"the demo's preview failed: {refused}")
            # Every user's line in sight, and below them the last one's first kind of
            # operations opened, as a click on it would.
            tree = wizard.preview_page.ui.previewTree
            last = tree.topLevelItem(tree.topLevelItemCount() - 1)
            if last is not None and last.childCount():
                last.child(0).setExpanded(True)
            preview = self.save(wizard, "wizard_preview")
            wizard.next()
            self.wait(lambda: wizard.currentId() == SyncWizard.SUMMARY, "the sync")
            failed: dict[int, Any] = dict(wizard.failures)
            failed.update({uid: s.errors for uid, s in wizard.summaries.items() if s.errors})
            if failed:
                raise RuntimeError(f"the demo's sync failed: {failed}")
            summary = self.save(wizard, "wizard_summary")
            return [preview, summary]
        finally:
            wizard.reject()  # « Fermer »; a run still going (a failure above) is stopped

    # --- helpers --------------------------------------------------------------------------

    def wait(self, done: Callable[[], bool], what: str) -> None:
        """Run the event loop until ``done()``, looking every 50 ms."""
        from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer

        deadline = QDeadlineTimer(WAIT_SECONDS * 1000)
        while not done():
            if deadline.hasExpired():
                raise TimeoutError(f"{what} took more than {WAIT_SECONDS} s")
            loop = QEventLoop()
            QTimer.singleShot(50, loop.quit)
            loop.exec()

    def save(self, window: Any, name: str) -> Path:
        """``window`` at the screenshots' size, as a PNG compressed as far as it goes."""
        from PIL import Image
        from PySide6.QtCore import QBuffer, QIODevice

        window.resize(*SIZE)
        window.show()
        for _ in range(3):  # the layouts settle, the views lay their rows out
            self.app.processEvents()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        window.grab().save(buffer, "PNG")
        path = self.out / f"{name}.png"
        with Image.open(io.BytesIO(bytes(buffer.data()))) as image:
            image.save(path, "PNG", optimize=True)
        return path


def quiet_offscreen_notices() -> None:
    """Leave out the offscreen platform's notice, repeated for every window shown, that it
    cannot size windows to their hints (it says nothing about the pictures)."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind: Any, _context: Any, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


if __name__ == "__main__":
    quiet_offscreen_notices()
    sys.exit(main())
