"""Préférences → Synchronisation: one user's Google connection, agenda and contacts options.

The page reads and writes the store on the GUI thread (small, local writes) and sends every
call to Google — « Connexion », « Tester », the calendar list, the resets — to the workers,
so the window stays responsive. The Google side is the Qt-free core's
(:mod:`crmsync.google.oauth`, :mod:`~crmsync.google.tester`, :mod:`~crmsync.sync.reset`,
:mod:`~crmsync.google.calendars`); this page only drives it and shows what it says.
"""

from __future__ import annotations

import logging
import threading
import urllib.error
import urllib.parse
import urllib.request
import webbrowser
from collections.abc import Callable
from typing import Any

from googleapiclient.errors import HttpError
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QMessageBox,
    QStyle,
    QTableWidgetItem,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmsync.crm import db as store
from crmsync.crm import queries
from crmsync.crm.models import (
    FolderSettings,
    Site,
    SiteCalendar,
    SyncSettings,
    User,
    ValidationError,
)
from crmsync.google import oauth
from crmsync.google.calendars import CalendarEntry, list_calendars
from crmsync.google.messages import Said
from crmsync.google.session import GoogleConnectionError, GoogleSession
from crmsync.google.tester import TestReport, error_reason, run_tester
from crmsync.gui.contacts_to_sync import (
    CONTACTS_CAP,
    ContactDropTable,
    ContactPickerDialog,
    add_contacts,
    remove_contacts,
)
from crmsync.gui.context import SETTINGS, AppContext
from crmsync.gui.forms.ui_sync_prefs import Ui_SyncPrefsPage
from crmsync.gui.manual_connection import ManualConnectionDialog, open_in_browser
from crmsync.gui.status_light import (
    LIGHT_COLOURS,
    StatusLight,
    colour_name,
    google_options,
    interface_language,
)
from crmsync.gui.workers import TaskControl, TaskHandle
from crmsync.sync.eligibility import set_sync_active, sync_active
from crmsync.sync.reset import ResetResult, reset_account, reset_calendar

log = logging.getLogger(__name__)

#: Interfaces offered in « Type d'interface » (one today; the combo leaves room for others).
INTERFACES = ("google",)
_INTERFACE_KEY = "sync.user.{id}.interface"
_browser_counter = iter(range(1, 1_000_000))


# --- per-user switches kept in the folder settings ------------------------------------


def sync_interface(user: User) -> str:
    return FolderSettings.get_value(_INTERFACE_KEY.format(id=user.id), INTERFACES[0]) or "google"


def french_datetime(value: Any, zone: Any) -> str:
    return value.astimezone(zone).strftime("%d/%m/%Y %H:%M") if value is not None else ""


def said_text(said: Said, lang: str) -> str:
    fix = said.fix(lang)
    return said.text(lang) + (f"\n→ {fix}" if fix else "")


def failure_text(exc: BaseException, lang: str) -> str:
    """What to tell the user about a failed Google call."""
    said = getattr(exc, "said", None)
    if isinstance(said, Said):
        return said_text(said, lang)
    if isinstance(exc, HttpError):
        reason = error_reason(exc)
        if exc.status_code == 403 and reason in ("accessnotconfigured", "service_disabled"):
            return said_text(Said.of("no_calendar"), lang)
        return said_text(Said.of("google_error", error=f"{exc.status_code} {reason}".strip()), lang)
    return str(exc) or exc.__class__.__name__


class _LoopbackBrowser(webbrowser.BaseBrowser):
    """What the connection flow calls to open the consent page: the page is opened by the
    GUI (on its thread), and the loopback address and state are kept so that « Annuler »
    can end the flow's wait at once."""

    def __init__(self, name: str, control: TaskControl) -> None:
        super().__init__(name)
        self.control = control
        self.redirect: str | None = None

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
        redirect_uri, state = query.get("redirect_uri", ""), query.get("state", "")
        if redirect_uri:
            self.redirect = (
                redirect_uri
                + "?"
                + urllib.parse.urlencode({"state": state, "error": "access_denied"})
            )
        if self.control.cancelled():
            self.abort()
        else:
            self.control.report(("open", url))
        return True

    def abort(self) -> None:
        """Answer the flow's loopback server with a refusal, from a thread of its own."""
        if self.redirect:
            threading.Thread(target=_knock, args=(self.redirect,), daemon=True).start()


