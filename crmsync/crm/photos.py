"""Contact photos as Google receives them: upright, small, plain JPEG (or PNG), no metadata.

This is the only place that turns a CRM photo into the bytes sent with People
``updateContactPhoto``, which takes JPEG or PNG only. :func:`normalise_photo`:

* refuses what is not a sound photo with :class:`PhotoRejected`, whose message says what
  to do. Everything is checked before the pixels are decoded: the input's size
  (:data:`MAX_INPUT_BYTES`), the format (only the raster formats photos come in: no
  PostScript, which Pillow would hand to Ghostscript), and, from the header, the pixel count
  (:data:`MAX_PIXELS`) and the shape (:data:`MAX_ASPECT_RATIO`), so a decompression bomb
  costs a header read. Truncated and corrupt files fail while decoding.
* applies the EXIF orientation, so the face is upright on phones that ignore the tag.
* converts colours to sRGB through the embedded ICC profile when there is one (CMYK
  included), since the profile is then dropped; 16-bit images are scaled to 8 bits, not
  clipped.
* scales the longest side down to :data:`MAX_SIDE` pixels (never up).
* writes JPEG, or PNG when the image really uses transparency (some pixel not opaque),
  with nothing else in the file: no EXIF (so no GPS position, camera or date), no XMP, no
  ICC profile, no comment, no thumbnail.
* is deterministic: the same input gives the same bytes with the same Pillow, so
  :attr:`NormalisedPhoto.sha256` can tell whether a photo changed since it was last sent.

Why 720 pixels: the phones are where these photos are looked at. Android's contacts store
keeps a contact's display photo at most 720 pixels on its longest side (256 on low-memory
devices) plus a 96-pixel thumbnail, and scales down anything larger it receives; Google
Contacts on the web shows a contact's photo in a circle a few hundred device pixels wide,
and serves its photo URLs at whatever smaller size a client asks for. 720 pixels is thus
the most any of them shows, while a 720-pixel JPEG at quality 85 weighs some 50 to 150 kB
instead of the megabytes a camera writes — it matters, as photos have no batch call and
each one costs a request against the per-user write quota.

Pillow's state is never changed: its global decompression-bomb limit is not touched (this
module's own, lower limits are checked from the header first, so whatever that global says,
the same photos are refused), and truncated images stay errors. What Pillow warns about
while reading a header (an image over its own limit, a damaged EXIF block) is hidden for
that call only, so the outcome does not depend on how the application shows warnings.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from PIL import Image, ImageCms, UnidentifiedImageError

from crmsync.i18n import current_language as language

log = logging.getLogger(__name__)

#: The longest side of a normalised photo, in pixels (see the module's docstring).
MAX_SIDE: Final = 720
#: The most bytes a photo may have before anything is read from it: 20 MB. A 24-megapixel
#: camera JPEG at its finest quality takes 10 to 15 MB; PNGs that large are refused by
#: their pixels anyway. It bounds what one contact can put in the CRM's row and in a file.
MAX_INPUT_BYTES: Final = 20_000_000
#: The most pixels a photo may have, read from its header: 25 megapixels, more than phones
#: and cameras write by default (12 to 24). Decoding one holds 75 MB of pixels (RGB), 100 MB
#: with transparency; scaling it down peaks at some 120 MB (benchmarks/contact_photos.py).
MAX_PIXELS: Final = 25_000_000
#: The most a photo's long side may exceed its short side: 20 times. A panorama is 4 to 8;
#: a 1 × 100000 strip is a bomb in disguise (few pixels, but scaled it means nothing).
MAX_ASPECT_RATIO: Final = 20
#: JPEG quality of a normalised photo: no visible loss on a face, a third of quality 95.
JPEG_QUALITY: Final = 85
#: The formats a contact photo is taken in: what phones, cameras, Outlook and the web write.
ACCEPTED_FORMATS: Final = ("JPEG", "MPO", "PNG", "GIF", "BMP", "TIFF", "WEBP")

_ORIENTATION_TAG = 0x0112
_TRANSPOSE_FOR_ORIENTATION = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}
_FIX_FR = "Remplacez la photo du contact par une image JPEG ou PNG"
_FIX_EN = "Replace the contact's photo with a JPEG or PNG image"


@dataclass(frozen=True)
class NormalisedPhoto:
    """A photo ready for Google: its bytes, MIME type, SHA-256 (hex) and size in pixels."""

    data: bytes
    mime: str
    sha256: str
    width: int
    height: int


class PhotoRejected(ValueError):
    """A photo that cannot be sent; the message says why and what to do.

    ``reason`` is a stable code (``empty``, ``too_many_bytes``, ``not_an_image``,
    ``too_many_pixels``, ``extreme_shape``, ``unreadable``); :meth:`text` gives the message
    in French or English, ``str()`` in the user's language (French unless set to English).
    """

    def __init__(self, reason: str, fr: str, en: str) -> None:
        self.reason = reason
        self.fr = f"{fr}. {_FIX_FR}."
        self.en = f"{en}. {_FIX_EN}."
        super().__init__(self.text())

    def text(self, lang: str | None = None) -> str:
        return self.en if language(lang) == "en" else self.fr

    def __str__(self) -> str:
        return self.text()


def normalise_photo(data: bytes) -> NormalisedPhoto:
    """``data`` (a CRM photo) as Google should receive it; raises :class:`PhotoRejected`."""
    with _decoded(data) as (picture, (width, height), orientation):
        if picture.size != (width, height):
            picture = picture.resize((width, height), Image.Resampling.LANCZOS)
        for step in _TRANSPOSE_FOR_ORIENTATION.get(orientation, ()):
            picture = picture.transpose(step)
        return _encode(picture)


def check_photo(data: bytes) -> None:
    """Raise :class:`PhotoRejected` where :func:`normalise_photo` would: the same checks and
    the same decoding, without the scaling and encoding that cannot fail (an import checks
    every photo this way, and keeps it as it is)."""
    with _decoded(data):
        pass


@contextlib.contextmanager
def _decoded(data: bytes) -> Iterator[tuple[Image.Image, tuple[int, int], int]]:
    """The photo checked and decoded in sRGB, the size to scale it to and its EXIF
    orientation; valid inside the ``with`` block only (the source image is closed after)."""
    _check_bytes(data)
    with _open(data) as image:
        _check_header(image)
        size = _scaled_size(image.size)
        if image.format in ("JPEG", "MPO"):
            # The JPEG decoder can scale by 1/2, 1/4 or 1/8 while decoding, never below the
            # size asked: a 24-megapixel photo then costs 1.5 megapixels of memory.
            image.draft(image.mode, size)
        try:
            image.load()
            orientation = _orientation(image)
            picture = _to_srgb(image)
        except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as exc:
            raise _unreadable(exc) from None
        yield picture, size, orientation


# --- checks -------------------------------------------------------------------------------


def _check_bytes(data: bytes) -> None:
    if not data:
        raise PhotoRejected("empty", "La photo est vide", "The photo is empty")
    if len(data) > MAX_INPUT_BYTES:
        size, most = len(data), MAX_INPUT_BYTES
        raise PhotoRejected(
            "too_many_bytes",
            f"La photo pèse {_fr(size)} octets, au-delà des {_fr(most)} octets acceptés",
            f"The photo takes {size:,} bytes, beyond the {most:,} bytes accepted",
        )


def _fr(number: int) -> str:
    """A whole number written the French way (a narrow space between thousands)."""
    return f"{number:,}".replace(",", "\u202f")


def _open(data: bytes) -> Image.Image:
    Image.init()  # registers every plugin, as a plain Image.open would when in doubt
    formats: list[str] = [name for name in ACCEPTED_FORMATS if name in Image.OPEN]
    try:
        with _quiet_pillow():
            return Image.open(io.BytesIO(data), formats=formats)
    except UnidentifiedImageError:
        raise PhotoRejected(
            "not_an_image",
            "Le fichier de la photo n'est pas une image lisible (JPEG, PNG, GIF, BMP, TIFF "
            "ou WebP attendu)",
            "The photo's file is not a readable image (JPEG, PNG, GIF, BMP, TIFF or WebP expected)",
        ) from None
    except Image.DecompressionBombError:
        # Over twice Pillow's own limit (its global setting, above ours unless lowered):
        # too large either way, and how large Pillow does not say.
        raise _too_many_pixels(None) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _unreadable(exc) from None


#: Keeps this module's own uses of :func:`_quiet_pillow` from interleaving across threads,
#: which could leave the filter of one behind once the other restores the list.
_WARNINGS_LOCK = threading.Lock()


@contextlib.contextmanager
def _quiet_pillow() -> Iterator[None]:
    """Hide what Pillow warns about while it reads a header: an image over its own pixel
    limit (refused here anyway, from the size, right after) and damaged metadata (a corrupt
    EXIF block: the pixels may be fine). Only Pillow's warnings, only for this block: the
    filters are put back as they were, and Pillow's own settings are never touched."""
    with _WARNINGS_LOCK, warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
        warnings.filterwarnings("ignore", module=r"PIL\.")
        yield


