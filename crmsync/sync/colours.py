"""Action type ↔ Google Calendar event colour.

Google Calendar offers eleven fixed event colours (``colorId`` "1".."11"); an action
type in the CRM carries any ``#rrggbb`` colour.  The eleven standard types each own one
palette colour (``STANDARD_TYPE_COLOUR_IDS``), so on push they use it and on pull a
colour read back from Google names its type without doubt.  Any other type is pushed
with the palette colour that *looks* nearest to its own.

"Looks nearest" is measured with CIEDE2000 (CIE ΔE₀₀) in CIE L*a*b*.  Plain distance in
RGB, or even the older CIE76 distance in L*a*b*, badly misjudges how different two
colours look: they overstate differences between saturated colours, understate them
between near-greys, and mishandle blue hues.  CIEDE2000 is the CIE's current colour
difference formula and corrects exactly these regions, so its nearest palette colour is
the one a person would pick.  The formula follows Sharma, Wu & Dalal, "The CIEDE2000
color-difference formula: implementation notes, supplementary test data, and
mathematical observations", Color Research & Application 30(1), 2005.
"""

from __future__ import annotations

import math
import re

from crmsync.crm.defaults import GOOGLE_EVENT_PALETTE, STANDARD_TYPE_COLOUR_IDS

#: Farthest (in ΔE₀₀) a type's colour may be from its nearest palette colour and still be
#: pushed as that colour.  Each of Google's eleven colours lies 15.6 to 21.3 from its own
#: nearest neighbour (Sage–Peacock closest, Tomato–Flamingo farthest), so a colour more
#: than 20 from all of them differs from its nearest as much as one palette colour does
#: from another: pushing it would be like swapping in a different colour.  Within 20 the
#: match is plainly the same kind of colour (pure red → Tomato at 8.5, orange → Tangerine
#: at 11, dark red → Tomato at 19); beyond it the nearest one misleads (mid grey →
#: Blueberry at 26, black → Tomato at 45, and also pure #0000ff → Blueberry at 29, a
#: much darker and stronger blue).  Then the event keeps the calendar's own colour, which
#: is the honest answer.
DEFAULT_MAX_DISTANCE: float = 20.0

_HEX = re.compile(r"#?(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")

# sRGB (IEC 61966-2-1) linear RGB → CIE XYZ, D65 white; rows sum to the white point below.
_RGB_TO_XYZ = (
    (0.4124564, 0.3575761, 0.1804375),
    (0.2126729, 0.7151522, 0.0721750),
    (0.0193339, 0.1191920, 0.9503041),
)
_D65_WHITE = (0.95047, 1.0, 1.08883)

_EPSILON = (6 / 29) ** 3  # CIE L*a*b*: below this, f(t) is linear instead of a cube root

_POW25_7 = 25.0**7


def _parse_hex(colour: str) -> tuple[int, int, int]:
    """``"#rrggbb"``, ``"rrggbb"``, ``"#rgb"`` or ``"rgb"`` → (r, g, b) in 0..255."""
    text = colour.strip()
    if not _HEX.fullmatch(text):
        raise ValueError(f"{colour!r} is not a colour of the form #rrggbb")
    digits = text.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _linearise(channel: int) -> float:
    """Undo the sRGB transfer curve of one 8-bit channel."""
    c = channel / 255.0
    if c <= 0.04045:
        return c / 12.92
    return ((c + 0.055) / 1.055) ** 2.4


def _lab_f(t: float) -> float:
    if t > _EPSILON:
        return t ** (1.0 / 3.0)
    return t / (3 * (6 / 29) ** 2) + 4 / 29


