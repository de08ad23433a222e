"""The action dialog stores every synced field, makes series, and refuses bad input in words."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from PySide6.QtCore import QDate, QTime

from crmsync.crm import db as store
from crmsync.crm.models import Action, ActionType, Series, Site, User
from crmsync.gui.agenda.action_dialog import ActionDialog, describe_rule
from crmsync.gui.context import AppContext

PARIS = ZoneInfo("Europe/Paris")


def paris(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS).astimezone(dt.UTC)


@pytest.fixture
def alice(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    yield User.create(login="alice", name="Alice Martin", time_zone="Europe/Paris")
    store.close_database()


@pytest.fixture
def context(alice):
    made = AppContext(alice.id)
    made.edited = []
    made.changes = []
    made.action_edited.connect(lambda a, o: made.edited.append((a, o)))
    made.changed.connect(lambda what, uid: made.changes.append((what, uid)))
    yield made
    made.shutdown()


def open_dialog(qtbot, context, *args, **kwargs) -> ActionDialog:
    dialog = ActionDialog(context, *args, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def ok(dialog: ActionDialog) -> None:
    dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Ok).click()


def test_a_new_action_stores_every_field(qtbot, context, alice):
    site = Site.create(code="LYON", name="Clinique de Lyon")
    start = paris(2026, 3, 3, 9)
    dialog = open_dialog(
        qtbot, context, owner_id=alice.id, start=start, end=start + dt.timedelta(hours=1)
    )
    ui = dialog.ui
    assert ui.siteCombo.itemText(0) == "—"
    ui.titleEdit.setText("Formation sécurité ☕")
    ui.typeCombo.setCurrentIndex(ui.typeCombo.findData(ActionType.get(code="F").id))
    assert not ui.typeCombo.itemIcon(ui.typeCombo.currentIndex()).isNull()  # the colour swatch
    ui.locationEdit.setText("Salle 2")
    ui.endTime.setTime(QTime(11, 30))
    ui.siteCombo.setCurrentIndex(ui.siteCombo.findData(site.id))
    ui.privateCheck.setChecked(True)
    ui.reminderCheck.setChecked(True)
    ui.reminderSpin.setValue(30)
    long_text = ("Ligne de description accentuée — " * 3000)[:100_000]
    ui.descriptionEdit.setPlainText(long_text)
    ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = Action.get(Action.title == "Formation sécurité ☕")
    assert saved.action_type_id == ActionType.get(code="F").id
    assert (saved.location, saved.start, saved.end) == ("Salle 2", start, paris(2026, 3, 3, 11, 30))
    assert (saved.site_id, saved.private, saved.reminder, saved.reminder_minutes) == (
        site.id,
        True,
        True,
        30,
    )
    assert saved.description == long_text and not saved.all_day
    assert context.edited == [(saved.id, alice.id)]
    assert ("actions", alice.id) in context.changes


def test_an_all_day_action_keeps_its_inclusive_last_day(qtbot, context, alice):
    dialog = open_dialog(qtbot, context, owner_id=alice.id, day=dt.date(2026, 3, 9))
    ui = dialog.ui
    assert ui.allDayCheck.isChecked() and not ui.startTime.isVisible()
    ui.titleEdit.setText("Congés")
    ui.endDate.setDate(QDate(2026, 3, 13))
    assert ui.durationLabel.text() == "(5 jour(s))"
    ok(dialog)
    saved = Action.get(Action.title == "Congés")
    assert (saved.all_day, saved.start_date, saved.end_date, saved.start) == (
        True,
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 13),
        None,
    )


def test_editing_an_action_changes_it_in_place(qtbot, context, alice):
    rdv = Action.create(
        owner=alice,
        action_type=ActionType.get(code="R"),
        title="RDV",
        start=paris(2026, 3, 3, 9),
        end=paris(2026, 3, 3, 10),
        reminder=True,
        reminder_minutes=10,
    )
    dialog = open_dialog(qtbot, context, rdv)
    ui = dialog.ui
    assert (
        ui.titleEdit.text(),
        ui.startTime.time().toString("HH:mm"),
        ui.reminderSpin.value(),
    ) == ("RDV", "09:00", 10)
    assert not ui.repeatCombo.isVisible()  # an existing single action does not become a series
    ui.titleEdit.setText("RDV déplacé")
    ui.startDate.setDate(QDate(2026, 3, 5))  # the end follows: the length is kept
    ui.reminderCheck.setChecked(False)
    ok(dialog)
    rdv = Action.get_by_id(rdv.id)
    assert (rdv.title, rdv.start, rdv.end, rdv.reminder) == (
        "RDV déplacé",
        paris(2026, 3, 5, 9),
        paris(2026, 3, 5, 10),
        False,
    )
    assert Action.select().count() == 1
    assert context.edited == [(rdv.id, alice.id)]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda ui: ui.titleEdit.setText("   "), "Le titre est obligatoire"),
        (lambda ui: ui.endTime.setTime(QTime(8, 0)), "est avant le début"),
        (
            lambda ui: (ui.allDayCheck.setChecked(True), ui.endDate.setDate(QDate(2026, 3, 1))),
            "avant la date de début",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(
    qtbot, context, alice, change, message
):
    start = paris(2026, 3, 3, 9)
    dialog = open_dialog(
        qtbot, context, owner_id=alice.id, start=start, end=start + dt.timedelta(hours=1)
    )
    dialog.ui.titleEdit.setText("Réunion")
    change(dialog.ui)
    ok(dialog)
    assert dialog.isVisible() and dialog.ui.errorLabel.isVisible()
    assert message in dialog.ui.errorLabel.text()
    assert Action.select().count() == 0 and context.edited == []


def test_a_store_refusal_is_shown_in_the_dialog_not_raised(qtbot, context, alice):
    site = Site.create(code="GONE", name="Site fermé")
    start = paris(2026, 3, 3, 9)
    dialog = open_dialog(
        qtbot, context, owner_id=alice.id, start=start, end=start + dt.timedelta(hours=1)
    )
    dialog.ui.titleEdit.setText("Réunion")
    dialog.ui.siteCombo.setCurrentIndex(dialog.ui.siteCombo.findData(site.id))
    site.delete_instance()  # removed elsewhere while the dialog was open
    ok(dialog)
    assert dialog.isVisible()
    assert "La base de données a refusé" in dialog.ui.errorLabel.text()
    assert Action.select().count() == 0


def test_a_weekly_series_is_stored_with_its_occurrences_across_dst(qtbot, context, alice):
    start = paris(2026, 3, 16, 9)
    dialog = open_dialog(
        qtbot, context, owner_id=alice.id, start=start, end=start + dt.timedelta(minutes=90)
    )
    ui = dialog.ui
    ui.titleEdit.setText("Point hebdo")
    ui.repeatCombo.setCurrentIndex(2)  # weekly
    assert ui.repeatCountSpin.isVisible() and not ui.repeatUntilDate.isVisible()
    ui.repeatCountSpin.setValue(4)
    ok(dialog)
    series = Series.get()
    assert series.rrule == "FREQ=WEEKLY;COUNT=4" and series.owner_id == alice.id
    occurrences = list(Action.select().where(Action.series == series).order_by(Action.start))
    days = [dt.date(2026, 3, 16), dt.date(2026, 3, 23), dt.date(2026, 3, 30), dt.date(2026, 4, 6)]
    assert [a.start for a in occurrences] == [paris(d.year, d.month, d.day, 9) for d in days]
    assert all(a.end - a.start == dt.timedelta(minutes=90) for a in occurrences)
    assert all(a.series_start == a.start and a.title == "Point hebdo" for a in occurrences)
    # the rule, read from its first occurrence as the sync does, gives the same starts
    rule_starts = list(rrulestr(series.rrule, dtstart=occurrences[0].start.astimezone(PARIS)))
    assert [s.astimezone(dt.UTC) for s in rule_starts] == [a.start for a in occurrences]
    assert sorted(context.edited) == sorted((a.id, alice.id) for a in occurrences)


def test_a_monthly_all_day_series_until_a_date(qtbot, context, alice):
    dialog = open_dialog(qtbot, context, owner_id=alice.id, day=dt.date(2026, 1, 15))
    ui = dialog.ui
    ui.titleEdit.setText("Inventaire")
    ui.repeatCombo.setCurrentIndex(3)  # monthly
    ui.repeatEndCombo.setCurrentIndex(1)
    ui.repeatUntilDate.setDate(QDate(2026, 4, 15))
    ok(dialog)
    series = Series.get()
    assert series.rrule == "FREQ=MONTHLY;UNTIL=20260415"
    days = [a.start_date for a in Action.select().order_by(Action.start_date)]
    assert days == [dt.date(2026, m, 15) for m in (1, 2, 3, 4)]


def test_a_repeat_that_would_never_end_is_refused(qtbot, context, alice):
    start = paris(2026, 3, 2, 9)
    dialog = open_dialog(
        qtbot, context, owner_id=alice.id, start=start, end=start + dt.timedelta(hours=1)
    )
    dialog.ui.titleEdit.setText("Tous les jours")
    dialog.ui.repeatCombo.setCurrentIndex(1)
    dialog.ui.repeatEndCombo.setCurrentIndex(1)
    dialog.ui.repeatUntilDate.setDate(QDate(2030, 1, 1))
    ok(dialog)
    assert "plus de 500 occurrences" in dialog.ui.errorLabel.text()
    assert Action.select().count() == 0 and Series.select().count() == 0
    dialog.ui.repeatUntilDate.setDate(QDate(2026, 2, 1))
    ok(dialog)
    assert "se termine avant le début" in dialog.ui.errorLabel.text()


def test_a_series_occurrence_shows_its_rule_read_only(qtbot, context, alice):
    series = Series.create(owner=alice, rrule="FREQ=WEEKLY;BYDAY=MO;COUNT=10")
    start = paris(2026, 3, 2, 9)
    occurrence = Action.create(
        owner=alice,
        action_type=ActionType.get(code="RU"),
        title="Réunion d'équipe",
        start=start,
        end=start + dt.timedelta(hours=1),
        series=series,
        series_start=start,
    )
    dialog = open_dialog(qtbot, context, occurrence)
    assert dialog.ui.seriesRuleLabel.isVisible()
    assert dialog.ui.seriesRuleLabel.text().startswith("Toutes les semaines, le lundi, 10 fois")
    assert not dialog.ui.repeatCombo.isVisible()
    dialog.ui.locationEdit.setText("Salle B")
    ok(dialog)
    assert Action.get_by_id(occurrence.id).location == "Salle B"
    assert Action.get_by_id(occurrence.id).series_id == series.id


def test_rules_in_words():
    assert describe_rule("FREQ=DAILY;COUNT=3", PARIS) == "Tous les jours, 3 fois"
    assert (
        describe_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", PARIS)
        == "Toutes les 2 semaines, le vendredi"
    )
    assert (
        describe_rule("FREQ=MONTHLY;UNTIL=20261231T225959Z", PARIS)
        == "Tous les mois, jusqu'au 31/12/2026"
    )
    assert describe_rule("nonsense", PARIS) == "Règle de répétition illisible"
