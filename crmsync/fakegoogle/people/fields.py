"""Person fields: which exist, which are writable, how input is checked and output derived.

The discovery document shipped with google-api-python-client is the schema of record: a
Person body is checked against it, so a misspelt key is refused the way Google's JSON front
end refuses it instead of being silently dropped.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from importlib import resources
from typing import Any

from crmsync.fakegoogle.people import exceptions as errors

# personFields: everything people.get accepts (discovery, people.get.personFields).
READ_FIELDS = [
    "addresses",
    "ageRanges",
    "biographies",
    "birthdays",
    "calendarUrls",
    "clientData",
    "coverPhotos",
    "emailAddresses",
    "events",
    "externalIds",
    "genders",
    "imClients",
    "interests",
    "locales",
    "locations",
    "memberships",
    "metadata",
    "miscKeywords",
    "names",
    "nicknames",
    "occupations",
    "organizations",
    "phoneNumbers",
    "photos",
    "relations",
    "sipAddresses",
    "skills",
    "urls",
    "userDefined",
]
# updatePersonFields: what updateContact may replace (discovery, updatePersonFields).
WRITE_FIELDS = [
    "addresses",
    "biographies",
    "birthdays",
    "calendarUrls",
    "clientData",
    "emailAddresses",
    "events",
    "externalIds",
    "genders",
    "imClients",
    "interests",
    "locales",
    "locations",
    "memberships",
    "miscKeywords",
    "names",
    "nicknames",
    "occupations",
    "organizations",
    "phoneNumbers",
    "relations",
    "sipAddresses",
    "urls",
    "userDefined",
]
# "This field is a singleton for contact sources" (createContact / updateContact docs).
SINGLETONS = ("biographies", "birthdays", "genders", "names")
# Output-only keys the server computes; a client echoing them back is not an error.
_OUTPUT_ONLY = {"metadata", "formattedType", "formattedProtocol"}
_OUTPUT_ONLY_BY_FIELD = {
    "names": {"displayName", "displayNameLastFirst"},
    "phoneNumbers": {"canonicalForm"},
    "genders": {"formattedValue"},
}

_FORMATTED_TYPES = {
    "home": "Home",
    "work": "Work",
    "other": "Other",
    "mobile": "Mobile",
    "homeFax": "Home Fax",
    "workFax": "Work Fax",
    "otherFax": "Other Fax",
    "pager": "Pager",
    "workMobile": "Work Mobile",
    "workPager": "Work Pager",
    "main": "Main",
    "googleVoice": "Google Voice",
    "school": "School",
    "homePage": "Home Page",
    "blog": "Blog",
    "profile": "Profile",
    "appInstallPage": "App Install Page",
    "ftp": "FTP",
    "reservations": "Reservations",
    "anniversary": "Anniversary",
    "spouse": "Spouse",
    "child": "Child",
    "mother": "Mother",
    "father": "Father",
    "parent": "Parent",
    "brother": "Brother",
    "sister": "Sister",
    "friend": "Friend",
    "relative": "Relative",
    "domesticPartner": "Domestic Partner",
    "manager": "Manager",
    "assistant": "Assistant",
    "referredBy": "Referred By",
    "partner": "Partner",
}
_PROTOCOLS = {
    "aim": "AIM",
    "msn": "MSN",
    "yahoo": "Yahoo",
    "skype": "Skype",
    "qq": "QQ",
    "googleTalk": "Google Talk",
    "icq": "ICQ",
    "jabber": "Jabber",
    "netMeeting": "Net Meeting",
}


# --- the schema ------------------------------------------------------------------------


@functools.cache
def _schemas() -> dict[str, Any]:
    path = resources.files("googleapiclient") / "discovery_cache/documents/people.v1.json"
    return json.loads(path.read_text(encoding="utf-8"))["schemas"]


def _snake(name: str) -> str:
    return re.sub(r"([A-Z])", r"_\1", name).lower()


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def check_schema(value: Any, schema_name: str, location: str) -> Any:
    """``value`` with snake_case keys turned camelCase; 400 on names the schema lacks.

    Protobuf's JSON mapping accepts both spellings, and Google names the offending path
    in snake_case (``person.email_addresses[0]``), which is what the message mimics.
    """
    if not isinstance(value, dict):
        raise errors.invalid_argument(
            f"Invalid value at '{location}' (type.googleapis.com/google.people.v1."
            f"{schema_name}), {json.dumps(value)}"
        )
    properties = _schemas()[schema_name].get("properties", {})
    result: dict[str, Any] = {}
    for key, item in value.items():
        name = key if key in properties else _camel(key)
        spec = properties.get(name)
        if spec is None:
            raise errors.unknown_json_name(key, location)
        where = f"{location}.{_snake(name)}" if location else _snake(name)
        result[name] = _check_property(item, spec, where)
    return result


def _check_property(item: Any, spec: dict[str, Any], where: str) -> Any:
    if item is None:
        return None
    if spec.get("type") == "array":
        if not isinstance(item, list):
            raise errors.invalid_argument(f"Invalid value at '{where}', {json.dumps(item)}")
        inner = spec.get("items", {})
        return [_check_property(v, inner, f"{where}[{i}]") for i, v in enumerate(item)]
    if "$ref" in spec:
        return check_schema(item, spec["$ref"], where)
    if spec.get("type") == "object" and "$ref" in spec.get("additionalProperties", {}):
        if not isinstance(item, dict):
            raise errors.invalid_argument(f"Invalid value at '{where}', {json.dumps(item)}")
        ref = spec["additionalProperties"]["$ref"]
        return {k: check_schema(v, ref, f"{where}[{k}]") for k, v in item.items()}
    kind = spec.get("type")
    if kind == "string" and not isinstance(item, str):
        raise errors.invalid_argument(
            f"Invalid value at '{where}' (TYPE_STRING), {json.dumps(item)}"
        )
    if kind == "boolean" and not isinstance(item, bool):
        raise errors.invalid_argument(f"Invalid value at '{where}' (TYPE_BOOL), {json.dumps(item)}")
    if kind == "integer" and (isinstance(item, bool) or not isinstance(item, int | str)):
        raise errors.invalid_argument(
            f"Invalid value at '{where}' (TYPE_INT32), {json.dumps(item)}"
        )
    if "enum" in spec and item not in spec["enum"]:
        raise errors.invalid_argument(f"Invalid value at '{where}', {json.dumps(item)}")
    return item


# --- masks -----------------------------------------------------------------------------


def parse_mask(
    raw: str | None,
    mask: str,
    allowed: tuple[str, ...] | list[str],
    *,
    method: str = "get",
    required: bool = True,
) -> list[str] | None:
    """A comma-separated field mask as camelCase names; None when absent and optional."""
    if raw is None or not raw.strip():
        if required:
            raise errors.mask_required(mask, method)
        return None
    names: list[str] = []
    for part in raw.split(","):
        path = part.strip()
        name = _camel(path.removeprefix("person."))
        if name not in allowed:
            raise errors.invalid_mask_path(mask, path, method)
        if name not in names:
            names.append(name)
    return names


# --- input -----------------------------------------------------------------------------


def writable_fields(person: dict[str, Any], only: list[str] | None = None) -> dict[str, list]:
    """The contact-source data of a checked Person body, output-only parts removed.

    ``only`` limits it to an update mask (a masked field absent from the body clears it).
    """
    names = only if only is not None else [f for f in WRITE_FIELDS if f in person]
    result: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        items = person.get(name) or []
        if name in SINGLETONS and len(items) > 1:
            raise errors.singleton_field(name)
        drop = _OUTPUT_ONLY | _OUTPUT_ONLY_BY_FIELD.get(name, set())
        cleaned = []
        for item in items:
            kept = {k: copy.deepcopy(v) for k, v in item.items() if k not in drop}
            if name == "memberships":
                kept = _membership_input(kept)
            cleaned.append(kept)
        if name == "names":
            cleaned = [_complete_name(n) for n in cleaned]
        result[name] = cleaned
    return result


def _membership_input(item: dict[str, Any]) -> dict[str, Any]:
    group = dict(item.get("contactGroupMembership") or {})
    group.pop("contactGroupId", None)  # output only: derived from the resource name
    if not str(group.get("contactGroupResourceName", "")).startswith("contactGroups/"):
        raise errors.invalid_argument(
            "Invalid membership: contactGroupMembership.contactGroupResourceName must be "
            "a contact group resource name such as contactGroups/myContacts."
        )
    return {"contactGroupMembership": group}


def _complete_name(name: dict[str, Any]) -> dict[str, Any]:
    """Split a bare unstructured name into given and family names, as Google's parser does."""
    structured = ("givenName", "familyName", "middleName", "honorificPrefix", "honorificSuffix")
    raw = str(name.get("unstructuredName", "")).strip()
    if raw and not any(name.get(k) for k in structured):
        words = raw.split()
        name["givenName"] = " ".join(words[:-1]) if len(words) > 1 else words[0]
        if len(words) > 1:
            name["familyName"] = words[-1]
    return name


