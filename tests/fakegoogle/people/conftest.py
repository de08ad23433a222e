"""People emulator fixtures: Alice's service and a contact maker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from people_helpers import ALICE


@pytest.fixture
def people(people_api):
    """Alice's People service."""
    return people_api(ALICE)


@pytest.fixture
def new_contact(people) -> Callable[..., dict[str, Any]]:
    """``new_contact(given, family, **fields)`` → the created person (all fields)."""

    def make(given: str = "Ada", family: str = "Lovelace", **fields: Any) -> dict[str, Any]:
        body = {"names": [{"givenName": given, "familyName": family}], **fields}
        return people.people().createContact(body=body).execute()

    return make
