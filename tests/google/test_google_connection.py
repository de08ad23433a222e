"""« Connexion », « Tester », the status light and the resets, against the Google emulator,
through the real google-auth-oauthlib flow and google-api-python-client over HTTP.

The browser is the one thing faked: a stand-in that GETs the authorisation address and
follows its redirects, as a person clicking « Autoriser » would.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import urllib.error
import urllib.parse
import urllib.request
import webbrowser

import keyring
import keyring.backend
import pytest
from memory_keyring import MemoryKeyring

from crmsync import paths
from crmsync.cli import main
from crmsync.crm import db as store
from crmsync.crm.models import SyncSettings, User
from crmsync.google import demo, oauth, secrets
from crmsync.google import settings as google_settings
from crmsync.google.endpoints import GOOGLE
from crmsync.google.messages import text
from crmsync.google.session import GoogleSession, ReconnectNeeded
from crmsync.google.status import user_status

CLIENT_ID = "crmsync-tests.apps.googleusercontent.com"
CLIENT_SECRET = "GOCSPX-test-client-secret-value"
ALICE = "alice@example.com"


class AnotherAccountBrowser(demo.HeadlessBrowser):
    """A person who picks another Google account than the one suggested."""

    def __init__(self, name: str, account: str) -> None:
        super().__init__(name)
        self.account = account

    def open(self, url, new=0, autoraise=True):
        parts = urllib.parse.urlsplit(url)
        query = dict(urllib.parse.parse_qsl(parts.query))
        query["login_hint"] = self.account
        return super().open(parts._replace(query=urllib.parse.urlencode(query)).geturl())


class UntickingBrowser(demo.HeadlessBrowser):
    """A person who unticks one of the permissions on Google's granular consent screen."""

    def __init__(self, name: str, scope: str) -> None:
        super().__init__(name)
        self.scope = scope

    def open(self, url, new=0, autoraise=True):
        parts = urllib.parse.urlsplit(url)
        query = dict(urllib.parse.parse_qsl(parts.query))
        query["scope"] = " ".join(s for s in query["scope"].split() if s != self.scope)
        return super().open(parts._replace(query=urllib.parse.urlencode(query)).geturl())


