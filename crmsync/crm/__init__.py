"""The CRM store: peewee models, opening the database, migrations and defaults."""

from __future__ import annotations

from crmsync.crm.db import atomic, close_database, open_database
from crmsync.crm.migrations import SCHEMA_VERSION, SchemaTooNewError, StoreError

__all__ = [
    "SCHEMA_VERSION",
    "SchemaTooNewError",
    "StoreError",
    "atomic",
    "close_database",
    "open_database",
]
