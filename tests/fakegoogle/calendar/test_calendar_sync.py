"""Incremental sync: sync tokens, deletions, paging, refusals and expiry."""

from __future__ import annotations

import pytest
from calendar_helpers import ALICE, BOB, error_of, google_error, timed

FULL_SYNC = {
    "error": {
        "errors": [
            {
                "domain": "calendar",
                "reason": "fullSyncRequired",
                "message": "Sync token is no longer valid, a full sync is required.",
            }
        ],
        "code": 410,
        "message": "Sync token is no longer valid, a full sync is required.",
    }
}


def add(cal, day=1, **extra):
    start, end = f"2024-05-{day:02d}T10:00:00Z", f"2024-05-{day:02d}T11:00:00Z"
    return cal.events().insert(calendarId="primary", body=timed(start, end, **extra)).execute()


def full_sync(cal, **kw):
    items, token = [], None
    while True:
        page = cal.events().list(calendarId="primary", pageToken=token, **kw).execute()
        items += page["items"]
        token = page.get("nextPageToken")
        if token is None:
            return items, page["nextSyncToken"]


def changes(cal, sync_token, **kw):
    items, token = [], None
    while True:
        page = (
            cal.events()
            .list(calendarId="primary", syncToken=sync_token, pageToken=token, **kw)
            .execute()
        )
        items += page["items"]
        token = page.get("nextPageToken")
        if token is None:
            return items, page["nextSyncToken"]


def test_incremental_sync_reports_changes_and_deletions(cal):
    a, b, c = add(cal, 1), add(cal, 2), add(cal, 3)
    items, token = full_sync(cal)
    assert len(items) == 3
    assert changes(cal, token)[0] == []
    patched = (
        cal.events().patch(calendarId="primary", eventId=a["id"], body={"summary": "new"}).execute()
    )
    cal.events().delete(calendarId="primary", eventId=b["id"]).execute()
    d = add(cal, 4)
    found, token2 = changes(cal, token)
    deleted_etag = cal.events().get(calendarId="primary", eventId=b["id"]).execute()["etag"]
    assert found == [
        patched,
        {"kind": "calendar#event", "etag": deleted_etag, "id": b["id"], "status": "cancelled"},
        d,
    ]
    assert changes(cal, token2)[0] == []
    assert c["id"] not in [e["id"] for e in found]


def test_created_then_deleted_between_syncs_is_reported_cancelled(cal):
    _, token = full_sync(cal)
    temp = add(cal)
    cal.events().delete(calendarId="primary", eventId=temp["id"]).execute()
    found, _ = changes(cal, token)
    assert [(e["id"], e["status"]) for e in found] == [(temp["id"], "cancelled")]


def test_incremental_sync_pages(cal):
    _, token = full_sync(cal)
    made = [add(cal, 1 + n % 28)["id"] for n in range(12)]
    first = cal.events().list(calendarId="primary", syncToken=token, maxResults=5).execute()
    assert len(first["items"]) == 5 and "nextSyncToken" not in first
    found, _ = changes(cal, token, maxResults=5)
    assert [e["id"] for e in found] == made


def test_write_during_paging_is_seen_by_the_next_sync(cal):
    for n in range(6):
        add(cal, n + 1)
    first = cal.events().list(calendarId="primary", maxResults=3).execute()
    late = add(cal, 20)
    rest = (
        cal.events()
        .list(calendarId="primary", maxResults=10, pageToken=first["nextPageToken"])
        .execute()
    )
    found, _ = changes(cal, rest["nextSyncToken"])
    assert [e["id"] for e in found] == [late["id"]]


