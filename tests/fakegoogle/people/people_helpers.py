"""Helpers for the People service tests (driven through google-api-python-client only)."""

from __future__ import annotations

import io
import json
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


def version(person: dict[str, Any]) -> dict[str, Any]:
    """What an update must carry of the person it was read as: its etag and its contact
    source (type, id, etag) in ``metadata.sources``. ``person`` was read with metadata."""
    sources = [s for s in person["metadata"]["sources"] if s["type"] == "CONTACT"]
    return {
        "etag": person["etag"],
        "metadata": {"sources": [{k: s[k] for k in ("type", "id", "etag")} for s in sources]},
    }
