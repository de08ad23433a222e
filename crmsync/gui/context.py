"""What every window of the app shares: the signed-in user, the workers and the syncs.

One :class:`AppContext` is made at start and handed to the main window, which hands it to
the pages and dialogs it opens. ``changed`` tells every view to read the store again after
a write made elsewhere (a dialog, a sync, an import).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from crmsync.crm import queries
from crmsync.crm.models import User
from crmsync.gui.sync_runner import SyncRunner
from crmsync.gui.workers import Workers
from crmsync.sync.host import SyncHost

#: What changed, for ``AppContext.changed``.
ACTIONS = "actions"
CONTACTS = "contacts"
USERS = "users"
SETTINGS = "settings"


class AppContext(QObject):
    """State shared by the main window, its pages and its dialogs."""

    #: (what, user id or 0): the store changed; views showing it reload.
    changed = Signal(str, int)
    #: (action id, owner id): an action was created, edited, moved, duplicated or deleted in
    #: the GUI; the automatic push of users with « Automatique » listens to it.
    action_edited = Signal(int, int)

    def __init__(
        self,
        current_user_id: int,
        database_label: str = "",
        google_label: str = "",
        parent: QObject | None = None,
        *,
        google_endpoints: Any = None,
        secret_store: Any = None,
        isolate_syncs: bool = True,
    ) -> None:
        super().__init__(parent)
        self.current_user_id = current_user_id
        self.database_label = database_label
        self.google_label = google_label
        #: Where Google is (the demo's emulator) and where tokens are (the demo's store);
        #: None for the defaults (the environment, the OS keyring).
        self.google_endpoints = google_endpoints
        self.secret_store = secret_store
        self.workers = Workers(self)
        #: The helper process the syncs run in (crmsync.sync.host); None when the database
        #: cannot be opened from another process (an in-memory one): syncs then run on the
        #: workers themselves.
        self.sync_host = _make_host(google_endpoints, secret_store) if isolate_syncs else None
        self.syncs = SyncRunner(
            self.workers,
            parent=self,
            session_factory=self.google_session,
            host=self.sync_host,
        )
        self.syncs.finished.connect(lambda uid, _reason, _summary: self.changed.emit(ACTIONS, uid))

    @property
    def current_user(self) -> User:
        return User.get_by_id(self.current_user_id)

    def visible_users(self, right: str = "agenda") -> list[User]:
        """The current user first, then those he may see (``right="agenda"``: whose agenda he
        may see and sync; otherwise: whom he may see at all)."""
        if right == "agenda":
            return queries.agenda_users(self.current_user)
        return queries.visible_users(self.current_user)

    def google_session(self, user: User) -> Any:
        """A Google session for ``user`` on this app's endpoints and secrets store."""
        from crmsync.google.session import GoogleSession

        return GoogleSession(user, endpoints=self.google_endpoints, store=self.secret_store)

    def shutdown(self, msecs: int = 5000) -> None:
        """Cancel running work and wait for it (at exit)."""
        self.workers.cancel_all()
        self.workers.wait(msecs)
        if self.sync_host is not None:
            self.sync_host.close(msecs / 1000)


def _make_host(endpoints: Any, store: Any) -> SyncHost | None:
    try:
        return SyncHost(endpoints=endpoints, store=store)
    except ValueError:
        return None
