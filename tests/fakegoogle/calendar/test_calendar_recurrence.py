"""Recurring events: expansion, instance ids, exceptions, cancelled instances, instances()."""

from __future__ import annotations

from calendar_helpers import error_of

PARIS = "Europe/Paris"


def series(cal, rule, start="2024-01-01T09:00:00", end="2024-01-01T10:00:00", **extra):
    body = {
        "summary": "Series",
        "start": {"dateTime": start, "timeZone": PARIS},
        "end": {"dateTime": end, "timeZone": PARIS},
        "recurrence": rule if isinstance(rule, list) else [rule],
        **extra,
    }
    return cal.events().insert(calendarId="primary", body=body).execute()


def expand(cal, tmin="2024-01-01T00:00:00Z", tmax="2025-01-01T00:00:00Z", **kw):
    return (
        cal.events()
        .list(
            calendarId="primary",
            singleEvents=True,
            orderBy="startTime",
            timeMin=tmin,
            timeMax=tmax,
            **kw,
        )
        .execute()["items"]
    )


def starts(items):
    return [i["start"].get("dateTime") or i["start"]["date"] for i in items]


def test_weekly_with_count_has_google_instance_ids(cal):
    master = series(cal, "RRULE:FREQ=WEEKLY;COUNT=3")
    items = expand(cal)
    assert [i["id"] for i in items] == [
        master["id"] + "_20240101T080000Z",
        master["id"] + "_20240108T080000Z",
        master["id"] + "_20240115T080000Z",
    ]
    first = items[0]
    assert first["recurringEventId"] == master["id"]
    assert first["originalStartTime"] == {
        "dateTime": "2024-01-01T09:00:00+01:00",
        "timeZone": PARIS,
    }
    assert first["start"] == {"dateTime": "2024-01-01T09:00:00+01:00", "timeZone": PARIS}
    assert first["iCalUID"] == master["iCalUID"]
    assert "recurrence" not in first
    masters = cal.events().list(calendarId="primary").execute()["items"]
    assert [m["id"] for m in masters] == [master["id"]]
    assert masters[0]["recurrence"] == ["RRULE:FREQ=WEEKLY;COUNT=3"]


def test_wall_clock_survives_daylight_saving(cal):
    series(cal, "RRULE:FREQ=WEEKLY;COUNT=2", start="2024-03-24T09:00:00", end="2024-03-24T10:00:00")
    assert starts(expand(cal)) == ["2024-03-24T09:00:00+01:00", "2024-03-31T09:00:00+02:00"]


def test_daily_interval_until_and_exdate(cal):
    series(
        cal,
        [
            "RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20240109T235959Z",
            "EXDATE;TZID=Europe/Paris:20240105T090000",
        ],
    )
    assert [s[:10] for s in starts(expand(cal))] == [
        "2024-01-01",
        "2024-01-03",
        "2024-01-07",
        "2024-01-09",
    ]


def test_monthly_by_day_and_month_day_and_yearly(cal):
    series(cal, "RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=3")
    assert [s[:10] for s in starts(expand(cal))] == ["2024-01-01", "2024-02-05", "2024-03-04"]


def test_monthly_last_friday(cal):
    series(
        cal,
        "RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3",
        start="2024-01-26T09:00:00",
        end="2024-01-26T10:00:00",
    )
    assert [s[:10] for s in starts(expand(cal))] == ["2024-01-26", "2024-02-23", "2024-03-29"]


def test_monthly_by_month_day_and_yearly(cal):
    series(
        cal,
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=15;COUNT=2",
        start="2024-01-15T09:00:00",
        end="2024-01-15T10:00:00",
    )
    series(cal, "RRULE:FREQ=YEARLY;COUNT=2", start="2024-02-29T12:00:00", end="2024-02-29T13:00:00")
    got = [s[:10] for s in starts(expand(cal, tmax="2030-01-01T00:00:00Z"))]
    assert got == ["2024-01-15", "2024-02-15", "2024-02-29", "2028-02-29"]


def test_all_day_series_ids(cal):
    body = {
        "start": {"date": "2024-01-01"},
        "end": {"date": "2024-01-02"},
        "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3"],
    }
    master = cal.events().insert(calendarId="primary", body=body).execute()
    items = expand(cal)
    assert [i["id"] for i in items] == [
        master["id"] + "_20240101",
        master["id"] + "_20240103",
        master["id"] + "_20240108",
    ]
    assert items[1]["start"] == {"date": "2024-01-03"} and items[1]["end"] == {"date": "2024-01-04"}
    assert items[1]["originalStartTime"] == {"date": "2024-01-03"}


def test_infinite_rule_is_bounded(cal):
    series(cal, "RRULE:FREQ=DAILY")
    assert len(expand(cal, tmax="2024-02-01T00:00:00Z")) == 31
    everything = (
        cal.events().list(calendarId="primary", singleEvents=True, maxResults=2500).execute()
    )
    assert 0 < len(everything["items"]) <= 2500


