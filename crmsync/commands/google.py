"""Google connection commands: ``settings google|secrets``, ``connect``, ``status``, ``test``,
``calendars`` and ``reset`` — the command-line side of the Synchronisation tab.

Exit codes: 0 done (``test``: every check passed), 1 Google said no or a check failed,
2 a set-up problem (no secure keyring, refused endpoint, unknown user, bad option).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import TYPE_CHECKING, Any

from crmsync.commands.store import CommandError, reports_store_errors, resolve_db
from crmsync.crm.models import SyncSettings, User

if TYPE_CHECKING:
    from crmsync.google.secrets import SecretStore

EXIT_FAILED = 1
EXIT_SETUP = 2


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``settings``, ``connect``, ``status``, ``test``, ``calendars`` and ``reset``."""
    _register_settings(subparsers)

    connect = subparsers.add_parser(
        "connect",
        help="« Connexion »: authorise crmsync on a user's Google account",
        description="Open Google's consent page for the user (login hint: the user's Google "
        "e-mail), wait for the browser to come back, and keep the refresh token in the "
        "secrets store.",
    )
    _user_and_lang(connect)
    connect.add_argument(
        "--no-browser",
        action="store_true",
        help="print the authorisation address alone on one line instead of opening a browser",
    )
    connect.add_argument(
        "--manual",
        action="store_true",
        help="« connexion manuelle »: print the address, then paste the address the browser "
        "ended on",
    )
    connect.add_argument(
        "--timeout", type=float, default=300, metavar="S", help="seconds to wait (default 300)"
    )
    connect.set_defaults(func=_guarded(run_connect))

    status = subparsers.add_parser(
        "status",
        help="show the status light of a user's Google connection",
        description="Grey: not configured; green: connected and verified; orange: works but "
        "needs attention; red: error. No call to Google is made.",
    )
    _user_and_lang(status, required=False)
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(func=_guarded(run_status))

    test = subparsers.add_parser(
        "test",
        help="« Tester »: check a user's Google connection step by step",
        description="Check the OAuth client, the token, the account, the Calendar API, the "
        "calendar and the People API; exit 0 only when all pass.",
    )
    _user_and_lang(test)
    test.add_argument("--json", action="store_true", help="print JSON")
    test.set_defaults(func=_guarded(run_test))

    calendars = subparsers.add_parser(
        "calendars",
        help="list the calendars of a user's Google account that crmsync may write to",
        description="The account's writable calendars (owner or writer), primary first.",
    )
    _user_and_lang(calendars)
    calendars.add_argument("--all", action="store_true", help="read-only calendars too")
    calendars.add_argument("--json", action="store_true", help="print JSON")
    calendars.set_defaults(func=_guarded(run_calendars))

    reset = subparsers.add_parser(
        "reset",
        help="« Réinitialisation »: forget a user's Google account (or only its calendar links)",
        description="Revoke the user's token, forget it and every sync link; with "
        "--calendar-only (« Réinitialisation Cal. ») forget only the calendar's links.",
    )
    _user_and_lang(reset)
    reset.add_argument(
        "--calendar-only", action="store_true", help="forget only the calendar's links and cursors"
    )
    reset.set_defaults(func=_guarded(run_reset))


COLOUR_NAMES_FR = {"grey": "gris", "green": "vert", "orange": "orange", "red": "rouge"}