# --- output ----------------------------------------------------------------------------


def render_items(name: str, items: list[dict[str, Any]], source: dict[str, str]) -> list[dict]:
    """Stored items of one field as Google returns them: metadata first, derived values."""
    rendered = []
    for index, item in enumerate(items):
        metadata: dict[str, Any] = {"source": dict(source)}
        if index == 0:  # exactly one item of a non-empty field is primary
            metadata = {"primary": True, "sourcePrimary": True, **metadata}
        out: dict[str, Any] = {"metadata": metadata}
        out.update(copy.deepcopy(item))
        _derive(name, out)
        rendered.append(out)
    return rendered


def _derive(name: str, item: dict[str, Any]) -> None:
    kind = item.get("type")
    if kind and name not in ("biographies",):
        item["formattedType"] = _FORMATTED_TYPES.get(kind, kind)
    if name == "names":
        _derive_name(item)
    elif name == "phoneNumbers":
        value = str(item.get("value", ""))
        digits = re.sub(r"\D", "", value)
        # Without the account's region only an international number has a sure E.164 form.
        if value.strip().startswith("+") and 7 <= len(digits) <= 15:
            item["canonicalForm"] = "+" + digits
    elif name == "addresses" and not item.get("formattedValue"):
        formatted = format_address(item)
        if formatted:
            item["formattedValue"] = formatted
    elif name == "biographies":
        item.setdefault("contentType", "TEXT_PLAIN")
    elif name == "memberships":
        group = item.get("contactGroupMembership", {})
        resource = str(group.get("contactGroupResourceName", ""))
        item["contactGroupMembership"] = {
            "contactGroupId": resource.removeprefix("contactGroups/"),
            "contactGroupResourceName": resource,
        }
    elif name == "genders" and item.get("value"):
        item["formattedValue"] = str(item["value"]).capitalize()
    elif name == "imClients" and item.get("protocol"):
        item["formattedProtocol"] = _PROTOCOLS.get(item["protocol"], item["protocol"])


