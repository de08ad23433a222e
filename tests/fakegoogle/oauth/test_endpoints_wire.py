"""The OAuth endpoints on the wire: what a hand-written client would send and receive."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

REDIRECT = "http://127.0.0.1:8765/"
SCOPE = "openid email https://www.googleapis.com/auth/calendar.events"


def _challenge(verifier: str) -> str:
    return (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )


def _authorize(base: str, **params: str) -> requests.Response:
    query = {
        "client_id": "wire-client",
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": SCOPE,
        "state": "xyz",
        **params,
    }
    return requests.get(
        base + "/o/oauth2/v2/auth?" + urlencode(query), allow_redirects=False, timeout=10
    )


def _code(base: str, verifier: str | None = None, **params: str) -> str:
    if verifier is not None:
        params.update(code_challenge=_challenge(verifier), code_challenge_method="S256")
    answer = _authorize(base, **params)
    assert answer.status_code == 302, answer.text
    return parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]


def _exchange(base: str, code: str, **fields: str) -> requests.Response:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": "wire-client",
        "redirect_uri": REDIRECT,
        **fields,
    }
    return requests.post(base + "/token", data=form, timeout=10)


@pytest.fixture
def base(fake_google) -> str:
    return fake_google.base_url


# --- authorization endpoint -----------------------------------------------------------


def test_redirect_carries_state_code_and_full_scope_urls(base):
    answer = _authorize(base, login_hint="dora@example.com")
    location = urlsplit(answer.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    query = parse_qs(location.query)
    assert query["state"] == ["xyz"]
    assert query["code"][0].startswith("4/")
    assert query["scope"][0].split() == [
        "openid",
        "https://www.googleapis.com/auth/userinfo.email",
        "https://www.googleapis.com/auth/calendar.events",
    ]


@pytest.mark.parametrize(
    "redirect",
    ["https://example.com/callback", "http://192.168.1.5:8080/", "urn:ietf:wg:oauth:2.0:oob"],
)
def test_non_loopback_redirect_is_an_error_page(base, redirect):
    answer = _authorize(base, redirect_uri=redirect)
    assert answer.status_code == 400
    assert "redirect_uri_mismatch" in answer.text
    assert "Location" not in answer.headers


def test_ipv6_loopback_redirect_is_accepted(base):
    assert _authorize(base, redirect_uri="http://[::1]:9000/cb").status_code == 302


def test_unknown_scope_is_an_error_page_naming_it(base):
    answer = _authorize(base, scope="openid https://www.googleapis.com/auth/nonsense")
    assert answer.status_code == 400
    assert "invalid_scope" in answer.text and "nonsense" in answer.text


@pytest.mark.parametrize("missing", ["client_id", "redirect_uri", "scope", "response_type"])
def test_missing_parameter_is_invalid_request(base, missing):
    answer = _authorize(base, **{missing: ""})
    assert answer.status_code == 400
    assert "invalid_request" in answer.text and missing in answer.text


def test_other_response_type_goes_back_as_error(base):
    answer = _authorize(base, response_type="token")
    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert query == {"state": ["xyz"], "error": ["unsupported_response_type"]}


def test_prompt_none_needs_an_earlier_consent(base):
    answer = _authorize(base, prompt="none", login_hint="gus@example.com")
    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert query == {"state": ["xyz"], "error": ["interaction_required"]}

    _exchange(base, _code(base, login_hint="gus@example.com"))
    again = parse_qs(
        urlsplit(
            _authorize(base, prompt="none", login_hint="gus@example.com").headers["Location"]
        ).query
    )
    assert again["code"] and again["prompt"] == ["none"]


# --- token endpoint: codes and PKCE ---------------------------------------------------


def test_code_exchange_answers_like_google(base):
    verifier = secrets.token_urlsafe(48)
    body = _exchange(base, _code(base, verifier), code_verifier=verifier).json()
    assert set(body) == {
        "access_token",
        "expires_in",
        "refresh_token",
        "scope",
        "token_type",
        "id_token",
    }
    assert body["expires_in"] == 3599 and body["token_type"] == "Bearer"


def test_pkce_verifier_mismatch_is_invalid_grant(base):
    code = _code(base, secrets.token_urlsafe(48))
    answer = _exchange(base, code, code_verifier=secrets.token_urlsafe(48))
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "invalid_grant",
        "error_description": "Invalid code verifier.",
    }


def test_pkce_verifier_missing_is_invalid_grant(base):
    answer = _exchange(base, _code(base, secrets.token_urlsafe(48)))
    assert answer.json()["error"] == "invalid_grant"


def test_plain_pkce_challenge(base):
    verifier = secrets.token_urlsafe(48)
    code = _code(base, code_challenge=verifier, code_challenge_method="plain")
    assert _exchange(base, code, code_verifier=verifier).status_code == 200


def test_code_is_single_use(base):
    code = _code(base)
    assert _exchange(base, code).status_code == 200
    again = _exchange(base, code)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_code_expires_after_ten_minutes(base, emulator):
    code = _code(base)
    emulator.post("/clock/advance", {"minutes": 10, "seconds": 1})
    assert _exchange(base, code).json()["error"] == "invalid_grant"


def test_code_is_bound_to_redirect_uri_and_client(base):
    code = _code(base)
    other = _exchange(base, code, redirect_uri="http://127.0.0.1:9999/")
    assert other.json()["error"] == "redirect_uri_mismatch"
    assert _exchange(base, code, client_id="someone-else").json()["error"] == "invalid_grant"


def test_unknown_code_is_invalid_grant(base):
    assert _exchange(base, "4/0Anonsense").json()["error"] == "invalid_grant"


def test_configured_secret_is_checked(base, emulator):
    emulator.post("/clients", {"client_id": "wire-client", "client_secret": "right"})
    wrong = _exchange(base, _code(base), client_secret="wrong")
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    missing = _exchange(base, _code(base))
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"
    assert _exchange(base, _code(base), client_secret="right").status_code == 200


def test_client_secret_basic_is_accepted(base, emulator):
    emulator.post("/clients", {"client_id": "wire-client", "client_secret": "right"})
    form = {"grant_type": "authorization_code", "code": _code(base), "redirect_uri": REDIRECT}
    answer = requests.post(base + "/token", data=form, auth=("wire-client", "right"), timeout=10)
    assert answer.status_code == 200


def test_unknown_grant_type(base):
    answer = requests.post(
        base + "/token", data={"grant_type": "password", "client_id": "wire-client"}, timeout=10
    )
    assert answer.status_code == 400 and answer.json()["error"] == "unsupported_grant_type"


# --- token endpoint: refresh ----------------------------------------------------------


def _refresh(base: str, refresh_token: str, client_id: str = "wire-client") -> requests.Response:
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": client_id}
    return requests.post(base + "/token", data=form, timeout=10)


def test_refresh_gives_a_new_access_token_and_id_token(base):
    tokens = _exchange(base, _code(base)).json()
    body = _refresh(base, tokens["refresh_token"]).json()
    assert body["access_token"] != tokens["access_token"]
    assert "refresh_token" not in body and "id_token" in body


def test_refresh_by_another_client_is_unauthorized(base):
    tokens = _exchange(base, _code(base)).json()
    answer = _refresh(base, tokens["refresh_token"], client_id="another-client")
    assert answer.status_code == 401 and answer.json()["error"] == "unauthorized_client"


def test_unknown_refresh_token_is_invalid_grant(base):
    answer = _refresh(base, "1//nonsense")
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "invalid_grant",
        "error_description": "Token has been expired or revoked.",
    }


# --- revocation -----------------------------------------------------------------------


def test_revoking_the_refresh_token_kills_its_access_tokens(base):
    tokens = _exchange(base, _code(base)).json()
    answer = requests.post(base + "/revoke", data={"token": tokens["refresh_token"]}, timeout=10)
    assert (answer.status_code, answer.json()) == (200, {})
    userinfo = requests.get(
        base + "/oauth2/v3/userinfo",
        headers={"Authorization": "Bearer " + tokens["access_token"]},
        timeout=10,
    )
    assert userinfo.status_code == 401
    assert _refresh(base, tokens["refresh_token"]).json()["error"] == "invalid_grant"


def test_revoking_an_unknown_or_revoked_token(base):
    tokens = _exchange(base, _code(base)).json()
    requests.post(base + "/revoke", params={"token": tokens["refresh_token"]}, timeout=10)
    for token in (tokens["refresh_token"], "ya29.nonsense"):
        answer = requests.post(base + "/revoke", params={"token": token}, timeout=10)
        assert answer.status_code == 400
        assert answer.json() == {
            "error": "invalid_token",
            "error_description": "Token expired or revoked",
        }


# --- OpenID Connect -------------------------------------------------------------------


def test_discovery_document_names_every_endpoint_under_the_base_url(base):
    doc = requests.get(base + "/.well-known/openid-configuration", timeout=10).json()
    assert doc["issuer"] == base
    for key in (
        "authorization_endpoint",
        "token_endpoint",
        "userinfo_endpoint",
        "revocation_endpoint",
        "jwks_uri",
    ):
        assert doc[key].startswith(base + "/"), key
    assert "S256" in doc["code_challenge_methods_supported"]
    assert "code" in doc["response_types_supported"]
    assert {"openid", "email", "profile"} <= set(doc["scopes_supported"])
    # The endpoints it names answer.
    keys = requests.get(doc["jwks_uri"], timeout=10).json()["keys"]
    assert keys and keys[0]["kty"] == "RSA"
    assert requests.get(doc["userinfo_endpoint"], timeout=10).status_code == 401


def test_userinfo_needs_a_live_bearer_token(base, emulator):
    url = base + "/oauth2/v3/userinfo"
    assert requests.get(url, timeout=10).status_code == 401
    bad = requests.get(url, headers={"Authorization": "Bearer ya29.nonsense"}, timeout=10)
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_request"
    tokens = _exchange(base, _code(base, login_hint="erin@example.com")).json()
    headers = {"Authorization": "Bearer " + tokens["access_token"]}
    assert requests.get(url, headers=headers, timeout=10).json()["email"] == "erin@example.com"
    emulator.post("/clock/advance", {"hours": 1, "seconds": 1})
    assert requests.get(url, headers=headers, timeout=10).status_code == 401


def test_userinfo_v2_shape(base):
    tokens = _exchange(base, _code(base, login_hint="finn@example.com")).json()
    body = requests.get(
        base + "/oauth2/v2/userinfo",
        headers={"Authorization": "Bearer " + tokens["access_token"]},
        timeout=10,
    ).json()
    assert body["email"] == "finn@example.com" and body["verified_email"] is True
    assert body["id"].isdigit()


def test_past_a_hundred_refresh_tokens_the_oldest_dies(base):
    first = _exchange(base, _code(base, login_hint="hal@example.com")).json()["refresh_token"]
    for _ in range(100):
        _exchange(base, _code(base, login_hint="hal@example.com"))
    assert _refresh(base, first).json()["error"] == "invalid_grant"
