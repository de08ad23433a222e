"""Person resources as the People API returns them (only the fields a mask asks for)."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from typing import Any

from crmsync.fakegoogle.people import photos
from crmsync.fakegoogle.people.fields import READ_FIELDS, render_items
from crmsync.fakegoogle.people.models import Contact
from crmsync.fakegoogle.state import Account


def timestamp(seconds: float) -> str:
    """Google's source ``updateTime``: UTC, microseconds, a Z."""
    moment = datetime.fromtimestamp(seconds, tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def render_contact(contact: Contact, fields: list[str], base_url: str) -> dict[str, Any]:
    """A live contact with the requested person fields (plus resourceName and etag)."""
    source = {"type": "CONTACT", "id": contact.source_id}
    person: dict[str, Any] = {"resourceName": contact.resource_name, "etag": contact.etag}
    for name in READ_FIELDS:
        if name not in fields:
            continue
        if name == "metadata":
            person["metadata"] = {
                "sources": [
                    {
                        **source,
                        "etag": contact.source_etag,
                        "updateTime": timestamp(contact.update_time),
                    }
                ],
                "objectType": "PERSON",
            }
        elif name == "photos":
            person["photos"] = _photos(contact, source, base_url)
        elif contact.fields.get(name):
            person[name] = render_items(name, contact.fields[name], source)
    return person


def render_deleted(contact: Contact) -> dict[str, Any]:
    """A tombstone in sync results: only the name, etag and ``metadata.deleted``."""
    return {
        "resourceName": contact.resource_name,
        "etag": contact.etag,
        "metadata": {
            "sources": [
                {
                    "type": "CONTACT",
                    "id": contact.source_id,
                    "etag": contact.source_etag,
                    "updateTime": timestamp(contact.update_time),
                }
            ],
            "deleted": True,
            "objectType": "PERSON",
        },
    }


def _photos(contact: Contact, source: dict[str, str], base_url: str) -> list[dict[str, Any]]:
    metadata = {"primary": True, "source": dict(source)}
    if contact.photo is not None:
        return [{"metadata": metadata, "url": photos.photo_url(base_url, contact.photo.key)}]
    names = contact.fields.get("names") or [{}]
    first = names[0].get("givenName") or names[0].get("familyName") or ""
    return [{"metadata": metadata, "url": photos.default_url(base_url, first[:1]), "default": True}]


def _stable_etag(prefix: str, *parts: str) -> str:
    digest = hashlib.sha256("\x00".join(parts).encode()).digest()
    return prefix + base64.b64encode(digest[:18]).decode()


def render_profile(account: Account, fields: list[str], base_url: str) -> dict[str, Any]:
    """``people/me``: the signed-in account's own profile (names, e-mail, default photo)."""
    profile = {"type": "PROFILE", "id": account.sub}
    person: dict[str, Any] = {
        "resourceName": f"people/{account.sub}",
        "etag": _stable_etag("%", account.sub, account.name, account.email),
    }
    if "metadata" in fields:
        person["metadata"] = {
            "sources": [
                {
                    **profile,
                    "etag": _stable_etag("#", account.sub, account.name),
                    "profileMetadata": {"objectType": "PERSON", "userTypes": ["GOOGLE_USER"]},
                }
            ],
            "objectType": "PERSON",
        }
    if "names" in fields and account.name:
        person["names"] = render_items("names", [{"givenName": account.name}], profile)
    if "emailAddresses" in fields:
        email = render_items(
            "emailAddresses", [{"value": account.email}], {"type": "ACCOUNT", "id": account.sub}
        )
        email[0]["metadata"]["verified"] = True
        person["emailAddresses"] = email
    if "photos" in fields:
        person["photos"] = [
            {
                "metadata": {"primary": True, "source": profile},
                "url": photos.default_url(base_url, account.name[:1]),
                "default": True,
            }
        ]
    return person