def _derive_name(item: dict[str, Any]) -> None:
    given = " ".join(p for p in (item.get("givenName"), item.get("middleName")) if p)
    family = item.get("familyName") or ""
    prefix = item.get("honorificPrefix") or ""
    suffix = item.get("honorificSuffix") or ""
    display = " ".join(p for p in (prefix, given, family) if p)
    if suffix:
        display = f"{display}, {suffix}" if display else suffix
    if family and (given or prefix):
        last_first = f"{family}, " + " ".join(p for p in (prefix, given) if p)
    else:
        last_first = " ".join(p for p in (prefix, given, family) if p)
    if suffix:
        last_first = f"{last_first}, {suffix}" if last_first else suffix
    display = display or str(item.get("unstructuredName", ""))
    if display:
        item["displayName"] = display
        item["displayNameLastFirst"] = last_first or display
        item.setdefault("unstructuredName", display)


_US = {"us", "usa", "united states", "united states of america"}


def format_address(address: dict[str, Any]) -> str:
    """One multi-line address string built from the structured parts.

    Google formats by the address's country; this covers the two common layouts
    (US "City, Region Zip" and European "Zip City") and is close enough for a client
    that only displays it.
    """
    city = address.get("city") or ""
    region = address.get("region") or ""
    postal = address.get("postalCode") or ""
    country = address.get("country") or ""
    is_us = (address.get("countryCode") or "").upper() == "US" or country.lower() in _US
    if is_us:
        tail = " ".join(p for p in (region, postal) if p)
        locality = ", ".join(p for p in (city, tail) if p)
    else:
        locality = " ".join(p for p in (postal, city) if p)
        if region:
            locality = f"{locality}\n{region}" if locality else region
    po_box = f"PO Box {address['poBox']}" if address.get("poBox") else ""
    lines = (
        address.get("streetAddress"),
        address.get("extendedAddress"),
        po_box,
        locality,
        country,
    )
    return "\n".join(line for line in lines if line)
