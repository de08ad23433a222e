"""Prospection → Synchronisation: the manual sync wizard (FTC019 §3.6.1, SPEC §5).

1. the users whose agenda one may sync, with their status light;
2. agenda and/or contacts, normal / forcée / première synchronisation, deletions handling;
3. a preview: the engine's dry run for each user, on the workers, nothing changed;
4. the runs, one per user through the app's :class:`~crmsync.gui.sync_runner.SyncRunner`,
   with progress bars, the time left, and « Arrêter » (the engine stops between batches);
5. a summary per user, with « Voir le journal ».
"""

from __future__ import annotations

import contextlib
import functools
import html
import math
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidgetItem,
    QWidget,
    QWizard,
    QWizardPage,
)

from crmsync.crm.models import SyncSettings, User
from crmsync.google.pacing import Progress
from crmsync.google.status import user_status
from crmsync.gui.context import AppContext
from crmsync.gui.deletion_dialog import ALL, DeletionDialog
from crmsync.gui.forms.ui_sync_wizard_options import Ui_SyncWizardOptionsPage
from crmsync.gui.forms.ui_sync_wizard_preview import Ui_SyncWizardPreviewPage
from crmsync.gui.forms.ui_sync_wizard_run import Ui_SyncWizardRunPage
from crmsync.gui.forms.ui_sync_wizard_summary import Ui_SyncWizardSummaryPage
from crmsync.gui.forms.ui_sync_wizard_users import Ui_SyncWizardUsersPage
from crmsync.gui.gc_guard import sync_responsiveness
from crmsync.gui.status_light import interface_language, light_icon
from crmsync.gui.sync_runner import MANUAL
from crmsync.gui.workers import TaskHandle
from crmsync.i18n import current_language
from crmsync.sync import eligibility
from crmsync.sync import plan as planning
from crmsync.sync.eligibility import may_sync
from crmsync.sync.engine import DeletionQuestion, Summary, SyncOptions

#: Progress reports closer together than this update the bars once (a long run on a fast
#: connection reports after every batch; the bars need no more than a few repaints a second).
PROGRESS_INTERVAL = 0.1
#: Operations listed under each kind in the preview; the rest are counted.
PREVIEW_LIMIT = 200


def operation_label(kind: str) -> str:
    """What a planned operation is called in the preview (``kind``: the agenda's operation,
    or ``contact:<operation>`` for the contacts)."""
    labels = {
        planning.GOOGLE_INSERT: QCoreApplication.translate("SyncWizard", "Créations dans Google"),
        planning.GOOGLE_INSERT_SERIES: QCoreApplication.translate(
            "SyncWizard", "Séries créées dans Google"
        ),
        planning.GOOGLE_UPDATE: QCoreApplication.translate(
            "SyncWizard", "Modifications dans Google"
        ),
        planning.GOOGLE_DELETE: QCoreApplication.translate(
            "SyncWizard", "Suppressions dans Google"
        ),
        planning.GOOGLE_MOVE: QCoreApplication.translate(
            "SyncWizard", "Déplacements vers un autre calendrier"
        ),
        planning.CRM_CREATE: QCoreApplication.translate("SyncWizard", "Créations dans le CRM"),
        planning.CRM_UPDATE: QCoreApplication.translate("SyncWizard", "Modifications dans le CRM"),
        planning.CRM_DELETE: QCoreApplication.translate(
            "SyncWizard", "Suppressions dans le CRM (supprimées dans Google)"
        ),
        planning.RELINK: QCoreApplication.translate(
            "SyncWizard", "Déjà identiques : liens refaits"
        ),
        planning.UNLINK: QCoreApplication.translate("SyncWizard", "Liens retirés"),
        planning.SKIP: QCoreApplication.translate("SyncWizard", "Hors limite (non synchronisés)"),
        planning.HELD: QCoreApplication.translate(
            "SyncWizard", "Suppressions retenues par le garde-fou"
        ),
        planning.DETACH: QCoreApplication.translate(
            "SyncWizard", "Détachées (suppression refusée)"
        ),
        planning.PENDING: QCoreApplication.translate(
            "SyncWizard", "Suppressions en attente de réponse"
        ),
        "contact:create": QCoreApplication.translate("SyncWizard", "Contacts créés dans Google"),
        "contact:update": QCoreApplication.translate("SyncWizard", "Contacts modifiés dans Google"),
        "contact:label": QCoreApplication.translate(
            "SyncWizard", "Contacts rangés sous le libellé du CRM"
        ),
        "contact:unlabel": QCoreApplication.translate(
            "SyncWizard", "Contacts retirés du libellé (ils restent dans Google)"
        ),
        "contact:comment to CRM": QCoreApplication.translate(
            "SyncWizard", "Commentaires repris dans le CRM"
        ),
        "contact:photo upload": QCoreApplication.translate("SyncWizard", "Photos envoyées"),
        "contact:photo delete": QCoreApplication.translate(
            "SyncWizard", "Photos retirées dans Google"
        ),
    }
    return labels.get(kind, kind)


