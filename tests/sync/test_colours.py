"""Action type ↔ Google event colour: CIEDE2000, sRGB → L*a*b*, nearest palette colour."""

from __future__ import annotations

import pytest

from crmsync.crm.defaults import GOOGLE_EVENT_PALETTE, STANDARD_TYPE_COLOUR_IDS
from crmsync.sync import colours
from crmsync.sync.colours import (
    DEFAULT_MAX_DISTANCE,
    ciede2000,
    colour_id_for_type,
    nearest_colour_id,
    srgb_hex_to_lab,
    type_code_for_colour_id,
)

# Sharma, Wu & Dalal (2005), Table 1: all 34 pairs, (L1, a1, b1), (L2, a2, b2), ΔE00.
# They were chosen to catch the usual mistakes: the hue-angle wrap at 0/360°, the mean hue
# of hues 180° apart, the rotation term near blue and near-neutral colours.
SHARMA_PAIRS = [
    ((50.0000, 2.6772, -79.7751), (50.0000, 0.0000, -82.7485), 2.0425),
    ((50.0000, 3.1571, -77.2803), (50.0000, 0.0000, -82.7485), 2.8615),
    ((50.0000, 2.8361, -74.0200), (50.0000, 0.0000, -82.7485), 3.4412),
    ((50.0000, -1.3802, -84.2814), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, -1.1848, -84.8006), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, -0.9009, -85.5211), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, 0.0000, 0.0000), (50.0000, -1.0000, 2.0000), 2.3669),
    ((50.0000, -1.0000, 2.0000), (50.0000, 0.0000, 0.0000), 2.3669),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0009), 7.1792),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0010), 7.1792),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0011), 7.2195),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0012), 7.2195),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0009, -2.4900), 4.8045),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0010, -2.4900), 4.8045),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0011, -2.4900), 4.7461),
    ((50.0000, 2.5000, 0.0000), (50.0000, 0.0000, -2.5000), 4.3065),
    ((50.0000, 2.5000, 0.0000), (73.0000, 25.0000, -18.0000), 27.1492),
    ((50.0000, 2.5000, 0.0000), (61.0000, -5.0000, 29.0000), 22.8977),
    ((50.0000, 2.5000, 0.0000), (56.0000, -27.0000, -3.0000), 31.9030),
    ((50.0000, 2.5000, 0.0000), (58.0000, 24.0000, 15.0000), 19.4535),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.1736, 0.5854), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.2972, 0.0000), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 1.8634, 0.5757), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.2592, 0.3350), 1.0000),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((63.0109, -31.0961, -5.8663), (62.8187, -29.7946, -4.0864), 1.2630),
    ((61.2901, 3.7196, -5.3901), (61.4292, 2.2480, -4.9620), 1.8731),
    ((35.0831, -44.1164, 3.7933), (35.0232, -40.0716, 1.5901), 1.8645),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ((36.4612, 47.8580, 18.3852), (36.2715, 50.5065, 21.2231), 1.4146),
    ((90.8027, -2.0831, 1.4410), (91.1528, -1.6435, 0.0447), 1.4441),
    ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
    ((6.7747, -0.2908, -2.4247), (5.8714, -0.0985, -2.2286), 0.6377),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"), SHARMA_PAIRS, ids=[f"pair{i}" for i in range(1, 35)]
)
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert round(ciede2000(lab1, lab2), 4) == expected
    assert round(ciede2000(lab2, lab1), 4) == expected  # the formula is symmetric


def test_ciede2000_of_a_colour_with_itself_is_zero():
    for lab in [(50.0, 0.0, 0.0), (0.0, 0.0, 0.0), (53.24, 80.09, 67.2), (32.3, 79.2, -107.9)]:
        assert ciede2000(lab, lab) == 0.0


@pytest.mark.parametrize(
    ("colour", "expected"),
    [
        ("#ffffff", (100.0, 0.0, 0.0)),
        ("#000000", (0.0, 0.0, 0.0)),
        ("#808080", (53.585, 0.0, 0.0)),
        ("#010101", (0.274, 0.0, 0.0)),  # both linear segments: sRGB's and L*'s
        ("#ff0000", (53.241, 80.092, 67.203)),
        ("#00ff00", (87.735, -86.183, 83.179)),
        ("#0000ff", (32.297, 79.188, -107.860)),
    ],
)
def test_srgb_to_lab_gives_the_known_values(colour, expected):
    assert srgb_hex_to_lab(colour) == pytest.approx(expected, abs=1e-3)


