"""The action dialog: every synced field of an action, checked before anything is stored.

A new action may repeat (daily, weekly or monthly, a number of times or until a date): the
dialog then stores a :class:`~crmsync.crm.models.Series` and one action per occurrence. An
existing occurrence of a series shows the series' rule, read-only; edits change that
occurrence only. An invitation the Google account only attends opens read-only.
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import peewee
from dateutil.rrule import rrulestr
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QRectF, Qt, QTime
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from crmsync.crm.models import Action, ActionType, Series, Site, User, ValidationError
from crmsync.gui.agenda import store
from crmsync.gui.agenda.week_view import display_locale
from crmsync.gui.context import ACTIONS, AppContext
from crmsync.gui.forms.ui_action_dialog import Ui_ActionDialog

log = logging.getLogger(__name__)

_UTC = dt.UTC
# Repeat choices of the combo, in its order.
FREQUENCIES = (None, "DAILY", "WEEKLY", "MONTHLY")


def colour_swatch(colour: str, size: int = 14) -> QIcon:
    """A small rounded square of ``colour``, for the type combo."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(colour)
    painter.setBrush(fill)
    painter.setPen(fill.darker(140))
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 3, 3)
    painter.end()
    return QIcon(pixmap)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class ActionDialog(QDialog):
    """Create or edit one action of ``owner`` (times in ``zone``, the viewer's)."""

    def __init__(
        self,
        context: AppContext,
        action: Action | None = None,
        *,
        owner_id: int | None = None,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
        day: dt.date | None = None,
        zone: ZoneInfo | None = None,
        read_only: bool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.action = action
        self.zone = zone or context.current_user.zone
        self.saved_ids: list[int] = []
        owner = User.get_by_id(
            action.owner_id if action is not None else (owner_id or context.current_user_id)
        )
        self.owner = owner
        self.read_only = (
            bool(read_only)
            if read_only is not None
            else (action is not None and store.is_read_only(action))
        )
        # Only a new action may be made a series from here.
        self._repeat_allowed = action is None
        self.ui = Ui_ActionDialog()
        self.ui.setupUi(self)
        self._prepare_widgets()
        self.ui.ownerValue.setText(str(owner))
        if action is not None:
            self.setWindowTitle(self.tr("Action — %s") % (action.title or self.tr("(sans titre)")))
            self._load(action)
        else:
            self.setWindowTitle(self.tr("Nouvelle action"))
            self._load_new(day, start, end)
        # A business without sites has nothing to choose: the row would only say "—".
        self.ui.formLayout.setRowVisible(self.ui.siteCombo, self.ui.siteCombo.count() > 1)
        self._update_mode()
        if self.read_only:
            self._lock()

    # building ----------------------------------------------------------------------------

    def _prepare_widgets(self) -> None:
        ui = self.ui
        ui.readOnlyLabel.hide()
        ui.errorLabel.hide()
        date_format = display_locale().dateFormat(display_locale().FormatType.ShortFormat)
        if "yyyy" not in date_format:
            date_format = date_format.replace("yy", "yyyy")
        for edit in (ui.startDate, ui.endDate, ui.repeatUntilDate):
            edit.setDisplayFormat(date_format)
        for edit in (ui.startTime, ui.endTime):
            edit.setDisplayFormat("HH:mm")
        for row in ActionType.select().order_by(ActionType.code):
            ui.typeCombo.addItem(colour_swatch(row.colour), f"{row.label} ({row.code})", row.id)
        ui.siteCombo.addItem("—", None)
        for site in Site.select().order_by(Site.code):
            ui.siteCombo.addItem(str(site), site.id)
        ui.siteCombo.setMinimumContentsLength(24)
        ui.siteCombo.setSizeAdjustPolicy(
            ui.siteCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        ui.allDayCheck.toggled.connect(self._update_mode)
        ui.reminderCheck.toggled.connect(self._update_mode)
        ui.repeatCombo.currentIndexChanged.connect(self._update_mode)
        ui.repeatEndCombo.currentIndexChanged.connect(self._update_mode)
        for signal in (
            ui.startDate.dateChanged,
            ui.startTime.timeChanged,
            ui.endDate.dateChanged,
            ui.endTime.timeChanged,
        ):
            signal.connect(self._show_duration)
        ui.startDate.dateChanged.connect(self._start_date_moved)
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)
        ui.seriesRuleLabel.hide()
        self._last_start = ui.startDate.date()

    def _load(self, action: Action) -> None:
        ui = self.ui
        ui.titleEdit.setText(action.title or "")
        index = ui.typeCombo.findData(action.action_type_id)
        ui.typeCombo.setCurrentIndex(max(index, 0))
        ui.locationEdit.setText(action.location or "")
        ui.allDayCheck.setChecked(bool(action.all_day))
        if action.all_day:
            assert action.start_date is not None and action.end_date is not None
            self._set_dates(action.start_date, action.end_date)
            ui.startTime.setTime(QTime(9, 0))
            ui.endTime.setTime(QTime(10, 0))
        else:
            assert action.start is not None and action.end is not None
            self._set_times(action.start, action.end)
        ui.siteCombo.setCurrentIndex(max(ui.siteCombo.findData(action.site_id), 0))
        ui.privateCheck.setChecked(bool(action.private))
        ui.reminderCheck.setChecked(bool(action.reminder))
        ui.reminderSpin.setValue(int(action.reminder_minutes or 0))
        ui.descriptionEdit.setPlainText(action.description or "")
        if action.series_id is not None:
            series = Series.get_or_none(Series.id == action.series_id)
            rule = series.rrule if series is not None else ""
            ui.seriesRuleLabel.setText(describe_rule(rule, self.zone) + f"\n{rule}")
            ui.seriesRuleLabel.setToolTip(
                self.tr("Modifier cette action ne change que cette occurrence.")
            )

    def _load_new(
        self, day: dt.date | None, start: dt.datetime | None, end: dt.datetime | None
    ) -> None:
        ui = self.ui
        default = ActionType.default()
        if default is not None:
            ui.typeCombo.setCurrentIndex(max(ui.typeCombo.findData(default.id), 0))
        if start is None:
            first = day or dt.datetime.now(self.zone).date()
            ui.allDayCheck.setChecked(True)
            self._set_dates(first, first)
            ui.startTime.setTime(QTime(9, 0))
            ui.endTime.setTime(QTime(10, 0))
        else:
            self._set_times(start, end or start + dt.timedelta(hours=1))
        until = _date(ui.startDate.date()) + dt.timedelta(weeks=4)
        ui.repeatUntilDate.setDate(_qdate(until))

    def _set_dates(self, first: dt.date, last: dt.date) -> None:
        self.ui.startDate.setDate(_qdate(first))
        self.ui.endDate.setDate(_qdate(last))
        self._last_start = self.ui.startDate.date()

    def _set_times(self, start: dt.datetime, end: dt.datetime) -> None:
        first, last = start.astimezone(self.zone), end.astimezone(self.zone)
        self._set_dates(first.date(), last.date())
        self.ui.startTime.setTime(QTime(first.hour, first.minute))
        self.ui.endTime.setTime(QTime(last.hour, last.minute))

    def _lock(self) -> None:
        ui = self.ui
        ui.readOnlyLabel.show()
        # Texts and times stay readable (read-only, not greyed); choices are disabled.
        for line in (ui.titleEdit, ui.locationEdit):
            line.setReadOnly(True)
        for edit in (ui.startDate, ui.startTime, ui.endDate, ui.endTime, ui.reminderSpin):
            edit.setReadOnly(True)
            edit.setButtonSymbols(edit.ButtonSymbols.NoButtons)
        for widget in (
            ui.typeCombo,
            ui.allDayCheck,
            ui.siteCombo,
            ui.privateCheck,
            ui.reminderCheck,
            ui.repeatCombo,
        ):
            widget.setEnabled(False)
        ui.descriptionEdit.setReadOnly(True)
        ui.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

    # reacting ----------------------------------------------------------------------------

    def _update_mode(self) -> None:
        ui = self.ui
        all_day = ui.allDayCheck.isChecked()
        ui.startTime.setVisible(not all_day)
        ui.endTime.setVisible(not all_day)
        ui.reminderSpin.setEnabled(ui.reminderCheck.isChecked())
        series = self.action is not None and self.action.series_id is not None
        ui.seriesRuleLabel.setVisible(series)
        repeat = self._repeat_allowed and not self.read_only
        ui.repeatCombo.setVisible(repeat)
        chosen = repeat and ui.repeatCombo.currentIndex() > 0
        ui.repeatEndCombo.setVisible(chosen)
        ui.repeatCountSpin.setVisible(chosen and ui.repeatEndCombo.currentIndex() == 0)
        ui.repeatUntilDate.setVisible(chosen and ui.repeatEndCombo.currentIndex() == 1)
        ui.repeatCaption.setVisible(repeat or series)
        self._show_duration()

    def _start_date_moved(self, new: QDate) -> None:
        # Moving the start keeps the action's length, as calendars do.
        shift = self._last_start.daysTo(new)
        self._last_start = new
        if shift:
            self.ui.endDate.setDate(self.ui.endDate.date().addDays(shift))

    def _show_duration(self) -> None:
        try:
            values = self._read_times()
        except ValueError:
            self.ui.durationLabel.setText("")
            return
        if values[0]:
            days = (values[4] - values[3]).days + 1 if values[3] and values[4] else 0
            text = self.tr("%d jour(s)") % days if days > 0 else ""
        else:
            start, end = values[1], values[2]
            assert start is not None and end is not None
            minutes = int((end - start).total_seconds() // 60)
            if minutes < 0:
                text = ""
            elif minutes < 60:
                text = self.tr("%d min") % minutes
            else:
                text = self.tr("%d h %02d") % divmod(minutes, 60)
        self.ui.durationLabel.setText(f"({text})" if text else "")

    # reading and saving ------------------------------------------------------------------

    def _read_times(
        self,
    ) -> tuple[bool, dt.datetime | None, dt.datetime | None, dt.date | None, dt.date | None]:
        ui = self.ui
        first, last = _date(ui.startDate.date()), _date(ui.endDate.date())
        if ui.allDayCheck.isChecked():
            return True, None, None, first, last
        start_time, end_time = ui.startTime.time(), ui.endTime.time()
        start = dt.datetime.combine(
            first, dt.time(start_time.hour(), start_time.minute()), tzinfo=self.zone
        )
        end = dt.datetime.combine(
            last, dt.time(end_time.hour(), end_time.minute()), tzinfo=self.zone
        )
        return False, start.astimezone(_UTC), end.astimezone(_UTC), None, None

    def problem(self) -> str | None:
        """What is wrong with the input, in words the user can act on; None when all is well."""
        ui = self.ui
        if not ui.titleEdit.text().strip():
            return self.tr("Le titre est obligatoire : indiquez l'objet de l'action.")
        if ui.typeCombo.currentData() is None:
            return self.tr("Choisissez un type d'action.")
        all_day, start, end, first, last = self._read_times()
        if all_day:
            assert first is not None and last is not None
            if last < first:
                return self.tr(
                    "La date de fin (%s) est avant la date de début (%s) : corrigez-la."
                ) % (
                    ui.endDate.text(),
                    ui.startDate.text(),
                )
        else:
            assert start is not None and end is not None
            if end < start:
                return self.tr(
                    "La fin (%s %s) est avant le début (%s %s) : corrigez la date ou l'heure de fin."
                ) % (
                    ui.endDate.text(),
                    ui.endTime.text(),
                    ui.startDate.text(),
                    ui.startTime.text(),
                )
        repeat = self.repeat_rule()
        start_day = first if all_day else (start.astimezone(self.zone).date() if start else None)
        if (
            repeat is not None
            and repeat.until is not None
            and start_day is not None
            and repeat.until < start_day
        ):
            return self.tr(
                "La répétition se termine avant le début de l'action : "
                "choisissez une date de fin plus tardive."
            )
        return None

    def repeat_rule(self) -> store.RepeatRule | None:
        ui = self.ui
        if not self._repeat_allowed or ui.repeatCombo.currentIndex() <= 0:
            return None
        frequency = FREQUENCIES[ui.repeatCombo.currentIndex()]
        assert frequency is not None
        if ui.repeatEndCombo.currentIndex() == 0:
            return store.RepeatRule(frequency, count=ui.repeatCountSpin.value())
        return store.RepeatRule(frequency, until=_date(ui.repeatUntilDate.date()))

    def show_error(self, message: str) -> None:
        self.ui.errorLabel.setText(message)
        self.ui.errorLabel.show()

    def accept(self) -> None:
        if self.read_only:
            super().reject()
            return
        message = self.problem()
        if message is not None:
            self.show_error(message)
            return
        try:
            saved = self._save()
        except store.TooManyOccurrences:
            self.show_error(
                self.tr(
                    "La répétition donnerait plus de %d occurrences : réduisez le nombre ou "
                    "avancez la date de fin."
                )
                % store.MAX_OCCURRENCES
            )
            return
        except ValidationError as exc:
            self.show_error(self.tr("Enregistrement refusé : %s") % exc)
            return
        except ValueError as exc:
            self.show_error(str(exc))
            return
        except peewee.DatabaseError as exc:
            log.warning("saving an action failed: %s", exc)
            self.show_error(self.tr("La base de données a refusé l'enregistrement : %s") % exc)
            return
        self.saved_ids = [action.id for action in saved]
        for action in saved:
            self.context.action_edited.emit(action.id, action.owner_id)
        self.context.changed.emit(ACTIONS, self.owner.id)
        super().accept()

    def _save(self) -> list[Action]:
        ui = self.ui
        action = self.action if self.action is not None else Action(owner=self.owner.id)
        all_day, start, end, first, last = self._read_times()
        action.title = ui.titleEdit.text().strip()
        action.action_type = ui.typeCombo.currentData()
        action.location = ui.locationEdit.text().strip()
        action.all_day = all_day
        action.start, action.end = start, end
        action.start_date, action.end_date = first, last
        action.site = ui.siteCombo.currentData()
        action.private = ui.privateCheck.isChecked()
        action.reminder = ui.reminderCheck.isChecked()
        action.reminder_minutes = ui.reminderSpin.value()
        action.description = ui.descriptionEdit.toPlainText()
        repeat = self.repeat_rule()
        if repeat is not None:
            action.validate()
            return store.create_series(action, repeat)
        action.save()
        return [action]


_DAYS = {
    "MO": QT_TRANSLATE_NOOP("ActionDialog", "lundi"),
    "TU": QT_TRANSLATE_NOOP("ActionDialog", "mardi"),
    "WE": QT_TRANSLATE_NOOP("ActionDialog", "mercredi"),
    "TH": QT_TRANSLATE_NOOP("ActionDialog", "jeudi"),
    "FR": QT_TRANSLATE_NOOP("ActionDialog", "vendredi"),
    "SA": QT_TRANSLATE_NOOP("ActionDialog", "samedi"),
    "SU": QT_TRANSLATE_NOOP("ActionDialog", "dimanche"),
}


def describe_rule(rule: str, zone: ZoneInfo) -> str:
    """A series' rule in words ("Toutes les semaines, le lundi, 10 fois")."""
    parts = dict(part.split("=", 1) for part in rule.upper().split(";") if "=" in part)
    try:
        rrulestr(rule, dtstart=dt.datetime(2000, 1, 1, tzinfo=_UTC))
    except (ValueError, TypeError):
        return QCoreApplication.translate("ActionDialog", "Règle de répétition illisible")
    interval = int(parts.get("INTERVAL", "1") or 1)
    frequency = parts.get("FREQ", "")
    words = {
        "DAILY": (
            QCoreApplication.translate("ActionDialog", "Tous les jours"),
            QCoreApplication.translate("ActionDialog", "Tous les %d jours"),
        ),
        "WEEKLY": (
            QCoreApplication.translate("ActionDialog", "Toutes les semaines"),
            QCoreApplication.translate("ActionDialog", "Toutes les %d semaines"),
        ),
        "MONTHLY": (
            QCoreApplication.translate("ActionDialog", "Tous les mois"),
            QCoreApplication.translate("ActionDialog", "Tous les %d mois"),
        ),
        "YEARLY": (
            QCoreApplication.translate("ActionDialog", "Tous les ans"),
            QCoreApplication.translate("ActionDialog", "Tous les %d ans"),
        ),
    }.get(
        frequency,
        (
            QCoreApplication.translate("ActionDialog", "Répétée"),
            QCoreApplication.translate("ActionDialog", "Répétée"),
        ),
    )
    text = words[0] if interval == 1 else (words[1] % interval if "%d" in words[1] else words[1])
    if "BYDAY" in parts:
        days = [d[-2:] for d in parts["BYDAY"].split(",")]
        text += ", " + QCoreApplication.translate("ActionDialog", "le %s") % ", ".join(
            QCoreApplication.translate("ActionDialog", str(_DAYS.get(d, d))) for d in days
        )
    if "COUNT" in parts:
        text += ", " + QCoreApplication.translate("ActionDialog", "%s fois") % parts["COUNT"]
    elif "UNTIL" in parts:
        until = parts["UNTIL"]
        try:
            if "T" in until:
                moment = dt.datetime.strptime(until.rstrip("Z"), "%Y%m%dT%H%M%S").replace(
                    tzinfo=_UTC
                )
                day = moment.astimezone(zone).date()
            else:
                day = dt.datetime.strptime(until, "%Y%m%d").date()
            text += (
                ", " + QCoreApplication.translate("ActionDialog", "jusqu'au %s") % f"{day:%d/%m/%Y}"
            )
        except ValueError:
            pass
    return text
