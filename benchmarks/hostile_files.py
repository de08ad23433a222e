"""Hostile files through the import command, each next to a benign file of about its size.

Run: ``uv run python benchmarks/hostile_files.py``. Each file is built in a temporary
folder and imported with ``crmsync import`` (the real command, its messages captured) into
a fresh SQLite database, in this one process:

- an event repeating every second (``RRULE:FREQ=SECONDLY``, no COUNT or UNTIL), against
  the same event repeating weekly;
- 50,000 ``BEGIN:VEVENT`` nested in one another, against as many bytes of ordinary events;
- one vCard note folded over 100,000 lines, against the same note as 100,000 NOTE lines;
- a 13000 × 13000 RGBA PNG (about 660 kB) as a contact photo, against a 480 × 480 photo of
  about the same size.

For each: what the command said, wall time, peak Python memory (tracemalloc, from a second
run: it slows Python down) and, on Linux, the growth of the process's peak resident memory,
which also counts what C libraries (Pillow, SQLite) allocate and tracemalloc does not see.
"""

from __future__ import annotations

import base64
import contextlib
import io
import random
import struct
import sys
import tempfile
import time
import tracemalloc
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from crmsync.cli import main as crmsync
from crmsync.crm.db import close_database, open_database
from crmsync.crm.models import User

MIB = 2**20


@dataclass
class Case:
    name: str
    kind: str  # "ics" or "vcf"
    build: Callable[[], bytes]


# --- the files ------------------------------------------------------------------------------


def _calendar(body: str) -> bytes:
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n{body}END:VCALENDAR\r\n".encode()
    )


def repeating(frequency: str) -> Callable[[], bytes]:
    def build() -> bytes:
        return _calendar(
            "BEGIN:VEVENT\r\nUID:tic@example.com\r\nSUMMARY:Tic\r\n"
            "DTSTART;TZID=Europe/Paris:20250101T090000\r\n"
            f"DTEND;TZID=Europe/Paris:20250101T090000\r\nRRULE:FREQ={frequency}\r\n"
            "END:VEVENT\r\n"
        )

    return build


def nested(depth: int = 50_000) -> bytes:
    return _calendar("BEGIN:VEVENT\r\n" * depth + "END:VEVENT\r\n" * depth)


def events_of_size(size: int) -> bytes:
    """Ordinary one-hour events, a day apart, with a long description, up to ``size``."""
    body: list[str] = []
    length, day = 0, 0
    while length < size:
        start = f"2025{1 + day // 28 % 12:02d}{1 + day % 28:02d}T{8 + day % 9:02d}0000Z"
        description = f"Réunion numéro {day}, " + "ordre du jour à préciser. " * 40
        folded = "\r\n ".join(description[i : i + 70] for i in range(0, len(description), 70))
        event = (
            f"BEGIN:VEVENT\r\nUID:event-{day}@example.com\r\nSUMMARY:Réunion {day}\r\n"
            f"DTSTART:{start}\r\nDURATION:PT1H\r\nDESCRIPTION:{folded}\r\nEND:VEVENT\r\n"
        )
        body.append(event)
        length += len(event.encode())
        day += 1
    return _calendar("".join(body))


def _card(lines: str) -> bytes:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anne Durand\r\nN:Durand;Anne;;;\r\n{lines}END:VCARD\r\n".encode()


def folded_note(folds: int = 100_000) -> bytes:
    return _card("NOTE:x" + "\r\n " + "\r\n ".join(["y" * 74] * folds) + "\r\n")


def note_lines(count: int = 100_000) -> bytes:
    return _card(("NOTE:" + "y" * 70 + "\r\n") * count)


def _png(width: int, height: int, rows: Callable[[], bytes]) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows()) + chunk(b"IEND", b"")
    )


def huge_png() -> bytes:
    """A valid 13000 × 13000 RGBA PNG, all transparent: 676 MB of pixels in ~660 kB."""
    width = height = 13_000
    row = b"\0" * (1 + 4 * width)  # filter byte, then the pixels

    def rows() -> bytes:
        packer = zlib.compressobj(9)
        return b"".join(packer.compress(row) for _ in range(height)) + packer.flush()

    return _png(width, height, rows)


