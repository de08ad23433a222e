"""What a CRM contact looks like in Google Contacts (People v1), field by field (SPEC §4).

The sync owns a part of each person only: the name, the work e-mail, the work phone and the
mobile, the work address, the organisation, the notes (biography) and its ``clientData``
ids. Whatever the phone's user added — a birthday, a nickname, a second e-mail or phone, a
home address — is not ours: an update rewrites our entries of a list field and keeps every
other entry as Google has it (:func:`merge_lists`).

Civility and the separate first/last name fields do not sync: Google gets the display name
("First Last") and splits it as it likes.
"""

from __future__ import annotations

import json
from typing import Any

from crmsync.crm.models import Contact

#: ``clientData`` keys carried by every person the sync creates: a reset or a lost database
#: relinks through them instead of creating the contact again.
KEY_DATABASE = "crmsyncDb"
KEY_CONTACT = "crmsyncContact"

#: The person fields the sync writes (besides the memberships of its label).
OWNED_FIELDS = (
    "names",
    "emailAddresses",
    "phoneNumbers",
    "addresses",
    "organizations",
    "biographies",
    "clientData",
)
#: What the sync reads of a person.
READ_FIELDS = ",".join((*OWNED_FIELDS, "memberships", "metadata", "photos"))

#: The sub-fields that tell an entry of a list field apart (Google adds metadata,
#: formattedType, canonicalForm… to what it was sent).
_KEYS: dict[str, tuple[str, ...]] = {
    "emailAddresses": ("value", "type"),
    "phoneNumbers": ("value", "type"),
    "addresses": ("streetAddress", "extendedAddress", "postalCode", "city", "country", "type"),
    "organizations": ("name", "title"),
}
LIST_FIELDS = tuple(_KEYS)


def desired_fields(contact: Contact) -> dict[str, Any]:
    """The values of the owned fields (the comment apart) the CRM wants Google to hold."""
    fields: dict[str, Any] = {}
    company = _company_name(contact)
    name = contact.display_name.strip() or company
    fields["names"] = [{"unstructuredName": name}] if name else []
    fields["emailAddresses"] = (
        [{"value": contact.email.strip(), "type": "work"}] if contact.email.strip() else []
    )
    phones = []
    if contact.phone.strip():
        phones.append({"value": contact.phone.strip(), "type": "work"})
    if contact.mobile.strip():
        phones.append({"value": contact.mobile.strip(), "type": "mobile"})
    fields["phoneNumbers"] = phones
    street = "\n".join(
        line.strip() for line in (contact.address1, contact.address2) if line and line.strip()
    )
    address = {
        "streetAddress": street,
        "extendedAddress": (contact.address3 or "").strip(),
        "postalCode": (contact.postal_code or "").strip(),
        "city": (contact.city or "").strip(),
        "country": (contact.country or "").strip(),
    }
    fields["addresses"] = (
        [{**{k: v for k, v in address.items() if v}, "type": "work"}]
        if any(address.values())
        else []
    )
    function = (contact.function or "").strip()
    organisation = {k: v for k, v in (("name", company), ("title", function)) if v}
    fields["organizations"] = [organisation] if organisation else []
    return fields


def _company_name(contact: Contact) -> str:
    company = contact.company if contact.__data__.get("company") is not None else None
    return (company.name or "").strip() if company is not None else ""


def fingerprint(fields: dict[str, Any]) -> str:
    """A stable text of ``fields``, to tell whether the CRM changed since the last sync."""
    return json.dumps(fields, sort_keys=True, ensure_ascii=False)


def biography(person: dict[str, Any]) -> str:
    """The person's notes (People keeps one biography)."""
    for item in person.get("biographies") or []:
        if isinstance(item, dict):
            return str(item.get("value", ""))
    return ""


def biographies(comment: str) -> list[dict[str, str]]:
    return [{"value": comment, "contentType": "TEXT_PLAIN"}] if comment else []