def duration_text(seconds: float | None) -> str:
    if seconds is None:
        return QCoreApplication.translate("SyncWizard", "estimation…")
    # Rounded up: a run with work left never says « reste 0 s ».
    seconds = math.ceil(seconds)
    if seconds < 60:
        return QCoreApplication.translate("SyncWizard", "reste %1 s").replace("%1", str(seconds))
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return (
            QCoreApplication.translate("SyncWizard", "reste %1 min %2 s")
            .replace("%1", str(minutes))
            .replace("%2", f"{seconds:02d}")
        )
    hours, minutes = divmod(minutes, 60)
    return (
        QCoreApplication.translate("SyncWizard", "reste %1 h %2 min")
        .replace("%1", str(hours))
        .replace("%2", f"{minutes:02d}")
    )


def counts_text(summary: Summary, what: str) -> str:
    counts = getattr(summary, what)
    return f"Google {counts['google']} · CRM {counts['crm']}"


def summary_line(summary: Summary) -> str:
    """One line of counts, as the preview and the summary show them."""
    parts = [
        QCoreApplication.translate("SyncWizard", "Google : +%1 ~%2 −%3")
        .replace("%1", str(summary.created["google"]))
        .replace("%2", str(summary.updated["google"]))
        .replace("%3", str(summary.deleted["google"])),
        QCoreApplication.translate("SyncWizard", "CRM : +%1 ~%2 −%3")
        .replace("%1", str(summary.created["crm"]))
        .replace("%2", str(summary.updated["crm"]))
        .replace("%3", str(summary.deleted["crm"])),
    ]
    if summary.conflicts:
        parts.append(
            QCoreApplication.translate("SyncWizard", "%1 conflit(s)").replace(
                "%1", str(summary.conflicts)
            )
        )
    if summary.skipped_by_cap:
        parts.append(
            QCoreApplication.translate("SyncWizard", "%1 hors limite").replace(
                "%1", str(len(summary.skipped_by_cap))
            )
        )
    # French puts a space before a semicolon, English does not
    return (" ; " if interface_language() == "fr" else "; ").join(parts)


def why_not_syncable(user: User, store: Any = None) -> str:
    """Empty when ``user`` can be synced, else why not (shown on the first page): the one
    rule of who may sync (:mod:`crmsync.sync.eligibility`), ``store`` the app's secrets."""
    verdict = may_sync(user, store=store)
    if verdict.refusal == eligibility.INACTIVE:
        return QCoreApplication.translate(
            "SyncWizard", "Synchronisation désactivée dans ses préférences"
        )
    return verdict.reason(interface_language())


# --- pages --------------------------------------------------------------------------------


