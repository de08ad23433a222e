"""Contacts in and out as vCards.

Reading takes vCard 2.1, 3.0 and 4.0 as phones, Outlook, Apple and Google write them:
folded lines, quoted-printable with soft line breaks, 2.1 charsets (Windows-1252, Latin-1…),
photos inline in base64 (2.1 and 3.0 styles) or as 4.0 ``data:`` URIs. A photo given only as
a web link is not fetched: the contact comes in without it and the report says so. Every
photo is checked with Pillow, and kept as it comes up to :data:`MAX_PHOTO_PIXELS` and
:data:`MAX_PHOTO_BYTES` (the pixels are read from the image's header, before decoding).
A card that cannot be read, or whose photo is beyond those limits, stops the whole import
with the line and the card named: nothing is half imported.

Writing produces vCard 3.0, which Google Contacts imports best. The civility travels in N's
prefix, so no private property is needed for a round trip.
"""

from __future__ import annotations

import io
import logging
import unicodedata
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from warnings import catch_warnings, simplefilter

import vobject
from PIL import Image

from crmsync.crm import db
from crmsync.crm.interchange import (
    ImportReport,
    InterchangeError,
    LogicalLine,
    Property,
    decode_base64,
    logical_lines,
    parse_property,
    read_bytes,
    split_escaped,
    unescape_text,
)
from crmsync.crm.models import (
    MAX_CONTACTS_PER_USER,
    Company,
    Contact,
    ContactToSync,
    User,
)

log = logging.getLogger(__name__)

#: Contact fields a card fills, in the order the CRM shows them.
CONTACT_FIELDS = (
    "civility",
    "last_name",
    "first_name",
    "function",
    "email",
    "phone",
    "mobile",
    "address1",
    "address2",
    "address3",
    "postal_code",
    "city",
    "country",
    "comment",
)
_ADDRESS_LINES = ("address1", "address2", "address3")
_PHOTO_KINDS = ((b"\xff\xd8", "JPEG"), (b"\x89PNG", "PNG"), (b"GIF8", "GIF"))
#: The most pixels a contact photo may have: 25 megapixels, more than phones and cameras
#: write by default (12 to 24), so no real photo is refused; checking one means decoding
#: it, at most 4 bytes a pixel: 100 MB at worst. (Pillow's own guard, a warning above
#: 89 megapixels and an error above twice that, lets a 13000 × 13000 PNG of 657 kB take
#: 700 MB.)
MAX_PHOTO_PIXELS = 25_000_000
#: The most bytes a contact photo may take: 10 MB, more than a 25-megapixel JPEG of high
#: quality. Photos are stored as they come, in the contact's row, and sent as they are
#: to Google: this bounds what one card can put there.
MAX_PHOTO_BYTES = 10_000_000


