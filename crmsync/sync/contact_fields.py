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

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import peewee

from crmsync.crm.models import Company, Contact

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
#: What the sync reads of a person it is about to update.
READ_FIELDS = ",".join((*OWNED_FIELDS, "memberships", "metadata", "photos"))
#: What the sync reads of the people a listing returns: enough to see a comment written on
#: the phone, a deletion, our ids, the label and the photo — a no-op sync after a first one
#: reads its own thousands of creates back, so it reads them light.
LIST_FIELDS_READ = "biographies,clientData,memberships,metadata,photos"


@dataclass
class ContactRow:
    """What the sync reads of a CRM contact: every field but the photo's bytes (a list of
    2000 contacts with photos would otherwise load hundreds of megabytes at every sync)."""

    id: int
    first_name: str = ""
    last_name: str = ""
    function: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    address1: str = ""
    address2: str = ""
    address3: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""
    comment: str = ""
    company_name: str = ""
    photo_size: int = 0
    photo_updated_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    def photo(self) -> bytes | None:
        """The photo's bytes, read now (only for a photo that changed)."""
        row = Contact.select(Contact.photo).where(Contact.id == self.id).first()
        return bytes(row.photo) if row is not None and row.photo else None

    @classmethod
    def query(cls) -> peewee.ModelSelect[Contact]:
        """The columns a row needs, contacts joined to their company (no photo bytes)."""
        return Contact.select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.function,
            Contact.email,
            Contact.phone,
            Contact.mobile,
            Contact.address1,
            Contact.address2,
            Contact.address3,
            Contact.postal_code,
            Contact.city,
            Contact.country,
            Contact.comment,
            peewee.fn.COALESCE(Company.name, "").alias("company_name"),
            peewee.fn.COALESCE(peewee.fn.LENGTH(Contact.photo), 0).alias("photo_size"),
            Contact.photo_updated_at,
            Contact.updated_at,
        ).join(Company, peewee.JOIN.LEFT_OUTER, on=(Contact.company == Company.id))

    @classmethod
    def of(cls, contact: Contact) -> ContactRow:
        """The row of one loaded contact."""
        found = cls.rows(cls.query().where(Contact.id == contact.id))
        return found[0]

    @classmethod
    def rows(cls, query: peewee.ModelSelect[Contact]) -> list[ContactRow]:
        rows = []
        raw: dict[str, Any]
        for raw in query.dicts():  # type: ignore[assignment]
            values: dict[str, Any] = {
                k: ("" if v is None and k in _TEXT else v) for k, v in raw.items()
            }
            for name in ("photo_updated_at", "updated_at"):
                values[name] = _aware(values.get(name))
            rows.append(cls(**values))
        return rows


_TEXT = frozenset(f for f in ContactRow.__dataclass_fields__ if f not in ("id", "photo_size"))


def _aware(value: Any) -> dt.datetime | None:
    """A stamp read raw from the database, as an aware UTC datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    parsed = dt.datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


#: The sub-fields that tell an entry of a list field apart (Google adds metadata,
#: formattedType, canonicalForm… to what it was sent).
_KEYS: dict[str, tuple[str, ...]] = {
    "emailAddresses": ("value", "type"),
    "phoneNumbers": ("value", "type"),
    "addresses": ("streetAddress", "extendedAddress", "postalCode", "city", "country", "type"),
    "organizations": ("name", "title"),
}
LIST_FIELDS = tuple(_KEYS)


def desired_fields(contact: ContactRow) -> dict[str, Any]:
    """The values of the owned fields (the comment apart) the CRM wants Google to hold."""
    fields: dict[str, Any] = {}
    company = (contact.company_name or "").strip()
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
    if current is not None:
        body.update(version(current))
    return body


def version(person: dict[str, Any]) -> dict[str, Any]:
    """What an update must carry of the person it was based on: Google refuses one whose
    ``metadata.sources`` does not name the contact source (type, id and etag), and one
    whose etags are not the current ones (the person changed since it was read)."""
    found: dict[str, Any] = {}
    if person.get("etag"):
        found["etag"] = person["etag"]
    sources = [
        {k: source[k] for k in ("type", "id", "etag") if source.get(k)}
        for source in (person.get("metadata") or {}).get("sources") or []
        if isinstance(source, dict) and source.get("type") == "CONTACT"
    ]
    if sources:
        found["metadata"] = {"sources": sources}
    return found


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
