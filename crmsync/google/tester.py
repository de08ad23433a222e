"""« Tester »: check, in order, everything a user's sync needs from Google, and say what to fix.

1. the folder's OAuth client (id and secret) is there;
2. the refresh token still gives an access token;
3. the account's e-mail (userinfo);
4. the Calendar API answers (calendarList.list);
5. a calendar name is set;
6. that calendar exists on the account and may be written to;
7. the People API answers (people.connections.list, one name).

The messages are FTC019's (SPEC §6) where it has one. The run ends by storing the user's
status: green when everything passed, else red with the first failure's reason.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any, NoReturn

from googleapiclient.errors import HttpError

from crmsync.crm.models import SyncSettings, User
from crmsync.google import secrets
from crmsync.google import settings as google_settings
from crmsync.google.calendars import find_calendar, list_calendar_items
from crmsync.google.endpoints import GoogleEndpoints
from crmsync.google.messages import Said
from crmsync.google.session import GoogleConnectionError, GoogleSession, NetworkError
from crmsync.google.status import Status, record_status, user_status

log = logging.getLogger(__name__)

CHECKS = ("client", "token", "account", "calendar_api", "calendar_name", "calendar", "people_api")
_DISABLED_REASONS = {"accessnotconfigured", "service_disabled"}
_SCOPE_REASONS = {"insufficientpermissions", "access_token_scope_insufficient"}


@dataclass(frozen=True)
class CheckResult:
    """One check: passed or not, what to tell, and (on failure) a more precise reason."""

    check: str
    ok: bool
    said: Said
    detail: Said | None = None
    skipped: bool = False

    def as_dict(self, lang: str) -> dict[str, Any]:
        reason = self.detail or self.said
        return {
            "check": self.check,
            "ok": self.ok,
            "skipped": self.skipped,
            "message_id": self.said.id,
            "message": self.said.text(lang),
            "detail": self.detail.text(lang) if self.detail else "",
            "fix": "" if self.ok else (self.said.fix(lang) or reason.fix(lang)),
        }


@dataclass
class TestReport:
    """Every check's result and the status light afterwards."""

    __test__ = False  # not a pytest class

    user: str
    checks: list[CheckResult] = field(default_factory=list)
    status: Status | None = None

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks) and len(self.checks) == len(CHECKS)

    @property
    def first_failure(self) -> CheckResult | None:
        return next((c for c in self.checks if not c.ok and not c.skipped), None)

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {
            "user": self.user,
            "ok": self.ok,
            "checks": [c.as_dict(lang) for c in self.checks],
            "status": self.status.as_dict() if self.status else None,
        }


def error_reason(exc: HttpError) -> str:
    """The error's reason (``accessNotConfigured``, ``SERVICE_DISABLED``…), lower-cased."""
    try:
        body = json.loads(exc.content)["error"]
    except (ValueError, KeyError, TypeError):
        return ""
    for entry in body.get("errors") or []:
        if entry.get("reason"):
            return str(entry["reason"]).lower()
    for entry in body.get("details") or []:
        if entry.get("reason"):
            return str(entry["reason"]).lower()
    return str(body.get("status", "")).lower()


class _Stop(Exception):
    """A check failed in a way that makes the following ones meaningless."""