@dataclass
class ContactCard:
    """What one vCard says about a contact, before it is stored."""

    index: int
    line: int
    version: str = "3.0"
    fields: dict[str, str] = field(default_factory=lambda: dict.fromkeys(CONTACT_FIELDS, ""))
    company: str = ""
    photo: bytes | None = None
    full_name: str = ""

    @property
    def label(self) -> str:
        names = " ".join(n for n in (self.fields["first_name"], self.fields["last_name"]) if n)
        return names or self.full_name or self.company or self.fields["email"]

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes two cards the same contact: names and e-mail, case aside."""
        return contact_key(
            self.fields["last_name"], self.fields["first_name"], self.fields["email"]
        )


def contact_key(last_name: str, first_name: str, email: str) -> tuple[str, str, str]:
    return (
        last_name.strip().casefold(),
        first_name.strip().casefold(),
        email.strip().casefold(),
    )


# --- reading ------------------------------------------------------------------------------


def read_cards(
    data: bytes, source: str = "", warnings: list[str] | None = None
) -> list[ContactCard]:
    """Parse every card of a vCard file; raises :class:`InterchangeError` at the first
    card that cannot be read. Warnings (photo links not fetched…) go to ``warnings``."""
    if warnings is None:
        warnings = []
    cards: list[ContactCard] = []
    for index, (begin, lines) in enumerate(_split_cards(data, source), start=1):
        try:
            cards.append(_read_card(index, begin, lines, warnings))
        except InterchangeError as exc:
            raise exc.located(source=source, kind="card", index=index) from None
    return cards


def _split_cards(data: bytes, source: str) -> list[tuple[int, list[LogicalLine]]]:
    cards: list[tuple[int, list[LogicalLine]]] = []
    current: list[LogicalLine] | None = None
    begin = 0
    lines = logical_lines(data)
    last_line = len(data.splitlines()) or 1
    for line in lines:
        keyword = line.text.strip().upper()
        if keyword == "BEGIN:VCARD":
            if current is not None:
                raise InterchangeError(
                    "the card before has no END:VCARD",
                    source=source,
                    line=line.number,
                    kind="card",
                    index=len(cards) + 1,
                    label=_quick_label(current),
                )
            current, begin = [], line.number
        elif keyword == "END:VCARD":
            if current is None:
                raise InterchangeError(
                    "END:VCARD without BEGIN:VCARD", source=source, line=line.number
                )
            cards.append((begin, current))
            current = None
        elif current is None:
            raise InterchangeError(
                "this is not a vCard file (BEGIN:VCARD expected)", source=source, line=line.number
            )
        else:
            current.append(line)
    if current is not None:
        raise InterchangeError(
            f"the card has no END:VCARD: the file ends early (line {last_line})",
            source=source,
            line=begin,
            kind="card",
            index=len(cards) + 1,
            label=_quick_label(current),
        )
    if not cards:
        raise InterchangeError("no vCard in this file (BEGIN:VCARD expected)", source=source)
    return cards


def _quick_label(lines: list[LogicalLine]) -> str:
    """The card's name for an error message, from its FN line if it parses."""
    for line in lines:
        if line.text.upper().startswith("FN"):
            try:
                prop = parse_property(line)
            except InterchangeError:
                continue
            if prop.name == "FN":
                return unescape_text(prop.value)
    return ""


def _read_card(
    index: int, begin: int, lines: list[LogicalLine], warnings: list[str]
) -> ContactCard:
    card = ContactCard(index=index, line=begin)
    props: list[Property] = []
    failure: InterchangeError | None = None
    for line in lines:
        try:
            props.append(parse_property(line))
        except InterchangeError as exc:
            failure = failure or exc
    for prop in props:
        if prop.name == "VERSION":
            card.version = prop.value.strip()
    try:
        _fill_names(card, props)
        if failure is not None:
            raise failure
        _fill_fields(card, props, warnings)
    except InterchangeError as exc:
        exc.label = exc.label or card.label
        raise
    return card


def _text(card: ContactCard, prop: Property) -> str:
    return unescape_text(prop.value, card.version).strip()


def _components(card: ContactCard, prop: Property) -> list[str]:
    return [unescape_text(part, card.version).strip() for part in split_escaped(prop.value)]


def _fill_names(card: ContactCard, props: list[Property]) -> None:
    names = [p for p in props if p.name == "N"]
    full = [p for p in props if p.name == "FN"]
    if full:
        card.full_name = _text(card, full[0])
    if names:
        parts = _components(card, names[0]) + [""] * 5
        card.fields["last_name"], card.fields["first_name"] = parts[0], parts[1]
        card.fields["civility"] = parts[3]
    elif card.full_name:
        first, _, last = card.full_name.rpartition(" ")
        card.fields["last_name"], card.fields["first_name"] = last, first
    for prop in props:
        if prop.name == "ORG":
            card.company = _components(card, prop)[0]
            break


