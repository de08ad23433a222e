"""A vCard import that keeps going past bad cards, and photos exported with their real type."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image

from crmsync.crm.db import close_database, open_database
from crmsync.crm.interchange import InterchangeError
from crmsync.crm.models import Contact, ContactToSync, User
from crmsync.crm.vcard import import_vcards, photo_kind, read_vcard_file, write_vcards

COLOURS = [(30 + 7 * n, 200 - 5 * n, (90 + 11 * n) % 256) for n in range(40)]


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "crm.sqlite")
    yield database
    close_database()


@pytest.fixture
def marie(db):
    return User.create(login="marie", name="Marie Dupont")


def image_bytes(fmt: str, colour=(200, 40, 40), size=(24, 24), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, colour).save(out, fmt)
    return out.getvalue()


def card(first: str, last: str, photo: bytes | None = None, extra: str = "") -> str:
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{last};{first};;;",
        f"FN:{first} {last}",
        f"EMAIL;TYPE=INTERNET:{first.lower()}.{last.lower()}@example.fr",
    ]
    if extra:
        lines.append(extra)
    if photo is not None:
        encoded = base64.b64encode(photo).decode()
        folded = "\r\n ".join(encoded[i : i + 74] for i in range(0, len(encoded), 74))
        lines.append(f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def thirty_cards(broken_at: int = 17) -> tuple[str, bytes]:
    """Thirty cards with a photo each; the photo of card ``broken_at`` is cut in half."""
    cards = []
    photos = {}
    for number in range(1, 31):
        photo = image_bytes("JPEG", COLOURS[number])
        if number == broken_at:
            photo = photo[: len(photo) // 2]
        photos[number] = photo
        cards.append(card(f"Prénom{number}", f"Nom{number}", photo))
    return "".join(cards), photos[1]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\r\n") + 1


# --- keeping going ------------------------------------------------------------------------


def test_thirty_cards_with_one_broken_photo_bring_thirty_contacts_and_one_warning(db, tmp_path):
    text, first_photo = thirty_cards(broken_at=17)
    path = write(tmp_path, "outlook.vcf", text)
    report = import_vcards(path)
    assert (report.cards, report.created, report.duplicates) == (30, 30, 0)
    assert report.skipped == [] and report.warned_cards == 1
    assert Contact.select().count() == 30
    assert Contact.select().where(Contact.photo.is_null(False)).count() == 29
    assert Contact.get(Contact.last_name == "Nom17").photo is None
    (warning,) = report.warned
    photo_line = line_of(text, "N:Nom17;") + 3  # N, FN, EMAIL, then the PHOTO line
    assert (warning.index, warning.line, warning.label) == (17, photo_line, "Prénom17 Nom17")
    message = str(warning)
    assert message.startswith(f"outlook.vcf, line {photo_line} (card 17 « Prénom17 Nom17 »): ")
    assert "damaged or incomplete" in message
    assert message.endswith("The contact is imported without its photo.")
    # The CRM keeps the photos as they came: normalising is for Google.
    assert bytes(Contact.get(Contact.last_name == "Nom1").photo) == first_photo


def test_strict_imports_none_of_the_thirty(db, tmp_path):
    text, _ = thirty_cards(broken_at=17)
    with pytest.raises(InterchangeError) as caught:
        import_vcards(write(tmp_path, "outlook.vcf", text), strict=True)
    assert "(card 17 « Prénom17 Nom17 »): The photo is damaged" in str(caught.value)
    assert Contact.select().count() == 0


@pytest.mark.parametrize(
    ("photo", "said"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "not a readable"),
        (b"just some text, not an image", "not a readable image"),
    ],
    ids=["pdf", "text"],
)
def test_a_photo_that_is_no_image_is_left_out(db, tmp_path, photo, said):
    text = card("Anne", "Durand", image_bytes("PNG")) + card("Jean", "Dupont", photo)
    report = import_vcards(write(tmp_path, "mixed.vcf", text))
    assert report.created == 2
    assert said in str(report.warned[0]) and "(card 2 « Jean Dupont »)" in str(report.warned[0])
    assert Contact.get(Contact.last_name == "Durand").photo is not None
    assert Contact.get(Contact.last_name == "Dupont").photo is None


def test_bad_base64_in_a_photo_costs_the_photo_only(db, tmp_path):
    text = card("Jean", "Dupont").replace("END:VCARD", "PHOTO;ENCODING=b:@@@\r\nEND:VCARD")
    report = import_vcards(write(tmp_path, "b64.vcf", text))
    assert report.created == 1
    assert "invalid PHOTO data: invalid base64" in str(report.warned[0])


def test_a_later_photo_that_works_is_enough(db, tmp_path):
    good = image_bytes("PNG")
    text = card("Jean", "Dupont", good).replace(
        "PHOTO;", "PHOTO;ENCODING=b;TYPE=JPEG:AAAA\r\nPHOTO;", 1
    )
    report = import_vcards(write(tmp_path, "two.vcf", text))
    assert report.warned == []
    assert bytes(Contact.get().photo) == good


def test_unsound_cards_are_skipped_and_named_the_rest_imported(db, tmp_path):
    nameless = "BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:0102030405\r\nEND:VCARD\r\n"
    broken_line = card("Luc", "Bernard").replace("END:VCARD", "no colon on this line\r\nEND:VCARD")
    unended = card("Léa", "Martin").replace("END:VCARD\r\n", "")
    text = card("Anne", "Durand") + nameless + broken_line + unended + card("Jean", "Dupont")
    report = import_vcards(write(tmp_path, "mixed.vcf", text))
    assert report.cards == 5
    assert sorted(c.last_name for c in Contact.select()) == ["Dupont", "Durand"]
    assert [str(s) for s in report.skipped] == [
        "mixed.vcf, line 7 (card 2): the card has neither a name (N, FN) nor a company (ORG). "
        "Give it one in the application it comes from, export and import again",
        "mixed.vcf, line 16 (card 3 « Luc Bernard »): this is not a content line (NAME:value "
        "expected): 'no colon on this line'",
        "mixed.vcf, line 18 (card 4 « Léa Martin »): the card has no END:VCARD: the next card "
        "begins at line 23",
    ]


def test_a_file_cut_short_keeps_the_cards_before(db, tmp_path):
    text = card("Anne", "Durand") + card("Jean", "Dupont")[:-30]
    report = import_vcards(write(tmp_path, "cut.vcf", text))
    assert report.created == 1
    (skipped,) = report.skipped
    assert "(card 2 « Jean Dupont »): the card has no END:VCARD: the file ends early" in str(
        skipped
    )


def test_lines_outside_cards_are_ignored_and_told(db, tmp_path):
    text = card("Anne", "Durand") + "END:VCARD\r\nstray text\r\n" + card("Jean", "Dupont")
    report = import_vcards(write(tmp_path, "stray.vcf", text))
    assert report.created == 2 and report.skipped == []
    (ignored,) = report.ignored
    assert str(ignored) == (
        "stray.vcf, line 7: END:VCARD without BEGIN:VCARD (2 lines ignored up to line 8)"
    )
    with pytest.raises(InterchangeError, match="END:VCARD without BEGIN:VCARD"):
        import_vcards(write(tmp_path, "stray.vcf", text), strict=True)


def test_a_file_without_any_card_is_refused_even_leniently(db, tmp_path):
    with pytest.raises(InterchangeError, match="line 1: this is not a vCard file"):
        import_vcards(write(tmp_path, "notes.txt", "hello\r\nworld\r\n"))
    with pytest.raises(InterchangeError, match="no vCard in this file"):
        import_vcards(write(tmp_path, "empty.vcf", "\r\n"))


def test_sync_for_lists_the_imported_and_the_known_contacts(db, tmp_path, marie):
    text, _ = thirty_cards(broken_at=3)
    path = write(tmp_path, "all.vcf", text)
    first = import_vcards(path, sync_for=marie)
    assert first.listing is not None and len(first.listing.changed) == 30
    again = import_vcards(path, sync_for=marie)
    assert again.duplicates == 30 and again.listing is not None
    assert (len(again.listing.changed), len(again.listing.unchanged)) == (0, 30)
    assert ContactToSync.select().count() == 30


def test_the_reader_reports_problems_in_file_order():
    text = (
        card("Anne", "Durand", b"not an image")
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n"
        + card("Jean", "Dupont")
    )
    found = read_vcard_file(text.encode(), "order.vcf")
    assert [p.index for p in found.problems] == [1, 2]
    assert [c.label for c in found.cards] == ["Anne Durand", "Jean Dupont"]


# --- exporting photos with their real type ------------------------------------------------


@pytest.mark.parametrize(("fmt", "kind"), [("JPEG", "JPEG"), ("PNG", "PNG"), ("GIF", "GIF")])
def test_a_jpeg_png_or_gif_photo_is_exported_as_it_is_with_its_type(db, fmt, kind):
    data = image_bytes(fmt)
    contact = Contact.create(last_name="Durand", first_name="Anne")
    contact.set_photo(data)
    contact.save()
    text = write_vcards([contact])
    assert f"PHOTO;ENCODING=b;TYPE={kind}:" in text
    assert base64.b64encode(data).decode()[:60] in text.replace("\r\n ", "")


@pytest.mark.parametrize(
    ("fmt", "mode", "kind"),
    [("BMP", "RGB", "JPEG"), ("TIFF", "RGB", "JPEG"), ("WEBP", "RGBA", "PNG")],
)
def test_another_format_is_converted_and_labelled_for_what_it_became(db, fmt, mode, kind):
    colour = (10, 120, 200, 100) if mode == "RGBA" else (10, 120, 200)
    data = image_bytes(fmt, colour, mode=mode)
    assert photo_kind(data) is None
    contact = Contact.create(last_name="Durand", first_name="Anne")
    contact.set_photo(data)
    contact.save()
    text = write_vcards([contact])
    assert f"PHOTO;ENCODING=b;TYPE={kind}:" in text
    encoded = text.replace("\r\n ", "").split(f"TYPE={kind}:")[1].split("\r\n")[0]
    with Image.open(io.BytesIO(base64.b64decode(encoded))) as image:
        assert image.format == kind


def test_a_photo_that_cannot_be_read_is_left_out_of_the_export(db, caplog):
    contact = Contact.create(last_name="Durand", first_name="Anne")
    contact.set_photo(b"garbage bytes, not a picture")
    contact.save()
    text = write_vcards([contact])
    assert "PHOTO" not in text and "N:Durand;Anne;;;" in text
    assert "left out of the export" in caplog.text
