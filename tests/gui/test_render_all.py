"""Every window of the app rendered to PNG offscreen, in French and in English: the main window
(the week view, the contacts), each dialog, and each page of the sync wizard around a real
run against the Google emulator.

Each picture is checked, not only written: it shows something (many colours, not one flat
one), no text of a label, a button, a group box or a tab is cut, and no list that the set-up
gave rows shows none.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QLocale, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QStyle,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sync_gui_bench import ALICE, close_crm, make_crm

from crmsync.crm import queries
from crmsync.crm.models import Action, ActionType, Company, Contact, Site, User, utc_now
from crmsync.crm.sample.photos import PhotoPool
from crmsync.gui import i18n
from crmsync.gui.agenda import layout

#: A picture with fewer colours than this is blank, or nearly.
MIN_COLOURS = 16
#: ... and so is one whose commonest colour covers more than this share of it.
MAX_FLAT_SHARE = 0.97


# --- the checks ---------------------------------------------------------------------------


def colour_census(path: Path) -> tuple[int, float]:
    """How many distinct colours the picture has, and the share of its commonest one."""
    with Image.open(path) as image:
        pixels = image.convert("RGB")
        colours = pixels.getcolors(maxcolors=pixels.width * pixels.height) or []
        commonest = max(count for count, _colour in colours)
        return len(colours), commonest / (pixels.width * pixels.height)


def assert_not_blank(path: Path) -> None:
    count, flat = colour_census(path)
    assert count >= MIN_COLOURS, f"{path.name}: {count} colour(s) only"
    assert flat <= MAX_FLAT_SHARE, f"{path.name}: one colour covers {flat:.0%} of it"


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisible() and widget.isVisibleTo(window) and not widget.size().isEmpty()


def _cut_by_ancestors(widget: QWidget, window: QWidget) -> bool:
    """Whether a parent (up to the window) hides part of ``widget``: it lies beyond one of
    their edges. A scroll area's viewport clips by design and ends the search."""
    rect = QRect(widget.rect())
    child = widget
    parent = widget.parentWidget()
    while parent is not None:
        rect.translate(child.pos())
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return False
        if not parent.rect().contains(rect):
            return True
        if parent is window:
            return False
        child, parent = parent, grand
    return False


def _text_fits(widget: QWidget) -> str | None:
    """Why the text of ``widget`` does not fit in it (None when it does)."""
    if isinstance(widget, QLabel):
        if not widget.text().strip():
            return None
        if widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if need > widget.height():
                return f"needs {need} px of height, has {widget.height()}"
            return None
        hint = widget.minimumSizeHint()
        if hint.width() > widget.width() or hint.height() > widget.height():
            return f"needs {hint.width()}×{hint.height()}, has {widget.width()}×{widget.height()}"
        return None
    if isinstance(widget, QAbstractButton):
        if not widget.text().strip():
            return None
        need = widget.sizeHint().width()
        if (
            isinstance(widget, QToolButton)
            and widget.menu() is not None
            and widget.popupMode() != QToolButton.ToolButtonPopupMode.MenuButtonPopup
        ):
            # the style draws the menu's arrow over the text, in room the hint does not count
            need += widget.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator)
        if need > widget.width():
            return f"needs {need} px, has {widget.width()}"
        return None
    if isinstance(widget, QGroupBox):
        if not widget.title().strip():
            return None
        hint = widget.minimumSizeHint()
        if hint.width() > widget.width():
            return f"title needs {hint.width()} px, has {widget.width()}"
        return None
    if isinstance(widget, QTabBar):
        for tab in range(widget.count()):
            need = widget.tabSizeHint(tab).width()
            if widget.isTabVisible(tab) and widget.tabRect(tab).width() < need:
                return f"tab {widget.tabText(tab)!r} needs {need} px"
    return None


