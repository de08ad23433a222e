"""The account's calendars: the list behind the calendar combo box, and finding one by name."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from crmsync.google.session import GoogleSession

WRITABLE_ROLES = ("owner", "writer")


@dataclass(frozen=True)
class CalendarEntry:
    """One calendar of the account, as the combo box shows it."""

    id: str
    summary: str
    access_role: str
    primary: bool = False
    time_zone: str = ""

    @property
    def writable(self) -> bool:
        return self.access_role in WRITABLE_ROLES

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "writable": self.writable}

    @classmethod
    def from_api(cls, item: dict[str, Any]) -> CalendarEntry:
        return cls(
            id=str(item.get("id", "")),
            # The name the user sees in Google Calendar: his own override, else the calendar's.
            summary=str(item.get("summaryOverride") or item.get("summary") or item.get("id", "")),
            access_role=str(item.get("accessRole", "")),
            primary=bool(item.get("primary", False)),
            time_zone=str(item.get("timeZone", "")),
        )

    def answers_to(self, name: str, item: dict[str, Any] | None = None) -> bool:
        wanted = name.strip().casefold()
        names = {self.id.casefold(), self.summary.casefold()}
        if item is not None:
            names |= {str(item.get(k, "")).casefold() for k in ("summary", "summaryOverride")}
        return wanted in names - {""}


def list_calendar_items(session: GoogleSession) -> list[dict[str, Any]]:
    """Every entry of the account's calendar list, all pages (raw API dicts)."""
    service = session.calendar()
    items: list[dict[str, Any]] = []
    page_token: str | None = None
    while True:
        answer = session.execute(
            service.calendarList().list(maxResults=250, pageToken=page_token, showHidden=True)
        )
        items.extend(answer.get("items", []))
        page_token = answer.get("nextPageToken")
        if not page_token:
            return items


def list_calendars(session: GoogleSession, *, writable_only: bool = True) -> list[CalendarEntry]:
    """The account's calendars, primary first then by name; only writable ones by default."""
    entries = [CalendarEntry.from_api(item) for item in list_calendar_items(session)]
    if writable_only:
        entries = [e for e in entries if e.writable]
    return sorted(entries, key=lambda e: (not e.primary, e.summary.casefold()))


def find_calendar(items: list[dict[str, Any]], name: str) -> CalendarEntry | None:
    """The calendar called ``name`` (its name as the user sees it, its own name, or its id);
    an exact match wins over a case-insensitive one, a writable one over a read-only one."""
    exact = [CalendarEntry.from_api(i) for i in items if name in _names(i)]
    loose = [
        CalendarEntry.from_api(i) for i in items if CalendarEntry.from_api(i).answers_to(name, i)
    ]
    for candidates in (exact, loose):
        if candidates:
            return sorted(candidates, key=lambda e: not e.writable)[0]
    return None


def _names(item: dict[str, Any]) -> set[str]:
    return {str(item.get(k)) for k in ("summaryOverride", "summary", "id") if item.get(k)}
