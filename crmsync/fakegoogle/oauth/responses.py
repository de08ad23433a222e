"""HTTP handlers of the authorization server: parse the request, apply the rules, answer.

Where Google answers the *browser* (the authorization endpoint) errors are HTML pages
("Error 400: redirect_uri_mismatch") or a redirect back to the app; where it answers the
*app* (token, revoke) they are RFC 6749 JSON bodies.
"""

from __future__ import annotations

import base64
import html
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit, urlunsplit

from crmsync.fakegoogle.exceptions import OAuthError, unauthenticated
from crmsync.fakegoogle.http import Request, Response
from crmsync.fakegoogle.oauth import models
from crmsync.fakegoogle.oauth.jwt import access_token_hash
from crmsync.fakegoogle.oauth.models import (
    CHALLENGE_METHODS,
    DEFAULT_ACCOUNT,
    EMAIL_SCOPE,
    ID_TOKEN_LIFETIME,
    OPENID,
    PROFILE_SCOPE,
    OAuthBackend,
    OAuthRuleError,
)
from crmsync.fakegoogle.state import ACCESS_TOKEN_LIFETIME, AccessToken, Account, EmulatorState

AUTH_PATH = "/o/oauth2/v2/auth"
TOKEN_PATH = "/token"
REVOKE_PATH = "/revoke"
USERINFO_PATH = "/oauth2/v3/userinfo"
JWKS_PATH = "/oauth2/v3/certs"


def _backend(state: EmulatorState) -> OAuthBackend:
    return state.backend("oauth")


# --- the authorization endpoint (the browser's side) --------------------------------


def _error_page(status: int, error: str, description: str) -> Response:
    """Google's error page: the app never hears of it, the user reads it."""
    page = (
        "<!DOCTYPE html><html lang=en><meta charset=utf-8>"
        f"<title>Error {status}: {html.escape(error)}</title>"
        "<h1>Authorization Error</h1>"
        f"<p id=error-description>{html.escape(description)}</p>"
        f"<p id=error-code>Error {status}: {html.escape(error)}</p></html>"
    )
    return Response(status, page, content_type="text/html; charset=utf-8")


def _redirect(redirect_uri: str, params: dict[str, str]) -> Response:
    parts = urlsplit(redirect_uri)
    query = parts.query + ("&" if parts.query else "") + urlencode(params)
    location = urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
    return Response(302, b"", headers={"Location": location}, content_type="text/html")


