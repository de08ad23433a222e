"""Portrait-like contact photos drawn with Pillow, in the sizes and formats people import.

Rendering and encoding a 1200×900 image costs tens of milliseconds, so a run draws a pool of
images once and hands the same bytes to many contacts. Only small images (where it costs
about a millisecond) are drawn per contact, with that contact's initials.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

#: Pool size: enough distinct images to look varied, few enough to draw in well under a second.
POOL_SIZE = 40
#: Images at most this wide and high are drawn per contact with its initials.
SMALL_SIDE = 256

_SIZES: tuple[tuple[int, int], ...] = (
    (64, 64), (96, 96), (128, 128), (200, 200), (256, 256), (240, 320),
    (400, 400), (480, 640), (720, 720), (600, 800), (800, 600), (1024, 768), (1200, 900),
)  # fmt: skip
#: (weight, format); JPEG dominates real imports, a few GIF/WEBP keep the normaliser honest.
_FORMATS: tuple[tuple[int, str], ...] = ((50, "JPEG"), (25, "PNG"), (15, "WEBP"), (10, "GIF"))
#: EXIF orientation → the transpose that stores an upright portrait so that the viewer,
#: applying the tag, shows it upright again.
_STORE_FOR_ORIENTATION = {
    3: Image.Transpose.ROTATE_180,
    6: Image.Transpose.ROTATE_90,
    8: Image.Transpose.ROTATE_270,
}
_EXIF_ORIENTATION = 0x0112

_BACKGROUNDS = (
    (231, 111, 81), (42, 157, 143), (233, 196, 106), (38, 70, 83), (244, 162, 97),
    (131, 56, 236), (58, 134, 255), (255, 190, 11), (141, 153, 174), (106, 153, 78),
)  # fmt: skip
_SKIN = ((255, 219, 172), (241, 194, 125), (224, 172, 105), (198, 134, 66), (141, 85, 36))


@dataclass(frozen=True)
class PhotoStyle:
    """How one photo looks and is stored, drawn before any pixel is."""

    size: tuple[int, int]
    format: str
    background: tuple[int, int, int]
    skin: tuple[int, int, int]
    shirt: tuple[int, int, int]
    orientation: int  # EXIF orientation tag; 1 = none written
    mode: str  # "RGB", "RGBA" (PNG with transparency), "L" (grey JPEG)


def draw_style(rng: random.Random) -> PhotoStyle:
    """A random style: size, format, colours, EXIF orientation and colour mode."""
    fmt = _weighted(rng, _FORMATS)
    orientation = 1
    mode = "RGB"
    if fmt == "JPEG":
        orientation = rng.choices((1, 6, 8, 3), weights=(70, 15, 10, 5))[0]
        mode = "L" if rng.random() < 0.1 else "RGB"
    elif fmt == "PNG" and rng.random() < 0.4:
        mode = "RGBA"
    return PhotoStyle(
        size=rng.choice(_SIZES),
        format=fmt,
        background=rng.choice(_BACKGROUNDS),
        skin=rng.choice(_SKIN),
        shirt=rng.choice(_BACKGROUNDS),
        orientation=orientation,
        mode=mode,
    )


def render(style: PhotoStyle, initials: str) -> bytes:
    """Draw a head-and-shoulders portrait with ``initials`` and encode it as ``style`` says."""
    width, height = style.size
    transparent = style.mode == "RGBA"
    image = Image.new("RGBA" if transparent else "RGB", (width, height), style.background)
    if transparent:
        image.putalpha(0)
    draw = ImageDraw.Draw(image)
    side = min(width, height)
    cx, cy = width / 2, height * 0.42
    head = side * 0.22
    draw.ellipse(
        (cx - side * 0.42, height * 0.72, cx + side * 0.42, height * 0.72 + side * 0.6),
        fill=style.shirt,
    )
    draw.ellipse((cx - head, cy - head * 1.15, cx + head, cy + head * 1.15), fill=style.skin)
    font = ImageFont.load_default(size=max(10, int(side * 0.14)))
    draw.text((cx, height * 0.86), initials, fill=(255, 255, 255), font=font, anchor="mm")
    return _encode(image, style)


def _encode(image: Image.Image, style: PhotoStyle) -> bytes:
    transpose = _STORE_FOR_ORIENTATION.get(style.orientation)
    if transpose is not None:
        image = image.transpose(transpose)
    out = io.BytesIO()
    if style.format == "JPEG":
        if style.mode == "L":
            image = image.convert("L")
        exif = Image.Exif()
        if style.orientation != 1:
            exif[_EXIF_ORIENTATION] = style.orientation
        image.save(out, "JPEG", quality=85, exif=exif.tobytes())
    elif style.format == "GIF":
        image.convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(out, "GIF")
    elif style.format == "WEBP":
        image.save(out, "WEBP", quality=80, method=0)
    else:
        image.save(out, "PNG", compress_level=1)
    return out.getvalue()


class PhotoPool:
    """The photos of one run: a pool of drawn images shared by contacts, plus small
    per-contact portraits. Deterministic for the random generator handed in."""

    def __init__(self, rng: random.Random, size: int = POOL_SIZE) -> None:
        self._rng = rng
        self._styles = [draw_style(rng) for _ in range(size)]
        self._images: dict[int, bytes] = {}

    def photo_for(self, initials: str) -> bytes:
        """A photo for a contact with these initials."""
        index = self._rng.randrange(len(self._styles))
        style = self._styles[index]
        if max(style.size) <= SMALL_SIDE:
            return render(style, initials)
        if index not in self._images:
            self._images[index] = render(style, _pool_initials(index))
        return self._images[index]


def _pool_initials(index: int) -> str:
    return chr(ord("A") + index % 26) + chr(ord("A") + (index * 7 + 3) % 26)


def _weighted(rng: random.Random, table: tuple[tuple[int, str], ...]) -> str:
    weights, values = zip(*table, strict=True)
    return rng.choices(values, weights=weights)[0]