def _user_and_lang(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument("--user", required=required, metavar="LOGIN", help="the CRM user")
    parser.add_argument("--lang", choices=("fr", "en"), help="language of the messages")


def _register_settings(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    settings = subparsers.add_parser(
        "settings",
        help="folder settings of the Google connection (administrator)",
        description="Folder preferences → Authentication: the Google OAuth client, and where "
        "secrets are kept on this computer.",
    )
    areas = settings.add_subparsers(dest="settings_area", metavar="AREA", required=True)
    google = areas.add_parser(
        "google",
        help="the OAuth client (id, secret, API key)",
        description="Set the folder's Google OAuth client. The secret is read from standard "
        "input and kept in the secrets store, never in the database.",
    )
    google.add_argument(
        "--client-id", metavar="ID", help="OAuth client id (…apps.googleusercontent.com)"
    )
    google.add_argument(
        "--client-secret-stdin", action="store_true", help="read the client secret from stdin"
    )
    google.add_argument("--api-key", metavar="KEY", help="optional API key")
    google.add_argument(
        "--testing-consent",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="the consent screen is in Testing mode (refresh tokens die after 7 days)",
    )
    google.add_argument("--show", action="store_true", help="show the settings (secret masked)")
    google.add_argument("--json", action="store_true", help="with --show: print JSON")
    google.set_defaults(func=_guarded(run_settings_google))

    store = areas.add_parser(
        "secrets",
        help="where tokens and the client secret are kept on this computer",
        description="By default the OS keyring. Where there is no secure keyring, opt in "
        "explicitly to a file only you can read (0600) in the data folder.",
    )
    choice = store.add_mutually_exclusive_group()
    choice.add_argument("--file-store", action="store_true", help="use the 0600 file store")
    choice.add_argument("--keyring", action="store_true", help="use the OS keyring (default)")
    store.set_defaults(func=_guarded(run_settings_secrets))


# --- plumbing -----------------------------------------------------------------------


def _lang(args: argparse.Namespace) -> str:
    # the app's one language choice: --lang, $CRMSYNC_LANG, the folder's, the system's
    from crmsync.i18n import current_language

    return current_language(getattr(args, "lang", None))


def _guarded(handler: Any) -> Any:
    """Store errors → exit 2 (via the store wrapper); Google-side errors → message + 1 or 2."""

    def run(args: argparse.Namespace) -> int:
        from crmsync.google.endpoints import EndpointError
        from crmsync.google.oauth import ConnectError
        from crmsync.google.secrets import SecretStoreError
        from crmsync.google.session import GoogleConnectionError

        lang = _lang(args)
        try:
            return int(handler(args))
        except SecretStoreError as exc:
            _say(exc.said.full(lang))
            return EXIT_SETUP
        except EndpointError as exc:
            _say(str(exc))
            return EXIT_SETUP
        except (ConnectError, GoogleConnectionError) as exc:
            _say(exc.said.full(lang))
            return EXIT_FAILED

    run.__name__ = getattr(handler, "__name__", "run")
    return reports_store_errors(run)


def _say(text: str) -> None:
    print(f"crmsync: {text}", file=sys.stderr, flush=True)


def _open(args: argparse.Namespace) -> SecretStore | None:
    """Open the database; return the secrets store to pass down to what needs secrets.

    The demo keeps its secrets in its own file store, opened here and given explicitly to
    each callee (the process's choice is left alone). Otherwise None: the user's store
    (keyring or opted-in file), opened by whatever needs it, only when it needs it.
    """
    resolve_db(args)
    if getattr(args, "demo", False):
        from crmsync.google import demo

        return demo.demo_secret_store()
    return None


def _endpoints(args: argparse.Namespace) -> Any:
    """The demo's emulator (recorded in the demo database when its users were connected),
    else ``--google-endpoint`` / ``$CRMSYNC_GOOGLE_ENDPOINT``, else Google's."""
    from crmsync.google import demo
    from crmsync.google.endpoints import current_endpoints

    if getattr(args, "demo", False):
        found = demo.demo_endpoints()
        if found is not None:
            return found
    return current_endpoints()


def _user(login: str) -> User:
    user = User.get_or_none(User.login == login)
    if user is None:
        raise CommandError(f"Unknown user {login!r}: `crmsync user list` shows the logins.")
    return user


# --- settings -----------------------------------------------------------------------


def _read_secret() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Client secret: ").strip()
    return sys.stdin.readline().strip()


def _mask(value: str) -> str:
    return "********" if value else ""


def run_settings_google(args: argparse.Namespace) -> int:
    from crmsync.google import redact, secrets
    from crmsync.google import settings as google_settings

    # Masked in the logs from now on, whatever its shape (the SQL that saves it included).
    if args.api_key:
        redact.remember_secret(args.api_key.strip())
    demo_store = _open(args)
    changing = (
        any(v is not None for v in (args.client_id, args.api_key, args.testing_consent))
        or args.client_secret_stdin
    )
    if not changing and not args.show:
        raise CommandError(
            "Nothing to do: give --client-id ID --client-secret-stdin [--api-key KEY], or --show."
        )
    if changing:
        secret = _read_secret() if args.client_secret_stdin else None
        if args.client_secret_stdin and not secret:
            raise CommandError("No client secret on standard input.")
        store = (demo_store or secrets.open_secret_store()) if secret is not None else None
        google_settings.save_client_settings(
            client_id=args.client_id,
            client_secret=secret,
            api_key=args.api_key,
            testing_consent=args.testing_consent,
            store=store,
        )
        if not args.show:
            print("Google settings saved" + (" (secret in the secrets store)." if secret else "."))
            return 0
    try:
        store = demo_store or secrets.open_secret_store()
        client = google_settings.load_client_settings(store)
        where = secrets.describe_store(store)
    except secrets.SecretStoreError as exc:
        client = google_settings.load_client_settings(with_secret=False)
        where = exc.said.text(_lang(args))
    shown = {
        "client_id": client.client_id,
        "client_secret": _mask(client.client_secret),
        "api_key": (client.api_key[:4] + "…") if client.api_key else "",
        "testing_consent": client.testing_consent,
        "scopes": list(google_settings.SCOPES),
        "secret_store": where,
    }
    if args.json:
        print(json.dumps(shown, indent=2, ensure_ascii=False))
        return 0
    for key, value in shown.items():
        if isinstance(value, list):
            value = " ".join(value)
        print(f"{key.replace('_', ' ').capitalize():<16} {value if value != '' else '(not set)'}")
    return 0


def run_settings_secrets(args: argparse.Namespace) -> int:
    from crmsync.google import secrets

    if args.file_store or args.keyring:
        marker = secrets.set_file_store_opt_in(args.file_store)
        if args.file_store:
            print(
                f"Secrets will be kept in {secrets.default_file_path()} (readable by you only) "
                f"on this computer; the choice is recorded in {marker}."
            )
            return 0
    try:
        store = secrets.open_secret_store()
    except secrets.SecretStoreError as exc:
        _say(exc.said.full(_lang(args)))
        return EXIT_SETUP
    print(f"Secrets are kept in the {secrets.describe_store(store)}.")
    return 0


# --- connect ------------------------------------------------------------------------


def _print_url(url: str) -> None:
    print(url, flush=True)


def _read_pasted(lang: str) -> Any:
    def read(url: str) -> str:
        if lang == "en":
            _say(
                "Open this address, authorise crmsync, then paste here the whole address the "
                "browser ends on (the page will not load: that is expected)."
            )
        else:
            _say(
                "Ouvrez cette adresse, autorisez crmsync, puis collez ici l'adresse complète "
                "où le navigateur s'arrête (la page ne s'affiche pas : c'est normal)."
            )
        _print_url(url)
        return sys.stdin.readline()

    return read


def run_connect(args: argparse.Namespace) -> int:
    from crmsync.google import oauth
    from crmsync.google.messages import Said

    store = _open(args)
    lang = _lang(args)
    user = _user(args.user)
    endpoints = _endpoints(args)
    if args.no_browser or args.manual:
        prompt = "{url}"
    elif lang == "en":
        prompt = "If no browser opens, open this address: {url}"
    else:
        prompt = "Si le navigateur ne s'ouvre pas, ouvrez cette adresse : {url}"
    # The flow prints the address with print(): make sure it leaves at once, even into a pipe.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(line_buffering=True)
    result = oauth.connect(
        user,
        open_browser=not (args.no_browser or args.manual),
        manual=args.manual,
        timeout=args.timeout,
        prompt_message=prompt,
        read_redirect=_read_pasted(lang) if args.manual else None,
        endpoints=endpoints,
        secret_store=store,
    )
    print(Said.of("connected", email=result.account_email).text(lang))
    if result.status.colour != "green":
        _say(f"[{result.status.colour}] {result.status.reason(lang)}")
        if result.status.fix(lang):
            _say(f"  → {result.status.fix(lang)}")
    return 0


# --- status, test, calendars, reset -------------------------------------------------


def run_status(args: argparse.Namespace) -> int:
    from crmsync.google.status import user_status

    _open(args)
    lang = _lang(args)
    users = [_user(args.user)] if args.user else list(User.select().order_by(User.login))
    rows = []
    for user in users:
        status = user_status(user)
        settings = SyncSettings.for_user(user)
        rows.append(
            {
                "user": user.login,
                "google_email": user.google_email,
                "account": settings.google_account_email,
                "connected_at": settings.connected_at.isoformat()
                if settings.connected_at
                else None,
                **status.as_dict(),
            }
        )
    if args.json:
        print(json.dumps(rows[0] if args.user else rows, indent=2, ensure_ascii=False))
        return 0
    for row in rows:
        reason = row["reason_en"] if lang == "en" else row["reason_fr"]
        print(f"{row['user']}: {row['colour']} — {reason}")
        then = row["fix_en"] if lang == "en" else row["fix_fr"]
        if then:
            print(f"  → {then}")
    return 0


def run_test(args: argparse.Namespace) -> int:
    from crmsync.google.tester import run_tester

    store = _open(args)
    lang = _lang(args)
    report = run_tester(_user(args.user), endpoints=_endpoints(args), secret_store=store)
    if args.json:
        print(json.dumps(report.as_dict(lang), indent=2, ensure_ascii=False))
        return 0 if report.ok else EXIT_FAILED
    for check in report.as_dict(lang)["checks"]:
        mark = "·" if check["skipped"] else ("✔" if check["ok"] else "✘")
        print(f"{mark} {check['message']}")
        if check["detail"]:
            print(f"    {check['detail']}")
        if check["fix"]:
            print(f"    → {check['fix']}")
    if report.status is not None:
        colour = report.status.colour
        if lang == "fr":
            print(f"Statut : {COLOUR_NAMES_FR.get(colour, colour)}")
        else:
            print(f"Status: {colour}")
    return 0 if report.ok else EXIT_FAILED


def run_calendars(args: argparse.Namespace) -> int:
    from googleapiclient.errors import HttpError

    from crmsync.google.calendars import list_calendars
    from crmsync.google.session import GoogleSession
    from crmsync.google.tester import error_reason

    store = _open(args)
    try:
        with GoogleSession(_user(args.user), endpoints=_endpoints(args), store=store) as session:
            entries = list_calendars(session, writable_only=not args.all)
    except HttpError as exc:
        from crmsync.google.messages import Said

        reason = error_reason(exc)
        said = (
            Said.of("no_calendar")
            if exc.status_code == 403 and reason in ("accessnotconfigured", "service_disabled")
            else Said.of("google_error", error=f"{exc.status_code} {reason}".strip())
        )
        _say(said.full(_lang(args)))
        return EXIT_FAILED
    if args.json:
        print(json.dumps([e.as_dict() for e in entries], indent=2, ensure_ascii=False))
        return 0
    for entry in entries:
        flags = ",".join(
            f for f, on in (("primary", entry.primary), (entry.access_role, True)) if on
        )
        print(f"{entry.summary}\t{entry.id}\t{flags}")
    return 0


def run_reset(args: argparse.Namespace) -> int:
    from crmsync.sync import reset

    store = _open(args)
    user = _user(args.user)
    if args.calendar_only:
        result = reset.reset_calendar(user)
        print(f"{user.login}: calendar links forgotten ({result.links_forgotten}).")
        return 0
    result = reset.reset_account(user, endpoints=_endpoints(args), secret_store=store)
    revoked = (
        "token revoked" if result.revoked else "token not revoked at Google (unreachable or none)"
    )
    print(
        f"{user.login}: Google account forgotten, {revoked}, {result.links_forgotten} links forgotten."
    )
    return 0
