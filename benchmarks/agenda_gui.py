"""Time and statements of the agenda week view and the contact list on a full-size CRM.

Run: ``uv run python benchmarks/agenda_gui.py``. The CRM holds 3 users × 2500 actions and
400 contacts with photos (the sample generator's). Measured, offscreen: reading and laying
out a week of the three users side by side (statements and milliseconds, median of 20
weeks), painting it, loading the contact list, decoding every thumbnail while scrolling the
whole list (on a worker; the GUI thread only paints), and scrolling it again once the
thumbnails are cached.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import peewee  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from crmsync.crm import db as store  # noqa: E402
from crmsync.crm.models import User  # noqa: E402
from crmsync.crm.sample import generate_sample  # noqa: E402

TODAY = dt.date(2026, 11, 25)


class CountingStatements:
    """Counts the statements peewee executes while it is installed."""

    def __init__(self) -> None:
        self.count = 0
        self._original = peewee.Database.execute_sql

    def __enter__(self) -> CountingStatements:
        original = self._original

        def counted(database, sql, params=None, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.count += 1
            return original(database, sql, params, *args, **kwargs)

        peewee.Database.execute_sql = counted  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        peewee.Database.execute_sql = self._original  # type: ignore[method-assign]


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from crmsync.gui.agenda.page import AgendaPage
    from crmsync.gui.contacts_page import ContactsPage
    from crmsync.gui.context import AppContext

    with tempfile.TemporaryDirectory() as folder:
        store.open_database(Path(folder) / "crm.sqlite")
        began = time.perf_counter()
        generate_sample(
            users=3, actions_per_user=2500, contacts=400, photos=True, seed=7, today=TODAY
        )
        print(f"sample CRM made in {time.perf_counter() - began:.1f} s")
        admin = User.select().where(User.is_admin == True).first()  # noqa: E712
        context = AppContext(admin.id)
        agenda = AgendaPage(context)
        agenda.resize(1400, 900)
        agenda.show()
        users = [u.id for u in context.visible_users("agenda") if u.id != admin.id][:3]
        agenda.set_shown_users(users)
        loads, paints, statements, items = [], [], [], []
        for week in range(20):
            agenda.go_to(TODAY + dt.timedelta(weeks=week - 10))
            with CountingStatements() as counter:
                began = time.perf_counter()
                agenda.reload()
                loads.append(time.perf_counter() - began)
            statements.append(counter.count)
            items.append(len(agenda.view.state.items))
            began = time.perf_counter()
            agenda.view.grab()
            paints.append(time.perf_counter() - began)
        print(
            f"week of {len(users)} users: median {statistics.median(items):.0f} actions, "
            f"{max(statements)} statements at most, "
            f"read+layout median {statistics.median(loads) * 1000:.1f} ms "
            f"(max {max(loads) * 1000:.1f} ms), paint median {statistics.median(paints) * 1000:.1f} ms"
        )

        began = time.perf_counter()
        contacts = ContactsPage(context)
        contacts.resize(1200, 800)
        contacts.show()
        app.processEvents()
        print(
            f"contact list: {contacts.model.rowCount()} contacts loaded and shown in "
            f"{(time.perf_counter() - began) * 1000:.0f} ms"
        )
        bar = contacts.table.verticalScrollBar()
        pages = range(0, bar.maximum() + bar.pageStep(), bar.pageStep())
        began_all = time.perf_counter()
        steps = []
        for value in pages:
            bar.setValue(min(value, bar.maximum()))
            began = time.perf_counter()
            contacts.table.viewport().grab()
            app.processEvents()
            steps.append(time.perf_counter() - began)
        print(
            f"first scroll: {len(steps)} pages, worst page {max(steps) * 1000:.1f} ms, "
            f"median {statistics.median(steps) * 1000:.1f} ms on the GUI thread"
        )
        while contacts.model.decoding():
            app.processEvents()
            time.sleep(0.005)
        print(
            f"{contacts.model.decoded} photos decoded on a worker, all shown "
            f"{time.perf_counter() - began_all:.2f} s after the scroll began"
        )
        steps.clear()
        for value in pages:
            bar.setValue(min(value, bar.maximum()))
            began = time.perf_counter()
            contacts.table.viewport().grab()
            steps.append(time.perf_counter() - began)
        print(
            f"scroll with cached thumbnails: worst page {max(steps) * 1000:.1f} ms, "
            f"median {statistics.median(steps) * 1000:.1f} ms, "
            f"{contacts.model.decoded} photos decoded in all"
        )
        context.shutdown()
        agenda.close()
        contacts.close()
        del agenda, contacts
        app.processEvents()
        store.close_database()


if __name__ == "__main__":
    main()
