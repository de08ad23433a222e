"""The lean batch codec: what it writes is what a MIME parser reads back, what it reads is
what Google (here the emulator) answers, and through googleapiclient it behaves as the
library's own ``BatchHttpRequest`` does."""

from __future__ import annotations

import email.parser
import email.policy
import json

import httplib2
import pytest
from googleapiclient.errors import BatchError, HttpError
from googleapiclient.http import BatchHttpRequest

from crmsync.google.batch_codec import (
    LeanBatchHttpRequest,
    boundary_of,
    decode_multipart,
    decode_response,
    encode_multipart,
    split_multipart,
)

ALICE = "alice@example.com"


def _timed(summary: str, **more: object) -> dict:
    return {
        "summary": summary,
        "start": {"dateTime": "2026-05-02T10:00:00Z"},
        "end": {"dateTime": "2026-05-02T11:00:00Z"},
        **more,
    }


def _run(batch_class: type, cal, base_url: str, add) -> dict[str, tuple[int, object]]:
    """Run one batch of ``batch_class``; each call's (status, answer or error content)."""
    seen: dict[str, tuple[int, object]] = {}

    def callback(request_id, response, exception):
        if exception is None:
            seen[request_id] = (200, response)
        else:
            assert isinstance(exception, HttpError)
            seen[request_id] = (exception.resp.status, json.loads(exception.content))

    batch = batch_class(callback=callback, batch_uri=base_url + "/batch/calendar/v3")
    add(batch, cal.events())
    batch.execute()
    return seen


# --- against the emulator, next to the library's own codec --------------------------------


def test_answers_match_the_library_codec(calendar_api, fake_google):
    cal = calendar_api(ALICE)
    kept = cal.events().insert(calendarId="primary", body=_timed("kept")).execute()

    def add(batch, events):
        batch.add(events.get(calendarId="primary", eventId=kept["id"]), request_id="get one")
        batch.add(events.insert(calendarId="primary", body=_timed("é — 日本 ✓")), request_id="é")
        batch.add(events.delete(calendarId="primary", eventId="nosuchevent1"), request_id="404")
        batch.add(events.insert(calendarId="primary", body={"summary": "x"}), request_id="400")
        batch.add(
            events.insert(calendarId="primary", body=_timed("--boundary-like\r\n\r\ntext")),
            request_id="crlf",
        )

    lean = _run(LeanBatchHttpRequest, cal, fake_google.base_url, add)
    library = _run(BatchHttpRequest, cal, fake_google.base_url, add)
    assert lean.keys() == library.keys() == {"get one", "é", "404", "400", "crlf"}
    assert lean["get one"] == library["get one"] == (200, kept)
    for key in ("404", "400"):
        assert lean[key][0] == library[key][0] == int(key)
        assert lean[key][1] == library[key][1]  # the same error body, read as the library reads it
    assert lean["é"][1]["summary"] == library["é"][1]["summary"] == "é — 日本 ✓"
    assert lean["crlf"][1]["summary"] == "--boundary-like\r\n\r\ntext"


def test_a_part_refused_is_the_library_http_error(calendar_api, fake_google):
    cal = calendar_api(ALICE)
    errors: list[HttpError] = []

    def callback(request_id, response, exception):
        errors.append(exception)

    batch = LeanBatchHttpRequest(
        callback=callback, batch_uri=fake_google.base_url + "/batch/calendar/v3"
    )
    batch.add(cal.events().get(calendarId="primary", eventId="nosuchevent1"))
    batch.execute()
    (error,) = errors
    assert isinstance(error, HttpError)
    assert error.resp.status == 404
    assert error.status_code == 404
    assert error.reason == "Not Found"
    assert error.resp["content-type"].startswith("application/json")


def test_if_match_goes_with_its_call(calendar_api, fake_google):
    cal = calendar_api(ALICE)
    event = cal.events().insert(calendarId="primary", body=_timed("v1")).execute()
    statuses: dict[str, int] = {}

    def callback(request_id, response, exception):
        statuses[request_id] = exception.resp.status if exception else 200

    batch = LeanBatchHttpRequest(
        callback=callback, batch_uri=fake_google.base_url + "/batch/calendar/v3"
    )
    stale = cal.events().update(calendarId="primary", eventId=event["id"], body=_timed("v2"))
    stale.headers["If-Match"] = '"not-the-etag"'
    batch.add(stale, request_id="stale")
    batch.execute()
    assert statuses == {"stale": 412}


def test_a_header_holding_a_line_break_is_refused(calendar_api, fake_google):
    cal = calendar_api(ALICE)
    batch = LeanBatchHttpRequest(batch_uri=fake_google.base_url + "/batch/calendar/v3")
    request = cal.events().delete(calendarId="primary", eventId="abcdefghij")
    request.headers["If-Match"] = '"x"\r\nX-Forged: 1'
    batch.add(request)
    with pytest.raises(ValueError, match="line break"):
        batch.execute()


class _Reordering:
    """An httplib2 stand-in that answers a batch's calls in reverse order, as a server may:
    only the Content-IDs say which answer is whose."""

    def request(self, uri, method="GET", body=None, headers=None, **_):
        head = f"Content-Type: {headers['content-type']}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(head + body)
        parts = []
        for part in reversed(message.get_payload()):
            inner = part.get_payload(decode=True).decode()
            summary = json.loads(inner.split("\n\n", 1)[1])["summary"]
            parts.append(
                f"--zz\r\nContent-Type: application/http\r\n"
                f"Content-ID: <response-{part['Content-ID'][1:-1]}>\r\n\r\n"
                f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"
                + json.dumps({"summary": summary})
                + "\r\n"
            )
        raw = ("".join(parts) + "--zz--\r\n").encode()
        return httplib2.Response(
            {"status": "200", "content-type": "multipart/mixed; boundary=zz"}
        ), raw


