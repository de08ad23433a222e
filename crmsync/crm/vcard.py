"""Contacts in and out as vCards.

Reading takes vCard 2.1, 3.0 and 4.0 as phones, Outlook, Apple and Google write them:
folded lines, quoted-printable with soft line breaks, 2.1 charsets (Windows-1252, Latin-1…),
photos inline in base64 (2.1 and 3.0 styles) or as 4.0 ``data:`` URIs. A photo given only as
a web link is not fetched: the contact comes in without it and the report says so.

An import keeps going past a bad card, as someone importing 2000 contacts expects: every
sound card comes in; a card whose photo cannot be used (damaged, not an image, beyond the
limits of :mod:`crmsync.crm.photos`, which decides what the sync can send) comes in without
its photo, with a warning naming it; a card that is unsound itself (no name nor company,
a line that is no vCard line, no END:VCARD) is skipped and named. The strict import refuses
the whole file at the first of those problems instead: nothing is half imported. Photos are
stored as they come; they are normalised only on their way to Google.

Writing produces vCard 3.0, which Google Contacts imports best. The civility travels in N's
prefix, so no private property is needed for a round trip.
"""

from __future__ import annotations

import logging
import unicodedata
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import vobject

from crmsync.crm import db
from crmsync.crm.contact_list import ListChange, add_contacts_to_sync
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
from crmsync.crm.models import Company, Contact, User
from crmsync.crm.photos import PhotoRejected, check_photo, normalise_photo

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
_PHOTO_KINDS = ((b"\xff\xd8", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"GIF8", "GIF"))


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
    #: Why the card's photo was left out, when it was (the rest of the card is sound).
    photo_problem: InterchangeError | None = None
    #: What to tell about the card without refusing it (a photo link not fetched…).
    notes: list[InterchangeError] = field(default_factory=list)

    @property
    def label(self) -> str:
        names = " ".join(n for n in (self.fields["first_name"], self.fields["last_name"]) if n)
        return names or self.full_name or self.company or self.fields["email"]

    @property
    def named(self) -> bool:
        """Whether the card names a person or a company: a contact needs one or the other."""
        fields = self.fields
        return any(s.strip() for s in (fields["last_name"], fields["first_name"], self.company))

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


@dataclass
class VCardFile:
    """What reading a vCard file found: its sound cards and what was wrong with the rest."""

    cards: list[ContactCard]
    #: Cards left out, each as the error that says which and why (in file order).
    skipped: list[InterchangeError] = field(default_factory=list)
    #: Runs of lines outside any card, ignored.
    stray: list[InterchangeError] = field(default_factory=list)
    #: How many cards (BEGIN:VCARD) the file holds, sound or not.
    total: int = 0

    @property
    def problems(self) -> list[InterchangeError]:
        """What a strict import refuses the file for, in file order."""
        photos = [card.photo_problem for card in self.cards if card.photo_problem is not None]
        return sorted([*self.skipped, *photos, *self.stray], key=lambda e: e.line or 0)

    @property
    def notes(self) -> list[InterchangeError]:
        return [note for card in self.cards for note in card.notes]


def read_vcard_file(data: bytes, source: str = "") -> VCardFile:
    """Parse every card of a vCard file, keeping going past bad ones (see the module's
    docstring); raises :class:`InterchangeError` only when the file holds no card at all."""
    segments, found = _split_cards(data, source)
    for index, begin, lines in segments:
        try:
            found.cards.append(_read_card(index, begin, lines, source))
        except InterchangeError as exc:
            found.skipped.append(exc.located(source=source, kind="card", index=index))
    found.skipped.sort(key=lambda e: e.line or 0)
    return found


def read_cards(
    data: bytes, source: str = "", warnings: list[str] | None = None
) -> list[ContactCard]:
    """Parse every card of a vCard file, strictly: raises :class:`InterchangeError` at the
    first problem (a card skipped or a photo left out by :func:`read_vcard_file`). Notes
    that refuse nothing (photo links not fetched…) go to ``warnings``."""
    found = read_vcard_file(data, source)
    if found.problems:
        raise found.problems[0]
    if warnings is not None:
        warnings.extend(str(note) for note in found.notes)
    return found.cards


Segment = tuple[int, int, list[LogicalLine]]


