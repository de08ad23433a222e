"""The manual sync wizard: users, options, a preview that changes nothing, the run with its
progress and cancel, deletions asked, and the summary — the engine against the emulator."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtWidgets import QWidget, QWizard
from sync_gui_bench import ALICE, close_crm, make_crm

from crmsync.crm.models import Action, User, utc_now
from crmsync.gui.sync_wizard import SyncWizard
from crmsync.sync.engine import SyncOptions
from crmsync.sync.state import SyncLink

FULL_CALENDAR = "https://www.googleapis.com/auth/calendar"


@pytest.fixture
def crm(tmp_path, monkeypatch, emulator, fake_google):
    crm = make_crm(tmp_path, monkeypatch, emulator, fake_google)
    crm.connect(crm.alice, ALICE)
    yield crm
    close_crm(crm)


@pytest.fixture
def google(calendar_api):
    return calendar_api(ALICE, scopes=[FULL_CALENDAR])


def live_events(google):
    items, token = [], None
    while True:
        page = (
            google.events().list(calendarId="primary", pageToken=token, maxResults=2500).execute()
        )
        items.extend(e for e in page.get("items", []) if e.get("status") != "cancelled")
        token = page.get("nextPageToken")
        if not token:
            return items


def actions(user, count, title="RDV"):
    start = utc_now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    return [
        Action.create(
            owner=user,
            title=f"{title} {i}",
            start=start + dt.timedelta(hours=i),
            end=start + dt.timedelta(hours=i, minutes=30),
        )
        for i in range(count)
    ]


class Shell(QWidget):
    """A parent with the sync log the wizard's summary links to."""

    def __init__(self):
        super().__init__()
        self.opened: list[int] = []

    def open_sync_log(self, user_id):
        self.opened.append(user_id)


def start(qtbot, crm, parent=None):
    wizard = SyncWizard(crm.context, parent)
    if parent is None:
        qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_users_page_offers_connected_users_and_disables_the_others(qtbot, crm):
    wizard = start(qtbot, crm)
    page = wizard.users_page
    items = {i.data(0, 256): i for i in page.items()}
    assert set(items) == {u.id for u in crm.context.visible_users("agenda")}
    assert page.chosen() == [crm.alice.id]
    bob = items[crm.bob.id]
    assert not bob.flags()  # not connected: cannot be ticked …
    assert bob.text(1) == "Pas encore connecté à Google"  # … and why
    page.ui.noneButton.click()
    assert not page.isComplete()
    page.ui.allButton.click()
    assert page.chosen() == [crm.alice.id]


def test_options_page_builds_the_engines_options(qtbot, crm):
    wizard = start(qtbot, crm)
    wizard.next()
    ui = wizard.options_page.ui
    assert wizard.options_page.options() == SyncOptions()
    ui.fullRadio.setChecked(True)
    ui.contactsCheck.setChecked(True)
    ui.deletionsCombo.setCurrentIndex(ui.deletionsCombo.findData("keep"))
    assert wizard.options_page.options(dry_run=True) == SyncOptions(
        contacts=True, full=True, deletions="keep", dry_run=True
    )
    ui.firstRadio.setChecked(True)
    ui.daysSpin.setValue(45)
    assert wizard.options_page.options().first_days == 45
    assert not wizard.options_page.options().full
    ui.agendaCheck.setChecked(False)
    ui.contactsCheck.setChecked(False)
    assert not wizard.options_page.isComplete()


def test_preview_changes_nothing_then_the_run_creates_and_the_summary_counts(qtbot, crm, google):
    made = actions(crm.alice, 3)
    parent = Shell()
    qtbot.addWidget(parent)
    wizard = start(qtbot, crm, parent)
    wizard.next()
    wizard.next()
    assert wizard.currentId() == SyncWizard.PREVIEW
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=20000)
    assert wizard.preview_page.group_counts(crm.alice.id) == {"google_insert": 3}
    # each line says when the action is, in the user's time zone
    tree = wizard.preview_page.ui.previewTree
    inserts = tree.topLevelItem(0).child(0)
    first = made[0].start.astimezone(crm.alice.zone).strftime("%d/%m/%Y %H:%M")
    assert (inserts.child(0).text(0), inserts.child(0).text(2)) == ("RDV 0", first)
    assert live_events(google) == []  # a preview writes nothing
    assert SyncLink.select().count() == 0

    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == SyncWizard.SUMMARY, timeout=30000)
    assert sorted(e["summary"] for e in live_events(google)) == ["RDV 0", "RDV 1", "RDV 2"]
    row = wizard.summary_page.row_texts(crm.alice.id)
    assert row[1:] == ["Google 3 · CRM 0", "Google 0 · CRM 0", "Google 0 · CRM 0", "0", "0", "0"]
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()

    wizard.summary_page.ui.logLinks.linkActivated.emit(str(crm.alice.id))
    assert parent.opened == [crm.alice.id]
    # The preview and the run were the helper process's work, not this process's: the
    # window's thread never shares the interpreter with the engine (crmsync.sync.host).
    host = crm.context.sync_host
    assert host is not None and host.started == 1 and host.pid not in (None, os.getpid())


