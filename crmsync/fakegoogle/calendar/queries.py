"""The query parameters of ``events.list`` and ``events.instances``, checked as Google does."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from crmsync.fakegoogle.calendar import exceptions as errors
from crmsync.fakegoogle.calendar.times import parse_query_instant, zone
from crmsync.fakegoogle.http import Request

DEFAULT_PAGE = 250
MAX_PAGE = 2500  # a larger maxResults is capped, not refused
# Parameters that cannot accompany a syncToken, in the order Google's reference lists them.
NOT_WITH_SYNC_TOKEN = (
    "iCalUID",
    "orderBy",
    "privateExtendedProperty",
    "q",
    "sharedExtendedProperty",
    "timeMin",
    "timeMax",
    "updatedMin",
)


@dataclass
class EventQuery:
    max_results: int = DEFAULT_PAGE
    page_token: str | None = None
    sync_token: str | None = None
    show_deleted: bool = False
    single_events: bool = False
    order_by: str | None = None
    time_min: datetime | None = None
    time_max: datetime | None = None
    updated_min: datetime | None = None
    terms: list[str] = field(default_factory=list)
    ical_uid: str | None = None
    private_props: list[tuple[str, str]] = field(default_factory=list)
    shared_props: list[tuple[str, str]] = field(default_factory=list)
    original_start: datetime | None = None
    time_zone: str | None = None  # the ``timeZone`` parameter: the zone the answer uses

    @property
    def zone(self) -> ZoneInfo | None:
        return zone(self.time_zone)

    @property
    def has_field_filters(self) -> bool:
        return bool(self.terms or self.ical_uid or self.private_props or self.shared_props) or (
            self.updated_min is not None
        )


def parse_event_query(request: Request, *, max_page: int = MAX_PAGE) -> EventQuery:
    query = EventQuery()
    query.sync_token = request.arg("syncToken") or None
    if query.sync_token is not None:
        for name in NOT_WITH_SYNC_TOKEN:
            if request.args(name):
                raise errors.not_with_sync_token(name)
        if request.arg("showDeleted") == "false":
            raise errors.invalid(
                "showDeleted=false cannot be used together with a sync token: "
                "deleted events are always returned.",
                location="showDeleted",
            )
    query.max_results = _max_results(request.arg("maxResults"), max_page)
    query.page_token = request.arg("pageToken") or None
    query.show_deleted = _bool(request, "showDeleted")
    query.single_events = _bool(request, "singleEvents")
    order_by = request.arg("orderBy")
    if order_by is not None and order_by not in ("startTime", "updated"):
        raise errors.invalid_parameter("orderBy", order_by)
    if order_by == "startTime" and not query.single_events:
        raise errors.ordering_not_available()
    query.order_by = order_by
    query.time_min = parse_query_instant(request.arg("timeMin"), "timeMin")
    query.time_max = parse_query_instant(request.arg("timeMax"), "timeMax")
    if query.time_min and query.time_max and query.time_min >= query.time_max:
        raise errors.time_range_empty(location="timeMax")
    query.updated_min = parse_query_instant(request.arg("updatedMin"), "updatedMin")
    query.terms = [t.lower() for t in (request.arg("q") or "").split()]
    query.ical_uid = request.arg("iCalUID") or None
    query.private_props = _props(request, "privateExtendedProperty")
    query.shared_props = _props(request, "sharedExtendedProperty")
    query.original_start = parse_query_instant(request.arg("originalStart"), "originalStart")
    query.time_zone = parse_time_zone(request)
    return query


def parse_time_zone(request: Request) -> str | None:
    """The ``timeZone`` parameter of events.get/list/instances: an IANA zone name, or None."""
    raw = request.arg("timeZone")
    if not raw:
        return None
    if zone(raw) is None:
        raise errors.invalid_parameter("timeZone", raw)
    return raw


def _max_results(raw: str | None, max_page: int) -> int:
    if raw is None:
        return min(DEFAULT_PAGE, max_page)
    try:
        value = int(raw)
    except ValueError:
        raise errors.invalid_parameter("maxResults", raw) from None
    if value < 1:
        raise errors.invalid_parameter("maxResults", raw)
    return min(value, max_page)


def _bool(request: Request, name: str) -> bool:
    raw = request.arg(name)
    if raw is None:
        return False
    if raw not in ("true", "false"):
        raise errors.invalid_parameter(name, raw)
    return raw == "true"


def _props(request: Request, name: str) -> list[tuple[str, str]]:
    out = []
    for raw in request.args(name):
        key, sep, value = raw.partition("=")
        if not sep or not key:
            raise errors.invalid_parameter(name, raw)
        out.append((key, value))
    return out