class UsersPage(QWizardPage):
    def __init__(self, wizard: SyncWizard) -> None:
        super().__init__(wizard)
        self.ui = Ui_SyncWizardUsersPage()
        self.ui.setupUi(self)
        self._wizard = wizard
        tree = self.ui.usersTree
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        tree.header().setStretchLastSection(True)
        for user in wizard.context.visible_users("agenda"):
            status = user_status(user)
            reason = why_not_syncable(user, wizard.context.secret_store)
            item = QTreeWidgetItem([f"{user.name or user.login} ({user.login})"])
            item.setData(0, Qt.ItemDataRole.UserRole, user.id)
            item.setIcon(0, light_icon(status.colour))
            item.setText(1, reason or status.reason(interface_language()))
            item.setToolTip(0, status.reason(interface_language()))
            item.setToolTip(1, item.text(1))
            if reason:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setCheckState(0, Qt.CheckState.Unchecked)
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                first = user.id == wizard.context.current_user_id
                item.setCheckState(0, Qt.CheckState.Checked if first else Qt.CheckState.Unchecked)
            tree.addTopLevelItem(item)
        tree.itemChanged.connect(lambda *_: self.completeChanged.emit())
        self.ui.allButton.clicked.connect(lambda: self._check_all(True))
        self.ui.noneButton.clicked.connect(lambda: self._check_all(False))

    def items(self) -> list[QTreeWidgetItem]:
        tree = self.ui.usersTree
        return [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]

    def _check_all(self, on: bool) -> None:
        for item in self.items():
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def set_checked(self, user_ids: list[int]) -> None:
        for item in self.items():
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                on = item.data(0, Qt.ItemDataRole.UserRole) in user_ids
                item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def chosen(self) -> list[int]:
        return [
            int(item.data(0, Qt.ItemDataRole.UserRole))
            for item in self.items()
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.chosen())


class OptionsPage(QWizardPage):
    def __init__(self, wizard: SyncWizard) -> None:
        super().__init__(wizard)
        self.ui = Ui_SyncWizardOptionsPage()
        self.ui.setupUi(self)
        combo = self.ui.deletionsCombo
        combo.addItem(QCoreApplication.translate("SyncWizard", "Me demander pour chacune"), "ask")
        combo.addItem(
            QCoreApplication.translate("SyncWizard", "Les supprimer aussi dans le CRM"), "apply"
        )
        combo.addItem(QCoreApplication.translate("SyncWizard", "Les garder dans le CRM"), "keep")
        for check in (self.ui.agendaCheck, self.ui.contactsCheck):
            check.toggled.connect(lambda _on: self.completeChanged.emit())
        self.ui.firstRadio.toggled.connect(self.ui.daysSpin.setEnabled)
        self.ui.daysSpin.setEnabled(False)
        self.ui.agendaCheck.toggled.connect(self._agenda_toggled)
        settings = SyncSettings.for_user(wizard.context.current_user)
        self.ui.daysSpin.setValue(max(1, settings.first_sync_days or 30))

    def _agenda_toggled(self, on: bool) -> None:
        self.ui.deletionsGroup.setEnabled(on)
        self.ui.kindGroup.setEnabled(on)

    def isComplete(self) -> bool:  # noqa: N802
        return self.ui.agendaCheck.isChecked() or self.ui.contactsCheck.isChecked()

    def options(self, *, dry_run: bool = False) -> SyncOptions:
        ui = self.ui
        return SyncOptions(
            agenda=ui.agendaCheck.isChecked(),
            contacts=ui.contactsCheck.isChecked(),
            full=ui.fullRadio.isChecked(),
            first_days=ui.daysSpin.value() if ui.firstRadio.isChecked() else None,
            deletions=str(ui.deletionsCombo.currentData()),
            dry_run=dry_run,
        )