def _knock(url: str) -> None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            answer.read()
    except (urllib.error.URLError, OSError):
        pass  # the flow finished meanwhile: nothing is waiting any more


class SyncPrefsPage(QWidget):
    """The Synchronisation tab of a user's preferences (SPEC §2.2–2.5)."""

    #: The user's light changed (after Connexion, Tester, a reset): (user id, colour).
    status_changed = Signal(int, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ui = Ui_SyncPrefsPage()
        self.ui.setupUi(self)
        #: Opens the consent page or the manual address (tests hand in a browser stand-in).
        self.open_url: Callable[[str], object] = open_in_browser
        self.user: User | None = None
        self.editable = True
        self.calendars: list[CalendarEntry] = []
        self.last_report: TestReport | None = None
        self.manual_dialog: ManualConnectionDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.picker: ContactPickerDialog | None = None
        self._connect_task: TaskHandle | None = None
        self._browser_holder: dict[str, _LoopbackBrowser] = {}
        self._busy: set[str] = set()
        self._build()
        # A sync of the user shown (from anywhere) may change his light and his contacts.
        context.syncs.finished.connect(self._sync_ended)
        context.syncs.failed.connect(self._sync_ended)

    def _sync_ended(self, user_id: int, *_rest: object) -> None:
        if self.user is not None and user_id == self.user.id:
            self.refresh_status()
            self.load_contacts()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        ui = self.ui
        self.light = StatusLight(self)
        holder = QVBoxLayout(ui.statusLightHolder)
        holder.setContentsMargins(4, 0, 0, 0)
        holder.addWidget(self.light)
        for code in INTERFACES:
            ui.interfaceCombo.addItem(self._interface_label(code), code)
        for code, label in (
            (
                "latest",
                QCoreApplication.translate(
                    "SyncPrefsPage", "La modification la plus récente l'emporte"
                ),
            ),
            ("crm", QCoreApplication.translate("SyncPrefsPage", "Le CRM l'emporte")),
            ("google", QCoreApplication.translate("SyncPrefsPage", "Google l'emporte")),
        ):
            ui.conflictCombo.addItem(label, code)
        style = self.style()
        ui.refreshCalendarsButton.setIcon(
            style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
        )
        ui.testButton.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton))
        ui.resetButton.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogResetButton))
        ui.resetCalendarButton.setIcon(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogResetButton)
        )
        ui.cancelConnectButton.setIcon(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogCancelButton)
        )
        ui.cancelConnectButton.hide()
        ui.testResults.hide()
        self.contacts = ContactDropTable(self)
        box = QVBoxLayout(ui.contactsHolder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.contacts)
        ui.siteTable.horizontalHeader().setStretchLastSection(True)

        ui.connectButton.clicked.connect(lambda: self.start_connect(manual=False))
        ui.manualButton.clicked.connect(lambda: self.start_connect(manual=True))
        ui.cancelConnectButton.clicked.connect(self.cancel_connect)
        ui.testButton.clicked.connect(self.start_test)
        ui.refreshCalendarsButton.clicked.connect(self.refresh_calendars)
        ui.resetButton.clicked.connect(lambda: self.ask_reset(calendar_only=False))
        ui.resetCalendarButton.clicked.connect(lambda: self.ask_reset(calendar_only=True))
        ui.activeCheck.toggled.connect(self._update_enabled)
        ui.addContactButton.clicked.connect(self.pick_contacts)
        ui.removeContactButton.clicked.connect(self.remove_selected_contacts)
        self.contacts.add_requested.connect(self.pick_contacts)
        self.contacts.remove_requested.connect(self.remove_selected_contacts)
        self.contacts.contacts_dropped.connect(self.add_contact_ids)
        self.contacts.itemSelectionChanged.connect(self._update_enabled)

    @staticmethod
    def _interface_label(code: str) -> str:
        return {"google": "Google"}.get(code, code)

    # --- load / save ----------------------------------------------------------------------

    def load(self, user: User, *, editable: bool = True) -> None:
        """Show ``user``'s settings; ``editable`` false shows them read-only."""
        self.user = User.get_by_id(user.id)
        self.editable = editable
        settings = SyncSettings.for_user(self.user)
        ui = self.ui
        index = ui.interfaceCombo.findData(sync_interface(self.user))
        ui.interfaceCombo.setCurrentIndex(max(index, 0))
        ui.activeCheck.setChecked(sync_active(self.user))
        ui.googleEmailEdit.setText(self.user.google_email or "")
        self._fill_calendar_combo(ui.calendarCombo, settings.calendar_name or "")
        ui.monthsBeforeSpin.setValue(settings.months_before)
        ui.monthsAfterSpin.setValue(settings.months_after)
        ui.autoPushCheck.setChecked(settings.auto_push)
        ui.startupCheck.setChecked(settings.pull_on_startup)
        ui.seriesCheck.setChecked(settings.sync_series)
        ui.coloursCheck.setChecked(settings.transfer_colours)
        ui.conflictCombo.setCurrentIndex(
            max(ui.conflictCombo.findData(settings.conflict_policy), 0)
        )
        self._load_sites()
        self.load_contacts()
        ui.testResults.clear()
        ui.testResults.hide()
        ui.connectionMessage.setText("")
        self.refresh_status()
        self._update_enabled()

    def save(self) -> bool:
        """Write the page to the store; False (and a message) when something is refused."""
        if self.user is None or not self.editable:
            return True
        ui = self.ui
        email = ui.googleEmailEdit.text().strip()
        if email and ("@" not in email or " " in email):
            self._say(
                QCoreApplication.translate(
                    "SyncPrefsPage",
                    "L'adresse « %1 » n'est pas une adresse e-mail : saisissez l'adresse Google "
                    "de l'utilisateur, par exemple nom@gmail.com.",
                ).replace("%1", email),
                error=True,
            )
            ui.googleEmailEdit.setFocus()
            return False
        try:
            with store.atomic():
                user = User.get_by_id(self.user.id)
                user.google_email = email or None
                user.save()
                settings = SyncSettings.for_user(user)
                name = ui.calendarCombo.currentText().strip()
                if (settings.calendar_name or "") != name:
                    settings.calendar_name = name or None
                settings.months_before = ui.monthsBeforeSpin.value()
                settings.months_after = ui.monthsAfterSpin.value()
                settings.auto_push = ui.autoPushCheck.isChecked()
                settings.pull_on_startup = ui.startupCheck.isChecked()
                settings.sync_series = ui.seriesCheck.isChecked()
                settings.transfer_colours = ui.coloursCheck.isChecked()
                settings.conflict_policy = ui.conflictCombo.currentData()
                settings.save()
                self._save_sites(user)
                set_sync_active(user, ui.activeCheck.isChecked())
                FolderSettings.set_value(
                    _INTERFACE_KEY.format(id=user.id), ui.interfaceCombo.currentData()
                )
        except ValidationError as exc:
            self._say(str(exc), error=True)
            return False
        self.user = user
        self.context.changed.emit(SETTINGS, user.id)
        self.refresh_status()
        return True

    def _fill_calendar_combo(self, combo: QComboBox, current: str, *, blank: bool = False) -> None:
        combo.blockSignals(True)
        combo.clear()
        if blank:
            combo.addItem("", "")
        for entry in self.calendars:
            label = entry.summary
            combo.addItem(label, entry.id)
            if entry.primary:
                combo.setItemData(
                    combo.count() - 1,
                    QCoreApplication.translate("SyncPrefsPage", "Calendrier principal du compte"),
                    Qt.ItemDataRole.ToolTipRole,
                )
        index = combo.findText(current)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setEditText(current)
        combo.blockSignals(False)

    def _load_sites(self) -> None:
        assert self.user is not None
        table = self.ui.siteTable
        sites = list(Site.select().order_by(Site.name, Site.code))
        chosen = {
            row.site_id: row.calendar_name
            for row in SiteCalendar.select().where(SiteCalendar.user == self.user)
        }
        table.setRowCount(len(sites))
        for row, site in enumerate(sites):
            item = QTableWidgetItem(str(site))
            item.setData(Qt.ItemDataRole.UserRole, site.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 0, item)
            combo = QComboBox()
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self._fill_calendar_combo(combo, chosen.get(site.id, ""), blank=True)
            table.setCellWidget(row, 1, combo)
        table.resizeColumnToContents(0)
        self.ui.sitesLabel.setVisible(bool(sites))
        table.setVisible(bool(sites))

    def site_combo(self, site: Site) -> QComboBox:
        table = self.ui.siteTable
        for row in range(table.rowCount()):
            if table.item(row, 0).data(Qt.ItemDataRole.UserRole) == site.id:
                widget = table.cellWidget(row, 1)
                assert isinstance(widget, QComboBox)
                return widget
        raise KeyError(site.code)

    def _save_sites(self, user: User) -> None:
        table = self.ui.siteTable
        for row in range(table.rowCount()):
            site_id = table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            widget = table.cellWidget(row, 1)
            assert isinstance(widget, QComboBox)
            name = widget.currentText().strip()
            existing = SiteCalendar.get_or_none(
                SiteCalendar.user == user, SiteCalendar.site == site_id
            )
            if not name:
                if existing is not None:
                    existing.delete_instance()
            elif existing is None:
                SiteCalendar.create(user=user, site=site_id, calendar_name=name)
            elif existing.calendar_name != name:
                existing.calendar_name = name
                existing.save()

    # --- status ---------------------------------------------------------------------------

    def refresh_status(self) -> None:
        if self.user is None:
            return
        status = self.light.show_user(User.get_by_id(self.user.id))
        lang = interface_language()
        self.ui.statusLabel.setText(f"{colour_name(status.colour)} — {status.reason(lang)}")
        self.ui.statusLabel.setToolTip(self.light.toolTip())
        self.status_changed.emit(self.user.id, status.colour)

    def _say(self, text: str, *, error: bool = False) -> None:
        colour = LIGHT_COLOURS["red"] if error else ""
        self.ui.connectionMessage.setStyleSheet(f"color: {colour};" if colour else "")
        self.ui.connectionMessage.setText(text)

    def _update_enabled(self) -> None:
        ui = self.ui
        editable = self.editable and self.user is not None
        busy = bool(self._busy)
        connecting = "connect" in self._busy
        for widget in (
            ui.interfaceCombo,
            ui.activeCheck,
            ui.googleEmailEdit,
            ui.calendarCombo,
            ui.monthsBeforeSpin,
            ui.monthsAfterSpin,
            ui.autoPushCheck,
            ui.startupCheck,
            ui.seriesCheck,
            ui.coloursCheck,
            ui.conflictCombo,
            ui.siteTable,
        ):
            widget.setEnabled(editable)
        for button in (ui.connectButton, ui.manualButton, ui.resetButton, ui.resetCalendarButton):
            button.setEnabled(editable and not busy)
        ui.testButton.setEnabled(editable and not busy)
        ui.refreshCalendarsButton.setEnabled(editable and "calendars" not in self._busy)
        ui.cancelConnectButton.setVisible(connecting)
        self.contacts.allow_edit = editable
        ui.addContactButton.setEnabled(editable)
        ui.removeContactButton.setEnabled(editable and bool(self.contacts.selected_ids()))

    def _begin(self, what: str) -> None:
        self._busy.add(what)
        self._update_enabled()

    def _end(self, what: str) -> None:
        self._busy.discard(what)
        self._update_enabled()

    def busy(self) -> bool:
        return bool(self._busy)

    # --- Connexion ------------------------------------------------------------------------

    def start_connect(self, *, manual: bool = False) -> TaskHandle | None:
        """« Connexion » (or « Connexion manuelle »): the OAuth flow, on a worker."""
        if self.user is None or self._busy or not self.save():
            return None
        user_id = self.user.id
        extra = google_options(self.context)
        name = f"crmsync-gui-{next(_browser_counter)}"
        holder: dict[str, _LoopbackBrowser] = {}

        def work(control: TaskControl) -> oauth.ConnectResult | None:
            user = User.get_by_id(user_id)
            browser = _LoopbackBrowser(name, control)
            holder["browser"] = browser
            webbrowser.register(name, None, browser)

            def read_redirect(url: str) -> str:
                answer = control.ask(("manual", url), default="")
                return answer if isinstance(answer, str) else ""

            try:
                return oauth.connect(
                    user,
                    manual=manual,
                    browser=name,
                    read_redirect=read_redirect if manual else None,
                    **extra,
                )
            except oauth.ConnectError:
                if control.cancelled():
                    return None
                raise

        self._begin("connect")
        self._say(
            QCoreApplication.translate("SyncPrefsPage", "Connexion manuelle en cours…")
            if manual
            else QCoreApplication.translate(
                "SyncPrefsPage",
                "Autorisez crmsync dans la page Google ouverte dans votre navigateur…",
            )
        )
        handle = self.context.workers.submit(
            f"connect:{user_id}",
            work,
            on_done=self._connected,
            on_failed=self._connect_failed,
            on_progress=self._connect_progress,
            on_question=self._manual_question,
        )
        self._connect_task = handle
        self._browser_holder = holder
        return handle

    def cancel_connect(self) -> None:
        """Stop waiting for the browser (or the pasted address); nothing is stored."""
        handle = self._connect_task
        if handle is None:
            return
        handle.cancel()
        browser = self._browser_holder.get("browser")
        if browser is not None:
            browser.abort()
        if self.manual_dialog is not None:
            self.manual_dialog.reject()
        self._say(QCoreApplication.translate("SyncPrefsPage", "Annulation de la connexion…"))

    def _connect_progress(self, value: Any) -> None:
        if isinstance(value, tuple) and value and value[0] == "open":
            self.open_url(str(value[1]))

    def _manual_question(self, value: Any, answer: Callable[[Any], None]) -> None:
        _kind, url = value
        dialog = ManualConnectionDialog(str(url), self, open_url=self.open_url)
        self.manual_dialog = dialog

        def finished(result: int) -> None:
            self.manual_dialog = None
            if result == ManualConnectionDialog.DialogCode.Accepted:
                answer(dialog.pasted())
            else:
                if self._connect_task is not None:
                    self._connect_task.cancel()
                answer("")
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def _finish_connect(self) -> None:
        self._connect_task = None
        self._end("connect")

    def _connected(self, result: oauth.ConnectResult | None) -> None:
        self._finish_connect()
        lang = interface_language()
        if result is None:
            self._say(
                QCoreApplication.translate(
                    "SyncPrefsPage", "Connexion annulée : rien n'a été enregistré."
                )
            )
            self.refresh_status()
            return
        text = Said.of("connected", email=result.account_email).text(lang)
        if result.status.colour != "green":
            text += "\n" + result.status.reason(lang)
        self._say(text, error=result.status.colour == "red")
        self.refresh_status()
        self.refresh_calendars()

    def _connect_failed(self, exc: BaseException) -> None:
        self._finish_connect()
        self._say(failure_text(exc, interface_language()), error=True)
        self.refresh_status()

    # --- calendars ------------------------------------------------------------------------

    def refresh_calendars(self) -> TaskHandle | None:
        """Read the account's writable calendars into the combos, on a worker."""
        if self.user is None or "calendars" in self._busy:
            return None
        user_id = self.user.id
        extra = google_options(self.context)

        def work(_control: TaskControl) -> list[CalendarEntry]:
            user = User.get_by_id(user_id)
            with GoogleSession(
                user, endpoints=extra.get("endpoints"), store=extra.get("secret_store")
            ) as session:
                return list_calendars(session, writable_only=True)

        self._begin("calendars")
        return self.context.workers.submit(
            f"calendars:{user_id}",
            work,
            on_done=self._calendars_listed,
            on_failed=self._calendars_failed,
        )

    def _calendars_listed(self, entries: list[CalendarEntry]) -> None:
        self._end("calendars")
        self.calendars = list(entries)
        self._fill_calendar_combo(self.ui.calendarCombo, self.ui.calendarCombo.currentText())
        table = self.ui.siteTable
        for row in range(table.rowCount()):
            combo = table.cellWidget(row, 1)
            if isinstance(combo, QComboBox):
                self._fill_calendar_combo(combo, combo.currentText(), blank=True)
        if not entries:
            self._say(said_text(Said.of("no_calendar"), interface_language()), error=True)

    def _calendars_failed(self, exc: BaseException) -> None:
        self._end("calendars")
        if isinstance(exc, GoogleConnectionError):
            self.refresh_status()
        self._say(failure_text(exc, interface_language()), error=True)

    # --- Tester ---------------------------------------------------------------------------

    def start_test(self) -> TaskHandle | None:
        """« Tester »: every diagnostic of :mod:`crmsync.google.tester`, on a worker."""
        if self.user is None or self._busy or not self.save():
            return None
        user_id = self.user.id
        extra = google_options(self.context)
        self._begin("test")
        self.ui.testResults.clear()
        self.ui.testResults.show()
        self._say(QCoreApplication.translate("SyncPrefsPage", "Test en cours…"))
        return self.context.workers.submit(
            f"test:{user_id}",
            lambda _control: run_tester(User.get_by_id(user_id), **extra),
            on_done=self._tested,
            on_failed=self._test_failed,
        )

    def _tested(self, report: TestReport) -> None:
        self._end("test")
        self.last_report = report
        lang = interface_language()
        tree = self.ui.testResults
        tree.clear()
        for check in report.checks:
            data = check.as_dict(lang)
            if check.skipped:
                mark, colour = "·", LIGHT_COLOURS["grey"]
            elif check.ok:
                mark, colour = "✓", LIGHT_COLOURS["green"]
            else:
                mark, colour = "✗", LIGHT_COLOURS["red"]
            lines = [f"{mark}  {data['message']}"]
            if data["detail"]:
                lines.append(f"     {data['detail']}")
            if data["fix"]:
                lines.append(f"     → {data['fix']}")
            item = QTreeWidgetItem(["\n".join(lines)])
            item.setForeground(0, QColor(colour) if not check.ok else tree.palette().text())
            item.setData(0, Qt.ItemDataRole.UserRole, check.check)
            item.setToolTip(0, data["fix"] or data["message"])
            tree.addTopLevelItem(item)
        self._say(
            QCoreApplication.translate("SyncPrefsPage", "Tous les tests sont passés.")
            if report.ok
            else QCoreApplication.translate(
                "SyncPrefsPage", "Le test a trouvé un problème : voir ci-dessous."
            ),
            error=not report.ok,
        )
        self.refresh_status()

    def _test_failed(self, exc: BaseException) -> None:
        self._end("test")
        self._say(failure_text(exc, interface_language()), error=True)
        self.refresh_status()

    def test_lines(self) -> list[str]:
        tree = self.ui.testResults
        return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]

    # --- resets ---------------------------------------------------------------------------

    def ask_reset(self, *, calendar_only: bool) -> QMessageBox | None:
        """Confirm, then reset; the question says what goes and what stays."""
        if self.user is None or self._busy:
            return None
        name = self.user.name or self.user.login
        if calendar_only:
            title = QCoreApplication.translate("SyncPrefsPage", "Réinitialisation Cal.")
            text = QCoreApplication.translate(
                "SyncPrefsPage", "Oublier les liens entre l'agenda de %1 et son calendrier Google ?"
            ).replace("%1", name)
            details = QCoreApplication.translate(
                "SyncPrefsPage",
                "Ce qui est oublié : le lien de chaque action avec son événement et l'état de "
                "la dernière synchronisation de l'agenda.\n\nCe qui reste : les événements "
                "restent dans Google, les actions dans le CRM, la connexion au compte et les "
                "contacts. La prochaine synchronisation relie de nouveau les événements à "
                "leurs actions, sans doublon. À utiliser pour changer de calendrier.",
            )
        else:
            title = QCoreApplication.translate("SyncPrefsPage", "Réinitialisation")
            text = QCoreApplication.translate(
                "SyncPrefsPage",
                "Oublier le compte Google de %1 ? L'autorisation donnée à crmsync sera révoquée.",
            ).replace("%1", name)
            details = QCoreApplication.translate(
                "SyncPrefsPage",
                "Ce qui est oublié : l'autorisation (le jeton), le compte connecté et tous les "
                "liens de synchronisation de l'agenda et des contacts.\n\nCe qui reste : les "
                "événements et les contacts restent dans Google, les actions et les contacts "
                "dans le CRM, ainsi que les options de cette page. Après une nouvelle "
                "« Connexion », la synchronisation relie de nouveau les éléments existants, "
                "sans doublon. À utiliser pour changer de compte Google.",
            )
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setInformativeText(details)
        yes = box.addButton(
            QCoreApplication.translate("SyncPrefsPage", "Réinitialiser"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirm_box = box

        def finished(_result: int) -> None:
            self.confirm_box = None
            if box.clickedButton() is yes:
                self._start_reset(calendar_only)
            box.deleteLater()

        box.finished.connect(finished)
        box.open()
        return box

    def _start_reset(self, calendar_only: bool) -> TaskHandle | None:
        if self.user is None:
            return None
        user_id = self.user.id
        extra = google_options(self.context)

        def work(_control: TaskControl) -> ResetResult:
            user = User.get_by_id(user_id)
            if calendar_only:
                return reset_calendar(user)
            return reset_account(user, **extra)

        self._begin("reset")
        return self.context.workers.submit(
            f"reset:{user_id}",
            work,
            on_done=self._calendar_reset_done if calendar_only else self._account_reset_done,
            on_failed=self._reset_failed,
        )

    # Bound methods, not lambdas: a page closed meanwhile is no longer called.
    def _calendar_reset_done(self, result: ResetResult) -> None:
        self._reset_done(result, calendar_only=True)

    def _account_reset_done(self, result: ResetResult) -> None:
        self._reset_done(result, calendar_only=False)

    def _reset_done(self, result: ResetResult, *, calendar_only: bool) -> None:
        self._end("reset")
        count = str(result.links_forgotten)
        if calendar_only:
            self._say(
                QCoreApplication.translate(
                    "SyncPrefsPage", "Liens du calendrier oubliés (%1)."
                ).replace("%1", count)
            )
        elif result.revoked:
            self._say(
                QCoreApplication.translate(
                    "SyncPrefsPage",
                    "Compte Google oublié, autorisation révoquée, %1 liens oubliés.",
                ).replace("%1", count)
            )
        else:
            self._say(
                QCoreApplication.translate(
                    "SyncPrefsPage",
                    "Compte Google oublié, %1 liens oubliés. Google n'a pas pu être joint pour "
                    "révoquer l'autorisation : retirez crmsync des applications autorisées du "
                    "compte Google.",
                ).replace("%1", count)
            )
        self.refresh_status()
        self.context.changed.emit(SETTINGS, self.user.id if self.user else 0)

    def _reset_failed(self, exc: BaseException) -> None:
        self._end("reset")
        self._say(failure_text(exc, interface_language()), error=True)
        self.refresh_status()

    # --- contacts -------------------------------------------------------------------------

    def load_contacts(self) -> None:
        if self.user is None:
            return
        contacts = list(queries.contacts_to_sync(self.user))
        self.contacts.set_contacts(contacts)
        settings = SyncSettings.for_user(self.user)
        self.ui.contactsCountLabel.setText(
            QCoreApplication.translate("SyncPrefsPage", "Nombre de contacts : %1 / %2")
            .replace("%1", str(len(contacts)))
            .replace("%2", str(CONTACTS_CAP))
        )
        when = french_datetime(settings.contacts_synced_at, self.user.zone)
        self.ui.contactsSyncedLabel.setText(
            QCoreApplication.translate(
                "SyncPrefsPage", "Dernière synchronisation des contacts : %1"
            ).replace("%1", when or QCoreApplication.translate("SyncPrefsPage", "jamais"))
        )
        self._update_enabled()

    def add_contact_ids(self, ids: list[int]) -> None:
        """Add contacts (dropped or picked) to the list, within the cap; say what was not."""
        if self.user is None or not self.editable or not ids:
            return
        outcome = add_contacts(self.user, ids)
        self.load_contacts()
        parts = [
            QCoreApplication.translate("SyncPrefsPage", "%1 contact(s) ajouté(s).").replace(
                "%1", str(len(outcome.added))
            )
        ]
        if outcome.already:
            parts.append(
                QCoreApplication.translate("SyncPrefsPage", "%1 déjà dans la liste.").replace(
                    "%1", str(outcome.already)
                )
            )
        if outcome.left_out:
            names = ", ".join(c.display_name for c in outcome.left_out[:10])
            more = len(outcome.left_out) - 10
            if more > 0:
                names += QCoreApplication.translate("SyncPrefsPage", " et %1 autre(s)").replace(
                    "%1", str(more)
                )
            parts.append(
                QCoreApplication.translate(
                    "SyncPrefsPage",
                    "La liste est limitée à %1 contacts par utilisateur : %2 contact(s) non "
                    "ajouté(s) : %3. Retirez des contacts de la liste pour en ajouter d'autres.",
                )
                .replace("%1", str(CONTACTS_CAP))
                .replace("%2", str(len(outcome.left_out)))
                .replace("%3", names)
            )
        self._say(" ".join(parts), error=bool(outcome.left_out))
        self.context.changed.emit("contacts", self.user.id)

    def remove_selected_contacts(self) -> None:
        ids = self.contacts.selected_ids()
        if self.user is None or not self.editable or not ids:
            return
        removed = remove_contacts(self.user, ids)
        self.load_contacts()
        self._say(
            QCoreApplication.translate(
                "SyncPrefsPage", "%1 contact(s) retiré(s) de la liste (ils restent dans Google)."
            ).replace("%1", str(removed))
        )
        self.context.changed.emit("contacts", self.user.id)

    def pick_contacts(self) -> ContactPickerDialog | None:
        """« Ajouter »: a searchable picker of the contacts not yet in the list."""
        if self.user is None or not self.editable:
            return None
        picker = ContactPickerDialog(self.contacts.contact_ids(), self)
        self.picker = picker

        def finished(result: int) -> None:
            self.picker = None
            if result == ContactPickerDialog.DialogCode.Accepted:
                self.add_contact_ids(picker.selected_ids())
            picker.deleteLater()

        picker.finished.connect(finished)
        picker.open()
        return picker
