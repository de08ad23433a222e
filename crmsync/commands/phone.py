"""``crmsync fakegoogle phone``: change a user's Google side as his phone would.

With the demo running (``crmsync --demo``), another terminal runs, for example::

    crmsync --demo fakegoogle phone --user pmorel add "Rappeler la coopérative"
    crmsync --demo fakegoogle phone --user pmorel rename "Visite" "Visite reportée"
    crmsync --demo fakegoogle phone --user pmorel move "Visite" --start "2026-12-03 14:00"
    crmsync --demo fakegoogle phone --user pmorel delete "Visite"
    crmsync --demo fakegoogle phone --user pmorel note "Martin" "Préfère être appelé le matin"

and the app shows the change at its next poll (Préférences dossier, every few minutes) or
at once with « Synchroniser ». It talks to the running demo's emulator (whose address the
demo database keeps; ``--url`` names another) through Google's own API, with the Google
client library, under a token the emulator hands to a "phone" client of its own: crmsync's
tokens and state are not touched, exactly as with a real phone.

Events are found by a part of their title, the soonest from today on; contacts by a part of
their name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import urllib.error
import urllib.request
from typing import Any
from zoneinfo import ZoneInfo

PHONE_CLIENT_ID = "crmsync-demo-phone.apps.googleusercontent.com"
PHONE_SCOPES = (
    "https://www.googleapis.com/auth/calendar",
    "https://www.googleapis.com/auth/contacts",
)
TIMEOUT = 10.0


class PhoneError(Exception):
    """What went wrong, for the user, with what to do."""


def register(parent: argparse.ArgumentParser) -> None:
    """Add ``phone`` under ``crmsync fakegoogle``."""
    actions = parent.add_subparsers(dest="fakegoogle_action", metavar="ACTION")
    phone = actions.add_parser(
        "phone",
        help="change a user's Google side as his phone would (the running demo's emulator)",
        description=(
            "Change a user's Google side as his phone would, on the running demo's emulator "
            "(start `crmsync --demo` first): add, rename, move or delete an event, or write "
            "a contact's notes. The app shows it at its next check of Google, or at once "
            "with « Synchroniser »."
        ),
    )
    phone.add_argument("--user", required=True, metavar="LOGIN", help="the CRM user")
    phone.add_argument(
        "--url", metavar="URL", help="the emulator's base URL (default: the running demo's)"
    )
    what = phone.add_subparsers(dest="phone_action", metavar="EDIT", required=True)
    add = what.add_parser("add", help="add an event")
    add.add_argument("title")
    add.add_argument("--start", help='"YYYY-MM-DD HH:MM" in the user\'s time zone')
    add.add_argument("--minutes", type=int, default=60)
    add.add_argument("--all-day", action="store_true")
    rename = what.add_parser("rename", help="retitle the next event whose title has TEXT")
    rename.add_argument("text")
    rename.add_argument("new_title")
    move = what.add_parser("move", help="move the next event whose title has TEXT")
    move.add_argument("text")
    move.add_argument("--start", required=True, help='"YYYY-MM-DD HH:MM", the user\'s zone')
    delete = what.add_parser("delete", help="delete the next event whose title has TEXT")
    delete.add_argument("text")
    note = what.add_parser("note", help="write the notes of a Google contact")
    note.add_argument("contact", help="a part of the contact's name")
    note.add_argument("text")
    phone.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crmsync.commands.store import reports_store_errors

    return int(reports_store_errors(_run)(args))


def _run(args: argparse.Namespace) -> int:
    from crmsync.commands.store import resolve_db

    resolve_db(args, create=False)
    try:
        phone = Phone.for_user(args.user, args.url)
        print(phone.do(args))
    except PhoneError as exc:
        print(f"crmsync fakegoogle phone: {exc}", file=sys.stderr)
        return 1
    return 0


class Phone:
    """A user's phone: the Calendar and People APIs of the emulator, as another client."""

    def __init__(self, base_url: str, email: str, zone: ZoneInfo, calendar: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.email = email
        self.zone = zone
        self.calendar_name = calendar
        self._resolved: str | None = None  # the calendar's id, once looked up
        token = self._token()
        from google.oauth2.credentials import Credentials
        from googleapiclient.discovery import build

        credentials = Credentials(token=token)
        self.calendar = build(
            "calendar",
            "v3",
            credentials=credentials,
            static_discovery=True,
            client_options={"api_endpoint": self.base_url + "/calendar/v3/"},
        )
        self.people = build(
            "people",
            "v1",
            credentials=credentials,
            static_discovery=True,
            client_options={"api_endpoint": self.base_url + "/"},
        )

    @classmethod
    def for_user(cls, login: str, url: str | None = None) -> Phone:
        from crmsync.crm.models import FolderSettings, SyncSettings, User
        from crmsync.google.demo import KEY_DEMO_ENDPOINT

        user = User.get_or_none(User.login == login)
        if user is None:
            raise PhoneError(f"no CRM user {login!r}; `crmsync user list` shows them.")
        settings = SyncSettings.for_user(user)
        email = settings.google_account_email or user.google_email
        if not email:
            raise PhoneError(f"{login} has no Google account: connect him first (« Connexion »).")
        base_url = url or FolderSettings.get_value(KEY_DEMO_ENDPOINT)
        if not base_url:
            raise PhoneError(
                "this database was never connected to the emulator: start the demo "
                "(`crmsync --demo`), or name the emulator with --url."
            )
        calendar = settings.calendar_id or settings.calendar_name or "primary"
        return cls(str(base_url), email, user.zone, calendar)

    def _token(self) -> str:
        body = json.dumps(
            {"email": self.email, "client_id": PHONE_CLIENT_ID, "scopes": list(PHONE_SCOPES)}
        ).encode()
        request = urllib.request.Request(
            self.base_url + "/_emulator/tokens",
            data=body,
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
                return str(json.loads(answer.read())["access_token"])
        except (urllib.error.URLError, OSError, ValueError, KeyError) as exc:
            raise PhoneError(
                f"the Google emulator does not answer at {self.base_url} ({exc}). Start the "
                "demo first (`crmsync --demo`) and run this from another terminal while it is "
                "open."
            ) from None

    # --- edits --------------------------------------------------------------------------

    def do(self, args: argparse.Namespace) -> str:
        action = args.phone_action
        if action == "add":
            return self.add(args.title, args.start, args.minutes, args.all_day)
        if action == "rename":
            return self.rename(args.text, args.new_title)
        if action == "move":
            return self.move(args.text, args.start)
        if action == "delete":
            return self.delete(args.text)
        return self.note(args.contact, args.text)

    def add(self, title: str, start: str | None, minutes: int, all_day: bool) -> str:
        when = self._when(start) if start else self._tomorrow_at_ten()
        if all_day:
            day = when.date()
            body: dict[str, Any] = {
                "start": {"date": day.isoformat()},
                "end": {"date": (day + dt.timedelta(days=1)).isoformat()},
            }
        else:
            body = self._times(when, dt.timedelta(minutes=max(1, minutes)))
        body["summary"] = title
        event = self.calendar.events().insert(calendarId=self._calendar_id(), body=body).execute()
        return f"Added « {title} » on {self._show(event)}." + _NEXT

    def rename(self, text: str, new_title: str) -> str:
        event = self._find(text)
        self.calendar.events().patch(
            calendarId=self._calendar_id(), eventId=event["id"], body={"summary": new_title}
        ).execute()
        return (
            f"Renamed « {event.get('summary', '')} » ({self._show(event)}) to « {new_title} »."
            + (_NEXT)
        )

    def move(self, text: str, start: str) -> str:
        when = self._when(start)
        event = self._find(text)
        if "date" in event.get("start", {}):
            day = when.date()
            length = dt.date.fromisoformat(event["end"]["date"]) - dt.date.fromisoformat(
                event["start"]["date"]
            )
            body: dict[str, Any] = {
                "start": {"date": day.isoformat()},
                "end": {"date": (day + length).isoformat()},
            }
        else:
            length = _parse(event["end"]["dateTime"]) - _parse(event["start"]["dateTime"])
            body = self._times(when, length)
        moved = (
            self.calendar.events()
            .patch(calendarId=self._calendar_id(), eventId=event["id"], body=body)
            .execute()
        )
        return f"Moved « {event.get('summary', '')} » to {self._show(moved)}." + _NEXT

    def delete(self, text: str) -> str:
        event = self._find(text)
        self.calendar.events().delete(calendarId=self._calendar_id(), eventId=event["id"]).execute()
        return (
            f"Deleted « {event.get('summary', '')} » ({self._show(event)}). The app asks before "
            "deleting the action."
        ) + _NEXT

    def note(self, name: str, text: str) -> str:
        from crmsync.sync.contact_fields import version

        wanted = name.casefold()
        token = None
        while True:
            page = (
                self.people.people()
                .connections()
                .list(
                    resourceName="people/me",
                    personFields="names,biographies,metadata",
                    pageSize=1000,
                    pageToken=token,
                )
                .execute()
            )
            for person in page.get("connections", []):
                names = [n.get("displayName", "") for n in person.get("names", [])]
                if any(wanted in n.casefold() for n in names):
                    self.people.people().updateContact(
                        resourceName=person["resourceName"],
                        updatePersonFields="biographies",
                        body={
                            **version(person),
                            "biographies": [{"value": text, "contentType": "TEXT_PLAIN"}],
                        },
                    ).execute()
                    return (
                        f"Wrote the notes of {names[0]} in Google Contacts. A contact sync "
                        "brings them into the CRM's comment."
                    )
            token = page.get("nextPageToken")
            if not token:
                raise PhoneError(
                    f"no contact of {self.email} in Google Contacts has « {name} » in its name; "
                    "sync the contacts first (Prospection → Synchronisation…, Contacts)."
                )

    # --- helpers ------------------------------------------------------------------------

    def _calendar_id(self) -> str:
        if self._resolved is None:
            from crmsync.google.calendars import find_calendar

            items = self.calendar.calendarList().list(showHidden=True).execute().get("items", [])
            entry = find_calendar(items, self.calendar_name)
            self._resolved = entry.id if entry is not None else "primary"
        return self._resolved

    def _find(self, text: str) -> dict[str, Any]:
        now = dt.datetime.now(dt.UTC)
        start_of_day = now.astimezone(self.zone).replace(hour=0, minute=0, second=0, microsecond=0)
        events = (
            self.calendar.events()
            .list(
                calendarId=self._calendar_id(),
                q=text,
                timeMin=start_of_day.isoformat(),
                singleEvents=True,
                orderBy="startTime",
                maxResults=50,
            )
            .execute()
            .get("items", [])
        )
        wanted = text.casefold()
        for event in sorted(events, key=self._start_of):
            if wanted in str(event.get("summary", "")).casefold():
                return dict(event)
        raise PhoneError(
            f"no event from today on has « {text} » in its title in {self.email}'s calendar."
        )

    def _start_of(self, event: dict[str, Any]) -> dt.datetime:
        start = event.get("start", {})
        if "date" in start:
            day = dt.date.fromisoformat(start["date"])
            return dt.datetime.combine(day, dt.time(0, 0), self.zone)
        return _parse(start.get("dateTime", "9999-12-31T00:00:00+00:00"))

    def _when(self, text: str) -> dt.datetime:
        try:
            value = dt.datetime.fromisoformat(text.strip().replace(" ", "T", 1))
        except ValueError:
            raise PhoneError(
                f'{text!r} is not a date and time: write "YYYY-MM-DD HH:MM".'
            ) from None
        return value if value.tzinfo else value.replace(tzinfo=self.zone)

    def _tomorrow_at_ten(self) -> dt.datetime:
        today = dt.datetime.now(self.zone).date()
        return dt.datetime.combine(today + dt.timedelta(days=1), dt.time(10, 0), self.zone)

    def _times(self, start: dt.datetime, length: dt.timedelta) -> dict[str, Any]:
        zone = str(self.zone)
        return {
            "start": {"dateTime": start.isoformat(), "timeZone": zone},
            "end": {"dateTime": (start + length).isoformat(), "timeZone": zone},
        }

    def _show(self, event: dict[str, Any]) -> str:
        start = event.get("start", {})
        if "date" in start:
            return dt.date.fromisoformat(start["date"]).strftime("%d/%m/%Y")
        return _parse(start["dateTime"]).astimezone(self.zone).strftime("%d/%m/%Y %H:%M")


_NEXT = " The app shows it at its next check of Google, or at once with « Synchroniser »."


def _parse(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
