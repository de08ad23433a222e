"""The week view: seven day columns, hour rows, an all-day strip, actions as coloured blocks.

:class:`WeekView` shows what :meth:`WeekView.show_week` hands it (no store access here) and
turns the user's gestures into signals: the page does the writes. Several users are shown
side by side: each day column splits into one sub-column per user, so the hours stay on one
axis and a free slot common to everyone is read across a single row; the all-day strip gets
one band per user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QMenu,
    QScrollArea,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from crmsync.gui.agenda import layout
from crmsync.gui.agenda.layout import (
    MINUTES_PER_DAY,
    SNAP_MINUTES,
    AgendaItem,
    Segment,
    StripBar,
)

GUTTER = 56
HOUR_HEIGHT = 44
DAY_HEADER_HEIGHT = 42
USER_ROW_HEIGHT = 18
LANE_HEIGHT = 22
STRIP_PADDING = 4
# The grid opens scrolled to this hour.
OPENING_HOUR = 7
# A press this close to a block's bottom edge resizes it.
RESIZE_MARGIN = 5

WEEKEND_SHADE = QColor(0, 0, 0, 14)
TODAY_SHADE = QColor(66, 133, 244, 22)
NOW_COLOUR = QColor("#d93025")
GRID_LINE = QColor(0, 0, 0, 30)
HALF_HOUR_LINE = QColor(0, 0, 0, 12)
USER_COLOURS = ("#3f51b5", "#009688", "#e65100", "#8e24aa", "#2e7d32", "#c2185b")


def display_locale() -> QLocale:
    """The app's locale; French when none was chosen (the product's default language)."""
    locale = QLocale()
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return QLocale(QLocale.Language.French, QLocale.Country.France)
    return locale


def format_time(moment: dt.datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%H:%M}"


def format_day(day: dt.date, pattern: str = "ddd d MMM") -> str:
    from PySide6.QtCore import QDate

    return display_locale().toString(QDate(day.year, day.month, day.day), pattern)


def describe(item: AgendaItem, zone: ZoneInfo) -> str:
    """The tooltip of an action: what, when, where, and why it cannot be edited."""
    lines = [
        f"<b>{_html(item.title) or QCoreApplication.translate('WeekView', '(sans titre)')}</b>"
    ]
    if item.all_day:
        assert item.start_date is not None and item.end_date is not None
        if item.start_date == item.end_date:
            lines.append(
                QCoreApplication.translate("WeekView", "Toute la journée, %s")
                % format_day(item.start_date, "dddd d MMMM")
            )
        else:
            lines.append(
                QCoreApplication.translate("WeekView", "Du %s au %s (toute la journée)")
                % (
                    format_day(item.start_date, "dddd d MMMM"),
                    format_day(item.end_date, "dddd d MMMM"),
                )
            )
    else:
        assert item.start is not None and item.end is not None
        start, end = item.start.astimezone(zone), item.end.astimezone(zone)
        if start.date() == end.date():
            lines.append(
                f"{format_day(start.date(), 'dddd d MMMM')}, "
                f"{format_time(start, zone)} – {format_time(end, zone)}"
            )
        else:
            lines.append(
                f"{format_day(start.date(), 'dddd d MMMM')} {format_time(start, zone)} → "
                f"{format_day(end.date(), 'dddd d MMMM')} {format_time(end, zone)}"
            )
    lines.append(QCoreApplication.translate("WeekView", "Type : %s") % _html(item.type_label))
    if item.location:
        lines.append(QCoreApplication.translate("WeekView", "Lieu : %s") % _html(item.location))
    if item.site:
        lines.append(QCoreApplication.translate("WeekView", "Site : %s") % _html(item.site))
    if item.reminder:
        lines.append(
            QCoreApplication.translate("WeekView", "Rappel %d min avant") % item.reminder_minutes
        )
    if item.private:
        lines.append(QCoreApplication.translate("WeekView", "Privée"))
    if item.series:
        lines.append(QCoreApplication.translate("WeekView", "Fait partie d'une série"))
    if item.read_only:
        lines.append(
            "<i>"
            + QCoreApplication.translate(
                "WeekView",
                "Invitation reçue sur Google : lecture seule, modifiable par l'organisateur seulement",
            )
            + "</i>"
        )
    if item.description:
        lines.append(_html(item.description).replace("\n", "<br>"))
    return "<br>".join(lines)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def draw_lock(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """A padlock in ``rect``: the private mark."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    w, h = rect.width(), rect.height()
    body = QRectF(rect.left() + w * 0.15, rect.top() + h * 0.45, w * 0.7, h * 0.5)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(body, 1.5, 1.5)
    pen = QPen(colour, max(1.2, w * 0.12))
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    shackle = QRectF(rect.left() + w * 0.28, rect.top() + h * 0.08, w * 0.44, h * 0.7)
    painter.drawArc(shackle, 0, 180 * 16)
    painter.drawLine(
        QPointF(shackle.left(), shackle.center().y()), QPointF(shackle.left(), body.top())
    )
    painter.drawLine(
        QPointF(shackle.right(), shackle.center().y()), QPointF(shackle.right(), body.top())
    )
    painter.restore()