@pytest.fixture
def crm(tmp_path, monkeypatch, fake_google, emulator):
    """A CRM database with alice, the folder's OAuth client, the file secrets store, and
    every Google call sent to the emulator."""
    monkeypatch.setenv("CRMSYNC_SECRET_STORE", "file")
    monkeypatch.setenv("CRMSYNC_SECRET_FILE", "")
    monkeypatch.setenv("CRMSYNC_GOOGLE_ENDPOINT", fake_google.base_url)
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "")
    monkeypatch.setenv("OAUTHLIB_RELAX_TOKEN_SCOPE", "")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    path = tmp_path / "crm.sqlite"
    store.open_database(path)
    User.create(login="alice", name="Alice", email=ALICE, google_email=ALICE)
    google_settings.save_client_settings(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    emulator.post("/clients", {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET})
    store.close_database()

    class Crm:
        db = path

        def run(self, capsys, *argv):
            code = main(["--db", str(path), *argv])
            out, err = capsys.readouterr()
            return code, out, err

        def open(self):
            store.open_database(path)
            return User.get(User.login == "alice")

        def stored_refresh_token(self, login="alice"):
            store.open_database(path)
            return secrets.open_secret_store().get(secrets.refresh_token_key(login))

    yield Crm()
    store.close_database()


@pytest.fixture
def browser():
    """The browser stand-in, registered under a name the flow is given."""
    return demo.register_headless_browser("crmsync-test-browser")


def connect(crm, browser, *, timeout=10, **options):
    user = crm.open()
    try:
        return oauth.connect(user, browser=browser.name, timeout=timeout, **options)
    finally:
        store.close_database()


def set_calendar(crm, capsys, name):
    assert crm.run(capsys, "user", "set", "alice", "--calendar", name)[0] == 0


# --- consent to green ---------------------------------------------------------------


def test_consent_then_tester_turns_the_light_green(crm, browser, capsys):
    result = connect(crm, browser)
    assert result.account_email == ALICE and not result.email_mismatch

    (url,) = browser.visited
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert len(query["state"]) >= 20
    assert query["login_hint"] == ALICE
    assert query["access_type"] == "offline" and query["prompt"] == "consent"
    assert query["redirect_uri"].startswith("http://127.0.0.1:")
    assert set(query["scope"].split()) == set(google_settings.SCOPES)

    set_calendar(crm, capsys, ALICE)
    code, out, err = crm.run(capsys, "test", "--user", "alice")
    assert code == 0, out + err
    assert "✘" not in out
    code, out, _ = crm.run(capsys, "status", "--user", "alice", "--json")
    status = json.loads(out)
    assert status["colour"] == "green"
    assert status["account"] == ALICE
    user = crm.open()
    settings = SyncSettings.for_user(user)
    assert settings.status == "green" and settings.google_account_email == ALICE
    assert settings.connected_at is not None


def test_the_refresh_token_is_in_the_secrets_store_never_the_database(crm, browser):
    connect(crm, browser)
    token = crm.stored_refresh_token()
    assert token
    store.close_database()
    assert token.encode() not in crm.db.read_bytes()
    assert CLIENT_SECRET.encode() not in crm.db.read_bytes()
    for wal in crm.db.parent.glob("crm.sqlite*"):
        assert token.encode() not in wal.read_bytes()


def test_a_connected_user_without_calendar_is_orange(crm, browser):
    result = connect(crm, browser)
    assert result.status.colour == "orange"
    assert result.status.message_id == "calendar_not_chosen"


def test_an_account_other_than_the_users_is_said_clearly(crm, capsys):
    other = AnotherAccountBrowser("crmsync-other-account", "bob@example.com")
    webbrowser.register(other.name, None, other)
    set_calendar(crm, capsys, ALICE)
    result = connect(crm, other)
    assert result.account_email == "bob@example.com"
    assert result.email_mismatch
    assert result.status.colour == "orange"
    assert "bob@example.com" in result.status.reason_fr and ALICE in result.status.reason_fr
    user = crm.open()
    assert SyncSettings.for_user(user).google_account_email == "bob@example.com"


def test_a_permission_left_unticked_is_said_and_the_tester_names_it(crm, capsys):
    unticking = UntickingBrowser("crmsync-unticking", google_settings.CONTACTS_SCOPE)
    webbrowser.register(unticking.name, None, unticking)
    set_calendar(crm, capsys, ALICE)
    result = connect(crm, unticking)
    assert result.status.colour == "orange"
    assert result.status.reason_fr == (
        "Autorisation incomplète : l'accès Google Contacts n'a pas été accordé"
    )
    code, out, _ = crm.run(capsys, "test", "--user", "alice")
    assert code == 1
    assert "✔ API Google Calendar accessible" in out
    assert "✘ Autorisation incomplète : l'accès Google Contacts n'a pas été accordé" in out
    assert "cochez toutes les autorisations" in out


# --- what goes wrong at consent -----------------------------------------------------


def test_an_account_outside_the_test_users_gets_access_denied(crm, browser, emulator):
    emulator.post(
        "/clients",
        {"client_id": CLIENT_ID, "testing_mode": True, "test_users": ["bob@example.com"]},
    )
    with pytest.raises(oauth.ConnectError) as caught:
        connect(crm, browser)
    said = caught.value.said
    assert said.text("fr") == "Erreur d'autorisation. 403 access_denied"
    assert "utilisateurs test" in said.fix("fr")
    assert crm.stored_refresh_token() is None


def test_an_account_left_on_googles_blocked_page_times_out_with_the_advice(crm, browser, emulator):
    emulator.post(
        "/clients",
        {
            "client_id": CLIENT_ID,
            "testing_mode": True,
            "test_users": ["bob@example.com"],
            "blocked_user": "page",
        },
    )
    with pytest.raises(oauth.ConnectError) as caught:
        connect(crm, browser, timeout=1)
    # Google shows its « 403 access_denied » page and never comes back to the app …
    assert browser.errors == [403]
    # … so the app, having waited, says what the user saw and what to do about it.
    said = caught.value.said
    assert text("access_denied", "fr") in said.fix("fr")
    assert "utilisateurs test" in said.fix("fr")
    assert crm.stored_refresh_token() is None
    assert SyncSettings.for_user(User.get(User.login == "alice")).connected_at is None


def test_access_denied_in_the_redirect_gives_the_tech_sheets_message(crm, browser, emulator):
    emulator.post("/oauth/consent", {"decision": "deny"})
    with pytest.raises(oauth.ConnectError) as caught:
        connect(crm, browser)
    said = caught.value.said
    assert said.text("fr") == "Erreur d'autorisation. 403 access_denied"
    assert "utilisateurs test" in said.fix("fr") and ALICE in said.fix("fr")
    assert crm.stored_refresh_token() is None


def _consent_redirect(url):
    """What the browser is sent to after consent (not followed: nothing listens there)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as caught:
        opener.open(url, timeout=10)
    with caught.value as answer:
        assert answer.code == 302
        return answer.headers["Location"]


def test_the_manual_connection_takes_the_pasted_address(crm):
    seen = []

    def paste(url):
        seen.append(url)
        return _consent_redirect(url)

    result = connect(crm, demo.HeadlessBrowser(), manual=True, read_redirect=paste)
    assert result.account_email == ALICE
    redirect = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(seen[0]).query))["redirect_uri"]
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", redirect)
    assert crm.stored_refresh_token()


def test_an_emulator_connection_leaves_no_plain_http_allowance_behind(crm, browser, monkeypatch):
    from oauthlib.oauth2.rfc6749.errors import InsecureTransportError

    monkeypatch.delenv("OAUTHLIB_INSECURE_TRANSPORT")
    monkeypatch.delenv("OAUTHLIB_RELAX_TOKEN_SCOPE")
    result = connect(crm, browser)  # plain http to 127.0.0.1: allowed for this flow …
    assert result.account_email == ALICE
    assert "OAUTHLIB_INSECURE_TRANSPORT" not in os.environ  # … and for nothing else
    assert "OAUTHLIB_RELAX_TOKEN_SCOPE" not in os.environ
    client = google_settings.ClientSettings(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    google = oauth.build_flow(client, GOOGLE)
    try:
        with pytest.raises(InsecureTransportError):
            google.fetch_token(authorization_response="http://127.0.0.1:9/?code=4/0Ax&state=s")
        with pytest.raises(InsecureTransportError):
            google.oauth2session.fetch_token("http://127.0.0.1:9/token", code="4/0Ax")
    finally:
        google.oauth2session.close()


def test_a_tampered_state_is_refused_and_nothing_is_stored(crm):
    def paste_tampered(url):
        redirect = _consent_redirect(url)
        return re.sub(r"state=[^&]+", "state=forged-by-someone-else", redirect)

    with pytest.raises(oauth.ConnectError) as caught:
        connect(crm, demo.HeadlessBrowser(), manual=True, read_redirect=paste_tampered)
    assert caught.value.said.id == "state_mismatch"
    assert "state" in caught.value.said.text("fr")
    assert crm.stored_refresh_token() is None
    user = User.get(User.login == "alice")
    assert SyncSettings.for_user(user).connected_at is None


def test_connecting_without_client_settings_says_so(crm, browser):
    crm.open()
    google_settings.save_client_settings(client_id="")
    store.close_database()
    with pytest.raises(oauth.ConnectError) as caught:
        connect(crm, browser)
    assert caught.value.said.id == "client_missing"
    assert browser.visited == []


def test_the_demo_client_is_never_sent_to_google(crm, browser, monkeypatch):
    crm.open()
    google_settings.save_client_settings(client_id=google_settings.DEMO_CLIENT_ID)
    store.close_database()
    monkeypatch.delenv("CRMSYNC_GOOGLE_ENDPOINT")
    with pytest.raises(oauth.ConnectError) as caught:
        connect(crm, browser)
    assert "emulator only" in caught.value.said.text("en")
    assert browser.visited == []


# --- Tester -------------------------------------------------------------------------


def test_calendar_api_not_enabled(crm, browser, capsys, emulator):
    connect(crm, browser)
    set_calendar(crm, capsys, ALICE)
    emulator.post("/clients", {"client_id": CLIENT_ID, "disabled_apis": ["calendar"]})
    code, out, _ = crm.run(capsys, "test", "--user", "alice")
    assert code == 1
    assert "✘ Aucun calendrier n'a été trouvé sur le compte Google" in out
    assert "API Google Calendar est activée" in out
    assert "✔ API Google People (Contacts) accessible" in out
    status = user_status(crm.open())
    assert status.colour == "red" and status.message_id == "no_calendar"


def test_calendar_name_empty(crm, browser, capsys):
    connect(crm, browser)
    code, out, _ = crm.run(capsys, "test", "--user", "alice")
    assert code == 1
    assert "✘ Nom du calendrier non renseigné" in out
    assert "Renseignez le nom de l'agenda Google" in out


def test_unknown_calendar(crm, browser, capsys):
    connect(crm, browser)
    set_calendar(crm, capsys, "Nope")
    code, out, _ = crm.run(capsys, "test", "--user", "alice")
    assert code != 0
    assert "Le calendrier recherché « Nope » est inconnu" in out
    assert "Vérifiez le nom de l'agenda dans Google" in out


def test_unknown_calendar_in_english(crm, browser, capsys):
    connect(crm, browser)
    set_calendar(crm, capsys, "Nope")
    code, out, _ = crm.run(capsys, "test", "--user", "alice", "--lang", "en", "--json")
    assert code == 1
    report = json.loads(out)
    failed = [c for c in report["checks"] if not c["ok"] and not c["skipped"]]
    assert [c["message"] for c in failed] == [
        "The calendar « Nope » you are looking for is unknown"
    ]
    assert failed[0]["fix"].startswith("Check the calendar's name in Google")


def _shared_read_only_calendar(emulator):
    created = emulator.post(
        "/calendar/calendars", {"owner": "boss@example.com", "summary": "Agenda du patron"}
    )
    emulator.post(
        f"/calendar/calendars/{urllib.parse.quote(created['id'])}/share",
        {"email": ALICE, "role": "reader"},
    )
    return created["id"]


def test_read_only_calendar(crm, browser, capsys, emulator):
    _shared_read_only_calendar(emulator)
    connect(crm, browser)
    set_calendar(crm, capsys, "Agenda du patron")
    code, out, _ = crm.run(capsys, "test", "--user", "alice")
    assert code == 1
    assert "Le calendrier « Agenda du patron » est en lecture seule" in out
    assert "(droit : reader)" in out


def test_the_calendar_list_offers_writable_calendars_only(crm, browser, capsys, emulator):
    shared = _shared_read_only_calendar(emulator)
    own = emulator.post("/calendar/calendars", {"owner": ALICE, "summary": "Clients"})
    connect(crm, browser)
    code, out, _ = crm.run(capsys, "calendars", "--user", "alice", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [c["summary"] for c in listed] == [ALICE, "Clients"]
    assert listed[0]["primary"] and listed[1]["id"] == own["id"]
    code, out, _ = crm.run(capsys, "calendars", "--user", "alice", "--all", "--json")
    assert shared in {c["id"] for c in json.loads(out)}


# --- tokens that die ----------------------------------------------------------------


def test_a_revoked_token_turns_the_light_red_without_crashing(crm, browser, capsys, emulator):
    connect(crm, browser)
    set_calendar(crm, capsys, ALICE)
    token = crm.stored_refresh_token()
    store.close_database()
    request = urllib.request.Request(
        emulator.base_url + "/revoke",
        data=urllib.parse.urlencode({"token": token}).encode(),
        method="POST",
    )
    urllib.request.urlopen(request, timeout=10).close()

    code, out, _ = crm.run(capsys, "test", "--user", "alice")
    assert code == 1
    assert "Les informations sur le compte utilisateur ne sont pas accessibles" in out
    assert "Reconnexion nécessaire" in out
    user = crm.open()
    status = user_status(user)
    assert status.colour == "red"
    assert status.reason_fr == (
        "Reconnexion nécessaire : l'autorisation Google a été révoquée ou a expiré. "
        "Cliquez sur « Connexion »."
    )
    assert status.reason_en.startswith("Reconnection needed")

    # A sync calling the API meets a typed error, not a crash.
    with GoogleSession(user) as session, pytest.raises(ReconnectNeeded):
        session.execute(session.calendar().calendarList().list())


def test_testing_mode_tokens_die_after_seven_days(crm, browser, capsys, emulator):
    emulator.post("/clients", {"client_id": CLIENT_ID, "testing_mode": True})
    assert crm.run(capsys, "settings", "google", "--testing-consent")[0] == 0
    connect(crm, browser)
    set_calendar(crm, capsys, ALICE)
    code, out, _ = crm.run(capsys, "test", "--user", "alice")
    assert code == 0, out
    # Working, but it will stop: orange, with the date.
    status = user_status(crm.open())
    assert status.colour == "orange" and status.message_id == "testing_consent"
    store.close_database()

    emulator.post("/clock/advance", {"days": 7, "seconds": 1})
    code, out, _ = crm.run(capsys, "test", "--user", "alice")
    assert code == 1
    assert "Reconnexion nécessaire" in out
    status = user_status(crm.open())
    assert status.colour == "red" and status.message_id == "reconnect_needed"


# --- secrets ------------------------------------------------------------------------


def test_without_a_secure_keyring_connect_refuses_and_says_how_to_opt_in(crm, capsys, monkeypatch):
    from keyring.backends import fail

    monkeypatch.delenv("CRMSYNC_SECRET_STORE")
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        code, _, err = crm.run(capsys, "connect", "--user", "alice", "--no-browser")
    finally:
        keyring.set_keyring(before)
    assert code == 2
    assert "CRMSYNC_SECRET_STORE=file" in err
    assert "crmsync settings secrets --file-store" in err
    # Nothing fell back to the file store (which holds only the set-up's client secret).
    stored = json.loads((paths.data_dir() / "secrets.json").read_text())
    assert not any(key.endswith("|refresh_token") for key in stored)


def test_a_secure_keyring_holds_the_tokens(crm, browser, capsys, monkeypatch):
    monkeypatch.delenv("CRMSYNC_SECRET_STORE")
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        user = crm.open()
        google_settings.save_client_settings(client_secret=CLIENT_SECRET)
        store.close_database()
        connect(crm, browser)
        set_calendar(crm, capsys, ALICE)
        code, out, _ = crm.run(capsys, "test", "--user", "alice")
    finally:
        keyring.set_keyring(before)
    assert code == 0, out
    names = sorted(username.split("|", 1)[1] for service, username in memory.passwords)
    assert names == ["alice|refresh_token", "google|client_secret"]
    assert {service for service, _ in memory.passwords} == {"crmsync"}
    assert user.login == "alice"
    on_file = json.loads((paths.data_dir() / "secrets.json").read_text())
    assert not any(key.endswith("|refresh_token") for key in on_file)


def test_no_token_or_secret_reaches_the_logs(crm, browser, capsys, caplog, emulator):
    with caplog.at_level(logging.DEBUG):
        connect(crm, browser)
        set_calendar(crm, capsys, ALICE)
        code, out, err = crm.run(capsys, "test", "--user", "alice")
        assert code == 0
    refresh_token = crm.stored_refresh_token()
    requests = emulator.get("/requests")["requests"]
    logged = caplog.text + out + err
    assert "Request body was" in caplog.text  # the OAuth library did log at DEBUG …
    for secret in (refresh_token, CLIENT_SECRET):
        assert secret not in logged  # … but not what matters
    for pattern in (r"ya29\.[\w-]{10,}", r"1//[\w-]{10,}", r"4/0A[\w-]{10,}"):
        assert not re.search(pattern, logged), pattern
    assert requests  # the emulator did see the calls


class _EveryRecord(logging.Handler):
    """Keeps every record of every logger, formatted as a handler would write it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []
        self.names: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))
        self.names.add(record.name)


