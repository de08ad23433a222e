"""vCard reading and writing, on fixtures shaped like real exports and a real SQLite file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from crmsync.crm.db import close_database, open_database
from crmsync.crm.interchange import InterchangeError, logical_lines, parse_property
from crmsync.crm.models import Company, Contact, ContactToSync, User
from crmsync.crm.vcard import (
    CONTACT_FIELDS,
    contact_to_vcard,
    import_vcards,
    read_cards,
    write_vcards,
)

FIXTURES = Path(__file__).parent / "fixtures"


def cards_of(name: str, warnings: list[str] | None = None):
    return read_cards((FIXTURES / name).read_bytes(), name, warnings)


def image_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        return image.size


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "crm.sqlite")
    yield database
    close_database()


@pytest.fixture
def marie(db):
    return User.create(login="marie", name="Marie Dupont")


# --- reading each shape -------------------------------------------------------------------


def test_google_export_prefers_the_work_email_and_skips_the_photo_link():
    warnings: list[str] = []
    jean, marie = cards_of("google_contacts.vcf", warnings)
    assert jean.fields["civility"] == "M."
    assert (jean.fields["last_name"], jean.fields["first_name"]) == ("Dupont", "Jean")
    assert jean.fields["email"] == "j.dupont@cabinet-dupont.fr"  # item1 labelled Work
    assert jean.fields["phone"] == "+33 1 23 45 67 89"  # WORK before HOME
    assert jean.fields["mobile"] == "+33 6 12 34 56 78"
    assert jean.fields["address1"] == "12 rue de la Paix"
    assert jean.fields["address2"] == "Bâtiment B, 3e étage"
    assert (jean.fields["postal_code"], jean.fields["city"]) == ("75002", "Paris")
    assert jean.fields["country"] == "France"
    assert jean.fields["function"] == "Vétérinaire"
    assert jean.fields["comment"] == (
        "Client depuis 2015, préfère le matin.\nAppeler avant 10 h; jamais le lundi."
    )
    assert jean.company == "Cabinet Dupont"
    assert jean.photo is None
    assert len(warnings) == 1
    assert "line 15 (card 1 « Jean Dupont »)" in warnings[0]
    assert "not fetched" in warnings[0]
    assert marie.company == "Laboratoire Curie, Martin & associés"
    assert marie.fields["civility"] == "Mme"
    assert marie.fields["phone"] == "+33 4 72 00 00 00"


def test_apple_export_decodes_the_folded_base64_photo():
    (sophie,) = cards_of("apple_contacts.vcf")
    assert sophie.fields["last_name"] == "Lefèvre"
    assert sophie.fields["email"] == "sophie.lefevre@lilas-veto.fr"  # type=pref
    assert sophie.fields["mobile"] == "06 98 76 54 32"  # the _$!<Mobile>!$_ label
    assert sophie.fields["phone"] == "01 44 55 66 77"
    assert sophie.company == "Clinique Vétérinaire des Lilas"
    assert sophie.photo is not None
    assert sophie.photo.startswith(b"\xff\xd8")
    assert image_size(sophie.photo) == (8, 8)


def test_outlook_21_decodes_windows_1252_and_quoted_printable_soft_breaks():
    helene, john = cards_of("outlook_contacts.vcf")
    assert helene.version == "2.1"
    assert (helene.fields["last_name"], helene.fields["first_name"]) == ("Bérard", "Hélène")
    assert helene.fields["civility"] == "Dr"
    assert helene.full_name == "Hélène Bérard"
    assert helene.company == "Cabinet Médical Saint-Éloi"
    assert helene.fields["function"] == "Médecin généraliste"
    # "d=" ends one line and "es" starts the next: the soft break is joined, not kept;
    # =0D=0A is a real line break; =80 is the euro sign in Windows-1252.
    assert helene.fields["comment"] == (
        "Première visite le 12/03, très ponctuelle.\n"
        "Rappeler pour le suivi des résultats € facturer."
    )
    assert helene.fields["address1"] == "3 place de l'Église"
    assert helene.fields["address2"] == "Boîte 4"
    assert helene.fields["city"] == "Orléans"
    assert helene.fields["country"] == "France"  # "F=" / "rance" joined
    assert helene.fields["phone"] == "01 40 00 00 01"  # WORK, the fax left out
    assert helene.fields["mobile"] == "06 00 00 00 01"
    assert helene.fields["email"] == "helene.berard@saint-eloi.fr"
    assert helene.photo is not None and image_size(helene.photo) == (8, 8)
    assert john.fields["civility"] == "Mr"
    assert john.fields["mobile"] == "+44 7700 900123"
    assert john.line == 35


def test_vcard_4_reads_tel_uris_pref_and_data_uri_photo():
    (paul,) = cards_of("contacts_v4.vcf")
    assert paul.version == "4.0"
    assert paul.fields["email"] == "paul@garage-martin.fr"  # PREF=1
    assert paul.fields["mobile"] == "+33-6-11-22-33-44"
    assert paul.fields["phone"] == "+33-2-99-88-77-66 ext. 12"
    assert paul.fields["comment"] == "Préfère être contacté par e-mail 📧"
    assert paul.fields["city"] == "Rennes"
    assert paul.photo is not None and paul.photo.startswith(b"\x89PNG")
    assert image_size(paul.photo) == (8, 8)


def test_logical_lines_keep_the_number_of_the_first_physical_line():
    data = b"BEGIN:VCARD\r\nNOTE:a\r\n  b\r\n\r\nFN:x\r\nEND:VCARD"
    lines = logical_lines(data)
    assert [(line.number, line.text) for line in lines] == [
        (1, "BEGIN:VCARD"),
        (2, "NOTE:a b"),
        (5, "FN:x"),
        (6, "END:VCARD"),
    ]


def test_a_fold_inside_a_multibyte_character_is_rejoined():
    encoded = "NOTE:été".encode()
    data = encoded[:6] + b"\r\n " + encoded[6:]  # cuts "é" in two
    (line,) = logical_lines(data)
    assert parse_property(line).value == "été"


# --- bad files ----------------------------------------------------------------------------


def test_corrupt_photo_names_the_line_and_card():
    with pytest.raises(InterchangeError) as caught:
        cards_of("bad_photo.vcf")
    message = str(caught.value)
    assert message.startswith(
        "bad_photo.vcf, line 12 (card 2 « Jean Dupont »): The photo is damaged or incomplete"
    )
    assert message.endswith("Replace the contact's photo with a JPEG or PNG image.")


def test_truncated_card_is_reported():
    with pytest.raises(InterchangeError) as caught:
        cards_of("truncated.vcf")
    assert "line 6 (card 2 « Louis Petit »)" in str(caught.value)
    assert "END:VCARD" in str(caught.value)


def test_a_file_that_is_not_a_vcard_is_refused():
    with pytest.raises(InterchangeError, match="line 1: this is not a vCard file"):
        read_cards(b"hello\r\n", "notes.txt")


def test_bad_base64_photo_is_refused():
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A B\r\nPHOTO;ENCODING=b:@@@\r\nEND:VCARD\r\n"
    with pytest.raises(InterchangeError, match=r"line 4 \(card 1 « A B »\): invalid PHOTO"):
        read_cards(data, "x.vcf")


# --- storing ------------------------------------------------------------------------------


def test_import_creates_contacts_and_companies_once(db):
    report = import_vcards(FIXTURES / "google_contacts.vcf")
    assert (report.created, report.duplicates) == (2, 0)
    jean = Contact.get(Contact.last_name == "Dupont")
    assert jean.company.name == "Cabinet Dupont"
    assert jean.company.code == "CABINETD"
    again = import_vcards(FIXTURES / "google_contacts.vcf")
    assert (again.created, again.duplicates) == (0, 2)
    assert Contact.select().count() == 2
    assert Company.select().count() == 2


def test_import_matches_existing_companies_by_name_case_aside(db):
    existing = Company.create(code="DUP", name="CABINET DUPONT")
    import_vcards(FIXTURES / "google_contacts.vcf")
    assert Contact.get(Contact.last_name == "Dupont").company_id == existing.id


def test_import_stores_the_photo_bytes(db):
    import_vcards(FIXTURES / "apple_contacts.vcf")
    sophie = Contact.get()
    assert image_size(bytes(sophie.photo)) == (8, 8)
    assert sophie.photo_updated_at is not None


def test_a_bad_card_imports_nothing_when_strict(db):
    before = Contact.select().count()
    with pytest.raises(InterchangeError):
        import_vcards(FIXTURES / "bad_photo.vcf", strict=True)
    assert Contact.select().count() == before


def test_sync_for_respects_the_cap(db, marie):
    fillers = Contact.insert_many([{"last_name": f"Déjà {n}"} for n in range(1999)]).execute()
    assert fillers
    ContactToSync.insert_many(
        [{"user": marie.id, "contact": c.id} for c in Contact.select(Contact.id)]
    ).execute()
    report = import_vcards(FIXTURES / "outlook_contacts.vcf", sync_for=marie)
    assert report.created == 2
    assert report.extra["listed"] == 1
    assert report.listing is not None
    john = Contact.get(Contact.last_name == "Smith")
    assert report.listing.left_out == [john.id]  # the second card of the file
    assert ContactToSync.select().where(ContactToSync.user == marie).count() == 2000
    assert any("1 contact(s) not added to marie's" in w for w in report.warnings)


# --- writing and the round trip -----------------------------------------------------------


def _fields(contact: Contact) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(contact, name) for name in CONTACT_FIELDS}
    values["company"] = contact.company.name if contact.company_id else None
    values["photo"] = bytes(contact.photo) if contact.photo is not None else None
    return values


def test_written_cards_are_vcard_3_with_the_photo_inline(db):
    import_vcards(FIXTURES / "apple_contacts.vcf")
    text = write_vcards(Contact.select())
    assert "VERSION:3.0" in text
    assert "PHOTO;ENCODING=b;TYPE=JPEG:" in text
    assert "N:Lefèvre;Sophie;;Mme;" in text


@pytest.mark.parametrize(
    "fixture",
    ["google_contacts.vcf", "apple_contacts.vcf", "outlook_contacts.vcf", "contacts_v4.vcf"],
)
def test_export_then_import_into_a_fresh_database_keeps_every_field(tmp_path, fixture):
    open_database(tmp_path / "first.sqlite")
    import_vcards(FIXTURES / fixture)
    before = sorted((_fields(c) for c in Contact.select()), key=lambda f: str(f["last_name"]))
    exported = tmp_path / "out.vcf"
    exported.write_text(write_vcards(Contact.select()), encoding="utf-8")
    open_database(tmp_path / "second.sqlite")
    import_vcards(exported)
    after = sorted((_fields(c) for c in Contact.select()), key=lambda f: str(f["last_name"]))
    close_database()
    assert after == before


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r")
    | st.sampled_from(list(",;:\\\n\"'=") + ["😀", "é", "€", "\u00a0"]),
    max_size=60,
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    last=_text,
    first=_text,
    function=_text,
    comment=_text,
    city=_text,
    company=_text.filter(lambda s: s.strip() == s and s != ""),
)
def test_text_fields_survive_the_round_trip(last, first, function, comment, city, company):
    contact = Contact(
        id=7,
        last_name=last.strip(),
        first_name=first.strip(),
        function=function.strip(),
        comment=comment,
        city=city.strip(),
        email="a@b.c",
    )
    contact.company = Company(id=3, code="X", name=company)
    data = contact_to_vcard(contact).serialize().encode("utf-8")
    (card,) = read_cards(data, "round.vcf")
    assert card.fields["last_name"] == contact.last_name
    assert card.fields["first_name"] == contact.first_name
    assert card.fields["function"] == contact.function
    assert card.fields["comment"] == comment
    assert card.fields["city"] == contact.city
    assert card.company == company


def test_21_without_charset_falls_back_to_windows_1252():
    data = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Lemaître;Zoé\r\nEND:VCARD\r\n".encode("cp1252")
    (card,) = read_cards(data, "old.vcf")
    assert (card.fields["last_name"], card.fields["first_name"]) == ("Lemaître", "Zoé")


def test_empty_cards_are_skipped_and_named(db, tmp_path):
    path = tmp_path / "empty.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nEND:VCARD\r\n")
    report = import_vcards(path)
    assert report.created == 0
    assert Contact.select().count() == 0
    (skipped,) = report.skipped
    assert str(skipped).startswith("empty.vcf, line 1 (card 1): the card has neither a name")


@pytest.mark.parametrize("charset", ["\x00ndows-1252", "rot13", "nonsense"])
def test_a_charset_that_is_no_charset_is_read_as_utf8_or_windows_1252(charset):
    data = f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET={charset}:Hél\r\nEND:VCARD\r\n".encode()
    (card,) = read_cards(data, "odd.vcf")
    assert card.full_name == "Hél"