class Tester:
    """Runs the checks for one user; see the module doc."""

    def __init__(
        self,
        user: User,
        *,
        endpoints: GoogleEndpoints | None = None,
        secret_store: secrets.SecretStore | None = None,
    ) -> None:
        self.user = user
        self.endpoints = endpoints
        self.secret_store = secret_store
        self.report = TestReport(user=user.login)
        self._session: GoogleSession | None = None

    def _pass(self, check: str, said: Said) -> None:
        self.report.checks.append(CheckResult(check, True, said))

    def _fail(self, check: str, said: Said, detail: Said | None = None) -> None:
        self.report.checks.append(CheckResult(check, False, said, detail))

    def _abort(self, check: str, said: Said, detail: Said | None = None) -> NoReturn:
        """Fail ``check`` and skip the rest: they would only repeat the same failure."""
        self._fail(check, said, detail)
        raise _Stop

    def _skip_rest(self) -> None:
        done = {c.check for c in self.report.checks}
        for check in CHECKS:
            if check not in done:
                self.report.checks.append(
                    CheckResult(check, False, Said.of("check_skipped"), skipped=True)
                )
        self.report.checks.sort(key=lambda c: CHECKS.index(c.check))

    def run(self) -> TestReport:
        try:
            session = self._check_client_and_token()
            self._check_account(session)
            items = self._check_calendar_api(session)
            self._check_calendar(items)
            self._check_people(session)
        except _Stop:
            pass
        finally:
            if self._session is not None:
                self._session.close()
        self._skip_rest()
        self._record()
        return self.report

    # --- the checks ---------------------------------------------------------------------

    def _check_client_and_token(self) -> GoogleSession:
        try:
            store = self.secret_store or secrets.open_secret_store()
            client = google_settings.load_client_settings(store)
        except secrets.SecretStoreError as exc:
            self._abort("client", Said.of("account_info"), exc.said)
        if not client.complete:
            self._abort("client", Said.of("account_info"), Said.of("client_missing"))
        self._pass("client", Said.of("check_client"))
        try:
            session = GoogleSession(self.user, endpoints=self.endpoints, client=client, store=store)
            self._session = session
            session.refresh()
        except NetworkError as exc:
            self._abort("token", exc.said)
        except GoogleConnectionError as exc:  # not connected, revoked, client refused
            self._abort("token", Said.of("account_info"), exc.said)
        self._pass("token", Said.of("check_token"))
        return session

    def _check_account(self, session: GoogleSession) -> None:
        try:
            info = session.userinfo()
        except HttpError as exc:
            detail = Said.of("google_error", error=f"userinfo {exc.status_code}")
            self._abort("account", Said.of("account_info"), detail)
        except GoogleConnectionError as exc:
            self._abort("account", Said.of("account_info"), exc.said)
        email = str(info.get("email") or "")
        if not email:
            self._abort("account", Said.of("account_info"))
        settings = SyncSettings.for_user(self.user)
        if settings.google_account_email != email:
            settings.google_account_email = email
            settings.save()
        self._pass("account", Said.of("check_account", email=email))

    def _calendar_failure(self, exc: HttpError) -> tuple[Said, Said | None]:
        reason = error_reason(exc)
        if exc.status_code == 403 and reason in _DISABLED_REASONS:
            return Said.of("no_calendar"), None
        if exc.status_code == 403 and reason in _SCOPE_REASONS:
            return Said.of("scope_missing", what="Google Calendar"), None
        if exc.status_code == 401:
            return Said.of("account_info"), None
        return Said.of("google_error", error=f"{exc.status_code} {reason}".strip()), None

    def _check_calendar_api(self, session: GoogleSession) -> list[dict[str, Any]] | None:
        try:
            items = list_calendar_items(session)
        except HttpError as exc:
            said, detail = self._calendar_failure(exc)
            self._fail("calendar_api", said, detail)
            return None
        except GoogleConnectionError as exc:
            self._abort("calendar_api", exc.said)
        if not items:
            self._fail("calendar_api", Said.of("no_calendar"))
            return None
        self._pass("calendar_api", Said.of("check_calendar_api", count=len(items)))
        return items

    def _check_calendar(self, items: list[dict[str, Any]] | None) -> None:
        name = (SyncSettings.for_user(self.user).calendar_name or "").strip()
        if not name:
            self._fail("calendar_name", Said.of("calendar_name_empty"))
            return
        self._pass("calendar_name", Said.of("check_calendar_name", name=name))
        if items is None:
            return  # the Calendar API failed: already said
        found = find_calendar(items, name)
        if found is None:
            self._fail("calendar", Said.of("calendar_unknown", name=name))
        elif not found.writable:
            self._fail(
                "calendar",
                Said.of("calendar_read_only", name=found.summary, role=found.access_role),
            )
        else:
            self._pass(
                "calendar",
                Said.of("check_calendar_found", name=found.summary, role=found.access_role),
            )

    def _check_people(self, session: GoogleSession) -> None:
        try:
            request = (
                session.people()
                .people()
                .connections()
                .list(resourceName="people/me", pageSize=1, personFields="names")
            )
            session.execute(request)
        except HttpError as exc:
            reason = error_reason(exc)
            if exc.status_code == 403 and reason in _SCOPE_REASONS:
                self._fail("people_api", Said.of("scope_missing", what="Google Contacts"))
            elif exc.status_code == 403:
                self._fail("people_api", Said.of("people_unreachable"))
            else:
                self._fail(
                    "people_api",
                    Said.of("people_unreachable"),
                    Said.of("google_error", error=f"{exc.status_code} {reason}".strip()),
                )
            return
        except GoogleConnectionError as exc:
            self._abort("people_api", exc.said)
        self._pass("people_api", Said.of("check_people_api"))

    # --- the outcome --------------------------------------------------------------------

    def _record(self) -> None:
        failure = self.report.first_failure
        if failure is None:
            email = SyncSettings.for_user(self.user).google_account_email or ""
            record_status(self.user, "green", Said.of("status_verified", email=email))
        else:
            record_status(self.user, "red", failure.detail or failure.said)
        self.report.status = user_status(self.user)


def run_tester(
    user: User,
    *,
    endpoints: GoogleEndpoints | None = None,
    secret_store: secrets.SecretStore | None = None,
) -> TestReport:
    """Run every check for ``user`` and store the resulting status light."""
    return Tester(user, endpoints=endpoints, secret_store=secret_store).run()