def test_single_events_sync_expands_changed_series(cal):
    _, token = full_sync(cal, singleEvents=True)
    body = {
        "start": {"dateTime": "2024-01-01T09:00:00", "timeZone": "Europe/Paris"},
        "end": {"dateTime": "2024-01-01T10:00:00", "timeZone": "Europe/Paris"},
        "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"],
    }
    master = cal.events().insert(calendarId="primary", body=body).execute()
    found, token = changes(cal, token, singleEvents=True)
    assert [e["id"] for e in found] == [
        master["id"] + "_20240101T080000Z",
        master["id"] + "_20240108T080000Z",
        master["id"] + "_20240115T080000Z",
    ]
    cal.events().delete(calendarId="primary", eventId=master["id"] + "_20240108T080000Z").execute()
    found, _ = changes(cal, token, singleEvents=True)
    assert found == [
        {
            "kind": "calendar#event",
            "etag": found[0]["etag"],
            "id": master["id"] + "_20240108T080000Z",
            "status": "cancelled",
            "recurringEventId": master["id"],
            "originalStartTime": {
                "dateTime": "2024-01-08T09:00:00+01:00",
                "timeZone": "Europe/Paris",
            },
        }
    ]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("iCalUID", "x@google.com"),
        ("orderBy", "updated"),
        ("privateExtendedProperty", "k=v"),
        ("q", "lunch"),
        ("sharedExtendedProperty", "k=v"),
        ("timeMin", "2024-01-01T00:00:00Z"),
        ("timeMax", "2024-01-01T00:00:00Z"),
        ("updatedMin", "2024-01-01T00:00:00Z"),
    ],
)
def test_parameters_refused_with_a_sync_token(cal, name, value):
    _, token = full_sync(cal)
    status, error = error_of(
        cal.events().list(calendarId="primary", syncToken=token, **{name: value})
    )
    assert status == 400
    assert error == google_error(
        400,
        "invalid",
        f"The parameter '{name}' cannot be used together with a sync token.",
        location=name,
        locationType="parameter",
    )


def test_show_deleted_false_refused_with_a_sync_token(cal):
    _, token = full_sync(cal)
    status, error = error_of(
        cal.events().list(calendarId="primary", syncToken=token, showDeleted=False)
    )
    assert status == 400
    assert error["error"]["errors"][0]["reason"] == "invalid"
    assert (
        cal.events()
        .list(calendarId="primary", syncToken=token, showDeleted=True)
        .execute()["items"]
        == []
    )


@pytest.mark.parametrize("token", ["garbage", "CPj8gIEGAU=", ""])
def test_unknown_or_garbled_token_is_410(cal, token):
    if not token:
        _, good = full_sync(cal)
        token = "1" + good
    status, error = error_of(cal.events().list(calendarId="primary", syncToken=token))
    assert status == 410
    assert error == FULL_SYNC


def test_token_of_another_calendar_is_410(calendar_api, emulator):
    bob = calendar_api(BOB)
    token = bob.events().list(calendarId="primary").execute()["nextSyncToken"]
    alice = calendar_api(ALICE)
    status, error = error_of(alice.events().list(calendarId="primary", syncToken=token))
    assert (status, error) == (410, FULL_SYNC)


def test_tokens_expire_with_the_emulator_clock(calendar_api, emulator):
    cal = calendar_api(ALICE, expires_in=90 * 86400)  # the access token must outlive the jump
    assert emulator.get("/calendar/settings") == {"sync_token_lifetime_seconds": 30 * 86400}
    _, token = full_sync(cal)
    emulator.post("/clock/advance", {"days": 29})
    _, fresh = changes(cal, token)
    emulator.post("/clock/advance", {"days": 2})
    status, error = error_of(cal.events().list(calendarId="primary", syncToken=token))
    assert (status, error) == (410, FULL_SYNC)
    assert changes(cal, fresh)[0] == []  # issued 2 days ago, still good
    emulator.post("/calendar/settings", {"sync_token_lifetime_seconds": 3600})
    emulator.post("/clock/advance", {"hours": 2})
    status, _ = error_of(cal.events().list(calendarId="primary", syncToken=fresh))
    assert status == 410