def _fill_fields(card: ContactCard, props: list[Property], warnings: list[str]) -> None:
    fields = card.fields
    by_name: dict[str, list[Property]] = {}
    for prop in props:
        by_name.setdefault(prop.name, []).append(prop)
    titles = by_name.get("TITLE") or by_name.get("ROLE") or []
    if titles:
        fields["function"] = _text(card, titles[0])
    labels = _group_labels(props)
    emails = _preferred(by_name.get("EMAIL", []), ("pref", "work"), labels)
    if emails:
        fields["email"] = _text(card, emails[0])
    _fill_phones(card, by_name.get("TEL", []), labels)
    addresses = _preferred(by_name.get("ADR", []), ("work", "pref"), labels)
    if addresses:
        _fill_address(card, addresses[0])
    notes = by_name.get("NOTE", [])
    if notes:
        text = "\n\n".join(unescape_text(n.value, card.version) for n in notes)
        fields["comment"] = text.replace("\r\n", "\n").replace("\r", "\n")
    for prop in by_name.get("PHOTO", []):
        card.photo = _read_photo(card, prop, warnings)
        if card.photo is not None:
            break


def _kinds(prop: Property, labels: dict[str, str]) -> set[str]:
    """The property's TYPE values plus its group's label; PREF (2.1 bare, 4.0 PREF=n) too."""
    kinds = prop.types | {labels.get(prop.group or "", "")}
    if prop.param("PREF"):
        kinds.add("pref")
    return kinds


def _preferred(
    props: list[Property], order: tuple[str, ...], labels: dict[str, str]
) -> list[Property]:
    """The non-empty ``props``, those of the wanted kinds first, in ``order``."""

    def rank(prop: Property) -> int:
        kinds = _kinds(prop, labels)
        return next((i for i, want in enumerate(order) if want in kinds), len(order))

    return sorted((prop for prop in props if _text_of_value(prop)), key=rank)


def _text_of_value(prop: Property) -> str:
    return prop.value.strip()


def _fill_phones(card: ContactCard, phones: list[Property], labels: dict[str, str]) -> None:
    work = other = ""
    for prop in phones:
        number = _phone_number(card, prop)
        kinds = _kinds(prop, labels)
        if not number or "fax" in kinds:
            continue
        if kinds & {"cell", "mobile", "iphone"}:
            card.fields["mobile"] = card.fields["mobile"] or number
        elif "work" in kinds:
            work = work or number
        else:
            other = other or number
    card.fields["phone"] = work or other


def _group_labels(props: list[Property]) -> dict[str, str]:
    """Apple and Google name a property's kind in an X-ABLabel of the same group;
    Apple wraps its standard ones as ``_$!<Mobile>!$_``."""
    labels = {}
    for prop in props:
        if prop.name == "X-ABLABEL" and prop.group:
            text = prop.value.strip().removeprefix("_$!<").removesuffix(">!$_")
            labels[prop.group] = text.lower()
    return labels


def _phone_number(card: ContactCard, prop: Property) -> str:
    number = _text(card, prop)
    if number.lower().startswith("tel:"):
        number, *params = urllib.parse.unquote(number[4:]).split(";")
        extension = [p[4:] for p in params if p.lower().startswith("ext=")]
        if extension:
            number = f"{number} ext. {extension[0]}"
    return number.strip()


