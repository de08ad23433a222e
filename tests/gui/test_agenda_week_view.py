"""The agenda page's week view: layout, navigation, users side by side, and editing in place."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu, QMessageBox

from crmsync.crm import db as store
from crmsync.crm.models import Action, ActionType, User, UserRight
from crmsync.gui.agenda.page import AgendaPage
from crmsync.gui.agenda.week_view import HOUR_HEIGHT
from crmsync.gui.context import AppContext
from crmsync.sync.state import KIND_EVENT, SyncLink

PARIS = ZoneInfo("Europe/Paris")
MONDAY = dt.date(2026, 3, 2)
TUESDAY = MONDAY + dt.timedelta(days=1)


def paris(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS).astimezone(dt.UTC)


@pytest.fixture
def crm(tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    alice = User.create(login="alice", name="Alice Martin", time_zone="Europe/Paris")
    bob = User.create(login="bob", name="Bob Durand", time_zone="Europe/Paris")
    carol = User.create(login="carol", name="Carol Petit", time_zone="Europe/Paris")
    UserRight.create(viewer=alice, target=bob, agenda=True)
    UserRight.create(viewer=alice, target=carol, visible=True, agenda=False)
    yield {"alice": alice, "bob": bob, "carol": carol}
    store.close_database()


@pytest.fixture
def edited(crm):
    """The context, and the (action id, owner id) pairs its action_edited signal carried."""
    context = AppContext(crm["alice"].id)
    seen: list[tuple[int, int]] = []
    context.action_edited.connect(lambda action_id, owner_id: seen.append((action_id, owner_id)))
    yield context, seen
    context.shutdown()


@pytest.fixture
def page(qtbot, edited):
    context, _seen = edited
    widget = AgendaPage(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.view.set_clock(paris(TUESDAY, 11, 20))
    widget.go_to(MONDAY)
    return widget


def action(owner, title, start, end, code="R", **fields):
    return Action.create(
        owner=owner,
        action_type=ActionType.get(code=code),
        title=title,
        start=start,
        end=end,
        **fields,
    )


def centre(rect) -> QPoint:
    return rect.center().toPoint()


def test_a_timed_action_is_a_block_at_its_hours_in_its_day(page, crm):
    rdv = action(
        crm["alice"], "Rendez-vous", paris(TUESDAY, 9), paris(TUESDAY, 10, 30), private=True
    )
    page.reload()
    [rect] = page.view.block_rects(rdv.id)
    columns = page.view.grid.columns()
    assert rect.top() == pytest.approx(9 * HOUR_HEIGHT + 1)
    assert rect.height() == pytest.approx(1.5 * HOUR_HEIGHT - 2)
    assert columns.day_x(1) < rect.left() < rect.right() < columns.day_x(2)
    assert rect.width() > columns.day_width * 0.9
    item = page.view.item(rdv.id)
    assert item.private and item.colour == ActionType.get(code="R").colour


def test_an_all_day_action_spans_its_three_days_in_the_strip(page, crm):
    leave = Action.create(
        owner=crm["alice"],
        action_type=ActionType.get(code="CG"),
        title="Congés",
        all_day=True,
        start_date=TUESDAY,
        end_date=TUESDAY + dt.timedelta(days=2),
    )
    page.reload()
    [rect] = page.view.block_rects(leave.id)
    columns = page.view.header.columns()
    assert columns.day_x(1) < rect.left() < columns.day_x(1) + 5
    assert columns.day_x(4) - 5 < rect.right() < columns.day_x(4)
    assert rect.bottom() < page.view.header.height()
    assert page.view.grid.segments == []


def test_overlapping_actions_are_drawn_side_by_side(page, crm):
    first = action(crm["alice"], "Un", paris(TUESDAY, 9), paris(TUESDAY, 10, 30))
    second = action(crm["alice"], "Deux", paris(TUESDAY, 10), paris(TUESDAY, 11))
    page.reload()
    [one] = page.view.block_rects(first.id)
    [two] = page.view.block_rects(second.id)
    assert one.right() <= two.left()
    assert one.width() == pytest.approx(two.width())
    assert one.bottom() > two.top()  # they overlap in time, not in space


def test_a_dst_week_draws_the_short_sunday_by_the_wall_clock(page, crm):
    sunday = dt.date(2026, 3, 29)
    night = action(crm["alice"], "Astreinte", paris(sunday, 1, 30), paris(sunday, 3, 30), code="I")
    page.go_to(sunday)
    assert page.view.state.monday == dt.date(2026, 3, 23)
    [rect] = page.view.block_rects(night.id)
    # one real hour, drawn from 01:30 to 03:30 as the clocks read
    assert rect.top() == pytest.approx(1.5 * HOUR_HEIGHT + 1)
    assert rect.height() == pytest.approx(2 * HOUR_HEIGHT - 2)
    assert "23 h" in page.view.dst_text(sunday, ("skipped", 120, 180))


def test_navigation_moves_by_weeks_and_shows_french_dates(page):
    assert page.week_label.text() == "Semaine 10 — du 2 mars au 8 mars 2026"
    page.next_button.click()
    assert page.monday == dt.date(2026, 3, 9)
    assert page.week_label.text() == "Semaine 11 — du 9 mars au 15 mars 2026"
    page.previous_button.click()
    page.previous_button.click()
    assert page.monday == dt.date(2026, 2, 23)
    assert page.week_label.text() == "Semaine 9 — du 23 février au 1 mars 2026"
    page.date_picker.setDate(page.date_picker.date().addDays(40))
    assert page.monday == dt.date(2026, 3, 30)  # 4 April is a Saturday
    page.today_button.click()
    today = dt.datetime.now(PARIS).date()
    assert page.monday == today - dt.timedelta(days=today.weekday())


def test_two_users_side_by_side_each_in_his_sub_column(page, crm):
    assert set(page.user_actions) == {crm["alice"].id, crm["bob"].id}  # carol: no agenda right
    mine = action(crm["alice"], "À moi", paris(TUESDAY, 9), paris(TUESDAY, 10))
    his = action(crm["bob"], "À Bob", paris(TUESDAY, 9), paris(TUESDAY, 10))
    page.reload()
    assert page.view.block_rects(his.id) == []
    page.user_actions[crm["bob"].id].setChecked(True)
    assert page.view.state.user_ids == [crm["alice"].id, crm["bob"].id]
    [left] = page.view.block_rects(mine.id)
    [right] = page.view.block_rects(his.id)
    columns = page.view.grid.columns()
    assert columns.user_x(1, 0) <= left.left() < left.right() <= columns.user_x(1, 1)
    assert columns.user_x(1, 1) <= right.left() < right.right() <= columns.day_x(2)
    assert "Bob Durand" in page.users_button.text()


def test_a_week_is_read_with_one_query_per_user_shown(page, crm):
    for day in range(7):
        action(
            crm["alice"],
            f"A{day}",
            paris(MONDAY + dt.timedelta(days=day), 9),
            paris(MONDAY + dt.timedelta(days=day), 10),
        )
        action(
            crm["bob"],
            f"B{day}",
            paris(MONDAY + dt.timedelta(days=day), 9),
            paris(MONDAY + dt.timedelta(days=day), 10),
        )
    page.set_shown_users([crm["alice"].id, crm["bob"].id])
    statements: list[str] = []
    connection = store.database_proxy.obj.connection()
    connection.set_trace_callback(statements.append)
    try:
        page.reload()
    finally:
        connection.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(page.view.state.items) == 14
    assert len(selects) <= 1 + 2  # the users shown, then one per user


def test_double_click_on_empty_space_creates_an_action_there(page, crm, edited, qtbot):
    _context, seen = edited
    grid = page.view.grid
    columns = grid.columns()
    where = QPoint(
        int(columns.day_x(3) + 20), int(14 * HOUR_HEIGHT + HOUR_HEIGHT * 10 / 60)
    )  # Thu 14:10
    page.view.scroller.ensureVisible(where.x(), where.y())
    QTest.mouseDClick(grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.ui.startTime.time().toString("HH:mm") == "14:00"
    dialog.ui.titleEdit.setText("Visite chantier")
    dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Ok).click()
    made = Action.get(Action.title == "Visite chantier")
    assert (made.owner_id, made.start, made.end) == (
        crm["alice"].id,
        paris(MONDAY + dt.timedelta(days=3), 14),
        paris(MONDAY + dt.timedelta(days=3), 15),
    )
    assert (made.id, crm["alice"].id) in seen
    assert page.view.block_rects(made.id)


def test_double_click_on_an_action_opens_it(page, crm):
    rdv = action(crm["alice"], "Rendez-vous", paris(TUESDAY, 9), paris(TUESDAY, 10))
    page.reload()
    [rect] = page.view.block_rects(rdv.id)
    QTest.mouseDClick(
        page.view.grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(rect)
    )
    assert page.dialog is not None and page.dialog.action.id == rdv.id
    assert page.dialog.ui.titleEdit.text() == "Rendez-vous"
    page.dialog.reject()


def drag(widget, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    middle = QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2)
    QTest.mouseMove(widget, middle)
    QTest.mouseMove(widget, end)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_dragging_moves_an_action_to_another_day_and_time_snapped(page, crm, edited):
    _context, seen = edited
    rdv = action(crm["alice"], "Rendez-vous", paris(TUESDAY, 9), paris(TUESDAY, 10, 30))
    page.reload()
    [rect] = page.view.block_rects(rdv.id)
    columns = page.view.grid.columns()
    start = QPoint(int(rect.center().x()), int(rect.top() + 10))
    # one day right, 1 h 05 down: snaps to 1 h
    end = start + QPoint(int(columns.day_width), int(HOUR_HEIGHT * 65 / 60))
    drag(page.view.grid, start, end)
    rdv = Action.get_by_id(rdv.id)
    wednesday = TUESDAY + dt.timedelta(days=1)
    assert (rdv.start, rdv.end) == (paris(wednesday, 10), paris(wednesday, 11, 30))
    assert (rdv.id, crm["alice"].id) in seen
    [moved] = page.view.block_rects(rdv.id)
    assert columns.day_x(2) < moved.left() < columns.day_x(3)


def test_dragging_the_bottom_edge_resizes(page, crm, edited):
    _context, seen = edited
    rdv = action(crm["alice"], "Rendez-vous", paris(TUESDAY, 9), paris(TUESDAY, 10, 30))
    page.reload()
    [rect] = page.view.block_rects(rdv.id)
    start = QPoint(int(rect.center().x()), int(rect.bottom() - 2))
    drag(page.view.grid, start, start + QPoint(0, int(HOUR_HEIGHT * 35 / 60)))  # +35 min → 11:00
    rdv = Action.get_by_id(rdv.id)
    assert (rdv.start, rdv.end) == (paris(TUESDAY, 9), paris(TUESDAY, 11))
    assert seen == [(rdv.id, crm["alice"].id)]


def test_dragging_an_all_day_bar_shifts_its_days(page, crm):
    leave = Action.create(
        owner=crm["alice"],
        action_type=ActionType.get(code="CG"),
        title="Congés",
        all_day=True,
        start_date=MONDAY,
        end_date=TUESDAY,
    )
    page.reload()
    [rect] = page.view.block_rects(leave.id)
    columns = page.view.header.columns()
    start = QPoint(int(rect.left() + 20), int(rect.center().y()))
    drag(page.view.header, start, start + QPoint(int(2 * columns.day_width), 0))
    leave = Action.get_by_id(leave.id)
    assert (leave.start_date, leave.end_date) == (
        MONDAY + dt.timedelta(days=2),
        TUESDAY + dt.timedelta(days=2),
    )


def menu_entry(page, item_id, text):
    menu = QMenu()
    page.view.fill_menu(menu, page.view.item(item_id), None)
    return next(a for a in menu.actions() if a.text() == text), menu


def test_duplicate_makes_a_standalone_copy_at_the_same_time(page, crm, edited):
    _context, seen = edited
    rdv = action(
        crm["alice"],
        "Rendez-vous",
        paris(TUESDAY, 9),
        paris(TUESDAY, 10),
        location="Lyon",
        private=True,
    )
    page.reload()
    entry, _menu = menu_entry(page, rdv.id, "Dupliquer")
    entry.trigger()
    copy = Action.select().where(Action.id != rdv.id).get()
    assert (copy.title, copy.start, copy.end, copy.location, copy.private, copy.series_id) == (
        "Rendez-vous",
        rdv.start,
        rdv.end,
        "Lyon",
        True,
        None,
    )
    assert seen == [(copy.id, crm["alice"].id)]
    assert page.view.selection == {copy.id}
    assert len(page.view.block_rects(copy.id)) == 1


def answer_confirmation(page, button):
    def click():
        box = page.confirmation
        assert box is not None
        box.button(button).click()

    QTimer.singleShot(0, click)


def test_delete_asks_first_and_leaves_a_tombstone(page, crm, edited):
    _context, seen = edited
    rdv = action(crm["alice"], "Rendez-vous", paris(TUESDAY, 9), paris(TUESDAY, 10))
    page.reload()
    [rect] = page.view.block_rects(rdv.id)
    QTest.mouseClick(
        page.view.grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(rect)
    )
    assert page.view.selection == {rdv.id}
    answer_confirmation(page, QMessageBox.StandardButton.No)
    QTest.keyClick(page.view.grid, Qt.Key.Key_Delete)
    assert Action.get_by_id(rdv.id).deleted_at is None
    assert seen == []
    answer_confirmation(page, QMessageBox.StandardButton.Yes)
    entry, _menu = menu_entry(page, rdv.id, "Supprimer")
    entry.trigger()
    tombstone = Action.get_by_id(rdv.id)
    assert tombstone.deleted_at is not None  # the row stays for the sync to see
    assert seen == [(rdv.id, crm["alice"].id)]
    assert page.view.block_rects(rdv.id) == []


def test_an_invitation_is_shown_but_cannot_be_changed(page, crm, edited):
    _context, seen = edited
    invite = action(crm["alice"], "Comité de pilotage", paris(TUESDAY, 9), paris(TUESDAY, 10))
    SyncLink.create(
        user=crm["alice"], kind=KIND_EVENT, crm_id=invite.id, google_id="evt1", read_only=True
    )
    page.reload()
    assert page.view.item(invite.id).read_only
    [rect] = page.view.block_rects(invite.id)
    drag(page.view.grid, centre(rect), centre(rect) + QPoint(0, 2 * HOUR_HEIGHT))
    assert Action.get_by_id(invite.id).start == paris(TUESDAY, 9)
    page.move_action(invite.id, paris(TUESDAY, 14), paris(TUESDAY, 15))  # the page checks too
    page.shift_action(invite.id, 1)
    assert Action.get_by_id(invite.id).start == paris(TUESDAY, 9)
    QTest.keyClick(page.view.grid, Qt.Key.Key_Delete)
    assert page.confirmation is None and Action.get_by_id(invite.id).deleted_at is None
    assert page.message.isVisible() and "invitation" in page.message.text()
    entry, _menu = menu_entry(page, invite.id, "Supprimer")
    assert not entry.isEnabled()
    page.open_action(invite.id)
    dialog = page.dialog
    assert dialog.read_only and dialog.ui.readOnlyLabel.isVisible()
    assert dialog.ui.titleEdit.isReadOnly() and dialog.ui.startTime.isReadOnly()
    assert not dialog.ui.typeCombo.isEnabled()
    assert dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Ok) is None
    dialog.reject()
    assert seen == []


def test_the_page_reloads_when_the_store_changes_elsewhere(page, crm, edited, qtbot):
    context, _seen = edited
    late = action(crm["alice"], "Ajout externe", paris(TUESDAY, 15), paris(TUESDAY, 16))
    assert page.view.item(late.id) is None
    context.changed.emit("actions", crm["alice"].id)
    qtbot.waitUntil(lambda: page.view.item(late.id) is not None)


def test_today_is_highlighted_and_the_time_line_drawn(page, tmp_path):
    assert page.view.state.today == TUESDAY
    picture = tmp_path / "week.png"
    assert page.grab().save(str(picture))
    image = page.view.grid.grab().toImage()
    columns = page.view.grid.columns()
    y = int(11 * HOUR_HEIGHT + HOUR_HEIGHT * 20 / 60)
    x = int(columns.day_x(1) + columns.day_width / 2)
    pixel = image.pixelColor(x, y)
    assert pixel.red() > 180 and pixel.green() < 100  # the red current-time line


def test_the_page_speaks_english_with_the_english_translation(qtbot, edited, tmp_path):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

    source = Path(__file__).resolve().parents[2] / "resources" / "translations" / "agenda_en.ts"
    compiled = tmp_path / "agenda_en.qm"
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease is not None
    subprocess.run([lrelease, str(source), "-qm", str(compiled)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(compiled))
    QCoreApplication.installTranslator(translator)
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        context, _seen = edited
        page = AgendaPage(context)
        qtbot.addWidget(page)
        page.go_to(MONDAY)
        assert page.sync_button.text() == "Synchronise"
        assert page.today_button.text() == "Today"
        assert page.week_label.text() == "Week 10 — 2 March to 8 March 2026"
        menu = QMenu()
        page.view.fill_menu(menu, None, (context.current_user_id, MONDAY, paris(MONDAY, 9)))
        assert [a.text() for a in menu.actions()] == ["New action…"]
    finally:
        QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(previous)


def test_escape_during_a_drag_leaves_the_action_where_it_was(page, crm, edited):
    _context, seen = edited
    rdv = action(crm["alice"], "Rendez-vous", paris(TUESDAY, 9), paris(TUESDAY, 10))
    page.reload()
    [rect] = page.view.block_rects(rdv.id)
    grid = page.view.grid
    start = centre(rect)
    QTest.mousePress(grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(grid, start + QPoint(0, HOUR_HEIGHT))
    assert grid.preview is not None
    QTest.keyClick(grid, Qt.Key.Key_Escape)
    QTest.mouseRelease(
        grid,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        start + QPoint(0, 2 * HOUR_HEIGHT),
    )
    assert Action.get_by_id(rdv.id).start == paris(TUESDAY, 9)
    assert seen == []