def test_invalidation_and_sharing_kill_tokens(cal, emulator):
    _, token = full_sync(cal)
    answer = emulator.post(f"/calendar/calendars/{ALICE}/invalidate-sync-tokens")
    assert answer == {"invalidated": [ALICE]}
    status, error = error_of(cal.events().list(calendarId="primary", syncToken=token))
    assert (status, error) == (410, FULL_SYNC)
    _, token = full_sync(cal)
    emulator.post(f"/calendar/calendars/{ALICE}/share", {"email": BOB, "role": "reader"})
    status, error = error_of(cal.events().list(calendarId="primary", syncToken=token))
    assert (status, error) == (410, FULL_SYNC)


def test_invalidation_for_an_account_or_everyone(calendar_api, emulator):
    alice, bob = calendar_api(ALICE), calendar_api(BOB)
    team = emulator.post("/calendar/calendars", {"owner": ALICE, "summary": "Team"})["id"]

    def token_of(service, calendar_id):
        return service.events().list(calendarId=calendar_id).execute()["nextSyncToken"]

    def refused(service, calendar_id, token):
        request = service.events().list(calendarId=calendar_id, syncToken=token)
        return error_of(request) == (410, FULL_SYNC)

    tokens = {"primary": token_of(alice, "primary"), team: token_of(alice, team)}
    bobs = token_of(bob, "primary")
    answer = emulator.post("/calendar/invalidate-sync-tokens", {"email": ALICE})
    assert sorted(answer["invalidated"]) == sorted([ALICE, team])
    assert refused(alice, "primary", tokens["primary"]) and refused(alice, team, tokens[team])
    assert bob.events().list(calendarId="primary", syncToken=bobs).execute()["items"] == []
    fresh = token_of(alice, "primary")  # a full sync starts a new chain
    assert alice.events().list(calendarId="primary", syncToken=fresh).execute()["items"] == []

    emulator.post("/calendar/invalidate-sync-tokens", {})
    assert refused(bob, "primary", bobs) and refused(alice, "primary", fresh)
    with pytest.raises(AssertionError, match="404"):
        emulator.post("/calendar/invalidate-sync-tokens", {"email": "nobody@example.com"})


def test_invalidation_between_pages_of_an_incremental_sync(cal, emulator):
    _, token = full_sync(cal)
    for day in (1, 2, 3):
        add(cal, day)
    first = cal.events().list(calendarId="primary", syncToken=token, maxResults=2).execute()
    assert len(first["items"]) == 2 and "nextPageToken" in first
    emulator.post(f"/calendar/calendars/{ALICE}/invalidate-sync-tokens")
    request = cal.events().list(
        calendarId="primary", syncToken=token, pageToken=first["nextPageToken"], maxResults=2
    )
    assert error_of(request) == (410, FULL_SYNC)


def test_phone_side_changes_through_admin_are_synced(cal, emulator):
    a, b = add(cal, 1, summary="A"), add(cal, 2, summary="B")
    _, token = full_sync(cal)
    edited = emulator.call(
        "PATCH", f"/calendar/calendars/{ALICE}/events/{a['id']}", {"summary": "A2"}
    )
    moved = emulator.post(
        f"/calendar/calendars/{ALICE}/events/{b['id']}/move", {"shift_minutes": 90}
    )
    created = emulator.post(
        f"/calendar/calendars/{ALICE}/events",
        timed("2024-05-09T08:00:00Z", "2024-05-09T09:00:00Z", summary="From phone"),
    )
    emulator.call("DELETE", f"/calendar/calendars/{ALICE}/events/{a['id']}")
    found, _ = changes(cal, token)
    assert [(e["id"], e["status"]) for e in found] == [
        (b["id"], "confirmed"),
        (created["id"], "confirmed"),
        (a["id"], "cancelled"),
    ]
    assert edited["etag"] != a["etag"] and edited["sequence"] == 1
    assert found[0]["start"] == {"dateTime": "2024-05-02T13:30:00+02:00"}
    assert found[0]["sequence"] == 1 and found[0]["etag"] == moved["etag"]
    assert found[1]["creator"] == {"email": ALICE, "self": True}
    raw = emulator.get(f"/calendar/calendars/{ALICE}/events")["items"]
    assert [e["status"] for e in raw] == ["cancelled", "confirmed", "confirmed"]
