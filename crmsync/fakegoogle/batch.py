"""The batch endpoints' wire format: multipart/mixed of application/http parts.

Requests come as the client library writes them (LF line endings inside parts, a quoted
boundary, ``Content-ID: <id+N>``); answers go back one part per call, in order, with
``Content-ID: <response-id+N>`` and CRLF line endings, the inner status line first.
"""

from __future__ import annotations

import email.message
import email.parser
import email.policy
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
    """Split a batch request into its inner requests; 400 when it is not a valid batch."""
    if not content_type.lower().startswith("multipart/mixed"):
        raise GoogleAPIError(400, "badRequest", "Batch requests must be multipart/mixed.")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise GoogleAPIError(400, "parseError", "Batch body is not UTF-8.") from None
    message = email.parser.Parser(policy=email.policy.compat32).parsestr(
        f"Content-Type: {content_type}\r\n\r\n{text}"
    )
    if not message.is_multipart():
        raise GoogleAPIError(400, "badRequest", "Batch request has no parts.")
    parts: list[BatchPart] = []
    for part in message.get_payload():
        if not isinstance(part, email.message.Message) or (
            part.get_content_type() != "application/http"
        ):
            raise GoogleAPIError(400, "badRequest", "Each batch part must be application/http.")
        payload = part.get_payload()
        if not isinstance(payload, str):
            raise GoogleAPIError(400, "badRequest", "A batch part must hold one HTTP request.")
        parts.append(BatchPart(part.get("Content-ID", ""), _inner_request(payload)))
    if len(parts) > MAX_CALLS_PER_BATCH:
        raise GoogleAPIError(
            400,
            "batchSizeTooLarge",
            f"A batch may hold at most {MAX_CALLS_PER_BATCH} calls; this one has {len(parts)}.",
        )
    return parts


def _inner_request(payload: str) -> Request:
    payload = payload.replace("\r\n", "\n")
    head, _, body = payload.partition("\n\n")
    lines = head.split("\n")
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
        body=body.encode("utf-8"),
        in_batch=True,
    )


def response_id(content_id: str) -> str:
    inner = content_id.strip().lstrip("<").rstrip(">")
    return f"<response-{inner}>"


def render_batch(answers: list[tuple[str, Response]]) -> Response:
    """One multipart/mixed answer holding every inner response in order."""
    boundary = "batch_" + uuid.uuid4().hex
    chunks: list[str] = []
    for content_id, answer in answers:
        reason = (
            HTTPStatus(answer.status).phrase
            if answer.status in HTTPStatus._value2member_map_
            else ""
        )
        payload = answer.payload().decode("utf-8")
        inner_headers = [f"Content-Type: {answer.content_type}"]
        inner_headers += [f"{k}: {v}" for k, v in answer.headers.items()]
        inner_headers.append(f"Content-Length: {len(payload.encode('utf-8'))}")
        chunks.append(
            f"--{boundary}\r\nContent-Type: application/http\r\n"
            f"Content-ID: {response_id(content_id)}\r\n\r\n"
            f"HTTP/1.1 {answer.status} {reason}\r\n"
            + "\r\n".join(inner_headers)
            + "\r\n\r\n"
            + payload
            + "\r\n"
        )
    chunks.append(f"--{boundary}--\r\n")
    return Response(
        200, "".join(chunks).encode("utf-8"), content_type=f"multipart/mixed; boundary={boundary}"
    )
