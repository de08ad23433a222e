"""The ``timeZone`` parameter of events.list, events.get and events.instances.

"Time zone used in the response. Optional. The default is the time zone of the calendar."
Alice's primary calendar is in Europe/Paris (UTC+2 in May).
"""

from __future__ import annotations

from calendar_helpers import error_of, google_error, timed


def _insert(cal, body):
    return cal.events().insert(calendarId="primary", body=body).execute()


def _by_id(result):
    return {e["id"]: e for e in result["items"]}


def test_list_answers_in_the_asked_zone(cal):
    plain = _insert(cal, timed("2024-05-01T08:00:00Z", "2024-05-01T09:00:00Z"))
    own_zone = _insert(
        cal,
        {
            "start": {"dateTime": "2024-05-01T10:00:00", "timeZone": "America/New_York"},
            "end": {"dateTime": "2024-05-01T11:00:00", "timeZone": "America/New_York"},
        },
    )
    default = cal.events().list(calendarId="primary").execute()
    assert default["timeZone"] == "Europe/Paris"
    assert _by_id(default)[plain["id"]]["start"] == {"dateTime": "2024-05-01T10:00:00+02:00"}

    tokyo = cal.events().list(calendarId="primary", timeZone="Asia/Tokyo").execute()
    assert tokyo["timeZone"] == "Asia/Tokyo"
    items = _by_id(tokyo)
    assert items[plain["id"]]["start"] == {"dateTime": "2024-05-01T17:00:00+09:00"}
    assert items[plain["id"]]["end"] == {"dateTime": "2024-05-01T18:00:00+09:00"}
    # an event written with a zone of its own keeps showing its times in that zone
    assert items[own_zone["id"]]["start"] == own_zone["start"]
    assert items[own_zone["id"]]["start"] == {
        "dateTime": "2024-05-01T10:00:00-04:00",
        "timeZone": "America/New_York",
    }
    # nothing else of the events changes
    assert {k: v for k, v in items[plain["id"]].items() if k not in ("start", "end")} == {
        k: v for k, v in plain.items() if k not in ("start", "end")
    }

    utc = cal.events().list(calendarId="primary", timeZone="UTC").execute()
    assert utc["timeZone"] == "UTC"
    assert _by_id(utc)[plain["id"]]["start"] == {"dateTime": "2024-05-01T08:00:00Z"}


def test_incremental_sync_answers_in_the_asked_zone(cal):
    first = cal.events().list(calendarId="primary", timeZone="UTC").execute()
    event = _insert(cal, timed("2024-05-01T08:00:00Z", "2024-05-01T09:00:00Z"))
    changed = (
        cal.events()
        .list(calendarId="primary", syncToken=first["nextSyncToken"], timeZone="UTC")
        .execute()
    )
    assert changed["timeZone"] == "UTC"
    assert [e["start"] for e in changed["items"]] == [{"dateTime": "2024-05-01T08:00:00Z"}]
    assert changed["items"][0]["id"] == event["id"]


def test_get_answers_in_the_asked_zone(cal):
    event = _insert(cal, timed("2024-05-01T08:00:00Z", "2024-05-01T09:30:00Z"))
    got = cal.events().get(calendarId="primary", eventId=event["id"], timeZone="UTC").execute()
    assert got["start"] == {"dateTime": "2024-05-01T08:00:00Z"}
    assert got["end"] == {"dateTime": "2024-05-01T09:30:00Z"}
    assert got["etag"] == event["etag"]  # the same version, shown in another zone
    plain = cal.events().get(calendarId="primary", eventId=event["id"]).execute()
    assert plain["start"] == {"dateTime": "2024-05-01T10:00:00+02:00"}


def test_instances_answer_in_the_asked_zone(cal):
    # An exception stored without a zone of its own is shown in the asked zone; the
    # computed instances carry the series' zone and keep it.
    series = _insert(
        cal,
        {
            "start": {"dateTime": "2024-05-06T09:00:00", "timeZone": "Europe/Paris"},
            "end": {"dateTime": "2024-05-06T10:00:00", "timeZone": "Europe/Paris"},
            "recurrence": ["RRULE:FREQ=DAILY;COUNT=2"],
        },
    )
    first_id = series["id"] + "_20240506T070000Z"
    cal.events().patch(
        calendarId="primary",
        eventId=first_id,
        body={
            "start": {"dateTime": "2024-05-06T11:00:00+02:00", "timeZone": None},
            "end": {"dateTime": "2024-05-06T12:00:00+02:00", "timeZone": None},
        },
    ).execute()
    result = (
        cal.events().instances(calendarId="primary", eventId=series["id"], timeZone="UTC").execute()
    )
    assert result["timeZone"] == "UTC"
    starts = {e["id"]: e["start"] for e in result["items"]}
    assert starts == {
        first_id: {"dateTime": "2024-05-06T09:00:00Z"},
        series["id"] + "_20240507T070000Z": {
            "dateTime": "2024-05-07T09:00:00+02:00",
            "timeZone": "Europe/Paris",
        },
    }


def test_all_day_events_are_bounded_by_the_asked_zone_midnights(cal):
    # 1 May all day: 30 Apr 22:00Z–1 May 22:00Z in Paris, 1 May 00:00Z–2 May 00:00Z in UTC.
    single = _insert(cal, {"start": {"date": "2024-05-01"}, "end": {"date": "2024-05-02"}})
    series = _insert(
        cal,
        {
            "start": {"date": "2024-05-01"},
            "end": {"date": "2024-05-02"},
            "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"],
        },
    )
    window = {"timeMin": "2024-05-01T22:30:00Z", "timeMax": "2024-05-01T23:30:00Z"}

    def found(**extra):
        listed = cal.events().list(calendarId="primary", **window, **extra).execute()
        return {e.get("recurringEventId", e["id"]) for e in listed["items"]}

    assert found() == set()  # in Paris, 1 May is over at 22:00Z
    assert found(timeZone="UTC") == {single["id"], series["id"]}
    assert found(timeZone="UTC", singleEvents=True) == {single["id"], series["id"]}
    # the dates themselves never change
    listed = cal.events().list(calendarId="primary", timeZone="Asia/Tokyo").execute()
    assert _by_id(listed)[single["id"]]["start"] == {"date": "2024-05-01"}


def test_unknown_zone_is_refused(cal):
    status, error = error_of(cal.events().list(calendarId="primary", timeZone="Mars/Olympus"))
    assert status == 400
    assert error == google_error(
        400,
        "invalid",
        "Invalid value 'Mars/Olympus' for parameter 'timeZone'.",
        location="timeZone",
        locationType="parameter",
    )
