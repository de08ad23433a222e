"""An in-memory keyring backend for the tests: the secure OS keyring cannot be had here."""

from __future__ import annotations

import keyring.backend
import keyring.errors


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A stand-in for a secure OS keyring (none can be had on a test machine).

    It behaves as the real backends do where crmsync cares: deleting a password that is
    not there raises :class:`keyring.errors.PasswordDeleteError`.
    """

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}
        self.failed_deletes = 0

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        try:
            del self.passwords[(service, username)]
        except KeyError:
            self.failed_deletes += 1
            raise keyring.errors.PasswordDeleteError("Password not found") from None