def test_instance_modified_and_cancelled(cal):
    master = series(cal, "RRULE:FREQ=WEEKLY;COUNT=4")
    second = master["id"] + "_20240108T080000Z"
    third = master["id"] + "_20240115T080000Z"
    moved = (
        cal.events()
        .patch(
            calendarId="primary",
            eventId=second,
            body={
                "summary": "Moved",
                "start": {"dateTime": "2024-01-09T14:00:00+01:00"},
                "end": {"dateTime": "2024-01-09T15:00:00+01:00"},
            },
        )
        .execute()
    )
    assert moved["id"] == second
    assert moved["recurringEventId"] == master["id"]
    assert moved["originalStartTime"]["dateTime"] == "2024-01-08T09:00:00+01:00"
    cal.events().delete(calendarId="primary", eventId=third).execute()
    items = expand(cal)
    assert [(i["id"], i.get("summary")) for i in items] == [
        (master["id"] + "_20240101T080000Z", "Series"),
        (second, "Moved"),
        (master["id"] + "_20240122T080000Z", "Series"),
    ]
    with_deleted = expand(cal, showDeleted=True)
    cancelled = [i for i in with_deleted if i["status"] == "cancelled"]
    assert cancelled == [
        {
            "kind": "calendar#event",
            "etag": cancelled[0]["etag"],
            "id": third,
            "status": "cancelled",
            "recurringEventId": master["id"],
            "originalStartTime": {"dateTime": "2024-01-15T09:00:00+01:00", "timeZone": PARIS},
        }
    ]
    # singleEvents=false: the master with its rule, plus the exceptions on their own
    flat = cal.events().list(calendarId="primary").execute()["items"]
    assert [(i["id"], i["status"]) for i in flat] == [
        (master["id"], "confirmed"),
        (second, "confirmed"),
        (third, "cancelled"),
    ]
    status, error = error_of(cal.events().delete(calendarId="primary", eventId=third))
    assert status == 410
    got = cal.events().get(calendarId="primary", eventId=third).execute()
    assert got["status"] == "cancelled"


def test_unknown_instance_is_404(cal):
    master = series(cal, "RRULE:FREQ=WEEKLY;COUNT=2")
    status, _ = error_of(
        cal.events().get(calendarId="primary", eventId=master["id"] + "_20240102T080000Z")
    )
    assert status == 404
    got = (
        cal.events().get(calendarId="primary", eventId=master["id"] + "_20240108T080000Z").execute()
    )
    assert got["recurringEventId"] == master["id"]


def test_instances_method(cal):
    master = series(cal, "RRULE:FREQ=DAILY;COUNT=5")
    cal.events().delete(calendarId="primary", eventId=master["id"] + "_20240102T080000Z").execute()
    result = cal.events().instances(calendarId="primary", eventId=master["id"]).execute()
    assert result["kind"] == "calendar#events"
    assert [i["start"]["dateTime"][:10] for i in result["items"]] == [
        "2024-01-01",
        "2024-01-03",
        "2024-01-04",
        "2024-01-05",
    ]
    page = (
        cal.events()
        .instances(calendarId="primary", eventId=master["id"], maxResults=2, showDeleted=True)
        .execute()
    )
    assert len(page["items"]) == 2 and page["items"][1]["status"] == "cancelled"
    rest = (
        cal.events()
        .instances(
            calendarId="primary",
            eventId=master["id"],
            maxResults=10,
            pageToken=page["nextPageToken"],
            showDeleted=True,
        )
        .execute()
    )
    assert len(rest["items"]) == 3
    windowed = (
        cal.events()
        .instances(
            calendarId="primary",
            eventId=master["id"],
            timeMin="2024-01-03T12:00:00Z",
            timeMax="2024-01-05T00:00:00Z",
        )
        .execute()
    )
    assert [i["start"]["dateTime"][:10] for i in windowed["items"]] == ["2024-01-04"]
    status, _ = error_of(cal.events().instances(calendarId="primary", eventId="nosuchevent1"))
    assert status == 404


def test_deleting_the_master_hides_the_series(cal):
    master = series(cal, "RRULE:FREQ=DAILY;COUNT=3")
    cal.events().patch(
        calendarId="primary", eventId=master["id"] + "_20240102T080000Z", body={"summary": "x"}
    ).execute()
    cal.events().delete(calendarId="primary", eventId=master["id"]).execute()
    assert expand(cal) == []
    assert cal.events().list(calendarId="primary").execute()["items"] == []
    status, _ = error_of(
        cal.events().delete(calendarId="primary", eventId=master["id"] + "_20240103T080000Z")
    )
    assert status == 410


def test_recurring_event_needs_a_time_zone(cal):
    body = {
        "start": {"dateTime": "2024-01-01T09:00:00+01:00"},
        "end": {"dateTime": "2024-01-01T10:00:00+01:00"},
        "recurrence": ["RRULE:FREQ=DAILY"],
    }
    status, error = error_of(cal.events().insert(calendarId="primary", body=body))
    assert status == 400
    assert error["error"]["errors"][0]["reason"] == "required"