def _check_header(image: Image.Image) -> None:
    width, height = image.size  # from the header: nothing decoded yet
    if width < 1 or height < 1:
        raise _unreadable(ValueError(f"{width} × {height} pixels"))
    if width * height > MAX_PIXELS:
        raise _too_many_pixels((width, height))
    if max(width, height) > MAX_ASPECT_RATIO * min(width, height):
        raise PhotoRejected(
            "extreme_shape",
            f"La photo mesure {width} × {height} pixels : une forme aussi allongée n'est pas "
            f"une photo (un côté peut faire au plus {MAX_ASPECT_RATIO} fois l'autre)",
            f"The photo is {width} × {height} pixels: a shape that long is not a photo (one "
            f"side may be at most {MAX_ASPECT_RATIO} times the other)",
        )


def _too_many_pixels(size: tuple[int, int] | None) -> PhotoRejected:
    most = MAX_PIXELS // 1_000_000
    if size is None:
        fr_what, en_what = "La photo a trop de pixels", "The photo has too many pixels"
    else:
        width, height = size
        megapixels = width * height / 1_000_000
        fr_what = f"La photo mesure {width} × {height} pixels ({megapixels:.0f} mégapixels)"
        en_what = f"The photo is {width} × {height} pixels ({megapixels:.0f} megapixels)"
    return PhotoRejected(
        "too_many_pixels",
        f"{fr_what}, au-delà des {most} mégapixels acceptés",
        f"{en_what}, beyond the {most} megapixels accepted",
    )


