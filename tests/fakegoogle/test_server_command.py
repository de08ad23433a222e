"""``crmsync fakegoogle`` as a user runs it: a foreground process printing its base URL."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "crmsync", "fakegoogle", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "0"},  # the command must flush by itself
    )


def _first_line(process: subprocess.Popen[str], timeout: float = 30) -> str:
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    threading.Thread(target=lambda: lines.put(process.stdout.readline()), daemon=True).start()
    return lines.get(timeout=timeout).strip()


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.loads(answer.read())


def _stop(process: subprocess.Popen[str]) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    return process.returncode, err


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a hard kill on Windows")
def test_prints_base_url_first_serves_and_stops_cleanly(tmp_path: Path):
    state = tmp_path / "google.json"
    process = _start("--port", "0", "--state", str(state), "--people-read-quota", "7")
    try:
        base = _first_line(process)
        assert base.startswith("http://127.0.0.1:")
        assert int(base.rsplit(":", 1)[1]) > 0
        doc = _get_json(base + "/.well-known/openid-configuration")
        assert doc["issuer"] == base and doc["token_endpoint"] == base + "/token"
        assert _get_json(base + "/_emulator/quotas")["limits"]["people_read"] == 7
        request = urllib.request.Request(
            base + "/_emulator/accounts",
            data=json.dumps({"email": "gina@example.com"}).encode(),
            method="POST",
        )
        urllib.request.urlopen(request, timeout=10).read()
    finally:
        code, err = _stop(process)
    assert code == 0, err
    saved = json.loads(state.read_text())
    assert [a["email"] for a in saved["accounts"]] == ["gina@example.com"]


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a hard kill on Windows")
@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback here")
def test_serves_on_the_ipv6_loopback():
    process = _start("--host", "::1", "--port", "0")
    try:
        base = _first_line(process)
        assert base.startswith("http://[::1]:")
        doc = _get_json(base + "/.well-known/openid-configuration")
        assert doc["issuer"] == base and doc["token_endpoint"] == base + "/token"
    finally:
        code, err = _stop(process)
    assert code == 0, err


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10"])
def test_non_loopback_host_is_refused(host):
    result = subprocess.run(
        [sys.executable, "-m", "crmsync", "fakegoogle", "--host", host],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "loopback" in result.stderr and host in result.stderr


def test_corrupt_state_file_is_refused_naming_the_file(tmp_path: Path):
    state = tmp_path / "broken.json"
    state.write_text("{not json", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "crmsync", "fakegoogle", "--state", str(state)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert str(state) in result.stderr
    assert state.read_text(encoding="utf-8") == "{not json"  # left for the user to inspect
