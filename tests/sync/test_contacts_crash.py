"""Kill a contact sync at many points, run it again: no duplicate contact, no photo sent
twice for the same content, no lost comment (a real process, killed as the OS does)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from agenda_bench import ALICE
from PIL import Image
from test_agenda_crash import kill_when, settle_emulator

from crmsync.crm import db as store
from crmsync.crm.models import Contact, ContactToSync

WORKER = Path(__file__).with_name("contacts_crash_worker.py")
CONTACTS = 230  # two batches of creates
PHOTOS = 4


def picture(shade: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (shade, 90, 160)).save(out, "JPEG", quality=90)
    return out.getvalue()


def start_worker(bench: Any, pause: str) -> subprocess.Popen[str]:
    import os

    database = store.database_location()
    assert database is not None
    return subprocess.Popen(
        [sys.executable, str(WORKER), database, bench.base_url, pause],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


def run_and_kill(bench: Any, at: str) -> None:
    name, _, count = at.partition(":")
    kill_when(start_worker(bench, at), f"paused {name} {count or 1}")
    settle_emulator(bench)


def sync(bench: Any) -> Any:
    summary = bench.sync(agenda=False, contacts=True)
    assert summary.ok, summary.errors
    return summary


class World:
    def __init__(self, bench: Any, people: Any) -> None:
        self.bench = bench
        self.people = people
        self.contacts: list[Contact] = []
        self.photo_uploads = 0

    def first(self) -> None:
        with store.atomic():
            for i in range(CONTACTS):
                contact = Contact.create(
                    first_name="Client", last_name=f"N{i:03d}", email=f"c{i}@example.com"
                )
                if i < PHOTOS:
                    contact.set_photo(picture(40 * i))
                    contact.save()
                ContactToSync.create(user=self.bench.user, contact=contact)
                self.contacts.append(contact)
        self.photo_uploads = PHOTOS

    def second(self) -> None:
        """A clean first sync, then edits on both sides."""
        self.first()
        sync(self.bench)
        by_id = {c.id: c for c in Contact.select()}
        for contact in self.contacts[:3]:  # CRM edits
            fresh = by_id[contact.id]
            fresh.city = "Lyon"
            fresh.save()
        for contact in self.contacts[10:12]:  # comments written on the phone
            person = self.person(contact)
            self.people.people().updateContact(
                resourceName=person["resourceName"],
                updatePersonFields="biographies",
                body={
                    "etag": person["etag"],
                    "metadata": {"sources": person["metadata"]["sources"]},
                    "biographies": [{"value": f"tél {contact.id}"}],
                },
            ).execute()
        changed = by_id[self.contacts[0].id]
        changed.set_photo(picture(250))
        changed.save()
        self.photo_uploads += 1
        with store.atomic():
            extra = Contact.create(first_name="Nouveau", last_name="Client")
            ContactToSync.create(user=self.bench.user, contact=extra)
            self.contacts.append(extra)

    def everyone(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        token = None
        while True:
            page = (
                self.people.people()
                .connections()
                .list(
                    resourceName="people/me",
                    personFields="names,clientData,biographies,addresses,photos,metadata",
                    pageSize=1000,
                    pageToken=token,
                )
                .execute()
            )
            found.extend(page.get("connections", []))
            token = page.get("nextPageToken")
            if not token:
                return found

    def person(self, contact: Contact) -> dict[str, Any]:
        return self.by_contact()[contact.id]

    def by_contact(self) -> dict[int, dict[str, Any]]:
        found: dict[int, dict[str, Any]] = {}
        for person in self.everyone():
            ids = {d["key"]: d["value"] for d in person.get("clientData", [])}
            contact_id = int(ids["crmsyncContact"])
            assert contact_id not in found, f"two people for contact {contact_id}"
            found[contact_id] = person
        return found

    def check(self, *, second: bool) -> None:
        people = self.by_contact()
        assert sorted(people) == sorted(c.id for c in self.contacts)
        uploads = sum(
            1
            for e in self.bench.emulator.get("/requests")["requests"]
            if e["method"].endswith("updateContactPhoto")
        )
        assert uploads == self.photo_uploads
        if second:
            for contact in self.contacts[:3]:
                assert people[contact.id]["addresses"][0]["city"] == "Lyon"
            for contact in self.contacts[10:12]:
                assert Contact.get_by_id(contact.id).comment == f"tél {contact.id}"
        assert sync(self.bench).requests == 1  # quiet: nothing left to do


@pytest.fixture
def world(bench, people_api) -> World:
    return World(bench, people_api(ALICE))


FIRST_KILLS = [
    "apply:1",
    "create_send:1",
    "create_sent:1",
    "create_sent:2",
    "photo_send:1",
    "photo_sent:2",
]
SECOND_KILLS = [
    "apply:1",
    "create_sent:1",  # the new contact made by Google, its answer lost
    "update_send:1",
    "update_sent:1",
    "photo_sent:1",
    "comments:1",
]


@pytest.mark.parametrize("at", FIRST_KILLS)
def test_a_first_contact_sync_killed_then_run_again(world, at):
    world.first()
    run_and_kill(world.bench, at)
    sync(world.bench)
    world.check(second=False)


@pytest.mark.parametrize("at", SECOND_KILLS)
def test_a_contact_sync_of_edits_killed_then_run_again(world, at):
    world.second()
    run_and_kill(world.bench, at)
    sync(world.bench)
    world.check(second=True)