@pytest.fixture
def every_record():
    """Every logger at DEBUG, gathered by a handler on the root logger."""
    root = logging.getLogger()
    handler = _EveryRecord()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def test_a_whole_round_at_debug_logs_no_secret(
    crm, browser, capsys, monkeypatch, fake_google, every_record
):
    """Settings, connect, test, calendars and the SQL beneath them, every logger at DEBUG:
    the client secret, the API key and the tokens never reach a log line."""
    api_key = "AIzaSyD-crmsync-test-api-key-0123456789"
    monkeypatch.setattr("sys.stdin", io.StringIO(CLIENT_SECRET + "\n"))
    assert (
        crm.run(
            capsys,
            "-vv",
            "settings",
            "google",
            "--client-id",
            CLIENT_ID,
            "--client-secret-stdin",
            "--api-key",
            api_key,
        )[0]
        == 0
    )
    assert crm.run(capsys, "-vv", "settings", "google", "--show")[0] == 0
    connect(crm, browser)
    set_calendar(crm, capsys, ALICE)
    code, out, err = crm.run(capsys, "-vv", "test", "--user", "alice")
    assert code == 0, out + err
    assert crm.run(capsys, "-vv", "calendars", "--user", "alice")[0] == 0
    store.close_database()

    state = fake_google.state
    tokens = [*state.access_tokens, *state.grants]
    assert any(t.startswith("ya29.") for t in tokens) and any(t.startswith("1//") for t in tokens)
    logged = "\n".join(every_record.lines)
    # The libraries did talk about these at DEBUG (peewee's SQL, the token request) …
    assert {"peewee", "requests_oauthlib.oauth2_session"} <= every_record.names
    assert "folder_settings" in logged and "Request body was" in logged
    # … and none of the values reached a line.
    for secret in (CLIENT_SECRET, api_key, *tokens):
        assert secret not in logged


