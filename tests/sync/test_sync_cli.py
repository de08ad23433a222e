"""``crmsync sync`` and ``crmsync log`` from the command line, and the demo's sync."""

from __future__ import annotations

import json

from crmsync import cli
from crmsync.crm import db as store


def _run(capsys, bench, *args: str) -> tuple[int, str, str]:
    path = store.database_location()
    store.close_database()
    code = cli.main(["--db", str(path), "--google-endpoint", bench.base_url, *args])
    out, err = capsys.readouterr()
    store.open_database(path)
    return code, out, err


def test_sync_prints_a_summary_and_json_with_the_request_count(bench, capsys):
    bench.action("Depuis la ligne de commande")
    code, out, _ = _run(capsys, bench, "sync", "--user", "alice")
    assert code == 0
    assert "alice: CRM +0 ~0 -0, Google +1" in out and "requests 3" in out
    code, out, _ = _run(capsys, bench, "sync", "--user", "alice", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["requests"] == 1  # unchanged: one events.list
    assert data["created"] == {"crm": 0, "google": 0}


def test_dry_run_shows_the_plan_and_changes_nothing(bench, capsys):
    bench.action("Prévu")
    code, out, _ = _run(capsys, bench, "sync", "--user", "alice", "--dry-run")
    assert code == 0
    assert "(dry run)" in out and "google_insert: 'Prévu'" in out
    assert bench.events() == []


def test_a_failing_sync_exits_non_zero_and_names_the_error(bench, capsys):
    from crmsync.crm.models import SyncSettings

    settings = SyncSettings.for_user(bench.user)
    settings.calendar_name = "Agenda disparu"
    settings.save()
    # FTC019's words in French; the same in English
    code, out, _ = _run(capsys, bench, "sync", "--user", "alice", "--json", "--lang", "fr")
    assert code == 1
    assert "Le calendrier recherché « Agenda disparu » est inconnu" in json.loads(out)["errors"][0]
    code, out, _ = _run(capsys, bench, "sync", "--user", "alice", "--json", "--lang", "en")
    assert code == 1
    assert "The calendar « Agenda disparu » is unknown" in json.loads(out)["errors"][0]


def test_the_log_speaks_the_language_chosen(bench, capsys, monkeypatch):
    from crmsync.sync.state import SyncLogEntry

    kept = [bench.action(f"Gardée {n}") for n in range(2)]
    assert _run(capsys, bench, "sync", "--user", "alice")[0] == 0
    for action in kept:
        bench.google.events().delete(
            calendarId="primary", eventId=bench.event_of(action)["id"]
        ).execute()
    monkeypatch.setenv("CRMSYNC_LANG", "fr")  # the app's one choice, for a run given none
    assert _run(capsys, bench, "sync", "--user", "alice", "--deletions", "keep")[0] == 0
    said = SyncLogEntry.select().where(SyncLogEntry.result == "kept")
    assert {e.message for e in said} == {"l'utilisateur garde l'action (--deletions keep)"}


def test_bad_options_and_unknown_users_are_told_what_to_do(bench, capsys):
    code, _, err = _run(capsys, bench, "sync", "--user", "nobody")
    assert code == 2 and "crmsync user list" in err
    code, _, err = _run(capsys, bench, "sync", "--user", "alice", "--first-days", "-3")
    assert code == 2 and "--first-days" in err


def test_the_log_shows_what_the_sync_did(bench, capsys):
    action = bench.action("Journalisé")
    _run(capsys, bench, "sync", "--user", "alice")
    code, out, _ = _run(capsys, bench, "log", "--user", "alice")
    assert code == 0
    assert "crm->google" in out and "'Journalisé'" in out and "→ ok" in out
    code, out, _ = _run(capsys, bench, "log", "--json", "--since", "2000-01-01")
    entries = json.loads(out)
    assert entries[-1]["crm_id"] == action.id and entries[-1]["operation"] == "insert"
    code, out, _ = _run(capsys, bench, "log", "--since", "2999-01-01", "--json")
    assert json.loads(out) == []


def test_the_demo_syncs_and_fills_the_emulator(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("CRMSYNC_DATA_DIR", str(tmp_path / "demo-data"))
    from crmsync.demo import DEMO_SIZES

    monkeypatch.setitem(DEMO_SIZES, "actions_per_user", 30)
    monkeypatch.setitem(DEMO_SIZES, "contacts", 5)
    monkeypatch.setitem(DEMO_SIZES, "photos", False)
    code = cli.main(["--demo", "sync", "--all", "--json"])
    results = json.loads(capsys.readouterr().out)
    assert code == 0
    assert len(results) == 3
    assert all(r["created"]["google"] > 0 and not r["errors"] for r in results)
    code = cli.main(["--demo", "sync", "--all", "--json"])
    again = json.loads(capsys.readouterr().out)
    assert [r["requests"] for r in again] == [1, 1, 1]
    store.close_database()


def test_sync_contacts_from_the_command_line_and_export_their_comments(bench, capsys, tmp_path):
    from crmsync.crm.models import Contact, ContactToSync

    contact = Contact.create(first_name="Élodie", last_name="Durand", comment="")
    ContactToSync.create(user=bench.user, contact=contact)
    code, out, _ = _run(capsys, bench, "sync", "--user", "alice", "--contacts", "--json")
    data = json.loads(out)
    assert code == 0, data
    assert data["created"] == {"crm": 0, "google": 1}
    assert set(data) >= {"updated", "deleted", "conflicts", "skipped_by_cap", "errors", "requests"}
    code, out, _ = _run(capsys, bench, "sync", "--user", "alice", "--contacts")
    assert code == 0 and "requests 1" in out
    code, _, err = _run(
        capsys, bench, "sync", "--user", "alice", "--contacts", "--contacts-rate", "fast"
    )
    assert code == 2 and "180,90" in err

    # a comment written on the phone comes back and is exported with the list
    from agenda_bench import ALICE
    from google.oauth2.credentials import Credentials
    from googleapiclient.discovery import build

    from crmsync.sync.state import SyncLink

    link_google_id = SyncLink.get().google_id
    token = bench.emulator.token(ALICE)
    phone = build(
        "people",
        "v1",
        credentials=Credentials(token=token),
        static_discovery=True,
        client_options={"api_endpoint": bench.base_url + "/"},
    )
    person = phone.people().get(resourceName=link_google_id, personFields="biographies,metadata")
    person = person.execute()
    phone.people().updateContact(
        resourceName=link_google_id,
        updatePersonFields="biographies",
        body={
            "etag": person["etag"],
            "metadata": {"sources": person["metadata"]["sources"]},
            "biographies": [{"value": "Rappeler jeudi"}],
        },
    ).execute()
    phone.close()
    code, out, _ = _run(capsys, bench, "sync", "--user", "alice", "--contacts")
    assert code == 0 and "CRM +0 ~1" in out
    target = tmp_path / "liste.vcf"
    code, _, _ = _run(capsys, bench, "export", "vcf", "--user", "alice", "-o", str(target))
    assert code == 0
    assert "NOTE:Rappeler jeudi" in target.read_text(encoding="utf-8")
