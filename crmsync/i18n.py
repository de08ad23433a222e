"""The one language choice of crmsync, for the desktop app and the command line alike.

First match wins:

1. an explicit choice (a command's ``--lang``);
2. ``$CRMSYNC_LANG`` (``fr`` or ``en``), for scripts;
3. the folder's setting ``interface.language`` (Préférences dossier), when a database is open;
4. the system: French when its locale is French, English otherwise.

Qt-free: the GUI installs its translators from :func:`current_language`, and the commands
render the Google messages (:mod:`crmsync.google.messages`) in the same language.
"""

from __future__ import annotations

import locale
import logging
import os

log = logging.getLogger(__name__)

LANGUAGES = ("fr", "en")
LANG_ENV = "CRMSYNC_LANG"
#: FolderSettings key: "fr", "en", or "" for the system's language.
SETTING_KEY = "interface.language"


def normalise(value: str | None) -> str:
    """``"fr"``, ``"en"`` or ``""`` (not given); raises ValueError for another language."""
    code = (value or "").strip().lower().replace("-", "_")[:2]
    if not code:
        return ""
    if code not in LANGUAGES:
        raise ValueError(f"Unknown language {value!r}: use fr or en.")
    return code


def system_language() -> str:
    """French when the system's locale is French, English otherwise."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    try:
        # Windows and macOS give the user's locale here even with no variable set
        name = locale.getlocale()[0] or ""
    except ValueError:
        name = ""
    return "fr" if name.lower().startswith("fr") else "en"


def folder_language() -> str:
    """The language chosen in the folder's preferences ("" when none, or no database)."""
    from crmsync.crm import db as store

    if store.database_proxy.obj is None:
        return ""
    from crmsync.crm.models import FolderSettings

    try:
        return normalise(FolderSettings.get_value(SETTING_KEY))
    except ValueError:
        return ""
    except Exception:  # noqa: BLE001 - a store error must not stop a message being shown
        log.debug("the language setting could not be read", exc_info=True)
        return ""


def current_language(explicit: str | None = None) -> str:
    """The language to speak now: ``"fr"`` or ``"en"`` (see the module's docstring)."""
    chosen = normalise(explicit)
    if chosen:
        return chosen
    try:
        chosen = normalise(os.environ.get(LANG_ENV))
    except ValueError:
        log.warning("%s should be fr or en; using the system's language", LANG_ENV)
        chosen = ""
    return chosen or folder_language() or system_language()


def save_folder_language(value: str) -> None:
    """Record the folder's language ("" = the system's)."""
    from crmsync.crm.models import FolderSettings

    FolderSettings.set_value(SETTING_KEY, normalise(value))