def authorize(request: Request, state: EmulatorState) -> Response:
    """``GET /o/oauth2/v2/auth``: consent on the user's behalf and send the code back."""
    client_id = request.arg("client_id")
    if not client_id:
        return _error_page(400, "invalid_request", "Missing required parameter: client_id")
    redirect_uri = request.arg("redirect_uri")
    if not redirect_uri:
        return _error_page(400, "invalid_request", "Missing required parameter: redirect_uri")
    if not models.is_loopback_redirect(redirect_uri):
        return _error_page(
            400,
            "redirect_uri_mismatch",
            "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 "
            f"policy. A desktop client redirects to a loopback address, not {redirect_uri}.",
        )
    # From here on the redirect URI is trusted, so protocol errors go back to the app.
    app_state = request.arg("state")

    def back(params: dict[str, str]) -> Response:
        if app_state is not None:
            params = {"state": app_state, **params}
        return _redirect(redirect_uri, params)

    response_type = request.arg("response_type")
    if not response_type:
        return _error_page(400, "invalid_request", "Required parameter is missing: response_type")
    if response_type != "code":
        return back({"error": "unsupported_response_type"})
    raw_scope = request.arg("scope")
    if not raw_scope or not raw_scope.strip():
        return _error_page(400, "invalid_request", "Missing required parameter: scope")
    scopes, invalid = models.parse_scopes(raw_scope)
    if invalid:
        return _error_page(
            400,
            "invalid_scope",
            f"Some requested scopes were invalid. {{valid=[{', '.join(scopes)}], "
            f"invalid=[{', '.join(invalid)}]}}",
        )
    challenge = request.arg("code_challenge")
    method = request.arg("code_challenge_method")
    if method is not None and method not in CHALLENGE_METHODS:
        return _error_page(400, "invalid_request", f"Invalid code_challenge_method: {method}")
    if challenge is not None and method is None:
        method = "plain"  # RFC 7636's default

    email = (request.arg("login_hint") or DEFAULT_ACCOUNT).strip().lower()
    if "@" not in email:
        email = DEFAULT_ACCOUNT
    backend = _backend(state)
    if not models.may_consent(state, client_id, email):
        # An account outside a Testing-mode app's test users never reaches the consent
        # screen. The app is told error=access_denied (the default); with the client's
        # blocked_user="page" only the "Access blocked" page is shown and the app waits.
        if state.client(client_id).blocked_user == "redirect":
            return back(
                {
                    "error": "access_denied",
                    "error_description": f"{email} is not one of the test users of {client_id}",
                }
            )
        return _error_page(
            403,
            "access_denied",
            f"Access blocked: the app {client_id} has not completed the Google verification "
            f"process and {email} is not one of its test users.",
        )
    if backend.consent == "deny":
        return back({"error": "access_denied"})
    state.account(email)
    earlier = backend.granted_before(state, email, client_id)
    prompt = request.arg("prompt") or ""
    if "none" in prompt.split():
        # No screen may be shown: only an earlier consent covering every scope will do.
        if not set(scopes) <= set(earlier):
            return back({"error": "interaction_required"})
    else:
        scopes = backend.consented_scopes(scopes)
    if request.arg("include_granted_scopes") == "true":
        scopes = _merge(earlier, scopes)
    code = backend.new_code(
        state,
        client_id=client_id,
        redirect_uri=redirect_uri,
        email=email,
        scopes=scopes,
        code_challenge=challenge,
        code_challenge_method=method,
        nonce=request.arg("nonce"),
    )
    shown = "none" if "none" in prompt.split() else "consent"
    return back({"code": code.code, "scope": " ".join(scopes), "authuser": "0", "prompt": shown})


def _merge(first: list[str], second: list[str]) -> list[str]:
    return first + [s for s in second if s not in first]


# --- the token endpoint (the app's side) --------------------------------------------


def _form(request: Request) -> dict[str, str]:
    """The token request's parameters (form-encoded as RFC 6749 says; JSON tolerated)."""
    if (request.header("content-type") or "").startswith("application/json"):
        body = request.json()
        return {str(k): str(v) for k, v in body.items()} if isinstance(body, dict) else {}
    fields = parse_qs(request.body.decode("utf-8", "replace"), keep_blank_values=True)
    return {k: v[-1] for k, v in fields.items()}


def _client_credentials(request: Request, form: dict[str, str]) -> tuple[str, str | None]:
    """Client id and secret, from the body or from HTTP Basic (client_secret_basic)."""
    header = request.header("authorization") or ""
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "basic":
        try:
            user, _, password = base64.b64decode(value.strip()).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            raise OAuthError("invalid_request", "Malformed Authorization header.") from None
        return unquote(user), unquote(password)
    client_id = form.get("client_id", "")
    if not client_id:
        raise OAuthError("invalid_request", "Could not determine client ID from request.")
    return client_id, form.get("client_secret")


def _authenticate_client(state: EmulatorState, client_id: str, secret: str | None) -> None:
    expected = state.client(client_id).client_secret
    if expected is None:  # an auto-created client accepts any secret
        return
    if not secret:
        raise OAuthError("invalid_request", "client_secret is missing.")
    if secret != expected:
        raise OAuthError("invalid_client", "Unauthorized", code=401)


def token(request: Request, state: EmulatorState) -> Response:
    """``POST /token``: exchange a code, or refresh an access token."""
    form = _form(request)
    grant_type = form.get("grant_type")
    if not grant_type:
        raise OAuthError("invalid_request", "Required parameter is missing: grant_type")
    if grant_type not in ("authorization_code", "refresh_token"):
        raise OAuthError("unsupported_grant_type", f"Invalid grant_type: {grant_type}")
    client_id, secret = _client_credentials(request, form)
    _authenticate_client(state, client_id, secret)
    try:
        if grant_type == "authorization_code":
            body = _exchange_code(state, client_id, form)
        else:
            body = _refresh(state, client_id, form)
    except OAuthRuleError as exc:
        raise OAuthError(exc.error, exc.description) from None
    # Google's answers are never cached: they carry secrets.
    return Response(200, body, headers={"Cache-Control": "no-cache, no-store, max-age=0"})


