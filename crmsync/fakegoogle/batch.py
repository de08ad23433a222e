"""The batch endpoints' wire format: multipart/mixed of application/http parts.

Requests come as the client library writes them (LF line endings inside parts, a quoted
boundary, ``Content-ID: <id+N>``); answers go back one part per call, in order, with
``Content-ID: <response-id+N>`` and CRLF line endings, the inner status line first.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from http import HTTPStatus

from crmsync.fakegoogle.exceptions import GoogleAPIError
from crmsync.fakegoogle.http import Request, Response

MAX_CALLS_PER_BATCH = 1000


@dataclass
class BatchPart:
    content_id: str
    request: Request


def parse_batch(content_type: str, body: bytes) -> list[BatchPart]:
    """Split a batch request into its inner requests; 400 when it is not a valid batch.

    Read directly as bytes (CRLF or LF line endings, a quoted or bare boundary, a preamble
    and an epilogue ignored, header lines folded or not), as a MIME parser reads it.
    """
    if not content_type.lower().startswith("multipart/mixed"):
        raise GoogleAPIError(400, "badRequest", "Batch requests must be multipart/mixed.")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        raise GoogleAPIError(400, "parseError", "Batch body is not UTF-8.") from None
    boundary = _boundary_of(content_type)
    chunks = _split_parts(boundary, body) if boundary else None
    if chunks is None:
        raise GoogleAPIError(400, "badRequest", "Batch request has no parts.")
    parts: list[BatchPart] = []
    for chunk in chunks:
        headers, payload = _split_head(chunk)
        part_type = headers.get("content-type", "text/plain").split(";", 1)[0].strip().lower()
        if part_type != "application/http":
            raise GoogleAPIError(400, "badRequest", "Each batch part must be application/http.")
        parts.append(BatchPart(headers.get("content-id", ""), _inner_request(payload)))
    if len(parts) > MAX_CALLS_PER_BATCH:
        raise GoogleAPIError(
            400,
            "batchSizeTooLarge",
            f"A batch may hold at most {MAX_CALLS_PER_BATCH} calls; this one has {len(parts)}.",
        )
    return parts


_BOUNDARY = re.compile(r"""boundary\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;"]+))""", re.IGNORECASE)


def _boundary_of(content_type: str) -> str | None:
    found = _BOUNDARY.search(content_type)
    if found is None:
        return None
    if found.group(1) is not None:
        return re.sub(r"\\(.)", r"\1", found.group(1)) or None
    return found.group(2)


def _split_parts(boundary: str, body: bytes) -> list[bytes] | None:
    """The parts between the delimiter lines, each without the line break that ends it
    (the delimiter's own); None when there is no delimiter. An unclosed last part runs to
    the end, as MIME parsers take it. A delimiter is a line of ``--boundary`` (``--`` more
    to close), trailing blanks allowed."""
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
    if start is None:
        return None
    if body[start:].strip():
        parts.append(body[start:])
    return parts


def _delimiter_at(body: bytes, at: int, size: int) -> tuple[int, int, bool] | None:
    """The delimiter line whose marker starts at ``at``: where it begins (the line break
    before it included), where it ends (its own line break included), whether it closes;
    None when the marker is not on a line of its own."""
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


def _split_head(chunk: bytes) -> tuple[dict[str, str], bytes]:
    """A part's headers (lower-cased names; folded lines joined) and what follows the
    first blank line."""
    crlf, lf = chunk.find(b"\r\n\r\n"), chunk.find(b"\n\n")
    if crlf != -1 and (lf == -1 or crlf < lf):
        head, payload = chunk[:crlf], chunk[crlf + 4 :]
    elif lf != -1:
        head, payload = chunk[:lf], chunk[lf + 2 :]
    elif chunk.startswith((b"\r\n", b"\n")):  # no headers at all
        head, payload = b"", chunk.lstrip(b"\r\n")
    else:
        head, payload = chunk, b""
    headers: dict[str, str] = {}
    last = ""
    for raw in head.decode("utf-8").replace("\r\n", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and last:
            headers[last] += " " + raw.strip()
            continue
        name, colon, value = raw.partition(":")
        if colon and name.strip():
            last = name.strip().lower()
            headers.setdefault(last, value.strip())  # the first of a repeated header
    return headers, payload


def _inner_request(payload: bytes) -> Request:
    payload = payload.replace(b"\r\n", b"\n")
    head, _, body = payload.partition(b"\n\n")
    lines = head.decode("utf-8").split("\n")
    try:
        method, target, _version = lines[0].split(" ", 2)
    except ValueError:
        raise GoogleAPIError(
            400, "badRequest", f"Bad request line in batch part: {lines[0]!r}"
        ) from None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return Request(
        method=method.upper(),
        target=target,
        headers=headers,
        body=body,
        in_batch=True,
    )


def response_id(content_id: str) -> str:
    inner = content_id.strip().lstrip("<").rstrip(">")
    return f"<response-{inner}>"


def render_batch(answers: list[tuple[str, Response]]) -> Response:
    """One multipart/mixed answer holding every inner response in order."""
    boundary = "batch_" + uuid.uuid4().hex
    marker = ("--" + boundary).encode("ascii")
    chunks: list[bytes] = []
    for content_id, answer in answers:
        reason = _REASONS.get(answer.status, "")
        payload = answer.payload()
        inner_headers = [f"Content-Type: {answer.content_type}"]
        inner_headers += [f"{k}: {v}" for k, v in answer.headers.items()]
        inner_headers.append(f"Content-Length: {len(payload)}")
        head = (
            f"\r\nContent-Type: application/http\r\n"
            f"Content-ID: {response_id(content_id)}\r\n\r\n"
            f"HTTP/1.1 {answer.status} {reason}\r\n" + "\r\n".join(inner_headers) + "\r\n\r\n"
        )
        chunks += (marker, head.encode("utf-8"), payload, b"\r\n")
    chunks += (marker, b"--\r\n")
    return Response(200, b"".join(chunks), content_type=f"multipart/mixed; boundary={boundary}")


_REASONS = {status.value: status.phrase for status in HTTPStatus}