def test_answers_in_another_order_reach_their_own_calls(calendar_api, fake_google):
    cal = calendar_api(ALICE)
    seen: dict[str, str] = {}
    batch = LeanBatchHttpRequest(
        callback=lambda request_id, response, exception: seen.update(
            {request_id: response["summary"]}
        ),
        batch_uri=fake_google.base_url + "/batch/calendar/v3",
    )
    for n in range(4):
        batch.add(
            cal.events().insert(calendarId="primary", body=_timed(f"s{n}")), request_id=f"r{n}"
        )
    batch.execute(http=_Reordering())
    assert seen == {f"r{n}": f"s{n}" for n in range(4)}


# --- what it writes -----------------------------------------------------------------------


def test_the_body_is_what_a_mime_parser_reads(calendar_api, fake_google):
    cal = calendar_api(ALICE)
    batch = LeanBatchHttpRequest(batch_uri=fake_google.base_url + "/batch/calendar/v3")
    bodies = [_timed(f"n°{n} «été»", description="a\r\nb\n--===============x") for n in range(3)]
    for n, body in enumerate(bodies):
        batch.add(cal.events().insert(calendarId="primary", body=body), request_id=f"id {n}")
    parts = [
        (batch._id_to_header(request_id), batch._serialize_request(batch._requests[request_id]))
        for request_id in batch._order
    ]
    boundary, raw = encode_multipart([(cid, text.encode("utf-8")) for cid, text in parts])
    head = f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n'.encode()
    message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(head + raw)
    read = message.get_payload()
    assert len(read) == 3
    for n, part in enumerate(read):
        assert part.get_content_type() == "application/http"
        assert batch._header_to_id(part["Content-ID"]) == f"id {n}"
        inner = part.get_payload(decode=True).decode("utf-8")
        request_line, _, rest = inner.partition("\n")
        assert request_line.startswith("POST /calendar/v3/calendars/primary/events?")
        assert request_line.endswith(" HTTP/1.1")
        headers, _, body = rest.partition("\n\n")
        names = {line.split(":", 1)[0].lower() for line in headers.split("\n")}
        assert {"content-type", "authorization", "host", "content-length"} <= names
        assert json.loads(body) == bodies[n]


def test_the_boundary_never_appears_in_a_part():
    taken = b"--===============0000000000000000001=="
    parts = [("<a + 1>", b"x\n" + taken + b"\ny")]
    for _ in range(20):
        boundary, raw = encode_multipart(parts)
        assert (b"--" + boundary.encode()) not in parts[0][1]
        assert split_multipart(boundary, raw) == [
            b"Content-Type: application/http\nMIME-Version: 1.0\n"
            b"Content-Transfer-Encoding: binary\nContent-ID: <a + 1>\n\n" + parts[0][1]
        ]


# --- what it reads ------------------------------------------------------------------------


def test_boundaries_quoted_or_bare():
    assert boundary_of('multipart/mixed; boundary="a=b; c"') == "a=b; c"
    assert boundary_of("multipart/mixed; boundary=batch_xyz") == "batch_xyz"
    assert boundary_of("Multipart/Mixed; charset=utf-8; BOUNDARY=k") == "k"
    assert boundary_of("application/json") is None
    assert boundary_of("multipart/mixed") is None


@pytest.mark.parametrize("eol", [b"\r\n", b"\n"])
def test_answers_with_either_line_ending_preamble_and_epilogue(eol):
    body = json.dumps({"summary": "x--b\r\n--b-not-a-delimiter", "é": "日本"}, ensure_ascii=False)
    raw = eol.join(
        [
            b"preamble",
            b"--b",
            b"Content-Type: application/http",
            b"Content-ID: <response-k + 1>",
            b"",
            b"HTTP/1.1 200 OK",
            b"Content-Type: application/json; charset=UTF-8",
            b'ETag: "e1"',
            b"",
            body.encode("utf-8"),
            b"--b  ",
            b"Content-Type: application/http",
            b"Content-ID: <response-k + 2>",
            b"",
            b"HTTP/1.1 404 Not Found",
            b"Content-Type: application/json",
            b"",
            b'{"error": {"code": 404}}',
            b"--b--",
            b"epilogue",
        ]
    )
    parts = decode_multipart("multipart/mixed; boundary=b", raw)
    assert parts is not None and len(parts) == 2
    (first_headers, first), (second_headers, second) = parts
    assert first_headers["content-id"] == "<response-k + 1>"
    assert second_headers["content-id"] == "<response-k + 2>"
    response, content = decode_response(first)
    assert response.status == 200 and response["etag"] == '"e1"'
    assert json.loads(content) == json.loads(body)
    response, content = decode_response(second)
    assert (response.status, response.reason) == (404, "Not Found")
    assert json.loads(content) == {"error": {"code": 404}}


def test_a_status_line_without_a_reason_and_a_folded_header():
    response, content = decode_response(b"HTTP/1.1 204\r\nX-Long: one\r\n two\r\n\r\n")
    assert response.status == 204 and response.reason == ""
    assert response["x-long"] == "one two"
    assert content == b""


def test_unreadable_answers():
    assert decode_multipart("application/json", b"{}") is None
    assert decode_multipart("multipart/mixed; boundary=b", b"no delimiter") is None
    assert decode_multipart("multipart/mixed; boundary=b", b"--b\r\nunclosed") is None
    with pytest.raises(BatchError):
        decode_response(b"garbage\r\n\r\n")
