"""events.list: time window, paging, ordering, filters and deleted events."""

from __future__ import annotations

from calendar_helpers import error_of, google_error, timed


def add(cal, day: int, hour: int = 10, **extra):
    start = f"2024-05-{day:02d}T{hour:02d}:00:00Z"
    end = f"2024-05-{day:02d}T{hour + 1:02d}:00:00Z"
    return cal.events().insert(calendarId="primary", body=timed(start, end, **extra)).execute()


def ids(result):
    return [e["id"] for e in result["items"]]


def test_envelope(cal):
    result = cal.events().list(calendarId="primary").execute()
    assert result["kind"] == "calendar#events"
    assert result["summary"] == "alice@example.com"
    assert result["timeZone"] == "Europe/Paris"
    assert result["accessRole"] == "owner"
    assert result["defaultReminders"] == [{"method": "popup", "minutes": 10}]
    assert result["items"] == []
    assert "nextSyncToken" in result and "nextPageToken" not in result
    assert result["etag"].startswith('"')


def test_time_min_compares_end_and_time_max_compares_start(cal):
    event = add(cal, 10)  # 10:00–11:00 UTC

    def window(tmin, tmax):
        return ids(cal.events().list(calendarId="primary", timeMin=tmin, timeMax=tmax).execute())

    assert window("2024-05-10T10:30:00Z", "2024-05-10T10:45:00Z") == [event["id"]]
    assert window("2024-05-10T11:00:00Z", "2024-05-11T00:00:00Z") == []  # ends exactly at timeMin
    assert window("2024-05-09T00:00:00Z", "2024-05-10T10:00:00Z") == []  # starts exactly at timeMax
    assert window("2024-05-10T10:59:59Z", "2024-05-10T13:30:00+02:00") == [event["id"]]


def test_time_range_empty_and_bad_time(cal):
    status, error = error_of(
        cal.events().list(
            calendarId="primary", timeMin="2024-05-02T00:00:00Z", timeMax="2024-05-01T00:00:00Z"
        )
    )
    assert status == 400
    assert error == google_error(
        400,
        "timeRangeEmpty",
        "The specified time range is empty.",
        domain="calendar",
        location="timeMax",
        locationType="parameter",
    )
    status, _ = error_of(cal.events().list(calendarId="primary", timeMin="2024-05-02T00:00:00"))
    assert status == 400


def test_paging_is_complete_and_only_last_page_has_sync_token(cal):
    created = [add(cal, 1 + n % 28, hour=n % 12)["id"] for n in range(23)]
    seen, token, pages = [], None, 0
    while True:
        page = cal.events().list(calendarId="primary", maxResults=5, pageToken=token).execute()
        pages += 1
        seen += ids(page)
        token = page.get("nextPageToken")
        if token is None:
            assert "nextSyncToken" in page
            break
        assert "nextSyncToken" not in page
    assert pages == 5
    assert seen == created  # the default order is stable: creation order


def test_insert_between_pages_neither_skips_nor_repeats(cal):
    created = [add(cal, n + 1)["id"] for n in range(6)]
    first = cal.events().list(calendarId="primary", maxResults=3).execute()
    cal.events().delete(calendarId="primary", eventId=created[0]).execute()
    late = add(cal, 20)["id"]
    second = (
        cal.events()
        .list(calendarId="primary", maxResults=3, pageToken=first["nextPageToken"])
        .execute()
    )
    assert ids(first) + ids(second)[:3] == created
    rest = ids(second)[3:]
    if "nextPageToken" in second:
        rest += ids(
            cal.events()
            .list(calendarId="primary", maxResults=3, pageToken=second["nextPageToken"])
            .execute()
        )
    assert rest == [late]


def test_max_results_capped_and_validated(cal):
    for n in range(3):
        add(cal, n + 1)
    assert len(cal.events().list(calendarId="primary", maxResults=99999).execute()["items"]) == 3
    status, _ = error_of(cal.events().list(calendarId="primary", maxResults=0))
    assert status == 400


def test_bad_page_token_is_400(cal):
    status, error = error_of(cal.events().list(calendarId="primary", pageToken="not-a-token"))
    assert status == 400
    assert error["error"]["errors"][0]["reason"] == "invalid"


def test_order_by(cal):
    late = add(cal, 20)
    early = add(cal, 2)
    middle = add(cal, 10)
    by_start = (
        cal.events().list(calendarId="primary", singleEvents=True, orderBy="startTime").execute()
    )
    assert ids(by_start) == [early["id"], middle["id"], late["id"]]
    cal.events().patch(
        calendarId="primary", eventId=late["id"], body={"summary": "touched"}
    ).execute()
    by_updated = cal.events().list(calendarId="primary", orderBy="updated").execute()
    assert ids(by_updated) == [early["id"], middle["id"], late["id"]]
    status, error = error_of(cal.events().list(calendarId="primary", orderBy="startTime"))
    assert status == 400
    assert error == google_error(
        400, "badRequest", "The requested ordering is not available for the particular query."
    )


def test_text_search_and_ical_uid(cal):
    a = add(cal, 1, summary="Lunch with Bob", location="Chez Paul")
    b = add(cal, 2, summary="Dentist", description="bring the LUNCH card")
    add(cal, 3, summary="Gym")
    assert ids(cal.events().list(calendarId="primary", q="lunch").execute()) == [a["id"], b["id"]]
    assert ids(cal.events().list(calendarId="primary", q="lunch paul").execute()) == [a["id"]]
    assert ids(cal.events().list(calendarId="primary", q="alice@example").execute()) != []
    assert ids(cal.events().list(calendarId="primary", iCalUID=b["iCalUID"]).execute()) == [b["id"]]


def test_extended_property_filters(cal):
    a = add(cal, 1, extendedProperties={"private": {"crm": "1", "kind": "call"}})
    b = add(
        cal,
        2,
        extendedProperties={"private": {"crm": "2", "kind": "call"}, "shared": {"team": "x"}},
    )

    def find(**kw):
        return ids(cal.events().list(calendarId="primary", **kw).execute())

    assert find(privateExtendedProperty="kind=call") == [a["id"], b["id"]]
    assert find(privateExtendedProperty=["kind=call", "crm=2"]) == [b["id"]]
    assert find(sharedExtendedProperty="team=x") == [b["id"]]
    assert find(sharedExtendedProperty="crm=1") == []


def test_show_deleted_and_updated_min(cal, emulator):
    keep = add(cal, 1)
    gone = add(cal, 2)
    cal.events().delete(calendarId="primary", eventId=gone["id"]).execute()
    assert ids(cal.events().list(calendarId="primary").execute()) == [keep["id"]]
    with_deleted = cal.events().list(calendarId="primary", showDeleted=True).execute()
    assert ids(with_deleted) == [keep["id"], gone["id"]]
    stub = with_deleted["items"][1]
    assert stub["status"] == "cancelled"
    assert set(stub) == {"kind", "etag", "id", "status"}
    since = cal.events().get(calendarId="primary", eventId=gone["id"]).execute()["updated"]
    recent = cal.events().list(calendarId="primary", updatedMin=since).execute()
    assert ids(recent) == [gone["id"]]  # deleted entries come back with updatedMin