def _fill_address(card: ContactCard, prop: Property) -> None:
    raw = split_escaped(prop.value) + [""] * 7
    box, extended, street, city, region, code, country = (
        unescape_text(part, card.version) for part in raw[:7]
    )
    lines = [line.strip() for line in street.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    lines += [part.strip() for part in (extended, box) if part.strip()]
    last = len(_ADDRESS_LINES) - 1
    if len(lines) > len(_ADDRESS_LINES):
        lines[last:] = [", ".join(lines[last:])]
    for name, line in zip(_ADDRESS_LINES, lines, strict=False):
        card.fields[name] = line
    card.fields["postal_code"] = code.strip()
    card.fields["city"] = (city or region).strip()
    card.fields["country"] = country.strip()


def _read_photo(card: ContactCard, prop: Property, warnings: list[str]) -> bytes | None:
    value = prop.value.strip()
    try:
        if prop.encoding in ("B", "BASE64"):
            data = prop.binary()
        elif value.lower().startswith("data:"):
            data = _data_uri(value, prop.number)
        elif "://" in value[:12] or prop.param("VALUE") and prop.param("VALUE")[0].lower() == "uri":
            warnings.append(
                f"line {prop.number} (card {card.index} « {card.label} »): photo link "
                f"{value[:80]} not fetched; the contact is imported without its photo."
            )
            return None
        else:
            data = decode_base64(value, prop.number)
        check_image(data)
    except PhotoTooLarge as exc:
        exc.line = prop.number
        raise
    except InterchangeError as exc:
        exc.message = f"invalid PHOTO data: {exc.message}"
        exc.line = prop.number
        raise
    return data


def _data_uri(value: str, line: int) -> bytes:
    header, sep, payload = value.partition(",")
    if not sep:
        raise InterchangeError("a data: URI needs a comma before its data", line=line)
    if header.lower().endswith(";base64"):
        return decode_base64(payload, line)
    return urllib.parse.unquote_to_bytes(payload)


class PhotoTooLarge(InterchangeError):
    """A photo beyond :data:`MAX_PHOTO_BYTES` or :data:`MAX_PHOTO_PIXELS`."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"the photo is too large: {what}. Make it smaller in the application the "
            "contacts come from, or remove it, then export and import again."
        )


def check_image(data: bytes) -> str:
    """The image format Pillow sees in ``data``; raises :class:`InterchangeError`, or
    :class:`PhotoTooLarge` before decoding anything beyond the limits."""
    if not data:
        raise InterchangeError("the image is empty")
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoTooLarge(f"{len(data):,} bytes, where crmsync takes {MAX_PHOTO_BYTES:,} at most")
    most = f"crmsync takes at most {MAX_PHOTO_PIXELS // 1_000_000} megapixels"
    with catch_warnings():
        # Opening an image over Pillow's own pixel limit warns (and raises over twice it).
        # The size is checked against crmsync's lower limit right after opening, before
        # anything is decoded, so the warning says nothing more; ignoring it here makes the
        # result the same whether warnings are shown, hidden or turned into errors.
        simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size  # from the header: nothing decoded yet
                if width * height > MAX_PHOTO_PIXELS:
                    megapixels = width * height / 1_000_000
                    raise PhotoTooLarge(
                        f"{width} × {height} pixels ({megapixels:.0f} megapixels), where {most}"
                    )
                image.verify()
                kind = image.format or ""
            with Image.open(io.BytesIO(data)) as image:
                image.load()
        except Image.DecompressionBombError:  # over twice Pillow's limit, size untold
            over = 2 * (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000
            raise PhotoTooLarge(f"over {over} megapixels, where {most}") from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise InterchangeError(f"{exc}") from None
    return kind


# --- storing ------------------------------------------------------------------------------


def import_vcards(path: Path, *, sync_for: User | None = None) -> ImportReport:
    """Import every card of ``path`` in one transaction; cards matching a live contact
    (same names and e-mail) are skipped. With ``sync_for``, the imported and matched
    contacts go to that user's list of contacts to sync, up to its cap."""
    report = ImportReport()
    warnings: list[str] = []
    cards = read_cards(read_bytes(path), path.name, warnings)
    report.warnings.extend(f"{path.name}, {w}" for w in warnings)
    with db.atomic():
        known = {contact_key(c.last_name, c.first_name, c.email): c for c in Contact.live()}
        companies = CompanyFinder()
        touched: list[Contact] = []
        for card in cards:
            if not (any(card.fields.values()) or card.company or card.photo):
                report.warnings.append(
                    f"{path.name}, line {card.line} (card {card.index}): empty card skipped."
                )
                continue
            contact = known.get(card.key)
            if contact is not None:
                report.duplicates += 1
            else:
                contact = _store(card, companies)
                known[card.key] = contact
                report.created += 1
            touched.append(contact)
        report.extra["companies"] = companies.created
        if sync_for is not None:
            _add_to_list(sync_for, touched, report)
    return report


def _store(card: ContactCard, companies: CompanyFinder) -> Contact:
    contact = Contact(**card.fields)
    if card.company:
        contact.company = companies.find_or_create(card.company)
    if card.photo is not None:
        contact.set_photo(card.photo)
    contact.save()
    return contact


def _add_to_list(user: User, contacts: Iterable[Contact], report: ImportReport) -> None:
    rows = ContactToSync.select(ContactToSync.contact).where(ContactToSync.user == user)
    listed: set[int] = {row[0] for row in rows.tuples().iterator()}
    room = MAX_CONTACTS_PER_USER - len(listed)
    added = left_out = 0
    for contact in contacts:
        if contact.id in listed:
            continue
        if room <= 0:
            left_out += 1
            continue
        ContactToSync.create(user=user, contact=contact)
        listed.add(contact.id)
        room -= 1
        added += 1
    report.extra["listed"] = added
    if left_out:
        report.warnings.append(
            f"{left_out} contact(s) not added to {user.login}'s contacts to sync: the list "
            f"is full ({MAX_CONTACTS_PER_USER} contacts at most). They are imported; remove "
            "others from the list to make room."
        )


class CompanyFinder:
    """Finds companies by name (case aside) and creates the missing ones with a new code."""

    def __init__(self) -> None:
        self.by_name = {c.name.strip().casefold(): c for c in Company.select()}
        self.created = 0

    def find_or_create(self, name: str) -> Company:
        key = name.strip().casefold()
        found = self.by_name.get(key)
        if found is None:
            found = Company.create(code=unique_company_code(name), name=name.strip())
            self.by_name[key] = found
            self.created += 1
        return found


def unique_company_code(name: str) -> str:
    """A code for a new company: its name's letters, upper-case and unaccented, made unique."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = "".join(ch for ch in plain.upper() if ch.isalnum())[:8] or "TIERS"
    code, number = stem, 1
    while Company.select().where(Company.code == code).exists():
        number += 1
        code = f"{stem}{number}"
    return code


# --- writing ------------------------------------------------------------------------------


def photo_kind(data: bytes) -> str:
    """JPEG, PNG or GIF from the image's first bytes (JPEG when unsure)."""
    for magic, kind in _PHOTO_KINDS:
        if data.startswith(magic):
            return kind
    return "JPEG"


def contact_to_vcard(contact: Contact) -> vobject.base.Component:
    """One contact as a vCard 3.0 component."""
    card = vobject.vCard()
    card.add("uid").value = f"crmsync-contact-{contact.id}@crmsync"
    card.add("n").value = vobject.vcard.Name(
        family=contact.last_name, given=contact.first_name, prefix=contact.civility
    )
    company = contact.company.name if contact.company is not None else ""
    card.add("fn").value = contact.display_name or company or contact.email or "?"
    if company:
        card.add("org").value = [company]
    _add_text(card, "title", contact.function)
    if contact.email:
        line = card.add("email")
        line.value = contact.email
        line.type_paramlist = ["INTERNET", "WORK"]
    for number, kinds in ((contact.phone, ["WORK", "VOICE"]), (contact.mobile, ["CELL"])):
        if number:
            line = card.add("tel")
            line.value = number
            line.type_paramlist = kinds
    _add_address(card, contact)
    _add_text(card, "note", contact.comment)
    if contact.photo:
        data = bytes(contact.photo)
        line = card.add("photo")
        line.encoding_param = "b"
        line.type_param = photo_kind(data)
        line.value = data
    return card


def _add_text(card: vobject.base.Component, name: str, value: str) -> None:
    if value:
        card.add(name).value = value


def _add_address(card: vobject.base.Component, contact: Contact) -> None:
    lines = [getattr(contact, name) or "" for name in _ADDRESS_LINES]
    while lines and not lines[-1]:
        lines.pop()
    if not (lines or contact.postal_code or contact.city or contact.country):
        return
    line = card.add("adr")
    line.value = vobject.vcard.Address(
        street="\n".join(lines),
        city=contact.city,
        code=contact.postal_code,
        country=contact.country,
    )
    line.type_paramlist = ["WORK"]


def write_vcards(contacts: Iterable[Contact]) -> str:
    """The contacts as one vCard 3.0 file's text (CRLF line ends)."""
    return "".join(contact_to_vcard(contact).serialize() for contact in contacts)


def export_vcards(contacts: Iterable[Contact], path: Path) -> int:
    """Write the contacts to ``path``; returns how many."""
    rows = list(contacts)
    path.write_bytes(write_vcards(rows).encode("utf-8"))
    return len(rows)
