"""The batch endpoint's wire format, sent by hand: line endings, boundaries, bad batches,
and the JSON layout Google answers with."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from calendar_helpers import ALICE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmsync.fakegoogle.http import pretty_json

EVENT = {
    "summary": "RDV",
    "start": {"dateTime": "2026-05-02T10:00:00Z"},
    "end": {"dateTime": "2026-05-02T11:00:00Z"},
}


def _post(base_url: str, content_type: str, body: bytes, token: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(
        base_url + "/batch/calendar/v3",
        data=body,
        method="POST",
        headers={"Content-Type": content_type, "Authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers["Content-Type"], answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


def _part(eol: str, content_id: str, method: str, path: str, body: str = "", **headers) -> str:
    lines = ["Content-Type: application/http", f"Content-ID: {content_id}", ""]
    lines.append(f"{method} {path} HTTP/1.1")
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines += ["", body]
    return eol.join(lines)


def _answers(content_type: str, raw: bytes) -> list[tuple[str, int, bytes]]:
    """(Content-ID, inner status, inner body) of each answer part, in order."""
    boundary = content_type.split("boundary=", 1)[1]
    chunks = raw.split(b"--" + boundary.encode())
    assert chunks[-1] == b"--\r\n"
    found = []
    for chunk in chunks[1:-1]:
        head, _, payload = chunk.partition(b"\r\n\r\n")
        content_id = next(
            line.split(":", 1)[1].strip()
            for line in head.decode().split("\r\n")
            if line.lower().startswith("content-id:")
        )
        inner_head, _, inner_body = payload.partition(b"\r\n\r\n")
        status = int(inner_head.split(b" ")[1])
        found.append((content_id, status, inner_body.removesuffix(b"\r\n")))
    return found


@pytest.mark.parametrize("eol", ["\r\n", "\n"])
def test_parts_read_with_either_line_ending(fake_google, emulator, eol):
    token = emulator.token(ALICE)
    boundary = "==== b=1 ===="
    tricky = dict(
        EVENT, description=f"--{boundary}\nnot a delimiter: mid-text below\n x--{boundary}"
    )
    tricky["description"] = "see --" + boundary + " inside"  # on no line of its own
    parts = [
        _part(
            eol,
            "<k + 1>",
            "POST",
            "/calendar/v3/calendars/primary/events",
            json.dumps(tricky, ensure_ascii=False),
            **{"Content-Type": "application/json"},
        ),
        _part(
            eol,
            "<k + 2>",
            "GET",
            "/calendar/v3/calendars/primary/events/nosuchevent1",
            **{"X-Note": f"a line ending in --{boundary}"},  # not a line of its own
        ),
        _part(
            eol,
            "<k + 3>",
            "POST",
            "/calendar/v3/calendars/primary/events",
            json.dumps(dict(EVENT, summary="été ✓"), ensure_ascii=False),
            **{"Content-Type": "application/json"},
        ),
    ]
    body = "preamble" + eol + "".join(f"--{boundary}{eol}{p}{eol}" for p in parts)
    body += f"--{boundary}--{eol}epilogue"
    status, content_type, raw = _post(
        fake_google.base_url,
        f'multipart/mixed; boundary="{boundary}"',
        body.encode("utf-8"),
        token,
    )
    assert status == 200 and content_type.startswith("multipart/mixed")
    answers = _answers(content_type, raw)
    assert [(cid, code) for cid, code, _ in answers] == [
        ("<response-k + 1>", 200),
        ("<response-k + 2>", 404),
        ("<response-k + 3>", 200),
    ]
    assert json.loads(answers[0][2])["description"] == tricky["description"]
    assert json.loads(answers[2][2])["summary"] == "été ✓"
    assert emulator.counters()["calendar.events.insert"] == 2


def test_a_folded_part_header_and_a_bare_boundary(fake_google, emulator):
    token = emulator.token(ALICE)
    body = (
        "--xyz\r\nContent-Type:\r\n application/http\r\nContent-ID: <a + 1>\r\n\r\n"
        "GET /calendar/v3/users/me/calendarList HTTP/1.1\r\n\r\n\r\n--xyz--\r\n"
    )
    status, content_type, raw = _post(
        fake_google.base_url, "multipart/mixed; boundary=xyz", body.encode(), token
    )
    assert status == 200
    ((content_id, code, payload),) = _answers(content_type, raw)
    assert (content_id, code) == ("<response-a + 1>", 200)
    assert json.loads(payload)["kind"] == "calendar#calendarList"


@pytest.mark.parametrize(
    ("content_type", "body", "reason"),
    [
        ("application/json", b"{}", "badRequest"),
        ("multipart/mixed", b"--x\r\n\r\n--x--", "badRequest"),  # no boundary
        ("multipart/mixed; boundary=x", b"no delimiter at all", "badRequest"),
        ("multipart/mixed; boundary=x", b"--x\r\n\r\n\xff\xfe\r\n--x--", "parseError"),
        (
            "multipart/mixed; boundary=x",
            b"--x\r\nContent-Type: text/plain\r\n\r\nGET / HTTP/1.1\r\n\r\n--x--",
            "badRequest",
        ),
        (
            "multipart/mixed; boundary=x",
            b"--x\r\nContent-Type: application/http\r\n\r\nnonsense\r\n\r\n--x--",
            "badRequest",
        ),
    ],
)
def test_bad_batches_are_400(fake_google, emulator, content_type, body, reason):
    status, _, raw = _post(fake_google.base_url, content_type, body, emulator.token(ALICE))
    assert status == 400
    assert json.loads(raw)["error"]["errors"][0]["reason"] == reason


def test_more_than_1000_calls_is_refused(fake_google, emulator):
    part = "Content-Type: application/http\r\n\r\nGET /calendar/v3/users/me/calendarList HTTP/1.1\r\n\r\n"
    body = "".join(f"--x\r\n{part}\r\n" for _ in range(1001)) + "--x--\r\n"
    status, _, raw = _post(
        fake_google.base_url, "multipart/mixed; boundary=x", body.encode(), emulator.token(ALICE)
    )
    assert status == 400
    assert json.loads(raw)["error"]["errors"][0]["reason"] == "batchSizeTooLarge"


# --- Google's JSON layout -------------------------------------------------------------------

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
_keys = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(_keys, inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_values)
def test_json_is_laid_out_as_the_standard_encoder_does_with_indent_1(value):
    assert pretty_json(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_values_json_cannot_write_still_fail_as_json_fails():
    with pytest.raises(TypeError):
        pretty_json({"when": object()})
