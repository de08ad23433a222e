"""A lean codec for Google's batch requests, under the real client library.

:class:`LeanBatchHttpRequest` is googleapiclient's own ``BatchHttpRequest`` (its ``add``,
its ``execute`` with the 401 redo, its callbacks, its ``HttpError``/``BatchError``), with
only the wire codec replaced: the library writes and reads the ``multipart/mixed`` body
through the standard ``email`` package (header folding, generators, the feed parser),
which costs more CPU than the sync's own work on a batch of 50 inserts. Here the body is
built and split directly as bytes, in the same shape:

* request: ``multipart/mixed; boundary="..."``, one ``application/http`` part per call
  with ``Content-ID: <base + id>``, each holding ``METHOD /path?query HTTP/1.1``, the
  call's headers (its own ``Authorization`` included, as the library applies it), ``Host``
  and ``content-length``, a blank line, then the body; LF line endings, as the library's;
* answer: parts split on the boundary (CRLF or LF line endings, preamble and epilogue
  ignored), each part's ``Content-ID`` mapped back to its call by the library's own
  ``_header_to_id``, the inner status line and headers read into an ``httplib2.Response``
  and the body kept as bytes.

A header value holding a line break is refused (it would forge a header or a part).
"""

from __future__ import annotations

import random
import re
import urllib.parse
from typing import Any

import httplib2
from googleapiclient import _auth
from googleapiclient.errors import BatchError, HttpError
from googleapiclient.http import BatchHttpRequest

_BOUNDARY_PARAM = re.compile(r"""boundary\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]+))""", re.I)
_LINE_BREAK = re.compile(r"[\r\n]")


class LeanBatchHttpRequest(BatchHttpRequest):
    """googleapiclient's batch request with a direct bytes codec (see the module)."""

    def _serialize_request(self, request: Any) -> str:
        """One call as ``application/http`` text (the library's method, same shape)."""
        return _request_bytes(request).decode("utf-8")

    def _execute(self, http: Any, order: list[str], requests: dict[str, Any]) -> None:
        parts = [
            (self._id_to_header(request_id), _request_bytes(requests[request_id]))
            for request_id in order
        ]
        boundary, body = encode_multipart(parts)
        headers = {"content-type": f'multipart/mixed; boundary="{boundary}"'}
        resp, content = http.request(self._batch_uri, method="POST", body=body, headers=headers)
        if resp.status >= 300:
            raise HttpError(resp, content, uri=self._batch_uri)
        answers = decode_multipart(resp.get("content-type", ""), content)
        if answers is None:
            raise BatchError("Response not in multipart/mixed format.", resp=resp, content=content)
        for part_headers, payload in answers:
            content_id = part_headers.get("content-id")
            if not content_id:
                raise BatchError("A batch answer part has no Content-ID.", resp=resp)
            request_id = self._header_to_id(content_id)
            self._responses[request_id] = decode_response(payload)
        missing = [request_id for request_id in order if request_id not in self._responses]
        if missing:
            raise BatchError(
                f"The batch answer lacks {len(missing)} of its {len(order)} calls.", resp=resp
            )


def _request_bytes(request: Any) -> bytes:
    """``request`` (a googleapiclient ``HttpRequest``) as the body of an application/http part."""
    parsed = urllib.parse.urlparse(request.uri)
    target = urllib.parse.urlunparse(("", "", parsed.path, parsed.params, parsed.query, ""))
    headers = dict(request.headers)
    if request.http is not None:
        credentials = _auth.get_credentials_from_http(request.http)
        if credentials is not None:
            _auth.apply_credentials(credentials, headers)
    content_type = headers.pop("content-type", "application/json")
    lines = [f"{request.method} {target} HTTP/1.1", f"Content-Type: {content_type}"]
    lines.append("MIME-Version: 1.0")
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines.append(f"Host: {parsed.netloc}")
    body = request.body
    if isinstance(body, str):
        body = body.encode("utf-8")
    if body is not None:
        lines.append(f"content-length: {len(body)}")
    for line in lines:
        if _LINE_BREAK.search(line):
            raise ValueError(f"a batch call's header holds a line break: {line[:60]!r}")
    return ("\n".join(lines) + "\n\n").encode("utf-8") + (body or b"")