def test_the_preview_lists_each_kind_soonest_first(qtbot, crm):
    base = utc_now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=3)
    for days, title in ((2, "Dans deux jours"), (0, "D'abord"), (1, "Le lendemain")):
        start_at = base + dt.timedelta(days=days)
        Action.create(
            owner=crm.alice, title=title, start=start_at, end=start_at + dt.timedelta(hours=1)
        )
    wizard = start(qtbot, crm)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=20000)
    inserts = wizard.preview_page.ui.previewTree.topLevelItem(0).child(0)
    titles = [inserts.child(i).text(0) for i in range(inserts.childCount())]
    assert titles == ["D'abord", "Le lendemain", "Dans deux jours"]


def test_a_user_already_syncing_is_said_not_run_twice(qtbot, crm):
    wizard = start(qtbot, crm)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=20000)
    crm.context.syncs._handles[crm.alice.id] = object()  # a sync of alice is running
    try:
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentId() == SyncWizard.SUMMARY, timeout=10000)
    finally:
        crm.context.syncs._handles.pop(crm.alice.id)
    assert "déjà en cours" in wizard.failures[crm.alice.id]


def test_cancel_mid_run_leaves_a_consistent_state(qtbot, crm, google, emulator):
    actions(crm.alice, 150)
    emulator.post("/latency", {"batch_part_latency_ms": 15})  # about 1 s a batch of 50
    wizard = start(qtbot, crm)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=30000)
    wizard.next()
    row = wizard.run_page.rows[crm.alice.id]
    qtbot.waitUntil(lambda: row.bar.maximum() == 150, timeout=30000)
    wizard.reject()  # « Annuler » while running stops the run, not the wizard
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.currentId() == SyncWizard.SUMMARY, timeout=60000)
    emulator.post("/latency", {"batch_part_latency_ms": 0})
    summary = wizard.summaries[crm.alice.id]
    assert summary.cancelled
    assert "interrompue" in wizard.summary_page.row_texts(crm.alice.id)[0]
    sent = summary.created["google"]
    assert sent < 150
    # what was sent is linked, one event per link, no more
    assert SyncLink.select().count() == len(live_events(google)) == sent

    # the next run sends the rest, without duplicates
    again = start(qtbot, crm)
    again.next()
    again.next()
    qtbot.waitUntil(again.preview_page.isComplete, timeout=30000)
    assert again.preview_page.group_counts(crm.alice.id) == {"google_insert": 150 - sent}
    again.next()
    qtbot.waitUntil(lambda: again.currentId() == SyncWizard.SUMMARY, timeout=60000)
    events = live_events(google)
    assert len(events) == 150 == len({e["summary"] for e in events})


def test_google_deletions_are_asked_oui_non_oui_pour_tout(qtbot, crm, google):
    made = actions(crm.alice, 4)
    crm.context.syncs.start(crm.alice.id, SyncOptions())
    qtbot.waitUntil(lambda: not crm.context.syncs.is_running(crm.alice.id), timeout=30000)
    for event in live_events(google)[:3]:
        google.events().delete(calendarId="primary", eventId=event["id"]).execute()

    wizard = start(qtbot, crm)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=20000)
    assert wizard.preview_page.group_counts(crm.alice.id) == {"crm_delete": 3}
    wizard.next()
    qtbot.waitUntil(lambda: wizard.deletion_box is not None, timeout=20000)
    wizard.deletion_buttons()["Non"].click()
    qtbot.waitUntil(lambda: wizard.deletion_box is not None, timeout=20000)
    wizard.deletion_buttons()["Oui pour tout"].click()
    qtbot.waitUntil(lambda: wizard.currentId() == SyncWizard.SUMMARY, timeout=30000)
    remaining = Action.live().where(Action.owner == crm.alice).count()
    assert remaining == len(made) - 2  # one kept (« Non »), two deleted (« Oui pour tout »)
    assert User.get_by_id(crm.alice.id)


def test_contacts_only_preview_then_push(qtbot, crm, people_api):
    from crmsync.crm import queries
    from crmsync.crm.models import Contact, SyncSettings

    for name in ("Durand", "Petit"):
        contact = Contact.create(last_name=name, first_name="Jean", email=f"{name.lower()}@ex.fr")
        queries.add_contact_to_sync(crm.alice, contact)
    wizard = start(qtbot, crm)
    wizard.next()
    wizard.options_page.ui.agendaCheck.setChecked(False)
    wizard.options_page.ui.contactsCheck.setChecked(True)
    wizard.next()
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=20000)
    assert wizard.preview_page.group_counts(crm.alice.id) == {"contact:create": 2}
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == SyncWizard.SUMMARY, timeout=30000)
    assert wizard.summary_page.row_texts(crm.alice.id)[1] == "Google 2 · CRM 0"
    people = people_api(ALICE)
    listed = (
        people.people().connections().list(resourceName="people/me", personFields="names").execute()
    )
    assert sorted(p["names"][0]["familyName"] for p in listed.get("connections", [])) == [
        "Durand",
        "Petit",
    ]
    assert SyncSettings.for_user(crm.alice).contacts_synced_at is not None