def photo_of_size(size: int) -> bytes:
    """An ordinary PNG photo of about ``size`` bytes (noise does not compress)."""
    side = int((size / 3) ** 0.5)
    noise = random.Random(1).randbytes(side * side * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), noise).save(out, "PNG")
    return out.getvalue()


def card_with_photo(photo: Callable[[], bytes]) -> Callable[[], bytes]:
    def build() -> bytes:
        encoded = base64.b64encode(photo()).decode()
        folded = "\r\n ".join(encoded[i : i + 74] for i in range(0, len(encoded), 74))
        return _card(f"PHOTO;ENCODING=b;TYPE=PNG:{folded}\r\n")

    return build


CASES = [
    (
        Case("RRULE:FREQ=SECONDLY, no COUNT/UNTIL", "ics", repeating("SECONDLY")),
        Case("  baseline: the same, FREQ=WEEKLY", "ics", repeating("WEEKLY")),
    ),
    (
        Case("50,000 nested BEGIN:VEVENT", "ics", nested),
        Case(
            "  baseline: ordinary events, same size", "ics", lambda: events_of_size(len(nested()))
        ),
    ),
    (
        Case("one vCard note folded over 100,000 lines", "vcf", folded_note),
        Case("  baseline: 100,000 NOTE lines", "vcf", note_lines),
    ),
    (
        Case("13000 × 13000 RGBA PNG of 660 kB as photo", "vcf", card_with_photo(huge_png)),
        Case(
            "  baseline: 480 × 480 photo, same size",
            "vcf",
            card_with_photo(lambda: photo_of_size(len(huge_png()))),
        ),
    ),
]


# --- measuring ------------------------------------------------------------------------------


def _resident_peak_reset() -> bool:
    """Reset the process's peak resident memory (Linux only); whether it could be."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _resident_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


@dataclass
class Outcome:
    code: int
    said: str
    seconds: float
    traced_peak: int
    resident_growth: int | None


def _import(folder: Path, case: Case, path: Path, tag: str) -> tuple[int, str]:
    database = folder / f"{tag}.sqlite"
    open_database(database)
    User.create(login="marie", time_zone="Europe/Paris")
    close_database()
    user = ["--user", "marie"] if case.kind == "ics" else []
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = crmsync(["--db", str(database), "import", case.kind, str(path), *user])
    said = (err.getvalue() + out.getvalue()).strip().replace(str(path.parent) + "/", "")
    return code, said


def measure(folder: Path, case: Case, index: int) -> tuple[Outcome, int]:
    data = case.build()
    path = folder / f"case{index}.{case.kind}"
    path.write_bytes(data)
    resident = _resident_peak_reset()
    before = _resident_kib("VmRSS") if resident else 0
    began = time.perf_counter()
    code, said = _import(folder, case, path, f"timed{index}")
    seconds = time.perf_counter() - began
    growth = max(0, _resident_kib("VmHWM") - before) * 1024 if resident else None
    tracemalloc.start()
    _import(folder, case, path, f"traced{index}")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return Outcome(code, said, seconds, peak, growth), len(data)


def _size(count: int) -> str:
    return f"{count / 1024:.1f} kB" if count < MIB else f"{count / MIB:.1f} MB"


def main() -> None:
    print(f"{'file':<42}{'size':>10}{'exit':>6}{'seconds':>9}{'traced MiB':>12}{'RSS +MiB':>10}")
    with tempfile.TemporaryDirectory() as folder:
        index = 0
        for pair in CASES:
            for case in pair:
                index += 1
                outcome, size = measure(Path(folder), case, index)
                growth = (
                    "n/a"
                    if outcome.resident_growth is None
                    else f"{outcome.resident_growth / MIB:.0f}"
                )
                print(
                    f"{case.name:<42}{_size(size):>10}{outcome.code:>6}{outcome.seconds:>9.2f}"
                    f"{outcome.traced_peak / MIB:>12.1f}{growth:>10}"
                )
                for line in outcome.said.splitlines():
                    print(f"    {line}")
            print()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
