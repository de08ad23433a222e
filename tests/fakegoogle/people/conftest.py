"""Helpers for the People service tests (driven through google-api-python-client only)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from googleapiclient.errors import HttpError
from PIL import Image

ALICE = "alice@example.com"
NOT_FOUND = {
    "error": {
        "code": 404,
        "message": "Requested entity was not found.",
        "errors": [
            {"message": "Requested entity was not found.", "domain": "global", "reason": "notFound"}
        ],
        "status": "NOT_FOUND",
    }
}


def error_of(call: Any) -> tuple[int, dict[str, Any]]:
    """Execute a request that must fail; its HTTP status and decoded JSON body."""
    with pytest.raises(HttpError) as caught:
        call.execute()
    return caught.value.resp.status, json.loads(caught.value.content)


def bad_request(message: str, status: str = "INVALID_ARGUMENT") -> dict[str, Any]:
    """The full body of a People 400 without details."""
    reason = "failedPrecondition" if status == "FAILED_PRECONDITION" else "badRequest"
    return {
        "error": {
            "code": 400,
            "message": message,
            "errors": [{"message": message, "domain": "global", "reason": reason}],
            "status": status,
        }
    }


def image_bytes(kind: str, colour: tuple[int, int, int] = (200, 30, 30), size: int = 64) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(out, format=kind)
    return out.getvalue()


@pytest.fixture
def people_api(people_api):
    """The shared factory, closing every service's connections at the end of the test.

    An httplib2 connection left for the garbage collector is a ResourceWarning, and
    warnings are errors in this suite.
    """
    made: list[Any] = []

    def make(*args: Any, **kwargs: Any) -> Any:
        service = people_api(*args, **kwargs)
        made.append(service)
        return service

    yield make
    for service in made:
        service.close()


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