class PreviewPage(QWizardPage):
    """The engine's dry run for each chosen user, summarised per user and per kind."""

    def __init__(self, wizard: SyncWizard) -> None:
        super().__init__(wizard)
        self.ui = Ui_SyncWizardPreviewPage()
        self.ui.setupUi(self)
        self._wizard = wizard
        self.handles: dict[int, TaskHandle] = {}
        self.results: dict[int, Summary | str] = {}
        self._holding = False
        header = self.ui.previewTree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    def initializePage(self) -> None:  # noqa: N802
        self.cleanupPage()
        wizard = self._wizard
        options = wizard.options_page.options(dry_run=True)
        wizard.responsiveness.hold()
        self._holding = True
        for user_id in wizard.users_page.chosen():
            self.handles[user_id] = wizard.context.workers.submit(
                f"preview:{user_id}",
                wizard.context.syncs.task(user_id, options, report=False),
                on_done=functools.partial(self._done, user_id),
                on_failed=functools.partial(self._preview_failed, user_id),
            )
        self._show()

    def cleanupPage(self) -> None:  # noqa: N802
        for handle in self.handles.values():
            handle.cancel()
        self._release()
        self.handles.clear()
        self.results.clear()
        self.ui.previewTree.clear()

    def _done(self, user_id: int, result: Summary | str) -> None:
        if user_id not in self.handles:
            return  # a preview of a page left meanwhile
        self.results[user_id] = result
        # The hold is kept past the previews, until the page is left backwards or the wizard
        # closes: releasing here let a full collection run on the GUI thread (the preview
        # tree being built, the run about to start) and stall the window for ~100 ms.
        self._show()
        self.completeChanged.emit()

    def _release(self) -> None:
        if self._holding:
            self._holding = False
            self._wizard.responsiveness.release()

    def _preview_failed(self, user_id: int, exc: BaseException) -> None:
        self._done(user_id, str(exc) or type(exc).__name__)

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.handles) and len(self.results) == len(self.handles)

    def _show(self) -> None:
        tree = self.ui.previewTree
        tree.clear()
        waiting = len(self.handles) - len(self.results)
        for user_id in self.handles:
            user = User.get_by_id(user_id)
            top = QTreeWidgetItem([user.name or user.login])
            top.setData(0, Qt.ItemDataRole.UserRole, user_id)
            tree.addTopLevelItem(top)
            result = self.results.get(user_id)
            if result is None:
                top.setText(2, QCoreApplication.translate("SyncWizard", "lecture des deux côtés…"))
                continue
            if isinstance(result, str):
                top.setText(
                    2,
                    QCoreApplication.translate("SyncWizard", "Aperçu impossible : %1").replace(
                        "%1", result
                    ),
                )
                top.setForeground(2, Qt.GlobalColor.red)
                continue
            top.setText(
                2,
                summary_line(result)
                if result.plan
                else QCoreApplication.translate("SyncWizard", "Rien à synchroniser"),
            )
            for message in result.errors:
                error = QTreeWidgetItem(
                    top, [QCoreApplication.translate("SyncWizard", "Erreur"), "", message]
                )
                error.setForeground(2, Qt.GlobalColor.red)
            self._add_plan(top, result)
            top.setExpanded(True)
        if waiting:
            self.ui.previewStatus.setText(
                QCoreApplication.translate(
                    "SyncWizard", "Calcul de l'aperçu pour %1 utilisateur(s)…"
                ).replace("%1", str(waiting))
            )
        else:
            self.ui.previewStatus.setText(
                QCoreApplication.translate(
                    "SyncWizard", "Cliquez sur « Synchroniser » pour lancer la synchronisation."
                )
            )

    def _add_plan(self, top: QTreeWidgetItem, summary: Summary) -> None:
        groups: dict[str, list[dict[str, Any]]] = {}
        for step in summary.plan:
            operation = str(step.get("operation") or "")
            if operation == planning.SKIP and step.get("reason_id") not in planning.CAP_REASONS:
                continue  # unchanged items: nothing to tell
            if step.get("kind") == "contact":
                operation = f"contact:{operation}"
            groups.setdefault(operation, []).append(step)
        for kind, steps in groups.items():
            if kind.startswith("google") or kind.startswith("contact:"):
                side = "CRM" if kind == "contact:comment to CRM" else "Google"
            else:
                side = "CRM" if kind.startswith("crm") else ""
            label = operation_label(kind)
            group = QTreeWidgetItem(top, [f"{label} ({len(steps)})", side])
            group.setData(0, Qt.ItemDataRole.UserRole, kind)
            group.setData(1, Qt.ItemDataRole.UserRole, len(steps))
            steps.sort(key=lambda step: str(step.get("start") or ""))  # soonest first
            for step in steps[:PREVIEW_LIMIT]:
                # when it is, then what changes (the fields an update sends)
                fields = " · ".join(
                    part
                    for part in (str(step.get("when") or ""), ", ".join(step.get("fields") or []))
                    if part
                )
                QTreeWidgetItem(
                    group,
                    [
                        step.get("title")
                        or QCoreApplication.translate("SyncWizard", "(sans titre)"),
                        side,
                        fields,
                    ],
                )
            if len(steps) > PREVIEW_LIMIT:
                QTreeWidgetItem(
                    group,
                    [
                        QCoreApplication.translate("SyncWizard", "… et %1 autre(s)").replace(
                            "%1", str(len(steps) - PREVIEW_LIMIT)
                        )
                    ],
                )

    def group_counts(self, user_id: int) -> dict[str, int]:
        """The number of planned operations per kind shown for ``user_id``."""
        tree = self.ui.previewTree
        for i in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(i)
            if top.data(0, Qt.ItemDataRole.UserRole) == user_id:
                return {
                    str(top.child(j).data(0, Qt.ItemDataRole.UserRole)): int(
                        top.child(j).data(1, Qt.ItemDataRole.UserRole)
                    )
                    for j in range(top.childCount())
                    if top.child(j).data(0, Qt.ItemDataRole.UserRole)
                }
        return {}


