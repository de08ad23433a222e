"""The emulator's shared machinery: admin surface, auth, faults, quotas, log, loopback."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from crmsync.fakegoogle import FakeGoogle


def _get(url: str, token: str | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, headers={"Authorization": f"Bearer {token}"} if token else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def test_refuses_non_loopback_host():
    with pytest.raises(ValueError, match="loopback"):
        FakeGoogle(host="0.0.0.0")


def test_unknown_path_is_google_404(fake_google):
    status, body = _get(fake_google.base_url + "/nothing/here")
    assert status == 404
    assert body["error"]["code"] == 404
    assert body["error"]["errors"][0]["reason"] == "notFound"


def test_counters_and_log_count_google_traffic_only(fake_google, emulator):
    emulator.post("/accounts", {"email": "bob@example.com"})
    _get(fake_google.base_url + "/nothing/here")
    assert emulator.counters() == {"unknown": 1}
    log = emulator.get("/requests")["requests"]
    assert [(e["path"], e["status"]) for e in log] == [("/nothing/here", 404)]


def test_clock_only_moves_forward(fake_google, emulator):
    before = emulator.get("/clock")["now"]
    after = emulator.post("/clock/advance", {"days": 8})["now"]
    assert after - before >= 8 * 86400
    with pytest.raises(AssertionError, match="400"):
        emulator.post("/clock/advance", {"seconds": -1})


def test_unknown_fault_kind_is_refused(fake_google, emulator):
    with pytest.raises(AssertionError, match="unknown fault kind"):
        emulator.post("/faults", {"kind": "explode"})


def test_state_file_survives_restart(tmp_path):
    state = tmp_path / "google.json"
    with FakeGoogle(state_file=state) as server:
        urllib.request.urlopen(
            urllib.request.Request(
                server.base_url + "/_emulator/accounts",
                data=json.dumps({"email": "carol@example.com"}).encode(),
                method="POST",
            )
        ).read()
    assert state.exists()
    with FakeGoogle(state_file=state) as server:
        status, body = _get(server.base_url + "/_emulator/accounts")
    assert [a["email"] for a in body["accounts"]] == ["carol@example.com"]