def _exchange_code(state: EmulatorState, client_id: str, form: dict[str, str]) -> dict[str, Any]:
    code = form.get("code")
    if not code:
        raise OAuthRuleError("invalid_request", "Missing required parameter: code")
    found = _backend(state).redeem_code(
        state, code, client_id, form.get("redirect_uri"), form.get("code_verifier")
    )
    # Desktop clients get a refresh token on every consent, whatever access_type says.
    grant = models.issue_grant(state, found.email, client_id, found.scopes)
    access = state.issue_access_token(found.email, client_id, found.scopes, grant.grant_id)
    body = _token_body(state, access, nonce=found.nonce)
    body["refresh_token"] = grant.refresh_token
    return body


def _refresh(state: EmulatorState, client_id: str, form: dict[str, str]) -> dict[str, Any]:
    refresh_token = form.get("refresh_token")
    if not refresh_token:
        raise OAuthRuleError("invalid_request", "Missing required parameter: refresh_token")
    grant = state.grants.get(refresh_token)
    if grant is None or not state.grant_is_live(grant):
        raise OAuthRuleError("invalid_grant", "Token has been expired or revoked.")
    if grant.client_id != client_id:
        raise OAuthError("unauthorized_client", "Unauthorized", code=401)
    scopes = list(grant.scopes)
    if form.get("scope"):  # down-scoping: a subset of what was granted, never more
        wanted, invalid = models.parse_scopes(form["scope"])
        if invalid or not set(wanted) <= set(grant.scopes):
            raise OAuthRuleError("invalid_scope", "Bad Request")
        scopes = wanted
    access = state.issue_access_token(grant.email, client_id, scopes, grant.grant_id)
    return _token_body(state, access)


def _token_body(state: EmulatorState, access: AccessToken, nonce: str | None = None) -> dict:
    body: dict[str, Any] = {
        "access_token": access.token,
        "expires_in": ACCESS_TOKEN_LIFETIME - 1,  # Google's clock has moved on by its answer
        "scope": " ".join(access.scopes),
        "token_type": "Bearer",
    }
    if OPENID in access.scopes:
        body["id_token"] = id_token(state, access, nonce)
    return body


def id_token(state: EmulatorState, access: AccessToken, nonce: str | None = None) -> str:
    """The signed OpenID Connect ID token for the account behind an access token."""
    account = state.account(access.email)
    assert account is not None
    now = int(state.clock.time())
    claims: dict[str, Any] = {
        "iss": state.base_url,
        "azp": access.client_id,
        "aud": access.client_id,
        "sub": account.sub,
    }
    if EMAIL_SCOPE in access.scopes:
        claims.update(email=account.email, email_verified=True)
    claims["at_hash"] = access_token_hash(access.token)
    if nonce:
        claims["nonce"] = nonce
    if PROFILE_SCOPE in access.scopes:
        claims.update(_profile(account))
    claims.update(iat=now, exp=now + ID_TOKEN_LIFETIME)
    return _backend(state).signer.sign(claims)


def _profile(account: Account) -> dict[str, str]:
    name = account.name or account.email.split("@")[0]
    return {"name": name, "given_name": name.split(" ")[0]}


# --- revocation ---------------------------------------------------------------------


def revoke(request: Request, state: EmulatorState) -> Response:
    """``POST /revoke?token=…``: a refresh or access token takes its whole grant with it."""
    value = request.arg("token") or _form(request).get("token")
    if not value:
        raise OAuthError("invalid_request", "Bad Request")
    grant = state.grants.get(value)
    live = (
        state.grant_is_live(grant)
        if grant is not None
        else state.lookup_access_token(value) is not None
    )
    if not live or not state.revoke(value):
        raise OAuthError("invalid_token", "Token expired or revoked")
    return Response(200, {})


