"""Every error the emulator answers, shaped as Google shapes it.

Two families exist on Google's side: the classic JSON error of the Calendar API
(``error.errors[]`` with domain/reason, plus ``status`` on newer front ends) and the
google.rpc status of the People API (``error.status`` plus typed ``details``).
The OAuth endpoints answer RFC 6749 bodies (``{"error": ..., "error_description": ...}``).
"""

from __future__ import annotations

from typing import Any

STATUS_BY_CODE = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ALREADY_EXISTS",
    410: "NOT_FOUND",
    412: "FAILED_PRECONDITION",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}


class EmulatorError(Exception):
    """An error answered to the client; ``body()`` is the JSON sent back."""

    code = 500

    def body(self) -> dict[str, Any]:
        raise NotImplementedError

    def headers(self) -> dict[str, str]:
        return {}


class GoogleAPIError(EmulatorError):
    """A Calendar-style (classic) error: ``errors[]`` with domain and reason."""

    def __init__(
        self,
        code: int,
        reason: str,
        message: str,
        *,
        domain: str = "global",
        location: str | None = None,
        location_type: str | None = None,
        status: str | None = None,
        details: list[dict[str, Any]] | None = None,
        extra_headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{code} {reason}: {message}")
        self.code = code
        self.reason = reason
        self.message = message
        self.domain = domain
        self.location = location
        self.location_type = location_type
        self.status = status or STATUS_BY_CODE.get(code)
        self.details = details
        self._headers = extra_headers or {}

    def body(self) -> dict[str, Any]:
        item: dict[str, Any] = {
            "domain": self.domain,
            "reason": self.reason,
            "message": self.message,
        }
        if self.location:
            item["location"] = self.location
            item["locationType"] = self.location_type or "parameter"
        error: dict[str, Any] = {"errors": [item], "code": self.code, "message": self.message}
        if self.status:
            error["status"] = self.status
        if self.details:
            error["details"] = self.details
        return {"error": error}

    def headers(self) -> dict[str, str]:
        return dict(self._headers)


class RpcError(EmulatorError):
    """A People-style (google.rpc.Status) error with optional ErrorInfo details."""

    def __init__(
        self,
        code: int,
        status: str,
        message: str,
        *,
        reason: str | None = None,
        domain: str = "googleapis.com",
        metadata: dict[str, str] | None = None,
        details: list[dict[str, Any]] | None = None,
        extra_headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{code} {status}: {message}")
        self.code = code
        self.status = status
        self.message = message
        self.details = list(details or [])
        self._headers = extra_headers or {}
        if reason:
            info: dict[str, Any] = {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": reason,
                "domain": domain,
            }
            if metadata:
                info["metadata"] = metadata
            self.details.insert(0, info)

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message, "status": self.status}
        if self.details:
            error["details"] = self.details
        return {"error": error}

    def headers(self) -> dict[str, str]:
        return dict(self._headers)


class OAuthError(EmulatorError):
    """An RFC 6749 error from the token or revoke endpoint."""

    def __init__(self, error: str, description: str, code: int = 400) -> None:
        super().__init__(f"{error}: {description}")
        self.code = code
        self.error = error
        self.description = description

    def body(self) -> dict[str, Any]:
        return {"error": self.error, "error_description": self.description}


# --- errors shared by every API -------------------------------------------------------


def unauthenticated() -> GoogleAPIError:
    """401 for a missing, unknown, expired or revoked access token."""
    return GoogleAPIError(
        401,
        "authError",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, "
        "login cookie or other valid authentication credential. "
        "See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        location="Authorization",
        location_type="header",
        extra_headers={
            "WWW-Authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"'
        },
        details=[
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "ACCESS_TOKEN_TYPE_UNSUPPORTED",
                "domain": "googleapis.com",
            }
        ],
    )


def insufficient_scopes(service: str) -> GoogleAPIError:
    return GoogleAPIError(
        403,
        "insufficientPermissions",
        "Request had insufficient authentication scopes.",
        details=[
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
                "domain": "googleapis.com",
                "metadata": {"service": service},
            }
        ],
    )


def api_not_enabled(service: str, title: str) -> GoogleAPIError:
    """403 accessNotConfigured: the API is disabled for the OAuth client's project."""
    message = (
        f"{title} has not been used in project 000000000000 before or it is disabled. "
        f"Enable it by visiting https://console.developers.google.com/apis/api/{service}/overview"
        "?project=000000000000 then retry."
    )
    return GoogleAPIError(
        403,
        "accessNotConfigured",
        message,
        domain="usageLimits",
        details=[
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "SERVICE_DISABLED",
                "domain": "googleapis.com",
                "metadata": {"service": service, "consumer": "projects/000000000000"},
            }
        ],
    )


def not_found_route(path: str) -> GoogleAPIError:
    return GoogleAPIError(404, "notFound", f"Not Found: {path}")


def backend_error() -> GoogleAPIError:
    return GoogleAPIError(500, "backendError", "Backend Error")


def service_unavailable() -> GoogleAPIError:
    return GoogleAPIError(
        503, "backendError", "The service is currently unavailable.", status="UNAVAILABLE"
    )


# How the Calendar API says "over the per-user rate": the three answers of Google's errors
# guide (403 usageLimits rateLimitExceeded or userRateLimitExceeded, or 429).
CALENDAR_RATE_ANSWERS = {
    "403 rateLimitExceeded": (403, "rateLimitExceeded", "Rate Limit Exceeded"),
    "403 userRateLimitExceeded": (403, "userRateLimitExceeded", "User Rate Limit Exceeded"),
    "429 rateLimitExceeded": (429, "rateLimitExceeded", "Rate Limit Exceeded"),
}


def calendar_rate_limited(
    answer: str = "403 rateLimitExceeded", retry_after: int | None = None
) -> GoogleAPIError:
    """A Calendar rate-limit answer; a 429 says in ``Retry-After`` when to come back."""
    code, reason, message = CALENDAR_RATE_ANSWERS[answer]
    headers = {"Retry-After": str(max(1, retry_after or 1))} if code == 429 else None
    return GoogleAPIError(code, reason, message, domain="usageLimits", extra_headers=headers)


def calendar_usage_limits() -> GoogleAPIError:
    """403 quotaExceeded: a daily or abuse limit, not worth an immediate retry."""
    return GoogleAPIError(
        403, "quotaExceeded", "Calendar usage limits exceeded.", domain="usageLimits"
    )


def people_rate_limited(metric: str, limit_name: str, retry_after: int | None = None) -> RpcError:
    return RpcError(
        429,
        "RESOURCE_EXHAUSTED",
        f"Quota exceeded for quota metric '{metric}' and limit '{limit_name}' of service "
        "'people.googleapis.com' for consumer 'project_number:000000000000'.",
        reason="RATE_LIMIT_EXCEEDED",
        metadata={
            "quota_metric": f"people.googleapis.com/{metric.lower().replace(' ', '_')}",
            "quota_limit": limit_name,
            "service": "people.googleapis.com",
            "consumer": "projects/000000000000",
        },
        extra_headers={"Retry-After": str(max(1, retry_after or 1))},
    )
