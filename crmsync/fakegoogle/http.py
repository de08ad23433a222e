"""Requests, responses and routes of the emulator (no state here)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

_encode_string: Callable[[str], str] = json.encoder.encode_basestring  # type: ignore[attr-defined]

if TYPE_CHECKING:
    from crmsync.fakegoogle.state import AccessToken, Account, EmulatorState


@dataclass
class Request:
    """One HTTP request as the emulator sees it (also each part of a batch)."""

    method: str
    target: str  # path and query, as on the request line
    headers: dict[str, str]  # lower-cased names
    body: bytes = b""
    in_batch: bool = False
    path: str = ""
    query: dict[str, list[str]] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)  # captured from the route
    account: Account | None = None
    token: AccessToken | None = None
    quota_charged: bool | None = None  # counted against the user's quota / refused by it

    def __post_init__(self) -> None:
        parts = urlsplit(self.target)
        self.path = parts.path
        self.query = parse_qs(parts.query, keep_blank_values=True)

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else default

    def args(self, name: str) -> list[str]:
        return list(self.query.get(name, []))

    def json(self) -> Any:
        """The JSON body; an unparsable body is Google's 400 parseError."""
        from crmsync.fakegoogle.exceptions import GoogleAPIError

        if not self.body:
            return {}
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GoogleAPIError(400, "parseError", f"Parse Error: {exc}") from None

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name.lower(), default)


@dataclass
class Response:
    status: int = 200
    body: Any = None  # dict/list → JSON; bytes → as is; None → empty
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json; charset=UTF-8"

    def payload(self) -> bytes:
        if self.body is None:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return pretty_json(self.body).encode("utf-8")


def pretty_json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)``, as Google lays its JSON out.

    The standard library's encoder drops to pure Python, one generator per container, as
    soon as ``indent`` is given; this writes the same text in one recursive pass (values of
    other types still go through ``json.dumps``, which raises or converts as it would).
    """
    out: list[str] = []
    try:
        _pretty(value, out, "\n")
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=1)
    return "".join(out)


class _Unusual(Exception):
    """A value ``_pretty`` leaves to the standard encoder."""


def _pretty(value: Any, out: list[str], indent: str) -> None:
    if isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = indent + " "
        separator = "[" + inner
        for item in value:
            text = _encode_string(item) if type(item) is str else _scalar(item)
            if text is None:
                out.append(separator)
                _pretty(item, out, inner)
            else:
                out.append(separator + text)
            separator = "," + inner
        out.append(indent + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = indent + " "
        separator = "{" + inner
        for key, item in value.items():
            name = _encode_string(key) if type(key) is str else _key_text(key)
            text = _encode_string(item) if type(item) is str else _scalar(item)
            if text is None:
                out.append(separator + name + ": ")
                _pretty(item, out, inner)
            else:
                out.append(separator + name + ": " + text)
            separator = "," + inner
        out.append(indent + "}")
    else:
        text = _scalar(value)
        if text is None:
            raise _Unusual
        out.append(text)


def _scalar(value: Any) -> str | None:
    """The JSON text of a string, number, boolean or null; None for anything else."""
    kind = type(value)
    if kind is str:
        return _encode_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if isinstance(value, list | tuple | dict):
        return None
    if isinstance(value, str):
        return _encode_string(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float_text(value)
    raise _Unusual


def _key_text(key: Any) -> str:
    if isinstance(key, str):
        return _encode_string(key)
    if isinstance(key, float):
        return _encode_string(_float_text(key))
    if key is True or key is False or key is None:
        return '"' + json.dumps(key) + '"'
    if isinstance(key, int):
        return '"' + int.__repr__(key) + '"'
    raise _Unusual


def _float_text(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        raise _Unusual  # NaN and infinities: the standard encoder's spelling
    return float.__repr__(value)


Handler = Callable[["Request", "EmulatorState"], Response]


@dataclass
class Route:
    """A route: HTTP method, path pattern and the Google method id it implements.

    ``api`` names the API for auth, enablement and quota ("calendar", "people"), or
    None for endpoints that take no bearer token (OAuth, admin, photos).
    ``kind`` is "read" or "write" (People keeps separate read and write quotas).
    """

    method: str
    pattern: str
    handler: Handler
    name: str
    api: str | None = None
    kind: str = "read"
    scopes: tuple[str, ...] = ()
    regex: re.Pattern[str] = field(init=False)
    prefix: str = field(init=False)  # the literal text before the first parameter

    def __post_init__(self) -> None:
        self.prefix = self.pattern.split("{", 1)[0]
        # "{name}" captures one path segment (may contain ':'-free text); "{name+}" the rest
        pattern = re.escape(self.pattern)
        pattern = re.sub(r"\\\{(\w+)\\\+\\\}", r"(?P<\1>.+)", pattern)
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/:]+)", pattern)
        self.regex = re.compile("^" + pattern + "$")


class Router:
    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(self, route: Route) -> None:
        self.routes.append(route)

    def extend(self, routes: list[Route]) -> None:
        self.routes.extend(routes)

    def match(self, method: str, path: str) -> tuple[Route | None, dict[str, str], bool]:
        """The route for a request, its captured parameters, and whether the path exists at all."""
        from urllib.parse import unquote

        path_known = False
        for route in self.routes:
            if not path.startswith(route.prefix):  # cheaper than the regex, same verdict
                continue
            found = route.regex.match(path)
            if not found:
                continue
            path_known = True
            if route.method == method:
                return route, {k: unquote(v) for k, v in found.groupdict().items()}, True
        return None, {}, path_known
