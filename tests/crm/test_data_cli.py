"""The ``import`` and ``export`` commands, run through the real command-line entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmsync.cli import main
from crmsync.crm.db import close_database, open_database
from crmsync.crm.models import Action, Contact, ContactToSync, Series, User

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "crm.sqlite"
    open_database(path)
    User.create(login="marie", name="Marie Dupont", time_zone="Europe/Paris")
    close_database()
    return path


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def count(db_path: Path, query) -> int:
    open_database(db_path)
    try:
        return query().count()
    finally:
        close_database()


def test_import_vcf_prints_counts_and_fills_the_sync_list(db_path, capsys):
    code = run(
        db_path, "import", "vcf", str(FIXTURES / "outlook_contacts.vcf"), "--sync-for", "marie"
    )
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines() == [
        "outlook_contacts.vcf: 2 card(s) read: 2 contact(s) created, 0 already in the CRM, "
        "0 skipped, 0 with a warning.",
        "1 new company(ies) created.",
        "2 contact(s) added to marie's contacts to sync, 0 already there (2 of 2000).",
    ]
    assert count(db_path, ContactToSync.select) == 2
    code = run(db_path, "import", "vcf", str(FIXTURES / "outlook_contacts.vcf"))
    assert code == 0
    assert "0 contact(s) created, 2 already in the CRM, 0 skipped" in capsys.readouterr().out


def test_import_vcf_warns_about_photo_links(db_path, capsys):
    assert run(db_path, "import", "vcf", str(FIXTURES / "google_contacts.vcf")) == 0
    err = capsys.readouterr().err
    assert "warning: google_contacts.vcf, line 15 (card 1 « Jean Dupont »)" in err


@pytest.mark.parametrize(
    ("fixture", "where"),
    [
        (
            "bad_photo.vcf",
            "bad_photo.vcf, line 12 (card 2 « Jean Dupont »): The photo is damaged or incomplete",
        ),
        ("truncated.vcf", "truncated.vcf, line 6 (card 2 « Louis Petit »)"),
    ],
)
def test_bad_vcf_with_strict_exits_2_and_imports_nothing(db_path, capsys, fixture, where):
    code = run(db_path, "import", "vcf", "--strict", str(FIXTURES / fixture))
    captured = capsys.readouterr()
    assert code == 2
    assert where in captured.err
    assert captured.err.rstrip().endswith(("nothing was imported.", "Nothing was imported."))
    assert "Traceback" not in captured.err
    assert count(db_path, Contact.select) == 0


def test_a_broken_photo_costs_the_photo_only_and_exits_0(db_path, capsys):
    code = run(db_path, "import", "vcf", str(FIXTURES / "bad_photo.vcf"))
    captured = capsys.readouterr()
    assert code == 0
    assert captured.err.startswith(
        "crmsync: warning: bad_photo.vcf, line 12 (card 2 « Jean Dupont »): The photo is "
        "damaged or incomplete"
    )
    assert captured.err.rstrip().endswith("The contact is imported without its photo.")
    assert "2 card(s) read: 2 contact(s) created, 0 already in the CRM, 0 skipped, 1 with a " in (
        captured.out
    )
    assert count(db_path, Contact.select) == 2


def test_a_card_cut_short_is_skipped_and_exits_1(db_path, capsys):
    code = run(db_path, "import", "vcf", str(FIXTURES / "truncated.vcf"))
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err == (
        "crmsync: skipped: truncated.vcf, line 6 (card 2 « Louis Petit »): the card has no "
        "END:VCARD: the file ends early (line 10)\n"
    )
    assert "2 card(s) read: 1 contact(s) created, 0 already in the CRM, 1 skipped" in captured.out
    assert count(db_path, Contact.select) == 1


def test_import_vcf_json_lists_what_was_skipped_and_warned(db_path, tmp_path, capsys):
    import base64
    import io
    import json

    from PIL import Image

    photo = io.BytesIO()
    Image.new("RGB", (30, 30), (10, 200, 30)).save(photo, "JPEG")
    good = base64.b64encode(photo.getvalue()).decode()
    bad = base64.b64encode(photo.getvalue()[:200]).decode()
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Nom{n};Prénom{n};;;\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{bad if n == 7 else good}\r\nEND:VCARD\r\n"
        for n in range(1, 31)
    )
    path = tmp_path / "thirty.vcf"
    path.write_text(cards + "BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n", encoding="utf-8")
    code = run(db_path, "import", "vcf", str(path), "--json", "--sync-for", "marie")
    summary = json.loads(capsys.readouterr().out)
    assert code == 1  # the nameless card 31 was skipped
    assert (summary["cards"], summary["created"], summary["already_in_crm"]) == (31, 30, 0)
    assert [(w["card"], w["line"], w["name"]) for w in summary["warned"]] == [
        (7, 34, "Prénom7 Nom7")
    ]
    assert [(s["card"], s["line"]) for s in summary["skipped"]] == [(31, 151)]
    assert summary["sync_list"]["listed"] == 30 and summary["sync_list"]["left_out"] == []
    open_database(db_path)
    try:
        with_photo = Contact.select().where(Contact.photo.is_null(False)).count()
    finally:
        close_database()
    assert with_photo == 29


def test_import_ics_and_reimport(db_path, capsys):
    code = run(db_path, "import", "ics", str(FIXTURES / "google_calendar.ics"), "--user", "marie")
    out = capsys.readouterr().out
    assert code == 0
    assert "event(s) created for marie" in out
    assert count(db_path, Series.select) >= 1
    actions = count(db_path, Action.select)
    assert (
        run(db_path, "import", "ics", str(FIXTURES / "google_calendar.ics"), "--user", "marie") == 0
    )
    assert "0 event(s) created" in capsys.readouterr().out
    assert count(db_path, Action.select) == actions


@pytest.mark.parametrize(
    ("fixture", "where"),
    [
        ("bad_date.ics", "bad_date.ics, line 15 (event 2 « Visite client »): invalid DTSTART"),
        ("truncated.ics", "truncated.ics, line 11 (event 2 « Visite client »)"),
    ],
)
def test_bad_ics_exits_2_and_imports_nothing(db_path, capsys, fixture, where):
    code = run(db_path, "import", "ics", str(FIXTURES / fixture), "--user", "marie")
    err = capsys.readouterr().err
    assert code == 2
    assert where in err and "nothing was imported" in err
    assert count(db_path, Action.select) == 0


def test_missing_file_and_unknown_user_exit_2(db_path, tmp_path, capsys):
    assert run(db_path, "import", "vcf", str(tmp_path / "nope.vcf")) == 2
    assert "no such file" in capsys.readouterr().err
    assert (
        run(db_path, "import", "ics", str(FIXTURES / "google_calendar.ics"), "--user", "zoe") == 2
    )
    assert "No user with login 'zoe'" in capsys.readouterr().err


def test_export_vcf_of_the_sync_list_or_everything(db_path, tmp_path, capsys):
    run(db_path, "import", "vcf", str(FIXTURES / "apple_contacts.vcf"), "--sync-for", "marie")
    run(db_path, "import", "vcf", str(FIXTURES / "contacts_v4.vcf"))
    capsys.readouterr()
    listed = tmp_path / "listed.vcf"
    assert run(db_path, "export", "vcf", "--user", "marie", "-o", str(listed)) == 0
    assert "1 contact(s) written" in capsys.readouterr().out
    assert listed.read_text(encoding="utf-8").count("BEGIN:VCARD") == 1
    everyone = tmp_path / "all.vcf"
    assert run(db_path, "export", "vcf", "--all", "-o", str(everyone)) == 0
    assert everyone.read_text(encoding="utf-8").count("BEGIN:VCARD") == 2
    assert run(db_path, "export", "vcf", "-o", str(everyone)) == 2
    assert "--user LOGIN, or --all" in capsys.readouterr().err


def test_export_ics_then_import_elsewhere(db_path, tmp_path, capsys):
    run(db_path, "import", "ics", str(FIXTURES / "google_calendar.ics"), "--user", "marie")
    out = tmp_path / "agenda.ics"
    assert run(db_path, "export", "ics", "--user", "marie", "-o", str(out)) == 0
    assert "action(s) of marie written" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert "X-CRMSYNC-TYPE:" in text and "BEGIN:VALARM" in text and "CLASS:PRIVATE" in text
    other = tmp_path / "other.sqlite"
    open_database(other)
    User.create(login="marie", time_zone="Europe/Paris")
    close_database()
    assert run(other, "import", "ics", str(out), "--user", "marie") == 0
    assert count(other, Action.live) == count(db_path, Action.live)


@pytest.mark.parametrize("kind", ["ics", "vcf"])
def test_export_into_a_missing_folder_exits_2_with_a_message(db_path, tmp_path, capsys, kind):
    target = tmp_path / "missing" / f"out.{kind}"
    who = ["--user", "marie"] if kind == "ics" else ["--all"]
    assert run(db_path, "export", kind, *who, "-o", str(target)) == 2
    err = capsys.readouterr().err
    assert err == (
        f"crmsync: error: cannot write {target}: the folder {target.parent} does not exist. "
        "Create it, or choose another file with -o.\n"
    )
    assert not target.parent.exists()
