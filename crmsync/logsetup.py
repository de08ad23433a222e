"""How crmsync logs: one place, so that no record leaves the process with a secret in it.

:func:`configure` is what the command line and the desktop app call first. The cleaning of
records (:mod:`crmsync.google.redact`) is installed before any handler, and the handlers
made here carry the same cleaning as a filter too, in case a library replaces the record
factory afterwards.
"""

from __future__ import annotations

import logging

from crmsync.google import redact

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def level_for(verbosity: int) -> int:
    """WARNING by default, INFO with ``-v``, DEBUG with ``-vv``."""
    return logging.WARNING - 10 * min(max(verbosity, 0), 2)


def configure(verbosity: int = 0) -> None:
    """Set up the root logger for ``verbosity`` (the count of ``-v``), secrets masked."""
    redact.install()
    logging.basicConfig(level=level_for(verbosity), format=FORMAT)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, redact.SecretRedactor) for f in handler.filters):
            handler.addFilter(redact.SecretRedactor())