class _RunRow:
    """One user's line on the run page."""

    def __init__(self, page: RunPage, row: int, user: User) -> None:
        layout = page.ui.rowsLayout
        self.name = QLabel(user.name or user.login)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the engine knows how much there is
        self.bar.setMinimumWidth(260)
        self.eta = QLabel("")
        self.eta.setMinimumWidth(120)
        self.state = QLabel(QCoreApplication.translate("SyncWizard", "préparation…"))
        self.state.setWordWrap(True)
        layout.addWidget(self.name, row, 0)
        layout.addWidget(self.bar, row, 1)
        layout.addWidget(self.eta, row, 2)
        layout.addWidget(self.state, row, 3)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(3, 1)
        self.shown_at = 0.0

    def show_progress(self, progress: Progress) -> None:
        total = max(progress.total, 0)
        if total == 0:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, total)
            self.bar.setValue(min(progress.done, total))
        self.bar.setFormat(f"{progress.done} / {total}")
        self.eta.setText(duration_text(progress.eta_seconds()))
        self.state.setText(QCoreApplication.translate("SyncWizard", "envoi et réception…"))

    def finish(self, text: str, *, full: bool) -> None:
        if full:
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
            self.bar.setFormat(QCoreApplication.translate("SyncWizard", "terminé"))
        elif self.bar.maximum() == 0:
            self.bar.setRange(0, 1)
            self.bar.setValue(0)
        self.eta.setText("")
        self.state.setText(text)


