"""The emulator on the IPv6 loopback, driven by the real client libraries."""

from __future__ import annotations

import json
import socket
import urllib.request

import pytest
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.http import BatchHttpRequest


def _has_ipv6_loopback() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not _has_ipv6_loopback(), reason="no IPv6 loopback here")


def _token(base: str, email: str) -> str:
    request = urllib.request.Request(
        base + "/_emulator/tokens",
        data=json.dumps({"email": email}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())["access_token"]


@pytest.mark.parametrize("host", ["::1", "[::1]"])
def test_serves_google_apis_on_ipv6_loopback(host):
    from crmsync.fakegoogle import FakeGoogle

    with FakeGoogle(host=host) as server:
        base = server.base_url
        assert base.startswith("http://[::1]:")
        assert int(base.rsplit(":", 1)[1]) > 0
        credentials = Credentials(token=_token(base, "alice@example.com"))
        calendar = build(
            "calendar",
            "v3",
            credentials=credentials,
            static_discovery=True,
            client_options={"api_endpoint": base + "/calendar/v3/"},
        )
        try:
            entries = calendar.calendarList().list().execute()["items"]
            assert [e["id"] for e in entries] == ["alice@example.com"]
            answers = []
            batch = BatchHttpRequest(
                callback=lambda _id, response, exc: answers.append(exc or response["summary"]),
                batch_uri=base + "/batch/calendar/v3",
            )
            for name in ("one", "two"):
                body = {
                    "summary": name,
                    "start": {"dateTime": "2024-05-01T10:00:00Z"},
                    "end": {"dateTime": "2024-05-01T11:00:00Z"},
                }
                batch.add(calendar.events().insert(calendarId="primary", body=body))
            batch.execute()
            assert answers == ["one", "two"]
        finally:
            calendar.close()
        with urllib.request.urlopen(
            base + "/.well-known/openid-configuration", timeout=10
        ) as answer:
            assert json.loads(answer.read())["token_endpoint"] == base + "/token"