def _unreadable(exc: BaseException) -> PhotoRejected:
    detail = str(exc) or type(exc).__name__
    return PhotoRejected(
        "unreadable",
        f"La photo est abîmée ou incomplète et ne peut pas être lue ({detail})",
        f"The photo is damaged or incomplete and cannot be read ({detail})",
    )


def _scaled_size(size: tuple[int, int]) -> tuple[int, int]:
    width, height = size
    longest = max(width, height)
    if longest <= MAX_SIDE:
        return width, height
    scale = MAX_SIDE / longest
    return max(1, round(width * scale)), max(1, round(height * scale))


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1 to 8); 1 when there is none or the EXIF block is unreadable."""
    try:
        value = image.getexif().get(_ORIENTATION_TAG, 1)
    except Exception:  # a broken EXIF block must not cost the photo itself
        log.debug("unreadable EXIF block: orientation taken as upright", exc_info=True)
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


# --- colours ------------------------------------------------------------------------------

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_GREY_MODES = ("1", "L", "LA", "La")
_DEEP_MODES = ("I", "I;16", "I;16L", "I;16B", "I;16N", "F")


def _to_srgb(image: Image.Image) -> Image.Image:
    """The decoded image as 8-bit ``L``, ``RGB`` or ``RGBA`` in sRGB (alpha only if used)."""
    icc = image.info.get("icc_profile")
    picture = _eight_bits(image)
    rgba = _with_alpha_in_use(picture)
    if rgba is not None:
        picture = rgba
    elif picture.mode in _GREY_MODES:
        picture = picture.convert("L")
    elif picture.mode not in ("RGB", "CMYK", "LAB"):
        picture = picture.convert("RGB")
    if icc:
        # The profile's colour space must match the pixels' (a grey profile for L, a CMYK
        # one for CMYK…); the result is always sRGB colour.
        return _apply_profile(picture, icc)
    return picture if picture.mode in ("L", "RGB", "RGBA") else picture.convert("RGB")


def _eight_bits(image: Image.Image) -> Image.Image:
    """Deep greys scaled to 8 bits (Pillow's plain conversion clips them to white)."""
    if image.mode not in _DEEP_MODES:
        return image
    deep = image.convert("F")
    _low, high = deep.getextrema()
    divisor = 257.0 if isinstance(high, int | float) and high > 255 else 1.0
    return deep.point(lambda value: value / divisor).convert("L")


def _with_alpha_in_use(image: Image.Image) -> Image.Image | None:
    """The image in RGBA when some pixel is not fully opaque, else None."""
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or ("transparency" in image.info)
    if not has_alpha:
        return None
    rgba = image.convert("RGBA")
    low, _high = rgba.getchannel("A").getextrema()
    return rgba if isinstance(low, int) and low < 255 else None


def _apply_profile(picture: Image.Image, icc: bytes) -> Image.Image:
    """``picture`` converted from its embedded ICC profile to sRGB; unchanged (but in RGB)
    when the profile cannot be used: a broken profile must not cost the photo."""
    target = "RGBA" if picture.mode == "RGBA" else "RGB"
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(picture, source, _SRGB, outputMode=target)
        if converted is not None:  # None only when converting in place, never asked here
            return converted
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        log.debug("unusable ICC profile: colours kept as they are", exc_info=True)
    return picture.convert(target)


# --- writing ------------------------------------------------------------------------------


def _encode(picture: Image.Image) -> NormalisedPhoto:
    # A fresh image carries no info (EXIF, XMP, ICC, comments, DPI) from the source.
    clean = Image.new(picture.mode, picture.size)
    clean.paste(picture)
    out = io.BytesIO()
    if clean.mode == "RGBA":
        # zlib's default level: its top level (Pillow's optimize) costs seconds on a
        # 720-pixel photo with fine detail, for a few per cent less.
        clean.save(out, "PNG", compress_level=6)
        mime = "image/png"
    else:
        clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, subsampling="4:2:0")
        mime = "image/jpeg"
    data = out.getvalue()
    return NormalisedPhoto(
        data=data,
        mime=mime,
        sha256=hashlib.sha256(data).hexdigest(),
        width=clean.width,
        height=clean.height,
    )