def _split_cards(data: bytes, source: str) -> tuple[list[Segment], VCardFile]:
    """The cards' lines (index, first line, lines); broken cards and stray lines are
    reported in the returned :class:`VCardFile`, which gets the sound cards later."""
    found = VCardFile(cards=[])
    segments: list[Segment] = []
    current: list[LogicalLine] | None = None
    begin = index = 0
    stray: list[LogicalLine] = []
    last_line = len(data.splitlines()) or 1

    def unended(why: str) -> InterchangeError:
        assert current is not None
        return InterchangeError(
            f"the card has no END:VCARD: {why}",
            source=source,
            line=begin,
            kind="card",
            index=index,
            label=_quick_label(current),
        )

    for line in logical_lines(data):
        keyword = line.text.strip().upper()
        if keyword == "BEGIN:VCARD":
            if current is not None:
                found.skipped.append(unended(f"the next card begins at line {line.number}"))
            _close_stray(found, stray, source)
            index += 1
            current, begin = [], line.number
        elif keyword == "END:VCARD" and current is not None:
            segments.append((index, begin, current))
            current = None
        elif current is None:
            stray.append(line)
        else:
            current.append(line)
    if current is not None:
        found.skipped.append(unended(f"the file ends early (line {last_line})"))
    found.total = index
    if not index:
        first = stray[0].number if stray else None
        why = "this is not a vCard file" if stray else "no vCard in this file"
        raise InterchangeError(f"{why} (BEGIN:VCARD expected)", source=source, line=first)
    _close_stray(found, stray, source)
    return segments, found


def _close_stray(found: VCardFile, stray: list[LogicalLine], source: str) -> None:
    """Report a run of lines outside any card as one problem, and forget them."""
    if not stray:
        return
    first = stray[0]
    if first.text.strip().upper() == "END:VCARD":
        what = "END:VCARD without BEGIN:VCARD"
    else:
        what = "this line is outside any card (BEGIN:VCARD expected)"
    more = f" ({len(stray)} lines ignored up to line {stray[-1].number})" if len(stray) > 1 else ""
    found.stray.append(InterchangeError(f"{what}{more}", source=source, line=first.number))
    stray.clear()


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


def _read_card(index: int, begin: int, lines: list[LogicalLine], source: str) -> ContactCard:
    """One card; raises :class:`InterchangeError` when the card itself is unsound. A photo
    that cannot be used becomes the card's ``photo_problem`` instead."""
    card = ContactCard(index=index, line=begin)
    props: list[Property] = []
    failure: InterchangeError | None = None
    photo_failure: InterchangeError | None = None
    for line in lines:
        try:
            props.append(parse_property(line))
        except InterchangeError as exc:
            if _is_photo_line(line):
                photo_failure = photo_failure or exc
            else:
                failure = failure or exc
    for prop in props:
        if prop.name == "VERSION":
            card.version = prop.value.strip()
    _fill_names(card, props)
    if failure is not None:
        failure.label = failure.label or card.label
        raise failure
    if not card.named:
        raise InterchangeError(
            "the card has neither a name (N, FN) nor a company (ORG). Give it one in the "
            "application it comes from, export and import again",
            line=begin,
            label=card.label,
        )
    _fill_fields(card, props)
    if photo_failure is not None and card.photo is None and card.photo_problem is None:
        photo_failure.message = f"the PHOTO line cannot be read: {photo_failure.message}"
        card.photo_problem = photo_failure
    for problem in [card.photo_problem, *card.notes]:
        if problem is not None:
            problem.label = problem.label or card.label
            problem.located(source=source, kind="card", index=index)
    return card


def _is_photo_line(line: LogicalLine) -> bool:
    name = line.text.split(":", 1)[0].split(";", 1)[0]
    return name.rsplit(".", 1)[-1].strip().upper() == "PHOTO"


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


def _fill_fields(card: ContactCard, props: list[Property]) -> None:
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
        try:
            card.photo = _read_photo(card, prop)
        except InterchangeError as exc:
            card.photo_problem = card.photo_problem or exc
            continue
        if card.photo is not None:
            card.photo_problem = None  # a later PHOTO line that works is enough
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


def _read_photo(card: ContactCard, prop: Property) -> bytes | None:
    """The photo's bytes, as they come; None for a link (noted on the card). Raises
    :class:`InterchangeError` when the photo cannot be used."""
    value = prop.value.strip()
    try:
        if prop.encoding in ("B", "BASE64"):
            data = prop.binary()
        elif value.lower().startswith("data:"):
            data = _data_uri(value, prop.number)
        elif "://" in value[:12] or prop.param("VALUE") and prop.param("VALUE")[0].lower() == "uri":
            card.notes.append(
                InterchangeError(
                    f"photo link {value[:80]} not fetched; the contact is imported without "
                    "its photo.",
                    line=prop.number,
                )
            )
            return None
        else:
            data = decode_base64(value, prop.number)
        # What the sync could not send is refused here already: the same checks, the same
        # limits. The CRM keeps the photo as it comes, though, not the normalised one.
        check_photo(data)
    except PhotoRejected as exc:
        raise InterchangeError(exc.text("en"), line=prop.number) from None
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