def _described(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text()
    elif isinstance(widget, QGroupBox):
        text = widget.title()
    name = widget.objectName() or type(widget).__name__
    return f"{name} {text[:60]!r}"


def cut_texts(window: QWidget) -> list[str]:
    """The texts of ``window`` that are not shown whole."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, QLabel | QAbstractButton | QGroupBox | QTabBar):
            continue
        if not _shown(widget, window):
            continue
        why = _text_fits(widget)
        if why is None and _cut_by_ancestors(widget, window):
            why = "reaches beyond its parent"
        if why is not None:
            problems.append(f"{_described(widget)}: {why}")
    return problems


def pane_problems(window: QWidget) -> list[str]:
    """The lists, tables and trees shown with no row in sight, or too narrow for their
    columns (scrolled sideways at the window's size)."""
    problems = []
    for view in window.findChildren(QAbstractItemView):
        if isinstance(view, QHeaderView) or not _shown(view, window) or view.model() is None:
            continue
        name = view.objectName() or type(view).__name__
        if view.horizontalScrollBar().isVisible():
            problems.append(f"{name}: scrolls sideways")
        first = view.model().index(0, 0)
        if not (first.isValid() and view.viewport().rect().intersects(view.visualRect(first))):
            problems.append(f"{name}: empty")
    return problems


class Shots:
    """Renders windows to PNG in a folder, and checks each picture."""

    def __init__(self, folder: Path, qtbot) -> None:
        self.folder = folder
        self.qtbot = qtbot
        folder.mkdir(parents=True, exist_ok=True)

    def take(self, window: QWidget, name: str) -> Path:
        if not window.isVisible():
            window.show()
        self.qtbot.waitExposed(window)
        QApplication.processEvents()
        path = self.folder / f"{name}.png"
        assert window.grab().save(str(path), "PNG")
        assert_not_blank(path)
        assert cut_texts(window) == [], f"{name}: cut texts"
        assert pane_problems(window) == [], f"{name}: lists"
        return path


def test_the_checks_see_a_flat_picture_a_cut_text_and_an_empty_list(qtbot, tmp_path):
    window = QWidget()
    qtbot.addWidget(window)
    box = QVBoxLayout(window)
    label = QLabel("Un libellé bien trop long pour sa place")
    label.setObjectName("squeezed")
    label.setMaximumWidth(60)
    box.addWidget(label)
    empty = QListWidget()
    empty.setObjectName("nothing")
    box.addWidget(empty)
    full = QListWidget()
    full.addItem("Une ligne")
    box.addWidget(full)
    window.show()
    qtbot.waitExposed(window)
    assert [problem.split()[0] for problem in cut_texts(window)] == ["squeezed"]
    assert pane_problems(window) == ["nothing: empty"]
    label.setMaximumWidth(10_000)
    empty.addItem("Une ligne")
    window.layout().activate()
    assert cut_texts(window) == pane_problems(window) == []

    flat = tmp_path / "flat.png"
    Image.new("RGB", (200, 100), "#efefef").save(flat)
    with pytest.raises(AssertionError, match="colour"):
        assert_not_blank(flat)


# --- set-up ---------------------------------------------------------------------------------


@pytest.fixture(params=["fr", "en"])
def language(request, qapp, monkeypatch):
    """The app's language: its translations, and the engine's messages too."""
    before = QLocale()
    monkeypatch.setenv("CRMSYNC_LANG", request.param)
    i18n.install(request.param)
    yield request.param
    i18n.remove()
    QLocale.setDefault(before)


@pytest.fixture
def shots(tmp_path, qtbot, language):
    return Shots(tmp_path / "shots" / language, qtbot)


@pytest.fixture
def crm(tmp_path, monkeypatch, emulator, fake_google, language):
    crm = make_crm(tmp_path, monkeypatch, emulator, fake_google)
    crm.connect(crm.alice, ALICE)
    yield crm
    close_crm(crm)


def this_monday(user: User) -> dt.date:
    return layout.monday_of(dt.datetime.now(user.zone).date())


def at(user: User, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=user.zone).astimezone(dt.UTC)


def timed(user, title, day, start, end, code, **fields) -> Action:
    """An action of type ``code`` on ``day`` from ``start`` to ``end`` (hours, or (h, m))."""
    start = start if isinstance(start, tuple) else (start, 0)
    end = end if isinstance(end, tuple) else (end, 0)
    return Action.create(
        owner=user,
        action_type=ActionType.get(code=code),
        title=title,
        start=at(user, day, *start),
        end=at(user, day, *end),
        **fields,
    )


def fill_week(user: User, monday: dt.date) -> dict[str, Action]:
    """A working week of several kinds of actions: overlapping, private, all day, long."""
    day = [monday + dt.timedelta(days=n) for n in range(7)]
    made = {
        "visit": timed(
            user,
            "Visite — Clinique vétérinaire des Alpes",
            day[0],
            9,
            (10, 30),
            "R",
            location="12 rue des Lilas, Annecy",
            description="Présenter la nouvelle gamme.\nApporter les échantillons.",
            reminder=True,
            reminder_minutes=30,
        ),
        "call": timed(user, "Rappeler M. Dubois", day[0], 14, (14, 30), "TS"),
        "training": timed(user, "Formation logiciel", day[1], 9, 12, "F", location="Salle 2"),
        "doctor": timed(user, "Rendez-vous médical", day[1], (16, 30), (17, 30), "P", private=True),
        "meeting": timed(user, "Réunion commerciale", day[3], 10, 12, "RU"),
        "overlap": timed(user, "Appel entrant — Société Martin", day[3], (10, 30), 11, "TL"),
        "repair": timed(user, "Intervention chaudière", day[4], 8, (11, 30), "I"),
        "task": timed(user, "Préparer les devis", day[4], 14, 16, "T"),
    }
    made["leave"] = Action.create(
        owner=user,
        action_type=ActionType.get(code="CG"),
        title="Congés",
        all_day=True,
        start_date=day[2],
        end_date=day[2],
    )
    made["fair"] = Action.create(
        owner=user,
        action_type=ActionType.get(code="E"),
        title="Salon de l'élevage",
        all_day=True,
        start_date=day[3],
        end_date=day[4],
    )
    return made


PEOPLE = [
    ("Élodie", "Durand", "Clinique vétérinaire des Alpes", "Vétérinaire", "Annecy"),
    ("Marc", "Lefebvre", "Ferme du Bois Joli", "Gérant", "Chambéry"),
    ("Sophie", "Bernard", "Société Martin", "Acheteuse", "Lyon"),
    ("Thomas", "Petit", "Coopérative du Val", "Technicien", "Grenoble"),
    ("Camille", "Moreau", "Clinique vétérinaire des Alpes", "Assistante", "Annecy"),
    ("Julien", "Garnier", "Haras de la Plaine", "Directeur", "Valence"),
    ("Léa", "Fournier", "Ferme du Bois Joli", "Éleveuse", "Chambéry"),
    ("Nicolas", "Roux", "Groupement agricole des éleveurs du Val-de-Saône", "Comptable", "Mâcon"),
]


def add_contacts(user: User) -> list[Contact]:
    """Contacts in companies, every other one with a photo, all on ``user``'s list."""
    pool = PhotoPool(random.Random(7), size=4)
    companies: dict[str, Company] = {}
    made = []
    for number, (first, last, company, function, city) in enumerate(PEOPLE):
        if company not in companies:
            companies[company] = Company.create(code=f"C{len(companies) + 1}", name=company)
        slug = f"{first[0]}.{last}".lower().replace("é", "e")
        contact = Contact.create(
            first_name=first,
            last_name=last,
            company=companies[company],
            function=function,
            email=f"{slug}@example.fr",
            phone=f"04 50 {10 + number:02d} 20 30",
            mobile=f"06 12 {20 + number:02d} 40 50",
            city=city,
            photo=pool.photo_for(first[0] + last[0]) if number % 2 == 0 else None,
        )
        queries.add_contact_to_sync(user, contact)
        made.append(contact)
    return made


def add_log(user: User) -> None:
    from crmsync.sync.state import SyncLogEntry

    now = utc_now()
    SyncLogEntry.create(
        at=now - dt.timedelta(hours=3),
        user=user,
        direction="crm->google",
        operation="insert",
        item="Visite — Clinique vétérinaire des Alpes",
    )
    SyncLogEntry.create(
        at=now - dt.timedelta(hours=2),
        user=user,
        direction="google->crm",
        operation="update",
        item="Réunion commerciale",
        fields=json.dumps(["title", "location"]),
    )
    SyncLogEntry.create(
        at=now - dt.timedelta(hours=1),
        user=user,
        direction="crm->google",
        operation="insert",
        item="Intervention chaudière",
        result="error",
        message="Google refused the event: 400 invalid",
    )
    SyncLogEntry.create(
        at=now - dt.timedelta(minutes=30),
        user=user,
        operation="conflict",
        item="Formation logiciel",
        result="google wins",
        fields=json.dumps(
            {
                "field": "location",
                "crm": "Salle 2",
                "google": "Salle 3",
                "winner": "google",
            }
        ),
    )


# --- the windows ---------------------------------------------------------------------------


def test_the_main_window_on_the_week_and_the_contacts(qtbot, crm, shots):
    from crmsync.crm.models import UserRight
    from crmsync.gui.main_window import MainWindow

    monday = this_monday(crm.alice)
    fill_week(crm.alice, monday)
    timed(crm.bob, "Intervention — Haras de la Plaine", monday + dt.timedelta(days=1), 8, 10, "I")
    timed(crm.bob, "Réunion d'équipe", monday + dt.timedelta(days=3), 10, 11, "RU")
    UserRight.create(viewer=crm.alice, target=crm.bob, agenda=True)
    add_contacts(crm.alice)
    window = MainWindow(crm.context, background=False)
    qtbot.addWidget(window)
    window.use_real_pages()
    window.show()
    page = window.agenda_page
    page.view.set_clock(at(crm.alice, monday + dt.timedelta(days=1), 11, 20))
    page.go_to(monday)
    shots.take(window, "main_window_week")
    page.set_shown_users([crm.alice.id, crm.bob.id])
    shots.take(window, "main_window_week_two_agendas")

    window.action_contacts.trigger()
    contacts = window.contacts_page
    window.grab()  # the photos are decoded once their rows are painted
    qtbot.waitUntil(lambda: contacts.model.decoded == len(PEOPLE) // 2, timeout=10000)
    shots.take(window, "main_window_contacts")


def test_the_dialogs(qtbot, crm, shots, language):
    from crmsync.gui.about import AboutDialog
    from crmsync.gui.agenda.action_dialog import ActionDialog
    from crmsync.gui.contacts_page import fold
    from crmsync.gui.deletion_dialog import DeletionDialog
    from crmsync.gui.folder_prefs import FolderPrefsDialog
    from crmsync.gui.main_window import app_icon
    from crmsync.gui.manual_connection import ManualConnectionDialog
    from crmsync.gui.sync_log_window import SyncLogWindow
    from crmsync.gui.users_dialog import UsersDialog
    from crmsync.sync.engine import DeletionQuestion

    context = crm.context
    actions = fill_week(crm.alice, this_monday(crm.alice))
    add_contacts(crm.alice)
    add_log(crm.alice)
    for code, name in (("ANN", "Agence d'Annecy"), ("LYO", "Agence de Lyon")):
        Site.create(code=code, name=name)

    def opened(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    prefs = opened(FolderPrefsDialog(context))
    shots.take(prefs, "folder_prefs_authentication")
    where = {"fr": "rangé dans : un fichier protégé", "en": "kept in: a protected file"}
    assert where[language] in prefs.ui.store_label.text()
    prefs.ui.tabs.setCurrentWidget(prefs.ui.general_tab)
    shots.take(prefs, "folder_prefs_general")

    users = opened(UsersDialog(context))
    shots.take(users, "users_record")
    users.ui.tabs.setCurrentWidget(users.ui.prefsTab)
    assert users.sync_page.light.colour == "green"
    shots.take(users, "users_sync_tab")
    listed = users.sync_page.contacts
    names = [listed.item(row, 1).text() for row in range(listed.rowCount())]
    assert names == sorted(names, key=fold)  # A to Z, É with the E
    for first, last, city, email in (
        ("Hugo", "Blanc", "Albertville", "h.blanc@example.fr"),
        ("Inès", "Colin", "Aix-les-Bains", "i.colin@example.fr"),
    ):
        Contact.create(first_name=first, last_name=last, city=city, email=email)
    picker = users.sync_page.pick_contacts()  # « Ajouter… »: those not on the list yet
    assert picker is not None
    shots.take(picker, "contact_picker")
    picker.reject()

    shots.take(opened(ActionDialog(context, actions["visit"])), "action_dialog")
    shots.take(opened(ActionDialog(context, actions["leave"])), "action_dialog_all_day")

    question = DeletionQuestion("alice", actions["call"].id, "Rappeler M. Dubois", "lundi 14:00")
    shots.take(opened(DeletionDialog(question, crm.alice.name)), "deletion")

    manual = opened(
        ManualConnectionDialog(
            crm.base_url + "/o/oauth2/v2/auth?client_id=crmsync&state=abc", open_url=print
        )
    )
    manual.ui.redirectEdit.setText("http://127.0.0.1:8080/?state=abc")
    shots.take(manual, "manual_connection")

    shots.take(opened(AboutDialog(context, app_icon())), "about")

    log = SyncLogWindow(context)
    qtbot.addWidget(log)
    log.ui.table.selectRow(0)  # the conflict: both values and the winner below
    shots.take(log, "sync_log")


def test_the_sync_wizard_around_a_real_run(qtbot, crm, shots, emulator, language):
    from crmsync.gui.main_window import MainWindow
    from crmsync.gui.sync_wizard import SyncWizard

    monday = this_monday(crm.alice)
    fill_week(crm.alice, monday)
    for week in range(1, 25):  # three batches: time to see the run's progress
        for day in range(5):
            timed(
                crm.alice,
                f"Tournée {week}.{day}",
                monday + dt.timedelta(weeks=week, days=day),
                9,
                10,
                "I",
            )
    add_contacts(crm.alice)
    window = MainWindow(crm.context, background=False)
    qtbot.addWidget(window)
    wizard = window.open_sync_wizard()
    shots.take(wizard, "wizard_1_users")

    wizard.next()
    wizard.options_page.ui.contactsCheck.setChecked(True)
    shots.take(wizard, "wizard_2_options")

    wizard.next()
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=30000)
    shots.take(wizard, "wizard_3_preview")

    emulator.post("/latency", {"batch_part_latency_ms": 15})  # a batch of 50 lasts ~1 s
    wizard.next()
    row = wizard.run_page.rows[crm.alice.id]
    qtbot.waitUntil(lambda: 0 < row.bar.value() < row.bar.maximum(), timeout=30000)
    shots.take(wizard, "wizard_4_run")
    assert wizard.currentId() == SyncWizard.RUN
    emulator.post("/latency", {"batch_part_latency_ms": 0})

    qtbot.waitUntil(lambda: wizard.currentId() == SyncWizard.SUMMARY, timeout=60000)
    summary = wizard.summaries[crm.alice.id]
    assert not summary.errors and summary.created["google"] >= 130
    shots.take(wizard, "wizard_5_summary")
    see_log = {"fr": "Voir le journal — Alice Martin", "en": "See the log — Alice Martin"}
    assert see_log[language] in wizard.summary_page.ui.logLinks.text()
    wizard.close()


def test_a_block_of_the_week_cuts_its_title_between_words(qapp):
    from PySide6.QtGui import QFont, QFontMetrics

    from crmsync.gui.agenda.week_view import wrap_text

    metrics = QFontMetrics(QFont())
    narrow = metrics.horizontalAdvance("Formation") - 1
    lines = wrap_text("Formation logiciel", metrics, narrow, 3)
    assert lines[0].endswith("…") and "Formation".startswith(lines[0][:-1])
    assert lines[1:] == ["logiciel"]  # never "n logiciel"
    wide = max(map(metrics.horizontalAdvance, ("Dépannage", "chaudière", "Pépinières")))
    assert wide < metrics.horizontalAdvance("chaudière —")
    assert wrap_text("Dépannage chaudière — Pépinières Duval", metrics, wide, 6) == [
        "Dépannage",
        "chaudière",
        "Pépinières",
        "Duval",
    ]


def test_a_run_with_work_left_never_says_zero_seconds_left(qapp):
    from crmsync.gui.sync_wizard import duration_text

    assert [duration_text(s) for s in (0.0, 0.3, 59.2, 61)] == [
        "reste 0 s",
        "reste 1 s",
        "reste 1 min 00 s",
        "reste 1 min 01 s",
    ]