def encode_multipart(parts: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    """A ``multipart/mixed`` body of application/http parts (Content-ID, payload), and its
    boundary; the boundary appears in no payload."""
    while True:
        boundary = f"==============={random.randrange(10**19):019d}=="  # a separator, not a secret
        marker = b"--" + boundary.encode("ascii")
        if not any(marker in payload for _, payload in parts):
            break
    chunks: list[bytes] = []
    for content_id, payload in parts:
        if _LINE_BREAK.search(content_id):
            raise ValueError("a Content-ID holds a line break")
        chunks.append(
            b"%s\nContent-Type: application/http\nMIME-Version: 1.0\n"
            b"Content-Transfer-Encoding: binary\nContent-ID: %s\n\n%s\n"
            % (marker, content_id.encode("utf-8"), payload)
        )
    chunks.append(marker + b"--\n")
    return boundary, b"".join(chunks)


def boundary_of(content_type: str) -> str | None:
    """The boundary of a ``multipart/mixed`` content type, or None."""
    if not content_type.strip().lower().startswith("multipart/mixed"):
        return None
    found = _BOUNDARY_PARAM.search(content_type)
    if found is None:
        return None
    if found.group(1) is not None:
        return re.sub(r"\\(.)", r"\1", found.group(1))
    return found.group(2)


def split_multipart(boundary: str, body: bytes) -> list[bytes] | None:
    """The parts of a multipart body, each without the line break before the next delimiter;
    None when the body holds no delimiter or is not closed.

    A delimiter is a line of ``--boundary`` (``--boundary--`` closes), trailing blanks
    allowed; the line break before it belongs to it.
    """
    marker = b"--" + boundary.encode("utf-8")
    parts: list[bytes] = []
    start: int | None = None
    at = body.find(marker)
    while at != -1:
        found = _delimiter_at(body, at, len(marker))
        if found is None:
            at = body.find(marker, at + 1)
            continue
        begin, end, closing = found
        if start is not None:
            parts.append(body[start:begin])
        if closing:
            return parts
        start = end
        at = body.find(marker, end)
    return None


def _delimiter_at(body: bytes, at: int, size: int) -> tuple[int, int, bool] | None:
    """Where the delimiter line whose marker starts at ``at`` begins (its line break
    before included) and ends (its own line break included), and whether it closes; None
    when the marker is not a line of its own."""
    if at > 0 and body[at - 1 : at] != b"\n":
        return None
    begin = at if at == 0 else at - (2 if body[max(0, at - 2) : at] == b"\r\n" else 1)
    end = at + size
    closing = body[end : end + 2] == b"--"
    if closing:
        end += 2
    while body[end : end + 1] in (b" ", b"\t"):
        end += 1
    if body[end : end + 2] == b"\r\n":
        return begin, end + 2, closing
    if body[end : end + 1] == b"\n":
        return begin, end + 1, closing
    if end == len(body):
        return begin, end, closing
    return None


def split_head(data: bytes) -> tuple[list[bytes], bytes]:
    """Header lines (folded lines joined) and the body after the first blank line."""
    crlf, lf = data.find(b"\r\n\r\n"), data.find(b"\n\n")
    if crlf != -1 and (lf == -1 or crlf < lf):
        head, body = data[:crlf], data[crlf + 4 :]
    elif lf != -1:
        head, body = data[:lf], data[lf + 2 :]
    else:
        head, body = data, b""
    lines: list[bytes] = []
    for line in head.replace(b"\r\n", b"\n").split(b"\n"):
        if line[:1] in (b" ", b"\t") and lines:
            lines[-1] += b" " + line.strip()
        else:
            lines.append(line)
    return lines, body


def header_map(lines: list[bytes]) -> dict[str, str]:
    """Header lines as a dict of lower-cased names (the last of a repeated header wins)."""
    headers: dict[str, str] = {}
    for line in lines:
        name, colon, value = line.partition(b":")
        if colon:
            headers[name.strip().decode("latin-1").lower()] = value.strip().decode("utf-8")
    return headers


def decode_multipart(content_type: str, body: bytes) -> list[tuple[dict[str, str], bytes]] | None:
    """Each part's headers and payload, or None when ``body`` is not multipart/mixed."""
    boundary = boundary_of(content_type)
    if boundary is None:
        return None
    parts = split_multipart(boundary, body)
    if parts is None:
        return None
    decoded = []
    for part in parts:
        lines, payload = split_head(part)
        decoded.append((header_map(lines), payload))
    return decoded


def decode_response(payload: bytes) -> tuple[httplib2.Response, bytes]:
    """An application/http answer part as the library's (response, content) pair."""
    lines, content = split_head(payload)
    status_line = lines[0].decode("latin-1") if lines else ""
    protocol, _, rest = status_line.partition(" ")
    status, _, reason = rest.partition(" ")
    if not protocol.startswith("HTTP/") or not status.isdigit():
        raise BatchError(f"Bad status line in a batch answer part: {status_line[:60]!r}")
    headers = header_map(lines[1:])
    headers["status"] = status
    response = httplib2.Response(headers)
    response.reason = reason
    version = protocol.split("/", 1)[1].replace(".", "")
    response.version = int(version) if version.isdigit() else 11
    return response, content