class RunPage(QWizardPage):
    """The runs, through the app's sync runner; one row per user."""

    def __init__(self, wizard: SyncWizard) -> None:
        super().__init__(wizard)
        self.ui = Ui_SyncWizardRunPage()
        self.ui.setupUi(self)
        self._wizard = wizard
        self.rows: dict[int, _RunRow] = {}
        self.running: set[int] = set()
        self.started = False
        self.ui.stopButton.clicked.connect(self.stop)
        syncs = wizard.context.syncs
        syncs.progress.connect(self._progress)
        syncs.finished.connect(self._finished)
        syncs.failed.connect(self._failed)

    def initializePage(self) -> None:  # noqa: N802
        if self.started:
            return
        self.started = True
        wizard = self._wizard
        options = wizard.options_page.options()
        for row, user_id in enumerate(wizard.users_page.chosen()):
            user = User.get_by_id(user_id)
            self.rows[user_id] = _RunRow(self, row, user)
            if wizard.context.syncs.start(user_id, options, MANUAL) is None:
                text = QCoreApplication.translate(
                    "SyncWizard",
                    "Une synchronisation de cet utilisateur est déjà en cours : réessayez "
                    "quand elle sera finie.",
                )
                wizard.failures[user_id] = text
                self.rows[user_id].finish(text, full=False)
            else:
                self.running.add(user_id)
        self.ui.rowsLayout.setRowStretch(len(self.rows), 1)
        self._update()

    def isComplete(self) -> bool:  # noqa: N802
        return self.started and not self.running

    def stop(self) -> None:
        """« Arrêter »: each run stops after its current batch, in a consistent state."""
        for user_id in self.running:
            self._wizard.context.syncs.cancel(user_id)
            self.rows[user_id].state.setText(
                QCoreApplication.translate("SyncWizard", "arrêt demandé…")
            )
        self.ui.stopButton.setEnabled(False)
        self.ui.runStatus.setText(
            QCoreApplication.translate("SyncWizard", "Arrêt à la fin du lot en cours…")
        )

    def _progress(self, user_id: int, progress: Any) -> None:
        row = self.rows.get(user_id)
        if row is None or user_id not in self.running or not isinstance(progress, Progress):
            return
        now = time.monotonic()
        if now - row.shown_at < PROGRESS_INTERVAL and progress.done < progress.total:
            return
        row.shown_at = now
        row.show_progress(progress)

    def _finished(self, user_id: int, _reason: str, summary: Any) -> None:
        if user_id not in self.running:
            return
        self.running.discard(user_id)
        self._wizard.summaries[user_id] = summary
        if summary.cancelled:
            text = QCoreApplication.translate(
                "SyncWizard",
                "Interrompue : ce qui a été envoyé est enregistré ; la prochaine "
                "synchronisation reprendra le reste.",
            )
        elif summary.errors:
            text = QCoreApplication.translate("SyncWizard", "Terminée avec des erreurs")
        else:
            text = QCoreApplication.translate("SyncWizard", "Terminée")
        self.rows[user_id].finish(text, full=not summary.cancelled)
        self._update()

    def _failed(self, user_id: int, _reason: str, message: str) -> None:
        if user_id not in self.running:
            return
        self.running.discard(user_id)
        self._wizard.failures[user_id] = message
        self.rows[user_id].finish(
            QCoreApplication.translate("SyncWizard", "Échec : %1").replace("%1", message),
            full=False,
        )
        self.rows[user_id].state.setStyleSheet("color: #d93025;")
        self._update()

    def _update(self) -> None:
        if self.running:
            self.ui.runStatus.setText(
                QCoreApplication.translate("SyncWizard", "%1 synchronisation(s) en cours.").replace(
                    "%1", str(len(self.running))
                )
            )
            return
        self.ui.stopButton.setEnabled(False)
        self.ui.runStatus.setText(QCoreApplication.translate("SyncWizard", "Terminé."))
        self.completeChanged.emit()
        if self._wizard.currentPage() is self:
            self._wizard.next()