def draw_repeat(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """A circular arrow in ``rect``: the series mark."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, max(1.2, rect.width() * 0.12))
    painter.setPen(pen)
    ring = rect.adjusted(
        rect.width() * 0.15, rect.height() * 0.15, -rect.width() * 0.15, -rect.height() * 0.15
    )
    painter.drawArc(ring, 60 * 16, 270 * 16)
    tip = QPointF(ring.center().x() + ring.width() / 2 * 0.5, ring.top() + ring.height() * 0.07)
    arrow = QPainterPath()
    size = rect.width() * 0.3
    arrow.moveTo(tip + QPointF(size * 0.6, -size * 0.5))
    arrow.lineTo(tip + QPointF(-size * 0.1, size * 0.05))
    arrow.lineTo(tip + QPointF(size * 0.75, size * 0.55))
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPath(arrow)
    painter.restore()


@dataclass
class WeekState:
    """What the view shows: the week, the zone, the users and their actions."""

    monday: dt.date
    zone: ZoneInfo
    users: list[tuple[int, str]]
    items: list[AgendaItem]
    today: dt.date

    @property
    def days(self) -> list[dt.date]:
        return layout.week_days(self.monday)

    @property
    def user_ids(self) -> list[int]:
        return [uid for uid, _ in self.users]


class _Columns:
    """Day and user sub-column positions for a width, shared by the header and the grid."""

    def __init__(self, width: float, users: int) -> None:
        self.users = max(users, 1)
        self.day_width = max((width - GUTTER) / 7, 10.0)
        self.user_width = self.day_width / self.users

    def day_x(self, day: int) -> float:
        return GUTTER + day * self.day_width

    def user_x(self, day: int, user: int) -> float:
        return self.day_x(day) + user * self.user_width

    def locate(self, x: float) -> tuple[int, int] | None:
        """(day, user) under ``x``, or None over the gutter."""
        if x < GUTTER:
            return None
        day = min(int((x - GUTTER) // self.day_width), 6)
        user = min(int((x - self.day_x(day)) // self.user_width), self.users - 1)
        return day, user


def _fill_block(
    painter: QPainter, rect: QRectF, item: AgendaItem, selected: bool, palette: QPalette
) -> QColor:
    """Draw a block's body; return the text colour to write on it."""
    fill = QColor(item.colour)
    if not fill.isValid():
        fill = QColor("#5484ed")
    text = QColor(layout.text_colour_for(fill.name()))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if item.read_only:
        # An invitation: a pale body hatched in its colour, framed by a dashed line, so it
        # reads as "someone else's" while its type still shows.
        base = palette.color(QPalette.ColorRole.Base)
        pale = QColor(
            (fill.red() + 2 * base.red()) // 3,
            (fill.green() + 2 * base.green()) // 3,
            (fill.blue() + 2 * base.blue()) // 3,
        )
        painter.setPen(QPen(fill.darker(120), 1.2, Qt.PenStyle.DashLine))
        painter.setBrush(pale)
        painter.drawRoundedRect(rect, 4, 4)
        hatch = QColor(fill)
        hatch.setAlpha(70)
        painter.setBrush(QBrush(hatch, Qt.BrushStyle.BDiagPattern))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(rect, 4, 4)
        text = QColor(layout.text_colour_for(pale.name()))
    else:
        painter.setPen(QPen(fill.darker(130), 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
    if selected:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2.5))
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
    return text


def _marks(painter: QPainter, rect: QRectF, item: AgendaItem, colour: QColor) -> float:
    """Draw the private and series marks at the block's top right; return their width."""
    size = 12.0
    right = rect.right() - 3
    used = 0.0
    for present, draw in ((item.private, draw_lock), (item.series, draw_repeat)):
        if present and rect.width() > 3 * size:
            right -= size
            draw(painter, QRectF(right, rect.top() + 3, size, size), colour)
            right -= 2
            used += size + 2
    return used


class WeekHeader(QWidget):
    """Day names and dates, users' names, and the all-day strip."""

    def __init__(self, view: WeekView) -> None:
        super().__init__(view)
        self.view = view
        self.bars: list[StripBar] = []
        self.lanes: list[int] = [1]
        self.right_margin = 0
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._press: tuple[QPointF, StripBar] | None = None
        self._shift = 0

    # geometry ----------------------------------------------------------------------------

    def columns(self) -> _Columns:
        return _Columns(self.width() - self.right_margin, len(self.view.state.users))

    def strip_top(self) -> float:
        return DAY_HEADER_HEIGHT + (USER_ROW_HEIGHT if len(self.view.state.users) > 1 else 0)

    def band_top(self, user: int) -> float:
        return self.strip_top() + STRIP_PADDING + sum(self.lanes[:user]) * LANE_HEIGHT

    def relayout(self) -> None:
        state = self.view.state
        self.bars = layout.strip_bars(state.items, state.days, state.user_ids, state.zone)
        self.lanes = layout.lanes_per_user(self.bars, len(state.users))
        height = self.strip_top() + 2 * STRIP_PADDING + sum(self.lanes) * LANE_HEIGHT
        self.setFixedHeight(int(height))
        self.update()

    def bar_rect(self, bar: StripBar) -> QRectF:
        cols = self.columns()
        left = cols.day_x(bar.first) + 2
        right = cols.day_x(bar.last + 1) - 3
        top = self.band_top(bar.user) + bar.lane * LANE_HEIGHT + 1
        return QRectF(left, top, right - left, LANE_HEIGHT - 3)

    def bar_at(self, pos: QPointF) -> StripBar | None:
        for bar in self.bars:
            if self.bar_rect(bar).contains(pos):
                return bar
        return None

    def user_at(self, y: float) -> int:
        for user in range(len(self.lanes)):
            if y < self.band_top(user + 1):
                return user
        return len(self.lanes) - 1

    # painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        state = self.view.state
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        cols = self.columns()
        strip_top = self.strip_top()
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 7))
        for index, day in enumerate(state.days):
            x = cols.day_x(index)
            column = QRectF(x, 0, cols.day_width, self.height())
            if day.weekday() >= 5:
                painter.fillRect(column, WEEKEND_SHADE)
            if day == state.today:
                painter.fillRect(column, TODAY_SHADE)
            painter.setPen(GRID_LINE)
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
            name = format_day(day, "ddd").rstrip(".").capitalize()
            painter.setFont(small)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRectF(x, 3, cols.day_width, 16), Qt.AlignmentFlag.AlignCenter, name)
            number = QRectF(x, 18, cols.day_width, 22)
            painter.setFont(bold)
            if day == state.today:
                badge = QRectF(0, 0, 28, 22)
                badge.moveCenter(number.center())
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawRoundedRect(badge, 11, 11)
                painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
            else:
                painter.setPen(palette.color(QPalette.ColorRole.Text))
            label = format_day(day, "d") if cols.day_width < 90 else format_day(day, "d MMM")
            if cols.day_width >= 90 and day != state.today:
                painter.drawText(number, Qt.AlignmentFlag.AlignCenter, label)
            else:
                painter.drawText(number, Qt.AlignmentFlag.AlignCenter, format_day(day, "d"))
            change = layout.dst_change(day, state.zone)
            if change is not None:
                hours = round(layout.day_length(day, state.zone).total_seconds() / 3600)
                painter.setFont(small)
                painter.setPen(NOW_COLOUR)
                painter.drawText(
                    QRectF(x, 3, cols.day_width - 4, 16),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    QCoreApplication.translate("WeekView", "%d h") % hours,
                )
            if len(state.users) > 1:
                painter.setFont(small)
                for user, (_uid, user_name) in enumerate(state.users):
                    ux = cols.user_x(index, user)
                    cell = QRectF(ux, DAY_HEADER_HEIGHT, cols.user_width, USER_ROW_HEIGHT)
                    painter.fillRect(
                        cell.adjusted(1, cell.height() - 3, -1, 0),
                        QColor(USER_COLOURS[user % len(USER_COLOURS)]),
                    )
                    painter.setPen(palette.color(QPalette.ColorRole.Text))
                    text = QFontMetrics(small).elidedText(
                        user_name, Qt.TextElideMode.ElideRight, int(cols.user_width - 4)
                    )
                    painter.drawText(
                        cell.adjusted(2, 0, -2, -3), Qt.AlignmentFlag.AlignCenter, text
                    )
        painter.setPen(GRID_LINE)
        painter.drawLine(
            QPointF(GUTTER, strip_top), QPointF(self.width() - self.right_margin, strip_top)
        )
        painter.drawLine(QPointF(0, self.height() - 1), QPointF(self.width(), self.height() - 1))
        painter.setFont(small)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        if len(state.users) == 1:
            painter.drawText(
                QRectF(0, strip_top, GUTTER - 4, LANE_HEIGHT + STRIP_PADDING),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                QCoreApplication.translate("WeekView", "Journée"),
            )
        else:
            small_metrics = QFontMetrics(small)
            for user, (_uid, user_name) in enumerate(state.users):
                top = self.band_top(user)
                height = self.lanes[user] * LANE_HEIGHT
                colour = QColor(USER_COLOURS[user % len(USER_COLOURS)])
                painter.fillRect(QRectF(3, top + 2, 3, height - 4), colour)
                painter.setPen(palette.color(QPalette.ColorRole.Text))
                painter.drawText(
                    QRectF(9, top, GUTTER - 12, LANE_HEIGHT),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    small_metrics.elidedText(
                        user_name.split(" ")[0], Qt.TextElideMode.ElideRight, GUTTER - 12
                    ),
                )
                if user:
                    painter.setPen(QPen(GRID_LINE, 1, Qt.PenStyle.DotLine))
                    painter.drawLine(
                        QPointF(GUTTER, top - 0.5),
                        QPointF(self.width() - self.right_margin, top - 0.5),
                    )
        painter.setFont(self.font())
        metrics = QFontMetrics(self.font())
        for bar in self.bars:
            rect = self.bar_rect(bar)
            if self._press is not None and self._press[1] is bar and self._shift:
                rect.translate(self._shift * cols.day_width, 0)
            text_colour = _fill_block(
                painter, rect, bar.item, bar.item.action_id in self.view.selection, palette
            )
            used = _marks(painter, rect.adjusted(0, 2, 0, 0), bar.item, text_colour)
            title = bar.item.title or QCoreApplication.translate("WeekView", "(sans titre)")
            if bar.continues_before:
                title = "◂ " + title
            if bar.continues_after:
                title += " ▸"
            painter.setPen(text_colour)
            elided = metrics.elidedText(
                title, Qt.TextElideMode.ElideRight, int(rect.width() - 10 - used)
            )
            painter.drawText(
                rect.adjusted(5, 0, -5 - used, 0), Qt.AlignmentFlag.AlignVCenter, elided
            )
        painter.end()

    # interaction -------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            pos = QPointF(event.pos())
            bar = self.bar_at(pos)
            if bar is not None:
                QToolTip.showText(event.globalPos(), describe(bar.item, self.view.state.zone), self)
                return True
            located = self.columns().locate(pos.x())
            if located is not None and pos.y() < DAY_HEADER_HEIGHT:
                day = self.view.state.days[located[0]]
                change = layout.dst_change(day, self.view.state.zone)
                if change is not None:
                    QToolTip.showText(event.globalPos(), self.view.dst_text(day, change), self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        bar = self.bar_at(pos)
        self._shift = 0
        self._press = None
        if bar is None:
            if event.button() == Qt.MouseButton.LeftButton:
                self.view.select([])
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.view.select([bar.item.action_id])
            self._press = (pos, bar)
        elif bar.item.action_id not in self.view.selection:
            self.view.select([bar.item.action_id])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._press is None or not (event.buttons() & Qt.MouseButton.LeftButton):
            bar = self.bar_at(event.position())
            editable = bar is not None and self.view.is_editable(bar.item)
            self.setCursor(Qt.CursorShape.SizeAllCursor if editable else Qt.CursorShape.ArrowCursor)
            return
        start, bar = self._press
        if (event.position() - start).manhattanLength() < QApplication.startDragDistance():
            return
        if not self.view.is_editable(bar.item):
            return
        shift = round((event.position().x() - start.x()) / self.columns().day_width)
        if shift != self._shift:
            self._shift = shift
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        press, shift = self._press, self._shift
        self._press, self._shift = None, 0
        if press is None:
            return
        bar = press[1]
        if shift and not self.view.explain_if_read_only(bar.item):
            self.view.shift_days_requested.emit(bar.item.action_id, shift)
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        bar = self.bar_at(pos)
        if bar is not None:
            self.view.open_requested.emit(bar.item.action_id)
            return
        located = self.columns().locate(pos.x())
        if located is None or pos.y() < self.strip_top():
            return
        state = self.view.state
        user = self.user_at(pos.y())
        day = state.days[located[0]]
        self.view.create_requested.emit(state.user_ids[user], day, None, None)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        bar = self.bar_at(QPointF(event.pos()))
        if bar is not None and bar.item.action_id not in self.view.selection:
            self.view.select([bar.item.action_id])
        self.view.show_menu(event.globalPos(), bar.item if bar else None, None)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self.view.handle_key(event):
            super().keyPressEvent(event)


class TimeGrid(QWidget):
    """The hour grid: 24 rows of wall-clock hours, one column per day and user."""

    def __init__(self, view: WeekView) -> None:
        super().__init__(view)
        self.view = view
        self.segments: list[Segment] = []
        self.setFixedHeight(24 * HOUR_HEIGHT + 1)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._press: tuple[QPointF, Segment, str] | None = None
        # While dragging: (segment, day, top, bottom) of the block's new place.
        self.preview: tuple[Segment, int, float, float] | None = None

    @staticmethod
    def minutes_at(y: float) -> float:
        return max(0.0, min(y / HOUR_HEIGHT * 60, float(MINUTES_PER_DAY)))

    @staticmethod
    def y_of(minutes: float) -> float:
        return minutes * HOUR_HEIGHT / 60

    def columns(self) -> _Columns:
        return _Columns(self.width(), len(self.view.state.users))

    def relayout(self) -> None:
        state = self.view.state
        self.segments = layout.timed_segments(state.items, state.days, state.user_ids, state.zone)
        self.update()

    def segment_rect(
        self,
        segment: Segment,
        day: int | None = None,
        top: float | None = None,
        bottom: float | None = None,
    ) -> QRectF:
        cols = self.columns()
        day = segment.day if day is None else day
        top = segment.top if top is None else top
        bottom = segment.bottom if bottom is None else bottom
        usable = cols.user_width - 5
        width = usable / segment.columns
        left = cols.user_x(day, segment.user) + 1 + segment.column * width
        return QRectF(left, self.y_of(top) + 1, width - 1, self.y_of(bottom) - self.y_of(top) - 2)

    def segment_at(self, pos: QPointF) -> Segment | None:
        for segment in reversed(self.segments):
            if self.segment_rect(segment).contains(pos):
                return segment
        return None

    # painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        state = self.view.state
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        cols = self.columns()
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 7))
        for index, day in enumerate(state.days):
            column = QRectF(cols.day_x(index), 0, cols.day_width, self.height())
            if day.weekday() >= 5:
                painter.fillRect(column, WEEKEND_SHADE)
            if day == state.today:
                painter.fillRect(column, TODAY_SHADE)
            change = layout.dst_change(day, state.zone)
            if change is not None:
                kind, first, last = change
                band = QRectF(
                    column.left(),
                    self.y_of(first),
                    column.width(),
                    self.y_of(last) - self.y_of(first),
                )
                if kind == "skipped":
                    painter.fillRect(band, QBrush(QColor(0, 0, 0, 60), Qt.BrushStyle.BDiagPattern))
                else:
                    painter.fillRect(band, QColor(255, 152, 0, 40))
        for hour in range(24):
            y = self.y_of(hour * 60)
            painter.setPen(GRID_LINE)
            painter.drawLine(QPointF(GUTTER - 6, y), QPointF(self.width(), y))
            painter.setPen(HALF_HOUR_LINE)
            painter.drawLine(
                QPointF(GUTTER, y + HOUR_HEIGHT / 2), QPointF(self.width(), y + HOUR_HEIGHT / 2)
            )
            if hour:
                painter.setFont(small)
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(
                    QRectF(0, y - 8, GUTTER - 9, 16),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    f"{hour:02d}:00",
                )
        for index in range(7):
            x = cols.day_x(index)
            painter.setPen(GRID_LINE)
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
            for user in range(1, len(state.users)):
                ux = cols.user_x(index, user)
                painter.setPen(QPen(GRID_LINE, 1, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(ux, 0), QPointF(ux, self.height()))
        painter.setFont(self.font())
        for segment in self.segments:
            if (
                self.preview is not None
                and self.preview[0].item.action_id == segment.item.action_id
            ):
                continue
            self._draw_segment(painter, segment, self.segment_rect(segment), palette)
        if self.preview is not None:
            moved, moved_day, top, bottom = self.preview
            painter.setOpacity(0.8)
            rect = self.segment_rect(moved, moved_day, top, bottom)
            self._draw_segment(painter, moved, rect, palette, top, bottom)
            painter.setOpacity(1.0)
        self._draw_now(painter, cols)
        painter.end()

    def _draw_segment(
        self,
        painter: QPainter,
        segment: Segment,
        rect: QRectF,
        palette: QPalette,
        top: float | None = None,
        bottom: float | None = None,
    ) -> None:
        item = segment.item
        zone = self.view.state.zone
        text_colour = _fill_block(
            painter, rect, item, item.action_id in self.view.selection, palette
        )
        used = _marks(painter, rect, item, text_colour)
        assert item.start is not None and item.end is not None
        if top is not None and bottom is not None:
            times = f"{int(top) // 60:02d}:{int(top) % 60:02d} – {int(bottom) // 60 % 24:02d}:{int(bottom) % 60:02d}"
        else:
            times = f"{format_time(item.start, zone)} – {format_time(item.end, zone)}"
            if segment.continues_before:  # the part after midnight says when it ends
                times = f"→ {format_time(item.end, zone)}"
        title = item.title or QCoreApplication.translate("WeekView", "(sans titre)")
        metrics = QFontMetrics(painter.font())
        line = metrics.height()
        inner = rect.adjusted(4, 2, -4, -2)
        painter.setPen(text_colour)
        if inner.height() < 2 * line:
            text = f"{_short_times(times)} {title}"
            elided = metrics.elidedText(
                text, Qt.TextElideMode.ElideRight, int(inner.width() - used)
            )
            painter.drawText(
                inner.adjusted(0, 0, -used, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                elided,
            )
            return
        bold = QFont(painter.font())
        bold.setBold(True)
        painter.setFont(bold)
        lines = max(int(inner.height() // line) - 1, 1)
        wrapped = wrap_text(title, QFontMetrics(bold), inner.width(), lines, first_line_less=used)
        for number, text in enumerate(wrapped):
            width = inner.width() - (used if number == 0 else 0)
            painter.drawText(
                QRectF(inner.left(), inner.top() + number * line, width, line),
                Qt.AlignmentFlag.AlignLeft,
                text,
            )
        painter.setFont(self.font())
        if metrics.horizontalAdvance(times) > inner.width():
            times = _short_times(times)
        painter.drawText(
            QRectF(inner.left(), inner.top() + line * len(wrapped), inner.width(), line),
            Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(times, Qt.TextElideMode.ElideRight, int(inner.width())),
        )
        if segment.continues_after or segment.continues_before:
            painter.drawText(inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, "⋯")

    def _draw_now(self, painter: QPainter, cols: _Columns) -> None:
        state = self.view.state
        now = self.view.now()
        day, minutes = layout.wall_minutes(now, state.zone)
        if day not in state.days:
            return
        index = state.days.index(day)
        y = self.y_of(minutes)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(NOW_COLOUR, 2))
        painter.drawLine(QPointF(cols.day_x(index), y), QPointF(cols.day_x(index + 1), y))
        painter.setBrush(NOW_COLOUR)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QPointF(cols.day_x(index), y), 4.5, 4.5)

    # interaction -------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            pos = QPointF(event.pos())
            segment = self.segment_at(pos)
            state = self.view.state
            if segment is not None:
                QToolTip.showText(event.globalPos(), describe(segment.item, state.zone), self)
                return True
            located = self.columns().locate(pos.x())
            if located is not None:
                day = state.days[located[0]]
                change = layout.dst_change(day, state.zone)
                minutes = self.minutes_at(pos.y())
                if change is not None and change[1] <= minutes < change[2]:
                    QToolTip.showText(event.globalPos(), self.view.dst_text(day, change), self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        segment = self.segment_at(pos)
        self._press = None
        self.preview = None
        if segment is None:
            if event.button() == Qt.MouseButton.LeftButton:
                self.view.select([])
            return
        if event.button() != Qt.MouseButton.LeftButton:
            if segment.item.action_id not in self.view.selection:
                self.view.select([segment.item.action_id])
            return
        self.view.select([segment.item.action_id])
        rect = self.segment_rect(segment)
        near_bottom = rect.bottom() - pos.y() <= RESIZE_MARGIN and not segment.continues_after
        self._press = (pos, segment, "resize" if near_bottom else "move")

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if self._press is None or not (event.buttons() & Qt.MouseButton.LeftButton):
            segment = self.segment_at(pos)
            cursor = Qt.CursorShape.ArrowCursor
            if segment is not None and self.view.is_editable(segment.item):
                rect = self.segment_rect(segment)
                near = rect.bottom() - pos.y() <= RESIZE_MARGIN and not segment.continues_after
                cursor = Qt.CursorShape.SizeVerCursor if near else Qt.CursorShape.SizeAllCursor
            self.setCursor(cursor)
            return
        start, segment, mode = self._press
        if (
            self.preview is None
            and (pos - start).manhattanLength() < QApplication.startDragDistance()
        ):
            return
        if not self.view.is_editable(segment.item):
            return
        delta = (pos.y() - start.y()) / HOUR_HEIGHT * 60
        if mode == "resize":
            lowest = max(layout.snap(segment.top) + SNAP_MINUTES, segment.top + SNAP_MINUTES)
            bottom = min(max(float(layout.snap(segment.bottom + delta)), lowest), MINUTES_PER_DAY)
            self.preview = (segment, segment.day, segment.top, bottom)
        else:
            located = self.columns().locate(pos.x())
            day = located[0] if located is not None else segment.day
            length = segment.bottom - segment.top
            top = float(layout.snap(segment.top + delta))
            top = max(-length + SNAP_MINUTES, min(top, MINUTES_PER_DAY - SNAP_MINUTES))
            self.preview = (segment, day, top, top + length)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        press, preview = self._press, self.preview
        self._press, self.preview = None, None
        if press is None or preview is None:
            self.update()
            return
        _start, segment, mode = press
        _segment, day, top, bottom = preview
        item = segment.item
        state = self.view.state
        assert item.start is not None and item.end is not None
        self.update()
        if self.view.explain_if_read_only(item):
            return
        if mode == "resize":
            end = layout.moment_at(state.days[day], bottom, state.zone)
            if end != item.end and end > item.start:
                self.view.move_requested.emit(item.action_id, item.start, end)
            return
        # The item's own start moves by the same days and minutes as the dragged segment.
        first_day, first_minutes = layout.wall_minutes(item.start, state.zone)
        shift_days = day - segment.day
        offset = top - segment.top
        new_start = layout.moment_at(
            first_day + dt.timedelta(days=shift_days),
            layout.snap(first_minutes + offset),
            state.zone,
        )
        if new_start != item.start:
            self.view.move_requested.emit(
                item.action_id, new_start, new_start + (item.end - item.start)
            )

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        segment = self.segment_at(pos)
        if segment is not None:
            self.view.open_requested.emit(segment.item.action_id)
            return
        located = self.columns().locate(pos.x())
        if located is None:
            return
        state = self.view.state
        day, user = located
        minutes = min(
            layout.snap(self.minutes_at(pos.y()) - SNAP_MINUTES / 2), MINUTES_PER_DAY - 60
        )
        start = layout.moment_at(state.days[day], max(minutes, 0), state.zone)
        self.view.create_requested.emit(
            state.user_ids[user], state.days[day], start, start + dt.timedelta(hours=1)
        )

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        pos = QPointF(event.pos())
        segment = self.segment_at(pos)
        if segment is not None and segment.item.action_id not in self.view.selection:
            self.view.select([segment.item.action_id])
        slot = None
        located = self.columns().locate(pos.x())
        if segment is None and located is not None:
            state = self.view.state
            minutes = layout.snap(self.minutes_at(pos.y()) - SNAP_MINUTES / 2)
            start = layout.moment_at(
                state.days[located[0]], max(0, min(minutes, MINUTES_PER_DAY - 60)), state.zone
            )
            slot = (state.user_ids[located[1]], state.days[located[0]], start)
        self.view.show_menu(event.globalPos(), segment.item if segment else None, slot)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self._press is not None:
            self._press, self.preview = None, None  # the drag is dropped, nothing moves
            self.update()
            return
        if not self.view.handle_key(event):
            super().keyPressEvent(event)


def _short_times(times: str) -> str:
    """ "09:00 – 10:30" → "09:00"; "→ 01:30" → "→01:30"."""
    return times.split(" – ")[0].replace("→ ", "→")


_DASHES = {"-", "–", "—"}


def wrap_text(
    text: str, metrics: QFontMetrics, width: float, max_lines: int, first_line_less: float = 0
) -> list[str]:
    """``text`` cut into at most ``max_lines`` lines of ``width`` pixels, at spaces; a word
    wider than a line, and text left over after the last line, end in "…" (a word broken
    over two lines, "Formatio" then "n", reads worse than "Formati…"). A dash that would
    open a line is left out: the line break separates as well."""
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < max_lines:
        room = max(int(width - (first_line_less if not lines else 0)), 1)
        current = words.pop(0)
        if lines and words and current in _DASHES:
            current = words.pop(0)
        if metrics.horizontalAdvance(current) > room:
            current = metrics.elidedText(current, Qt.TextElideMode.ElideRight, room)
        while words and metrics.horizontalAdvance(current + " " + words[0]) <= room:
            current += " " + words.pop(0)
        if len(lines) == max_lines - 1 and words:
            current = metrics.elidedText(
                current + " " + " ".join(words), Qt.TextElideMode.ElideRight, room
            )
            words = []
        lines.append(current)
    return lines or [""]


class WeekView(QWidget):
    """A week of one or several users' actions; gestures become signals for the page."""

    # (owner id, day, start or None, end or None): a new action there (None: all-day).
    create_requested = Signal(int, object, object, object)
    open_requested = Signal(int)
    # (action id, new start, new end): a timed action dragged or resized.
    move_requested = Signal(int, object, object)
    # (action id, days): an all-day bar dragged along the strip.
    shift_days_requested = Signal(int, int)
    duplicate_requested = Signal(int)
    delete_requested = Signal(list)
    # A gesture refused, with the reason to tell the user.
    refused = Signal(str)
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = WeekState(
            layout.monday_of(dt.date.today()), ZoneInfo("UTC"), [], [], dt.date.today()
        )
        self.selection: set[int] = set()
        self._clock: dt.datetime | None = None
        self.header = WeekHeader(self)
        self.grid = TimeGrid(self)
        self.scroller = QScrollArea(self)
        self.scroller.setWidget(self.grid)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.header)
        box.addWidget(self.scroller, 1)
        self._ticker = QTimer(self)
        self._ticker.setInterval(60_000)
        self._ticker.timeout.connect(self.grid.update)
        self._ticker.start()
        self._opened = False

    # what is shown -----------------------------------------------------------------------

    def show_week(
        self,
        monday: dt.date,
        zone: ZoneInfo,
        users: Sequence[tuple[int, str]],
        items: Sequence[AgendaItem],
        today: dt.date | None = None,
    ) -> None:
        self.state = WeekState(
            monday, zone, list(users), list(items), today or self.now().astimezone(zone).date()
        )
        shown = {item.action_id for item in items}
        self.selection &= shown
        self.header.relayout()
        self.grid.relayout()
        if not self._opened:
            self.scroll_to_hour(OPENING_HOUR)
            self._opened = True

    def scroll_to_hour(self, hour: int) -> None:
        # a little above the hour, so that its label shows whole
        self.scroller.verticalScrollBar().setValue(max(int(hour * HOUR_HEIGHT) - 10, 0))

    def set_clock(self, moment: dt.datetime | None) -> None:
        """Fix "now" (for the current-time line); None follows the real clock."""
        self._clock = moment
        self.grid.update()

    def now(self) -> dt.datetime:
        return self._clock or dt.datetime.now(dt.UTC)

    def item(self, action_id: int) -> AgendaItem | None:
        return next((i for i in self.state.items if i.action_id == action_id), None)

    def block_rects(self, action_id: int) -> list[QRectF]:
        """Where an action is drawn, in the grid's (timed) or the header's (strip) coordinates."""
        rects = [
            self.grid.segment_rect(s) for s in self.grid.segments if s.item.action_id == action_id
        ]
        rects += [
            self.header.bar_rect(b) for b in self.header.bars if b.item.action_id == action_id
        ]
        return rects

    def select(self, action_ids: Sequence[int]) -> None:
        chosen = set(action_ids)
        if chosen != self.selection:
            self.selection = chosen
            self.header.update()
            self.grid.update()
            self.selection_changed.emit()

    def is_editable(self, item: AgendaItem) -> bool:
        return not item.read_only

    def explain_if_read_only(self, item: AgendaItem) -> bool:
        """Tell why a read-only action cannot change; True when it is read-only."""
        if item.read_only:
            self.refused.emit(
                QCoreApplication.translate(
                    "WeekView",
                    "« %s » est une invitation reçue sur Google : seul son organisateur peut la "
                    "modifier.",
                )
                % (item.title or QCoreApplication.translate("WeekView", "(sans titre)"))
            )
            return True
        return False

    def dst_text(self, day: dt.date, change: tuple[str, int, int]) -> str:
        kind, first, last = change
        span = f"{first // 60:02d}:{first % 60:02d}–{last // 60:02d}:{last % 60:02d}"
        if kind == "skipped":
            return (
                QCoreApplication.translate(
                    "WeekView", "Passage à l'heure d'été : la journée dure 23 h, %s n'existe pas."
                )
                % span
            )
        return (
            QCoreApplication.translate(
                "WeekView", "Passage à l'heure d'hiver : la journée dure 25 h, %s a lieu deux fois."
            )
            % span
        )

    # layout ------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._align_header()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        self._align_header()

    def _align_header(self) -> None:
        bar = self.scroller.verticalScrollBar()
        self.header.right_margin = bar.sizeHint().width()
        self.grid.setFixedWidth(max(self.scroller.viewport().width(), GUTTER + 70))
        self.header.update()

    # menus and keys ----------------------------------------------------------------------

    def show_menu(
        self, where, item: AgendaItem | None, slot: tuple[int, dt.date, dt.datetime] | None
    ) -> None:  # noqa: ANN001
        menu = QMenu(self)
        self.fill_menu(menu, item, slot)
        if not menu.isEmpty():
            menu.exec(where)

    def fill_menu(
        self, menu: QMenu, item: AgendaItem | None, slot: tuple[int, dt.date, dt.datetime] | None
    ) -> None:
        style = self.style()
        if item is not None:
            edit = menu.addAction(QCoreApplication.translate("WeekView", "Modifier…"))
            edit.triggered.connect(lambda: self.open_requested.emit(item.action_id))
            duplicate = menu.addAction(
                style.standardIcon(style.StandardPixmap.SP_FileDialogNewFolder),
                QCoreApplication.translate("WeekView", "Dupliquer"),
            )
            duplicate.triggered.connect(lambda: self.duplicate_requested.emit(item.action_id))
            menu.addSeparator()
            remove = menu.addAction(
                style.standardIcon(style.StandardPixmap.SP_TrashIcon),
                QCoreApplication.translate("WeekView", "Supprimer"),
            )
            remove.setEnabled(not item.read_only)
            if item.read_only:
                remove.setToolTip(
                    QCoreApplication.translate("WeekView", "Invitation reçue : lecture seule")
                )
            ids = sorted(self.selection) or [item.action_id]
            remove.triggered.connect(lambda: self.delete_requested.emit(ids))
        elif slot is not None:
            owner, day, start = slot
            create = menu.addAction(QCoreApplication.translate("WeekView", "Nouvelle action…"))
            create.triggered.connect(
                lambda: self.create_requested.emit(owner, day, start, start + dt.timedelta(hours=1))
            )

    def handle_key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selection:
            self.delete_requested.emit(sorted(self.selection))
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and len(self.selection) == 1:
            self.open_requested.emit(next(iter(self.selection)))
            return True
        return False
