"""The photo normaliser: every test image is generated here with Pillow (or crafted by hand
where Pillow would have to allocate the pixels)."""

from __future__ import annotations

import hashlib
import io
import os
import struct
import subprocess
import sys
import warnings
import zlib

import pytest
from PIL import Image, ImageCms

from crmsync.crm.photos import (
    MAX_INPUT_BYTES,
    MAX_SIDE,
    NormalisedPhoto,
    PhotoRejected,
    check_photo,
    normalise_photo,
)

RED, BLUE, GREEN = (220, 20, 20), (20, 20, 220), (20, 200, 20)


def encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def decoded(photo: NormalisedPhoto) -> Image.Image:
    image = Image.open(io.BytesIO(photo.data))
    image.load()
    return image


def close_to(pixel: object, colour: tuple[int, ...], tolerance: int = 12) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def halves(size: tuple[int, int], left: tuple[int, int, int], right: tuple[int, int, int]):
    """An RGB image whose left half is ``left`` and right half ``right``."""
    image = Image.new("RGB", size, right)
    image.paste(left, (0, 0, size[0] // 2, size[1]))
    return image


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels, with a token of data: what a
    decompression bomb looks like before it is decoded (nothing is allocated here)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


# --- what comes out -----------------------------------------------------------------------


def test_a_large_photo_becomes_a_jpeg_of_at_most_the_chosen_side():
    photo = normalise_photo(encode(halves((3000, 2000), RED, BLUE), "JPEG", quality=95))
    assert (photo.mime, photo.width, photo.height) == ("image/jpeg", MAX_SIDE, 480)
    image = decoded(photo)
    assert image.format == "JPEG" and image.size == (MAX_SIDE, 480)
    assert close_to(image.getpixel((10, 240)), RED)
    assert close_to(image.getpixel((MAX_SIDE - 10, 240)), BLUE)


def test_a_portrait_is_scaled_on_its_height_and_a_small_photo_is_not_enlarged():
    tall = normalise_photo(encode(Image.new("RGB", (900, 1800), GREEN), "PNG"))
    assert (tall.width, tall.height) == (360, MAX_SIDE)
    small = normalise_photo(encode(Image.new("RGB", (120, 90), GREEN), "PNG"))
    assert (small.mime, small.width, small.height) == ("image/jpeg", 120, 90)


@pytest.mark.parametrize(
    ("orientation", "size", "top_left", "bottom_right"),
    [
        (1, (80, 40), RED, BLUE),  # as stored: red on the left
        (3, (80, 40), BLUE, RED),  # upside down
        (6, (40, 80), RED, BLUE),  # turned a quarter clockwise: the left half goes on top
        (8, (40, 80), BLUE, RED),  # a quarter anticlockwise: the right half goes on top
        (2, (80, 40), BLUE, RED),  # mirrored
    ],
)
def test_the_exif_orientation_is_applied(orientation, size, top_left, bottom_right):
    image = halves((80, 40), RED, BLUE)
    exif = Image.Exif()
    exif[0x0112] = orientation
    photo = normalise_photo(encode(image, "JPEG", quality=95, exif=exif.tobytes()))
    result = decoded(photo)
    assert result.size == size == (photo.width, photo.height)
    assert close_to(result.getpixel((2, 2)), top_left)
    assert close_to(result.getpixel((size[0] - 3, size[1] - 3)), bottom_right)
    assert 0x0112 not in result.getexif()


def test_a_large_rotated_photo_is_scaled_then_turned():
    exif = Image.Exif()
    exif[0x0112] = 6
    data = encode(halves((2400, 1200), RED, BLUE), "JPEG", exif=exif.tobytes())
    photo = normalise_photo(data)
    assert (photo.width, photo.height) == (360, MAX_SIDE)
    assert close_to(decoded(photo).getpixel((180, 10)), RED)


def test_a_png_with_transparency_in_use_stays_a_png_with_its_alpha():
    image = Image.new("RGBA", (100, 100), (*RED, 255))
    image.paste((0, 0, 0, 0), (0, 0, 50, 100))
    photo = normalise_photo(encode(image, "PNG"))
    assert photo.mime == "image/png"
    result = decoded(photo)
    assert result.format == "PNG" and result.mode == "RGBA"
    assert result.getpixel((10, 50))[3] == 0
    assert result.getpixel((90, 50)) == (*RED, 255)


def test_an_alpha_channel_that_is_all_opaque_gives_a_jpeg():
    photo = normalise_photo(encode(Image.new("RGBA", (64, 64), (*GREEN, 255)), "PNG"))
    assert photo.mime == "image/jpeg"
    assert decoded(photo).mode == "RGB"


def test_a_palette_gif_becomes_a_jpeg_of_the_right_colours():
    image = halves((60, 30), RED, BLUE).convert("P", palette=Image.Palette.ADAPTIVE, colors=4)
    photo = normalise_photo(encode(image, "GIF"))
    result = decoded(photo)
    assert photo.mime == "image/jpeg" and result.mode == "RGB"
    assert close_to(result.getpixel((5, 15)), RED)
    assert close_to(result.getpixel((55, 15)), BLUE)


def test_a_gif_with_a_transparent_colour_in_use_becomes_a_png():
    image = Image.new("P", (40, 40), 1)
    image.putpalette([0, 0, 0, *RED] + [0] * (254 * 3))
    image.paste(0, (0, 0, 20, 40))
    photo = normalise_photo(encode(image, "GIF", transparency=0))
    result = decoded(photo)
    assert photo.mime == "image/png"
    assert result.getpixel((5, 5))[3] == 0
    assert result.getpixel((35, 5)) == (*RED, 255)


def test_an_animated_gif_is_taken_as_its_first_frame():
    frames = [Image.new("RGB", (50, 50), colour).convert("P") for colour in (GREEN, RED, BLUE)]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    assert Image.open(io.BytesIO(data)).n_frames == 3
    result = decoded(normalise_photo(data))
    assert close_to(result.getpixel((25, 25)), GREEN)


def test_a_cmyk_jpeg_becomes_rgb():
    cyan = Image.new("CMYK", (64, 48), (255, 0, 0, 0))
    photo = normalise_photo(encode(cyan, "JPEG", quality=95))
    result = decoded(photo)
    assert photo.mime == "image/jpeg" and result.mode == "RGB"
    assert close_to(result.getpixel((32, 24)), (0, 255, 255))


def test_a_16_bit_grey_png_is_scaled_to_8_bits_not_clipped_to_white():
    deep = Image.new("I;16", (50, 40), 40000)
    data = encode(deep, "PNG")
    assert Image.open(io.BytesIO(data)).mode.startswith("I")
    result = decoded(normalise_photo(data))
    assert result.mode == "L"
    assert abs(result.getpixel((25, 20)) - 40000 // 257) <= 2


def test_a_16_bit_colour_png_keeps_its_colours():
    # Pillow reads 16-bit RGB PNGs as 8-bit RGB: whatever it gives must come out right.
    raw = struct.pack(">HHH", 50000, 10000, 10000) * (16 * 16)
    rows = b"".join(b"\x00" + raw[i * 96 : (i + 1) * 96] for i in range(16))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 16, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    result = decoded(normalise_photo(data))
    assert close_to(result.getpixel((8, 8)), (50000 // 257, 10000 // 257, 10000 // 257))


def test_an_embedded_icc_profile_is_applied_then_dropped():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encode(Image.new("RGB", (40, 40), RED), "JPEG", quality=95, icc_profile=srgb)
    result = decoded(normalise_photo(data))
    assert "icc_profile" not in result.info
    assert close_to(result.getpixel((20, 20)), RED)


@pytest.mark.parametrize("embedded", [True, False], ids=["with-profile", "without"])
def test_a_lab_tiff_is_converted_through_colour_management(embedded):
    lab_profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB"))
    lab = Image.new("LAB", (40, 40), (128, 188, 128))  # mid lightness, strongly red (a=+60)
    expected = ImageCms.profileToProfile(
        lab, lab_profile, ImageCms.createProfile("sRGB"), outputMode="RGB"
    ).getpixel((0, 0))
    params = {"icc_profile": lab_profile.tobytes()} if embedded else {}
    photo = normalise_photo(encode(lab, "TIFF", **params))
    result = decoded(photo)
    assert photo.mime == "image/jpeg" and "icc_profile" not in result.info
    assert close_to(result.getpixel((20, 20)), expected)


def test_a_broken_icc_profile_does_not_cost_the_photo():
    data = encode(Image.new("RGB", (40, 40), RED), "JPEG", icc_profile=b"not a profile" * 20)
    result = decoded(normalise_photo(data))
    assert "icc_profile" not in result.info
    assert close_to(result.getpixel((20, 20)), RED)


def test_a_broken_exif_block_does_not_cost_the_photo():
    data = encode(Image.new("RGB", (40, 30), RED), "JPEG", exif=b"Exif\x00\x00MM\x00*garbage")
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        photo = normalise_photo(data)
    assert shown == []  # Pillow warns about the EXIF block: nothing a user can act on
    assert (photo.width, photo.height) == (40, 30)


def test_every_metadata_is_stripped_gps_included():
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0132] = "2024:05:01 10:00:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (48.0, 51.0, 29.0)
    gps[3], gps[4] = "E", (2.0, 17.0, 40.0)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/>SecretPlace</x:xmpmeta>'
    data = encode(
        Image.new("RGB", (300, 200), GREEN),
        "JPEG",
        exif=exif.tobytes(),
        xmp=xmp,
        comment=b"taken at SecretPlace",
        dpi=(300, 300),
    )
    source = Image.open(io.BytesIO(data))
    assert source.getexif().get_ifd(0x8825) and "xmp" in source.info  # the test is honest
    photo = normalise_photo(data)
    result = decoded(photo)
    assert not result.getexif()
    assert not {"exif", "xmp", "comment", "icc_profile", "dpi"} & set(result.info)
    for secret in (b"SecretPlace", b"CameraMaker", b"Exif", b"2024:05:01"):
        assert secret not in photo.data


def test_png_text_chunks_are_stripped():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "SecretAuthor")
    image = Image.new("RGBA", (30, 30), (0, 0, 0, 0))
    photo = normalise_photo(encode(image, "PNG", pnginfo=info))
    assert photo.mime == "image/png"
    assert b"SecretAuthor" not in photo.data and b"tEXt" not in photo.data


def test_the_same_input_gives_the_same_bytes_and_hash():
    data = encode(halves((2000, 1500), RED, BLUE), "JPEG")
    first, second = normalise_photo(data), normalise_photo(data)
    assert first == second
    assert first.sha256 == hashlib.sha256(first.data).hexdigest()
    other = normalise_photo(encode(halves((2000, 1500), BLUE, RED), "JPEG"))
    assert other.sha256 != first.sha256


def test_the_hash_is_the_same_in_another_process(tmp_path):
    data = encode(halves((1600, 1200), RED, GREEN), "JPEG")
    source = tmp_path / "photo.jpg"
    source.write_bytes(data)
    script = (
        "import sys, pathlib\n"
        "from crmsync.crm.photos import normalise_photo\n"
        "print(normalise_photo(pathlib.Path(sys.argv[1]).read_bytes()).sha256)\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(source)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=120,
    )
    assert done.stdout.strip() == normalise_photo(data).sha256


# --- what is refused ----------------------------------------------------------------------


def rejected(data: bytes) -> PhotoRejected:
    with pytest.raises(PhotoRejected) as caught:
        normalise_photo(data)
    return caught.value


def test_a_50_megapixel_image_is_refused_from_its_header():
    error = rejected(png_header_only(8660, 5774))
    assert error.reason == "too_many_pixels"
    assert "8660 × 5774" in error.text("en") and "50 megapixels" in error.text("en")


def test_an_image_above_pillows_own_limits_is_refused_the_same_way():
    # 20000 × 20000 is over twice Pillow's default limit: Pillow itself raises on opening.
    assert rejected(png_header_only(20000, 20000)).reason == "too_many_pixels"


@pytest.mark.parametrize("warnings_are", ["error", "always", "ignore"])
@pytest.mark.parametrize("side", [8000, 10000, 20000])
def test_a_bomb_is_refused_the_same_whatever_the_warning_filter(side, warnings_are):
    # 8000² is over our limit only; 10000² makes Pillow warn on opening; 20000² makes it
    # raise. Refused the same way in each case, and nothing is shown.
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter(warnings_are)
        error = rejected(png_header_only(side, side))
    assert shown == []
    assert error.reason == "too_many_pixels"
    if side < 20000:  # over twice its limit, Pillow does not tell the size
        assert f"{side} × {side}" in error.text("en")


def test_pillows_global_state_is_left_alone():
    before_limit, before_filters = Image.MAX_IMAGE_PIXELS, list(warnings.filters)
    rejected(png_header_only(10000, 10000))
    normalise_photo(encode(Image.new("RGB", (30, 30), RED), "PNG"))
    assert before_limit == Image.MAX_IMAGE_PIXELS
    assert warnings.filters == before_filters


def test_a_strip_of_extreme_shape_is_refused():
    error = rejected(encode(Image.new("L", (1, 100_000), 128), "PNG"))
    assert error.reason == "extreme_shape"
    assert "1 × 100000" in error.text("en")


def test_a_panorama_is_accepted():
    photo = normalise_photo(encode(Image.new("RGB", (4000, 500), BLUE), "JPEG"))
    assert (photo.width, photo.height) == (MAX_SIDE, 90)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF"])
def test_a_truncated_image_is_refused(fmt):
    image = Image.effect_noise((200, 200), 60).convert("RGB")
    if fmt == "GIF":
        image = image.convert("P")
    data = encode(image, fmt)
    error = rejected(data[: len(data) // 2])
    assert error.reason == "unreadable"
    assert "replace the contact's photo with a jpeg or png image" in error.text("en").lower()


@pytest.mark.parametrize(
    "data",
    [
        os.urandom(4096),
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n",
        "Bonjour, voilà un texte.\n".encode() * 20,
        b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n",
    ],
    ids=["random", "pdf", "text", "postscript"],
)
def test_what_is_not_an_image_is_refused(data):
    assert rejected(data).reason == "not_an_image"


def test_a_corrupt_jpeg_body_is_refused():
    data = bytearray(encode(Image.effect_noise((120, 120), 60).convert("RGB"), "JPEG"))
    start = data.index(b"\xff\xda")  # start of scan: break everything after it
    data[start + 2 :] = b"\xff" * (len(data) - start - 2)
    assert rejected(bytes(data)).reason == "unreadable"


def test_empty_and_oversized_inputs_are_refused_before_reading():
    assert rejected(b"").reason == "empty"
    error = rejected(b"\xff\xd8" + b"\x00" * MAX_INPUT_BYTES)
    assert error.reason == "too_many_bytes"
    assert f"{MAX_INPUT_BYTES + 2:,} bytes, beyond the {MAX_INPUT_BYTES:,}" in error.text("en")
    assert "20\u202f000\u202f002 octets" in error.text("fr")


def test_the_message_is_french_by_default_and_english_on_request(monkeypatch):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    error = rejected(b"not an image at all")
    assert str(error) == error.text("fr")
    assert "Remplacez la photo du contact par une image JPEG ou PNG" in str(error)
    assert "Replace the contact's photo with a JPEG or PNG image" in error.text("en")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert str(error) == error.text("en")


def test_check_photo_accepts_and_refuses_what_normalise_photo_does():
    good = encode(Image.new("RGB", (2000, 1000), RED), "JPEG")
    check_photo(good)
    for bad in (good[: len(good) // 2], png_header_only(9000, 9000), b"text", b""):
        with pytest.raises(PhotoRejected) as by_check:
            check_photo(bad)
        assert by_check.value.reason == rejected(bad).reason
