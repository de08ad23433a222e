"""Contact photos: checking uploads, the default avatar, and serving photo URLs.

Google serves photos from its content host (``lh3.googleusercontent.com/...``) without
a bearer token; the emulator serves them from ``/_photos/...`` on its own port. Google
re-encodes uploads; the emulator returns the uploaded bytes unchanged unless ``sz`` asks
for a smaller size.
"""

from __future__ import annotations

import binascii
import functools
import io
import re
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

from crmsync.fakegoogle.http import Request, Response
from crmsync.fakegoogle.people import exceptions as errors

if TYPE_CHECKING:
    from crmsync.fakegoogle.state import EmulatorState

ACCEPTED = {"JPEG": "image/jpeg", "PNG": "image/png"}
PHOTO_PATH = "/_photos/contacts/"
DEFAULT_PATH = "/_photos/default"


def decode_photo_bytes(raw: object) -> bytes:
    """The ``photoBytes`` field (base64, standard or URL-safe alphabet) as bytes."""
    if not isinstance(raw, str) or not raw.strip():
        raise errors.invalid_argument("Request must set photo_bytes.")
    text = raw.strip().replace("-", "+").replace("_", "/")
    text += "=" * (-len(text) % 4)
    if not re.fullmatch(r"[A-Za-z0-9+/]*=*", text):
        raise errors.invalid_argument(
            f"Invalid value at 'photo_bytes' (TYPE_BYTES), Base64 decoding failed for \"{raw[:40]}\""
        )
    try:
        return binascii.a2b_base64(text)
    except binascii.Error:
        raise errors.invalid_argument(
            f"Invalid value at 'photo_bytes' (TYPE_BYTES), Base64 decoding failed for \"{raw[:40]}\""
        ) from None


def validate(data: bytes) -> str:
    """The MIME type of a JPEG or PNG upload; 400 for any other format or a damaged file."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            if kind not in ACCEPTED:
                raise errors.bad_photo(f"{kind or 'unknown'} images are not accepted")
            image.load()  # decodes every pixel: a truncated or corrupt file fails here
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        raise errors.bad_photo(
            f"the data is not a readable image ({exc.__class__.__name__})"
        ) from None
    return ACCEPTED[kind]


def photo_url(base_url: str, key: str) -> str:
    return f"{base_url}{PHOTO_PATH}{key}"


def default_url(base_url: str, letter: str) -> str:
    """Google's default photo is a letter avatar; the URL names the letter."""
    return f"{base_url}{DEFAULT_PATH}/{letter.upper() or '-'}"


@functools.cache
def _default_png() -> bytes:
    image = Image.new("RGB", (100, 100), (158, 158, 158))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _resized(data: bytes, mime: str, size: int) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        image.thumbnail((size, size))
        out = io.BytesIO()
        image.save(out, format="PNG" if mime == "image/png" else "JPEG")
    return out.getvalue()


def _size(request: Request) -> int | None:
    raw = request.arg("sz")
    return int(raw) if raw and raw.isdigit() and 0 < int(raw) <= 2048 else None


def serve_photo(request: Request, state: EmulatorState) -> Response:
    """GET a contact photo by the key in its URL (no token needed, as on Google's host)."""
    photo = state.backend("people").find_photo(request.params["key"])
    if photo is None:
        return Response(404, b"Not Found", content_type="text/html; charset=UTF-8")
    size = _size(request)
    body = _resized(photo.data, photo.mime, size) if size else photo.data
    return Response(200, body, {"Cache-Control": "private, max-age=86400"}, photo.mime)


def serve_default(request: Request, state: EmulatorState) -> Response:
    return Response(200, _default_png(), {"Cache-Control": "private, max-age=86400"}, "image/png")