# --- resets -------------------------------------------------------------------------


def _sync_tables(user):
    """Sync links of ``user`` (an event and a contact) and one of another user."""
    from crmsync.sync.state import SyncLink

    other = User.create(login="bob", name="Bob")
    SyncLink.create(user=user, kind="event", crm_id=1, google_id="e1")
    SyncLink.create(user=user, kind="contact", crm_id=2, google_id="people/c2")
    SyncLink.create(user=other, kind="event", crm_id=3, google_id="e3")
    store.close_database()


def _links(crm):
    crm.open()
    rows = store.current_database().execute_sql(
        "SELECT u.login, l.kind FROM sync_links l JOIN users u ON u.id = l.user_id"
    )
    return sorted(rows)


def test_reset_revokes_forgets_and_drops_every_link(crm, browser, capsys, emulator):
    connect(crm, browser)
    token = crm.stored_refresh_token()
    user = User.get(User.login == "alice")
    _sync_tables(user)

    code, out, _ = crm.run(capsys, "reset", "--user", "alice")
    assert code == 0 and "token revoked" in out
    assert crm.stored_refresh_token() is None
    assert _links(crm) == [("bob", "event")]
    settings = SyncSettings.for_user(User.get(User.login == "alice"))
    assert settings.google_account_email is None and settings.connected_at is None
    assert user_status(User.get(User.login == "alice")).colour == "grey"
    # Google no longer honours the token.
    request = urllib.request.Request(
        emulator.base_url + "/token",
        data=urllib.parse.urlencode(
            {
                "grant_type": "refresh_token",
                "refresh_token": token,
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
            }
        ).encode(),
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert json.loads(caught.value.read())["error"] == "invalid_grant"


def test_calendar_reset_keeps_the_account_and_the_contact_links(crm, browser, capsys):
    connect(crm, browser)
    user = crm.open()
    _sync_tables(user)
    code, _, _ = crm.run(capsys, "reset", "--user", "alice", "--calendar-only")
    assert code == 0
    assert crm.stored_refresh_token()
    assert _links(crm) == [("alice", "contact"), ("bob", "event")]