# --- OpenID Connect -----------------------------------------------------------------


def _bearer(request: Request, state: EmulatorState) -> AccessToken | None:
    scheme, _, value = (request.header("authorization") or "").partition(" ")
    if scheme.lower() == "bearer":
        return state.lookup_access_token(value.strip())
    # Google also takes ?access_token= on the userinfo endpoints.
    legacy = request.arg("access_token")
    return state.lookup_access_token(legacy) if legacy else None


def userinfo_v3(request: Request, state: EmulatorState) -> Response:
    """``GET /oauth2/v3/userinfo``: the OpenID claims the token's scopes allow."""
    access = _bearer(request, state)
    if access is None or not {OPENID, EMAIL_SCOPE, PROFILE_SCOPE} & set(access.scopes):
        return Response(
            401,
            {"error": "invalid_request", "error_description": "Invalid Credentials"},
            headers={"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'},
        )
    account = state.account(access.email)
    assert account is not None
    body: dict[str, Any] = {"sub": account.sub}
    if PROFILE_SCOPE in access.scopes:
        body.update(_profile(account))
    if EMAIL_SCOPE in access.scopes:
        body.update(email=account.email, email_verified=True)
    return Response(200, body)


def userinfo_v2(request: Request, state: EmulatorState) -> Response:
    """``GET /oauth2/v2/userinfo``: the older shape (``id``, ``verified_email``)."""
    access = _bearer(request, state)
    if access is None or not {EMAIL_SCOPE, PROFILE_SCOPE} & set(access.scopes):
        raise unauthenticated()
    account = state.account(access.email)
    assert account is not None
    body: dict[str, Any] = {"id": account.sub}
    if EMAIL_SCOPE in access.scopes:
        body.update(email=account.email, verified_email=True)
    if PROFILE_SCOPE in access.scopes:
        body.update(_profile(account))
    return Response(200, body)


def jwks(request: Request, state: EmulatorState) -> Response:
    return Response(200, _backend(state).signer.jwks())


def pem_certs(request: Request, state: EmulatorState) -> Response:
    return Response(200, _backend(state).signer.pem_certificates())


def openid_configuration(request: Request, state: EmulatorState) -> Response:
    """``/.well-known/openid-configuration``: every endpoint under the emulator's base URL."""
    base = state.base_url
    algorithm = _backend(state).signer.algorithm
    return Response(
        200,
        {
            "issuer": base,
            "authorization_endpoint": base + AUTH_PATH,
            "token_endpoint": base + TOKEN_PATH,
            "userinfo_endpoint": base + USERINFO_PATH,
            "revocation_endpoint": base + REVOKE_PATH,
            "jwks_uri": base + JWKS_PATH,
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": [algorithm],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "claims_supported": [
                "aud",
                "email",
                "email_verified",
                "exp",
                "given_name",
                "iat",
                "iss",
                "name",
                "sub",
            ],
            "code_challenge_methods_supported": list(CHALLENGE_METHODS),
            "grant_types_supported": ["authorization_code", "refresh_token"],
        },
    )


# --- the emulator's own knob --------------------------------------------------------


def consent_set(request: Request, state: EmulatorState) -> Response:
    """``POST /_emulator/oauth/consent {"decision": "allow"|"deny", "withhold": [scopes]}``:
    how the next consents go (Cancel pressed, or some scopes unticked)."""
    body = request.json()
    backend = _backend(state)
    decision = str(body.get("decision", backend.consent))
    if decision not in ("allow", "deny"):
        raise OAuthError("invalid_request", "decision is 'allow' or 'deny'")
    withheld, invalid = models.parse_scopes(" ".join(body.get("withhold", backend.withheld)))
    if invalid:
        raise OAuthError("invalid_scope", f"unknown scopes: {' '.join(invalid)}")
    backend.consent = decision
    backend.withheld = withheld
    state.dirty = True
    return Response(200, {"decision": decision, "withhold": withheld})
