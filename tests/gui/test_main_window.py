"""The main window shows the store's agenda and contacts."""

from __future__ import annotations

import datetime as dt

from crmsync.crm import db as store
from crmsync.crm.models import Action, ActionType, Contact, User
from crmsync.gui.main_window import MainWindow


def test_main_window_lists_agenda_and_contacts(qtbot, tmp_path):
    store.open_database(tmp_path / "crm.sqlite")
    try:
        alice = User.create(login="alice", name="Alice Martin", time_zone="Europe/Paris")
        start = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)
        Action.create(
            owner=alice,
            action_type=ActionType.get(code="R"),
            title="Rendez-vous ☕",
            start=start,
            end=start + dt.timedelta(hours=1),
        )
        Action.create(
            owner=alice,
            action_type=ActionType.get(code="CG"),
            title="Congés",
            all_day=True,
            start_date=dt.date(2026, 3, 9),
            end_date=dt.date(2026, 3, 13),
        )
        Contact.create(first_name="Élodie", last_name="Durand", city="Lyon")

        window = MainWindow("crm.sqlite")
        qtbot.addWidget(window)
        assert window.user_combo.currentData() == alice.id
        model = window.agenda_model
        assert model.rowCount() == 2
        assert model.index(0, 0).data() == "02/03/2026 09:30–10:30"  # shown in Paris time
        assert model.index(0, 2).data() == "Rendez-vous ☕"
        assert model.index(1, 0).data() == "09/03/2026 → 13/03/2026"
        assert window.contacts_model.rowCount() == 1
        assert window.contacts_model.index(0, 1).data() == "Élodie Durand"
        assert window.contacts_count.text() == "Nombre de contacts : 1"
    finally:
        store.close_database()