class SummaryPage(QWizardPage):
    def __init__(self, wizard: SyncWizard) -> None:
        super().__init__(wizard)
        self.ui = Ui_SyncWizardSummaryPage()
        self.ui.setupUi(self)
        self._wizard = wizard
        header = self.ui.summaryTree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 7):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.ui.logLinks.linkActivated.connect(self._open_log)

    def initializePage(self) -> None:  # noqa: N802
        wizard = self._wizard
        tree = self.ui.summaryTree
        tree.clear()
        links = []
        for user_id in wizard.run_page.rows:
            user = User.get_by_id(user_id)
            name = user.name or user.login
            summary = wizard.summaries.get(user_id)
            if summary is None:
                item = QTreeWidgetItem([name, "", "", "", "", "", "1"])
                QTreeWidgetItem(item, [wizard.failures.get(user_id, "")])
                tree.addTopLevelItem(item)
                item.setExpanded(True)
                continue
            item = QTreeWidgetItem(
                [
                    name
                    + (
                        " — " + QCoreApplication.translate("SyncWizard", "interrompue")
                        if summary.cancelled
                        else ""
                    ),
                    counts_text(summary, "created"),
                    counts_text(summary, "updated"),
                    counts_text(summary, "deleted"),
                    str(summary.conflicts),
                    str(len(summary.skipped_by_cap)),
                    str(len(summary.errors)),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, user_id)
            tree.addTopLevelItem(item)
            for error in summary.errors:
                QTreeWidgetItem(
                    item,
                    [QCoreApplication.translate("SyncWizard", "Erreur : %1").replace("%1", error)],
                )
            for entry in summary.skipped_by_cap:
                QTreeWidgetItem(
                    item,
                    [
                        QCoreApplication.translate(
                            "SyncWizard", "Hors limite (non synchronisé) : %1"
                        ).replace("%1", str(entry.get("title") or ""))
                    ],
                )
            for message in summary.guarded:
                QTreeWidgetItem(item, [message])
            if summary.pending_deletions:
                QTreeWidgetItem(
                    item,
                    [
                        QCoreApplication.translate(
                            "SyncWizard",
                            "%1 suppression(s) faites dans Google attendent votre réponse : "
                            "relancez la synchronisation.",
                        ).replace("%1", str(summary.pending_deletions))
                    ],
                )
            item.setExpanded(item.childCount() <= 20)
            # Translated apart: lupdate does not look inside an f-string.
            see_log = QCoreApplication.translate("SyncWizard", "Voir le journal")
            links.append(f'<a href="{user_id}">{see_log} — {html.escape(name)}</a>')
        parent = self._wizard.parent()
        can_open = parent is not None and hasattr(parent, "open_sync_log")
        self.ui.logLinks.setText(" &nbsp; ".join(links) if can_open else "")
        self.ui.logLinks.setVisible(can_open and bool(links))

    def _open_log(self, link: str) -> None:
        parent = self._wizard.parent()
        opener = getattr(parent, "open_sync_log", None)
        if callable(opener):
            opener(int(link))

    def row_texts(self, user_id: int) -> list[str]:
        tree = self.ui.summaryTree
        for i in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == user_id:
                return [item.text(c) for c in range(tree.columnCount())]
        raise KeyError(user_id)


# --- the wizard ---------------------------------------------------------------------------


class SyncWizard(QWizard):
    """The manual sync wizard; ``SyncWizard(context, parent).show()``."""

    USERS, OPTIONS, PREVIEW, RUN, SUMMARY = range(5)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(
            QCoreApplication.translate("SyncWizard", "Assistant de synchronisation")
        )
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(860, 600)
        self.summaries: dict[int, Summary] = {}
        self.failures: dict[int, str] = {}
        self.responsiveness = sync_responsiveness(context)
        # Held from the wizard's opening to its closing: a full collection on the GUI thread
        # between its pages (the preview being built, the run about to start) stalled the
        # window for up to ~100 ms.
        self.responsiveness.hold()
        self._held = True
        # The syncs run in a helper process (crmsync.sync.host): start it now, while the user
        # chooses, so that the preview does not wait for its start.
        host = context.sync_host
        if host is not None:
            language = current_language()
            context.workers.submit("sync-helper", lambda _control: host.warm(language))
        #: Answer the engine's deletion questions here (the app may answer them elsewhere).
        self.answer_deletions_here = True
        self.deletion_box: DeletionDialog | None = None
        self._questions: list[tuple[int, DeletionQuestion, Callable[[Any], None]]] = []
        self.users_page = UsersPage(self)
        self.options_page = OptionsPage(self)
        self.preview_page = PreviewPage(self)
        self.run_page = RunPage(self)
        self.summary_page = SummaryPage(self)
        for page_id, page in (
            (self.USERS, self.users_page),
            (self.OPTIONS, self.options_page),
            (self.PREVIEW, self.preview_page),
            (self.RUN, self.run_page),
            (self.SUMMARY, self.summary_page),
        ):
            self.setPage(page_id, page)
        self.setButtonText(
            QWizard.WizardButton.NextButton, QCoreApplication.translate("SyncWizard", "Suivant >")
        )
        self.setButtonText(
            QWizard.WizardButton.BackButton, QCoreApplication.translate("SyncWizard", "< Précédent")
        )
        self.setButtonText(
            QWizard.WizardButton.CancelButton, QCoreApplication.translate("SyncWizard", "Annuler")
        )
        self.setButtonText(
            QWizard.WizardButton.FinishButton, QCoreApplication.translate("SyncWizard", "Fermer")
        )
        self.currentIdChanged.connect(self._page_changed)
        context.syncs.question.connect(self.answer_deletion)

    def _page_changed(self, page_id: int) -> None:
        # From the run on there is no going back: what ran has run.
        back = self.button(QWizard.WizardButton.BackButton)
        back.setVisible(page_id < self.RUN)
        if page_id == self.PREVIEW:
            self.setButtonText(
                QWizard.WizardButton.NextButton,
                QCoreApplication.translate("SyncWizard", "Synchroniser"),
            )
        else:
            self.setButtonText(
                QWizard.WizardButton.NextButton,
                QCoreApplication.translate("SyncWizard", "Suivant >"),
            )

    # --- deletions asked during the run --------------------------------------------------

    def answer_deletion(
        self, user_id: int, question: DeletionQuestion, answer: Callable[[Any], None]
    ) -> None:
        """Ask « Supprimer l'action ? » with Oui / Non / Oui pour tout (Ctrl+Oui: for all)."""
        if not self.answer_deletions_here or user_id not in self.run_page.running:
            return
        self._questions.append((user_id, question, answer))
        if self.deletion_box is None:
            self._next_question()

    def _next_question(self) -> None:
        if not self._questions:
            self.deletion_box = None
            return
        user_id, question, answer = self._questions.pop(0)
        user = User.get_or_none(User.id == user_id)
        # The same question as the syncs nobody clicked ask (Oui / Non / Oui pour tout)
        dialog = DeletionDialog(question, user.name or user.login if user else "", self)
        self.deletion_box = dialog

        def finished(_result: int) -> None:
            value = dialog.answer
            answer(value)  # None (closed): asked again on the next sync
            if value == ALL:
                # the engine asks no more for this user; answer his queued ones the same way
                for queued in [q for q in self._questions if q[0] == user_id]:
                    self._questions.remove(queued)
                    queued[2](ALL)
            dialog.deleteLater()
            self._next_question()

        dialog.finished.connect(finished)
        dialog.open()

    def deletion_buttons(self) -> dict[str, QPushButton]:
        dialog = self.deletion_box
        if dialog is None:
            return {}
        ui = dialog.ui
        return {b.text().replace("&", ""): b for b in (ui.yes_button, ui.no_button, ui.all_button)}

    # --- closing --------------------------------------------------------------------------

    def reject(self) -> None:
        """While syncs run, « Annuler » stops them instead of closing on a half-told story."""
        if self.run_page.running:
            self.run_page.stop()
            return
        self.preview_page.cleanupPage()  # stops the previews and what they held
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.run_page.running:
            self.run_page.stop()
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        syncs = self.context.syncs
        for signal, slot in (
            (syncs.question, self.answer_deletion),
            (syncs.progress, self.run_page._progress),
            (syncs.finished, self.run_page._finished),
            (syncs.failed, self.run_page._failed),
        ):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self.preview_page._release()
        if self._held:
            self._held = False
            self.responsiveness.release()
        super().done(result)