def srgb_hex_to_lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65 white) of an sRGB colour written ``#rrggbb``.

    Also accepts the short ``#rgb`` form and a missing ``#``; raises ``ValueError`` for
    anything else.
    """
    rgb = tuple(_linearise(c) for c in _parse_hex(colour))
    x, y, z = (
        sum(m * c for m, c in zip(row, rgb, strict=True)) / white
        for row, white in zip(_RGB_TO_XYZ, _D65_WHITE, strict=True)
    )
    fx, fy, fz = _lab_f(x), _lab_f(y), _lab_f(z)
    return 116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)


def _hue_degrees(b: float, a: float) -> float:
    """Hue angle in [0, 360); 0 for a neutral colour (a = b = 0)."""
    if a == 0.0 and b == 0.0:
        return 0.0
    return math.degrees(math.atan2(b, a)) % 360.0


def ciede2000(
    lab1: tuple[float, float, float],
    lab2: tuple[float, float, float],
) -> float:
    """CIEDE2000 colour difference ΔE₀₀ between two CIE L*a*b* colours.

    The parametric weights kL, kC and kH are all 1 (reference conditions).  The result
    is symmetric in its two arguments and 0 for identical colours; about 1 is the
    smallest difference most people notice.
    """
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2

    # Step 1: adjust a* so near-neutral colours get their hue right, then C' and h'.
    c_mean_ab = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2.0
    c7 = c_mean_ab**7
    g = 0.5 * (1.0 - math.sqrt(c7 / (c7 + _POW25_7)))
    a1p = (1.0 + g) * a1
    a2p = (1.0 + g) * a2
    c1p = math.hypot(a1p, b1)
    c2p = math.hypot(a2p, b2)
    h1p = _hue_degrees(b1, a1p)
    h2p = _hue_degrees(b2, a2p)

    # Step 2: the differences in lightness, chroma and hue.
    delta_lp = l2 - l1
    delta_cp = c2p - c1p
    if c1p * c2p == 0.0:
        delta_hp = 0.0
    else:
        delta_hp = h2p - h1p
        if delta_hp > 180.0:
            delta_hp -= 360.0
        elif delta_hp < -180.0:
            delta_hp += 360.0
    delta_big_hp = 2.0 * math.sqrt(c1p * c2p) * math.sin(math.radians(delta_hp / 2.0))

    # Step 3: the weighting functions, evaluated at the pair's mean L', C' and h'.
    l_mean = (l1 + l2) / 2.0
    c_mean = (c1p + c2p) / 2.0
    if c1p * c2p == 0.0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180.0:
        h_mean = (h1p + h2p) / 2.0
    elif h1p + h2p < 360.0:
        h_mean = (h1p + h2p + 360.0) / 2.0
    else:
        h_mean = (h1p + h2p - 360.0) / 2.0

    t = (
        1.0
        - 0.17 * math.cos(math.radians(h_mean - 30.0))
        + 0.24 * math.cos(math.radians(2.0 * h_mean))
        + 0.32 * math.cos(math.radians(3.0 * h_mean + 6.0))
        - 0.20 * math.cos(math.radians(4.0 * h_mean - 63.0))
    )
    delta_theta = 30.0 * math.exp(-(((h_mean - 275.0) / 25.0) ** 2))
    c_mean7 = c_mean**7
    r_c = 2.0 * math.sqrt(c_mean7 / (c_mean7 + _POW25_7))
    l_offset2 = (l_mean - 50.0) ** 2
    s_l = 1.0 + 0.015 * l_offset2 / math.sqrt(20.0 + l_offset2)
    s_c = 1.0 + 0.045 * c_mean
    s_h = 1.0 + 0.015 * c_mean * t
    r_t = -math.sin(math.radians(2.0 * delta_theta)) * r_c

    dl = delta_lp / s_l
    dc = delta_cp / s_c
    dh = delta_big_hp / s_h
    return math.sqrt(dl * dl + dc * dc + dh * dh + r_t * dc * dh)


_PALETTE_LAB: dict[str, tuple[float, float, float]] = {
    colour_id: srgb_hex_to_lab(hex_colour) for colour_id, hex_colour in GOOGLE_EVENT_PALETTE.items()
}


def _build_inverse() -> dict[str, str]:
    """colorId → standard type code, leaving out any colorId two codes would share."""
    inverse: dict[str, str] = {}
    shared: set[str] = set()
    for code, colour_id in STANDARD_TYPE_COLOUR_IDS.items():
        if colour_id in inverse:
            shared.add(colour_id)
        inverse[colour_id] = code
    return {colour_id: code for colour_id, code in inverse.items() if colour_id not in shared}


_CODE_BY_COLOUR_ID = _build_inverse()


def nearest_colour_id(
    colour_hex: str, max_distance: float | None = DEFAULT_MAX_DISTANCE
) -> str | None:
    """The Google event colorId whose colour is nearest to ``colour_hex`` by CIEDE2000.

    ``None`` when even the nearest is farther than ``max_distance`` (no limit when
    ``max_distance`` is ``None``) or when ``colour_hex`` is not a colour at all.  On a
    tie the lower colorId wins, so the answer never depends on dictionary order.
    """
    try:
        lab = srgb_hex_to_lab(colour_hex)
    except ValueError:
        return None
    best_id, best_distance = min(
        (
            (colour_id, ciede2000(lab, palette_lab))
            for colour_id, palette_lab in _PALETTE_LAB.items()
        ),
        key=lambda item: (item[1], int(item[0])),
    )
    if max_distance is not None and best_distance > max_distance:
        return None
    return best_id


def colour_id_for_type(code: str, colour_hex: str) -> str | None:
    """The colorId to push for an action of type ``code`` whose colour is ``colour_hex``.

    A standard type always uses its own fixed colorId, so Google's colour names it on the
    way back; any other type gets the nearest palette colour, or ``None`` (leave the
    calendar's colour) when nothing in the palette is close.
    """
    fixed = STANDARD_TYPE_COLOUR_IDS.get(code)
    if fixed is not None:
        return fixed
    return nearest_colour_id(colour_hex)


def type_code_for_colour_id(colour_id: str | None) -> str | None:
    """The standard type code a pulled event's colorId names, if it names one.

    ``None`` for no colour or a colour no standard type owns; the caller then keeps the
    action's current type.
    """
    if colour_id is None:
        return None
    return _CODE_BY_COLOUR_ID.get(colour_id.strip())