# --- storing ------------------------------------------------------------------------------


@dataclass
class VCardImportReport(ImportReport):
    """What a vCard import did: the counts of :class:`ImportReport`, plus each card left
    out (``skipped``) or taken with a warning (``warned``), lines ignored, and what joining
    the user's list of contacts to sync did."""

    cards: int = 0
    skipped: list[InterchangeError] = field(default_factory=list)
    warned: list[InterchangeError] = field(default_factory=list)
    ignored: list[InterchangeError] = field(default_factory=list)
    listing: ListChange | None = None

    @property
    def warned_cards(self) -> int:
        """How many cards came in with a warning."""
        return len({warning.index for warning in self.warned})


def import_vcards(
    path: Path, *, sync_for: User | None = None, strict: bool = False
) -> VCardImportReport:
    """Import the cards of ``path`` in one transaction; cards matching a live contact (same
    names and e-mail) are not created again. Bad cards are skipped and photos that cannot
    be used left out, each reported (see the module's docstring); with ``strict``, any of
    those raises :class:`InterchangeError` instead and nothing is imported. With
    ``sync_for``, the imported and matched contacts join that user's list of contacts to
    sync, up to its cap; ``report.listing`` says which were left out."""
    found = read_vcard_file(read_bytes(path), path.name)
    if strict and found.problems:
        raise found.problems[0]
    report = VCardImportReport(cards=found.total, skipped=found.skipped, ignored=found.stray)
    for card in found.cards:
        if card.photo_problem is not None:
            card.photo_problem.message += " The contact is imported without its photo."
            report.warned.append(card.photo_problem)
        report.warned.extend(card.notes)
    report.warned.sort(key=lambda w: w.line or 0)
    with db.atomic():
        known = {contact_key(c.last_name, c.first_name, c.email): c for c in Contact.live()}
        companies = CompanyFinder()
        touched: list[int] = []
        for card in found.cards:
            contact = known.get(card.key)
            if contact is not None:
                report.duplicates += 1
            else:
                contact = _store(card, companies)
                known[card.key] = contact
                report.created += 1
            touched.append(contact.id)
        report.extra["companies"] = companies.created
        if sync_for is not None:
            report.listing = add_contacts_to_sync(sync_for, touched)
            report.extra["listed"] = len(report.listing.changed)
    report.warnings.extend(str(w) for w in [*report.warned, *report.ignored])
    if report.listing is not None and report.listing.left_out:
        report.warnings.append(_list_full(sync_for, report.listing))
    return report


def _list_full(user: User | None, listing: ListChange) -> str:
    login = user.login if user is not None else "?"
    return (
        f"{len(listing.left_out)} contact(s) not added to {login}'s contacts to sync: the list "
        f"is full ({listing.cap} contacts at most). They are imported; remove others from "
        "the list to make room."
    )


def _store(card: ContactCard, companies: CompanyFinder) -> Contact:
    contact = Contact(**card.fields)
    if card.company:
        contact.company = companies.find_or_create(card.company)
    if card.photo is not None:
        contact.set_photo(card.photo)
    contact.save()
    return contact


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


def photo_kind(data: bytes) -> str | None:
    """JPEG, PNG or GIF from the image's first bytes; None for any other format."""
    for magic, kind in _PHOTO_KINDS:
        if data.startswith(magic):
            return kind
    return None


def exported_photo(data: bytes) -> tuple[bytes, str] | None:
    """The photo as a card carries it, with its TYPE: as stored when it is JPEG, PNG or
    GIF (what every reader takes), else converted by the sync's normaliser; None when it
    cannot be read at all."""
    kind = photo_kind(data)
    if kind is not None:
        return data, kind
    try:
        normalised = normalise_photo(data)
    except PhotoRejected as exc:
        log.warning("a contact photo is left out of the export: %s", exc.text("en"))
        return None
    return normalised.data, "PNG" if normalised.mime == "image/png" else "JPEG"


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
    photo = exported_photo(bytes(contact.photo)) if contact.photo else None
    if photo is not None:
        line = card.add("photo")
        line.encoding_param = "b"
        line.value, line.type_param = photo
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
