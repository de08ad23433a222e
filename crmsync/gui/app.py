"""Starting the desktop application: translations, the signed-in user, the main window."""

from __future__ import annotations

import getpass
import logging
import os
import sys
from typing import Any

from PySide6.QtWidgets import QApplication

from crmsync.crm.models import Action, User
from crmsync.gui import i18n
from crmsync.gui.background import localize_syncs
from crmsync.gui.context import AppContext
from crmsync.gui.main_window import MainWindow, app_icon

log = logging.getLogger(__name__)

USER_ENV = "CRMSYNC_USER"


class NoSuchUser(LookupError):
    """The user asked for is not an active user of this database."""


def pick_user(login: str | None = None) -> User:
    """Who the app opens for: ``login`` (or ``$CRMSYNC_USER``); else the CRM user named like
    the system's account; else the first user with an agenda who is not an admin (the demo);
    else an admin. An empty database gets its first user, an admin named after the account."""
    wanted = (login or os.environ.get(USER_ENV, "")).strip()
    active = User.select().where(User.active == True)  # noqa: E712
    if wanted:
        found = active.where(User.login == wanted).first()
        if found is None:
            raise NoSuchUser(
                f"No active user {wanted!r} in this database (see: crmsync user list)."
            )
        return found
    try:
        account = getpass.getuser()
    except (OSError, KeyError, ImportError):
        account = ""
    found = active.where(User.login == account).first() if account else None
    if found is not None:
        return found
    owners = Action.live().select(Action.owner).distinct()
    found = (
        active.where(User.is_admin == False, User.id.in_(owners))  # noqa: E712
        .order_by(User.login)
        .first()
    )
    found = found or active.order_by(User.is_admin.desc(), User.login).first()
    if found is None:
        login = account or "admin"
        found = User.create(login=login, name=login, is_admin=True)
        log.info("Empty database: its first user, %s, is an admin", login)
    return found


def run(
    database_label: str,
    google_label: str = "",
    argv: list[str] | None = None,
    *,
    google_endpoints: Any = None,
    secret_store: Any = None,
    user_login: str | None = None,
) -> int:
    """Open the main window on the already opened CRM store and run the event loop; Google
    is reached at ``google_endpoints`` with the secrets of ``secret_store`` (default: the
    environment's and the user's)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("crmsync")
    app.setOrganizationName("crmsync")
    app.setWindowIcon(app_icon())
    i18n.install()
    user = pick_user(user_login)
    context = AppContext(
        user.id,
        database_label,
        google_label,
        google_endpoints=google_endpoints,
        secret_store=secret_store,
    )
    localize_syncs(context)
    window = MainWindow(context)
    window.use_real_pages()
    window.show()
    try:
        return int(app.exec())
    finally:
        window.background.stop()
        context.shutdown()
        # What the stopped workers queued must not reach the views once the store closes.
        # (No processEvents here: a second queued Quit would stop every later event loop.)
        context.syncs.blockSignals(True)
        context.blockSignals(True)
        window.deleteLater()
        i18n.remove()
