"""The question about an event deleted in Google: Oui, Non, Oui pour tout, and Ctrl+Oui."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from crmsync.gui.deletion_dialog import DeletionDialog
from crmsync.sync.engine import DeletionQuestion

QUESTION = DeletionQuestion("alice", 7, "Réunion <équipe>", "lundi 2 mars 2026 09:30")


@pytest.fixture
def dialog(qtbot):
    dialog = DeletionDialog(QUESTION, "Alice Martin")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_question_names_the_event_and_the_agenda(dialog):
    text = dialog.ui.message_label.text()
    assert "Réunion &lt;équipe&gt;" in text  # a title is shown, never read as markup
    assert "lundi 2 mars 2026 09:30" in text and "Alice Martin" in text
    assert "Ctrl" in dialog.ui.hint_label.text()


@pytest.mark.parametrize(
    ("button", "modifier", "answer"),
    [
        ("yes_button", Qt.KeyboardModifier.NoModifier, "yes"),
        ("no_button", Qt.KeyboardModifier.NoModifier, "no"),
        ("all_button", Qt.KeyboardModifier.NoModifier, "all"),
        ("yes_button", Qt.KeyboardModifier.ControlModifier, "all"),
        ("no_button", Qt.KeyboardModifier.ControlModifier, "no"),
    ],
)
def test_each_answer(qtbot, dialog, button, modifier, answer):
    qtbot.mouseClick(getattr(dialog.ui, button), Qt.MouseButton.LeftButton, modifier)
    assert dialog.answer == answer
    assert not dialog.isVisible()


def test_closing_answers_nothing(qtbot, dialog):
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.answer is None
    assert not dialog.isVisible()