def client_ids(person: dict[str, Any]) -> tuple[str, int] | None:
    """The (database id, contact id) a person carries, or None when it is not ours."""
    values = {
        str(item.get("key")): str(item.get("value", ""))
        for item in person.get("clientData") or []
        if isinstance(item, dict)
    }
    database, contact = values.get(KEY_DATABASE), values.get(KEY_CONTACT)
    if not database or not contact or not contact.isdigit():
        return None
    return database, int(contact)


def client_data(person: dict[str, Any] | None, database_id: str, contact_id: int) -> list[Any]:
    """Our two ``clientData`` entries, with whatever other entries the person has."""
    others = [
        item
        for item in (person or {}).get("clientData") or []
        if isinstance(item, dict) and item.get("key") not in (KEY_DATABASE, KEY_CONTACT)
    ]
    return [
        *others,
        {"key": KEY_DATABASE, "value": database_id},
        {"key": KEY_CONTACT, "value": str(contact_id)},
    ]


def _key(name: str, entry: Any) -> tuple[str, ...]:
    if not isinstance(entry, dict):
        return ()
    return tuple(str(entry.get(k, "")).strip().casefold() for k in _KEYS[name])


def merge_lists(
    name: str, desired: list[Any], previous: list[Any] | None, current: list[Any] | None
) -> list[Any]:
    """Our ``desired`` entries of list field ``name``, then every entry of Google's
    ``current`` list that is neither ours now nor ours at the last sync (``previous``):
    what the phone's user added stays."""
    ours = {_key(name, e) for e in desired} | {_key(name, e) for e in previous or []}
    kept = [
        _strip_read_only(entry)
        for entry in current or []
        if _key(name, entry) not in ours and not _is_ours(entry)
    ]
    return [*desired, *kept]


def _is_ours(entry: Any) -> bool:
    """Entries of another source (a profile, a domain) cannot be written back."""
    if not isinstance(entry, dict):
        return True
    source = (entry.get("metadata") or {}).get("source") or {}
    return bool(source) and source.get("type") not in (None, "CONTACT")


def _strip_read_only(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k not in ("metadata", "formattedType")}


def person_body(
    fields: dict[str, Any],
    comment: str,
    *,
    database_id: str,
    contact_id: int,
    current: dict[str, Any] | None = None,
    previous: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The person to send: our fields merged into Google's ``current`` person (None for a
    new one); ``previous`` is what we sent at the last sync."""
    body: dict[str, Any] = {"names": fields["names"]}
    for name in LIST_FIELDS:
        body[name] = merge_lists(
            name,
            fields[name],
            (previous or {}).get(name),
            (current or {}).get(name),
        )
    body["biographies"] = biographies(comment)
    body["clientData"] = client_data(current, database_id, contact_id)
    if current is not None and current.get("etag"):
        body["etag"] = current["etag"]
    return body


def photo_url(person: dict[str, Any]) -> str:
    """The url of the person's own photo ("" when Google shows its default letter)."""
    for photo in person.get("photos") or []:
        if isinstance(photo, dict) and not photo.get("default"):
            source = (photo.get("metadata") or {}).get("source") or {}
            if source.get("type") in (None, "CONTACT"):
                return str(photo.get("url", ""))
    return ""


def in_group(person: dict[str, Any], group: str) -> bool:
    for membership in person.get("memberships") or []:
        found = (membership or {}).get("contactGroupMembership") or {}
        if found.get("contactGroupResourceName") == group:
            return True
        if group == f"contactGroups/{found.get('contactGroupId', '')}":
            return True
    return False


def update_time(person: dict[str, Any]) -> str:
    """When Google last changed the person (its contact source), as RFC 3339 text."""
    for source in (person.get("metadata") or {}).get("sources") or []:
        if isinstance(source, dict) and source.get("type") == "CONTACT":
            return str(source.get("updateTime", ""))
    return ""