def test_srgb_to_lab_reads_short_bare_and_upper_case_forms():
    assert srgb_hex_to_lab("#F00") == srgb_hex_to_lab("#ff0000")
    assert srgb_hex_to_lab("FF0000") == srgb_hex_to_lab("#ff0000")
    assert srgb_hex_to_lab(" #5484ED ") == srgb_hex_to_lab("#5484ed")


@pytest.mark.parametrize("bad", ["", "#", "red", "#12345", "#1234567", "#gg0000", "##ff0000"])
def test_srgb_to_lab_refuses_what_is_not_a_colour(bad):
    with pytest.raises(ValueError):
        srgb_hex_to_lab(bad)


def test_each_palette_colour_is_its_own_nearest():
    for colour_id, colour in GOOGLE_EVENT_PALETTE.items():
        assert nearest_colour_id(colour, max_distance=0.0) == colour_id


@pytest.mark.parametrize(
    ("colour", "expected"),
    [
        ("#ff0000", "11"),  # pure red → Tomato
        ("#a52a2a", "11"),  # brown-red → Tomato
        ("#ffa500", "6"),  # orange → Tangerine
        ("#ffff00", "5"),  # yellow → Banana
        ("#00ffff", "7"),  # cyan → Peacock
        ("#008000", "10"),  # green → Basil
        ("#1e90ff", "9"),  # a mid blue → Blueberry
        ("#ffffff", "8"),  # white → Graphite, the palette's pale grey
    ],
)
def test_a_colour_goes_to_the_palette_colour_it_looks_like(colour, expected):
    assert nearest_colour_id(colour) == expected


@pytest.mark.parametrize("colour", ["#000000", "#808080", "#800080", "#000080"])
def test_a_colour_far_from_the_whole_palette_gets_none(colour):
    assert nearest_colour_id(colour) is None
    assert nearest_colour_id(colour, max_distance=None) is not None  # no limit: some answer


def test_the_threshold_is_inclusive_and_adjustable():
    red = srgb_hex_to_lab("#ff0000")
    tomato = srgb_hex_to_lab(GOOGLE_EVENT_PALETTE["11"])
    distance = ciede2000(red, tomato)
    assert 0 < distance < DEFAULT_MAX_DISTANCE
    assert nearest_colour_id("#ff0000", max_distance=distance) == "11"
    assert nearest_colour_id("#ff0000", max_distance=distance - 1e-9) is None


def test_the_nearest_is_chosen_by_ciede2000_not_by_rgb_distance():
    # The mint #3aeeb6 is nearer to Peacock than to Sage in RGB (≈ 46 against ≈ 65) but
    # looks like Sage, and CIEDE2000 says so (≈ 5 from Sage).
    colour = "#3aeeb6"

    def rgb_distance(a: str, b: str) -> float:
        pa = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
        pb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
        return sum((x - y) ** 2 for x, y in zip(pa, pb, strict=True)) ** 0.5

    by_rgb = min(GOOGLE_EVENT_PALETTE, key=lambda i: rgb_distance(colour, GOOGLE_EVENT_PALETTE[i]))
    assert by_rgb == "7"
    assert nearest_colour_id(colour) == "2"


def test_nearest_of_something_that_is_not_a_colour_is_none():
    assert nearest_colour_id("not a colour") is None


def test_standard_types_keep_their_fixed_colour_whatever_their_own():
    for code, colour_id in STANDARD_TYPE_COLOUR_IDS.items():
        assert colour_id_for_type(code, GOOGLE_EVENT_PALETTE[colour_id]) == colour_id
        assert colour_id_for_type(code, "#000000") == colour_id


def test_other_types_get_the_nearest_palette_colour_or_none():
    assert "ZZ" not in STANDARD_TYPE_COLOUR_IDS
    assert colour_id_for_type("ZZ", "#ff0000") == "11"
    assert colour_id_for_type("ZZ", "#ffa500") == "6"
    assert colour_id_for_type("ZZ", "#000000") is None


def test_a_standard_colour_read_back_names_its_type():
    for code in STANDARD_TYPE_COLOUR_IDS:
        assert type_code_for_colour_id(colour_id_for_type(code, "#123456")) == code


@pytest.mark.parametrize("colour_id", [None, "", "0", "12", "Tomato"])
def test_an_unknown_colour_read_back_names_no_type(colour_id):
    assert type_code_for_colour_id(colour_id) is None


def test_a_colour_two_types_share_names_neither(monkeypatch):
    monkeypatch.setattr(colours, "STANDARD_TYPE_COLOUR_IDS", {"A": "1", "B": "1", "C": "2"})
    assert colours._build_inverse() == {"2": "C"}
