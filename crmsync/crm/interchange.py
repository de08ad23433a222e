"""What vCard and iCalendar import/export share: reading a file into logical lines with their
real line numbers, decoding each line's value, the error an import raises, and its report.

vobject parses content lines well, but its own line reader miscounts line numbers, joins
quoted-printable soft breaks only halfway and leaves vCard 2.1 charsets alone. So the file is
unfolded here, byte by byte (a fold may split a multi-byte character), and each line is then
handed to vobject's line parser.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from dataclasses import dataclass, field
from pathlib import Path

from vobject.base import ParseError, parseLine

_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: vCard 2.1 lets a parameter go without its name: these bare values are encodings.
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
#: What a file without a declared charset most likely is when it is not UTF-8 (Outlook).
FALLBACK_CHARSET = "windows-1252"
#: The lines vobject's parser accepts, up to the colon before the value: a name (with its
#: group), then parameters, each a name and values after "=" or ",", quoted or not. The
#: same language as vobject's own pattern, written so that it cannot backtrack (``++``,
#: ``*+``): vobject's tries 2^n ways to fail on a line with n parameters and no value.
_CONTENT_LINE = re.compile(
    r"""(?:[A-Za-z0-9_-]++\.)?[A-Za-z0-9_-]++ ;?
        (?: ;[A-Za-z0-9_-]++ (?: [=,] (?: "[^"]*+" | [^";:,]*+ ) )*+ )*+ :""",
    re.VERBOSE,
)


class InterchangeError(Exception):
    """A file that cannot be imported: names the file, the line and the item at fault.

    ``kind`` is "card" or "event"; ``index`` counts items from 1 in the file.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str = "",
        line: int | None = None,
        kind: str = "",
        index: int | None = None,
        label: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.kind = kind
        self.index = index
        self.label = label

    def located(
        self, *, source: str | None = None, kind: str | None = None, index: int | None = None
    ) -> InterchangeError:
        """Fill in what the raiser did not know (the file, the item); return self."""
        if source is not None and not self.source:
            self.source = source
        if kind is not None and not self.kind:
            self.kind = kind
        if index is not None and self.index is None:
            self.index = index
        return self

    def __str__(self) -> str:
        where = [self.source] if self.source else []
        if self.line is not None:
            where.append(f"line {self.line}")
        text = ", ".join(where)
        if self.kind and self.index is not None:
            item = f"{self.kind} {self.index}" + (f" « {self.label} »" if self.label else "")
            text = f"{text} ({item})" if text else item
        return f"{text}: {self.message}" if text else self.message


@dataclass
class ImportReport:
    """What an import did: rows created, items skipped as already there, and warnings."""

    created: int = 0
    duplicates: int = 0
    warnings: list[str] = field(default_factory=list)
    #: Further counts worth telling (e.g. series, occurrences, contacts added to a list).
    extra: dict[str, int] = field(default_factory=dict)


@dataclass
class LogicalLine:
    """One content line, unfolded, with the number of the physical line it starts on.

    ``text`` holds the raw bytes as Latin-1 characters (one character per byte), so the
    line can be parsed as text and its value decoded later with the right charset.
    """

    number: int
    text: str


@dataclass
class Property:
    """A parsed content line: upper-case name and parameter names, decoded value."""

    number: int
    name: str
    params: dict[str, list[str]]
    value: str
    group: str | None = None

    def param(self, name: str) -> list[str]:
        return self.params.get(name, [])

    @property
    def types(self) -> set[str]:
        """The TYPE parameter's values, lower-case (2.1's bare parameters included)."""
        return {value.lower() for value in self.param("TYPE")}

    @property
    def encoding(self) -> str:
        values = self.param("ENCODING")
        return values[0].upper() if values else ""

    def binary(self) -> bytes:
        """The value as base64-decoded bytes; raises :class:`InterchangeError`."""
        return decode_base64(self.value, self.number)


#: The largest file an import reads (it is read whole: memory stays bounded by this). A
#: vCard file of 2000 contacts with photos of 100 kB each is about 270 MB in base64.
MAX_FILE_BYTES = 512 * 2**20


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; :class:`InterchangeError` when it is missing, unreadable or over
    ``limit`` (checked before reading anything)."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InterchangeError(
                f"the file is {size / 2**20:,.0f} MB and crmsync imports files of up to "
                f"{limit / 2**20:,.0f} MB: split it into smaller files and import each",
                source=str(path),
            )
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:  # it grew while we looked
            raise InterchangeError(
                f"the file is over {limit / 2**20:,.0f} MB: split it into smaller files",
                source=str(path),
            )
        return data
    except FileNotFoundError:
        raise InterchangeError("no such file", source=str(path)) from None
    except OSError as exc:
        raise InterchangeError(f"cannot read the file: {exc.strerror}", source=str(path)) from None


def logical_lines(data: bytes) -> list[LogicalLine]:
    """Split ``data`` into unfolded content lines; blank lines are dropped.

    A line starting with a space or tab continues the one before (RFC 2425 folding). A
    quoted-printable value ending in ``=`` continues on the next line whatever it starts
    with (vCard 2.1 soft line break). The pieces of a line are joined once, at its end, so
    a line folded a hundred thousand times costs no more than a hundred thousand lines.
    """
    if data.startswith(_UTF16_BOMS):
        # A file cut short may end in half a code unit: that byte is dropped, and what cannot
        # be decoded otherwise (a lone surrogate) is replaced; the rest is read.
        if len(data) % 2:
            data = data[:-1]
        data = data.decode("utf-16", "replace").encode("utf-8")
    data = data.removeprefix(b"\xef\xbb\xbf")
    builder = _LineBuilder()
    for number, raw in enumerate(_LINE_BREAK.split(data), start=1):
        text = raw.decode("latin-1")
        if builder.soft_break:
            builder.join_soft_break(text)
        elif text[:1] in (" ", "\t") and builder.started:
            builder.extend(text[1:])
        elif text.strip():
            builder.start(number, text)
    builder.finish()
    return builder.lines


class _LineBuilder:
    """The logical line being read, kept as its pieces (non-empty strings) until it ends."""

    def __init__(self) -> None:
        self.lines: list[LogicalLine] = []
        self.number = 0
        self.pieces: list[str] = []
        #: Whether the name and parameters (the text before the first colon) are complete
        #: and say QUOTED-PRINTABLE; until the colon comes, the line is not quoted-printable.
        self.head_done = False
        self.quoted = False
        self.soft_break = False

    @property
    def started(self) -> bool:
        return bool(self.pieces)

    def start(self, number: int, text: str) -> None:
        self.finish()
        self.number, self.pieces = number, []
        self.head_done = self.quoted = False
        self.extend(text)

    def extend(self, text: str) -> None:
        if text:
            self.pieces.append(text)
            if not self.head_done and ":" in text:
                whole = "".join(self.pieces)
                self.pieces = [whole]
                self.head_done = True
                self.quoted = _is_quoted_printable(whole)
        self.soft_break = self.quoted and self.pieces[-1].endswith("=")

    def join_soft_break(self, text: str) -> None:
        """The line before ended in a quoted-printable ``=``: drop it and go on."""
        last = self.pieces.pop()[:-1]
        if last:
            self.pieces.append(last)
        self.extend(text)

    def finish(self) -> None:
        if self.pieces:
            self.lines.append(LogicalLine(self.number, "".join(self.pieces)))
        self.pieces = []
        self.soft_break = False


def _is_quoted_printable(text: str) -> bool:
    head = text.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def parse_property(line: LogicalLine, *, default_charset: str = "utf-8") -> Property:
    """Parse one logical line and decode its parameters and value into text.

    Quoted-printable values are decoded, then the bytes are read with the line's CHARSET
    (else ``default_charset``, falling back to Windows-1252 when that fails). Base64 values
    stay as text for :meth:`Property.binary`. Escapes (``\\n``, ``\\,``…) are left alone.
    """
    try:
        if not _CONTENT_LINE.match(line.text):
            raise ParseError("not a content line", line.number)
        name, raw_params, raw_value, group = parseLine(line.text, line.number)
    except ParseError:
        shown = line.text.encode("latin-1").decode("utf-8", "replace")
        if len(shown) > 60:
            shown = shown[:57] + "…"
        raise InterchangeError(
            f"this is not a content line (NAME:value expected): {shown!r}", line=line.number
        ) from None
    params: dict[str, list[str]] = {}
    for entry in raw_params:
        key, values = entry[0], entry[1:]
        if not values:
            bare = key.upper()
            key, values = ("ENCODING" if bare in _BARE_ENCODINGS else "TYPE"), [key]
        split = [part.strip() for value in values for part in value.split(",")]
        params.setdefault(key.upper(), []).extend(
            _decode_text(part.encode("latin-1"), "utf-8") for part in split if part
        )
    value_bytes = raw_value.encode("latin-1")
    encoding = (params.get("ENCODING") or [""])[0].upper()
    if encoding == "QUOTED-PRINTABLE":
        value_bytes = quopri.decodestring(value_bytes)
    charset = (params.get("CHARSET") or [default_charset])[0]
    value = _decode_text(value_bytes, charset)
    return Property(line.number, name.upper(), params, value, group)


def _decode_text(data: bytes, charset: str) -> str:
    try:
        return data.decode(charset)
    except UnicodeDecodeError:
        return data.decode(FALLBACK_CHARSET, "replace")
    except (LookupError, ValueError):  # not a charset Python knows, not a name at all
        return _decode_text(data, "utf-8")


def decode_base64(text: str, line: int | None = None) -> bytes:
    cleaned = "".join(text.split())
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        return base64.b64decode(cleaned, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InterchangeError(f"invalid base64 data ({exc})", line=line) from None


def unescape_text(value: str, version: str = "3.0") -> str:
    """Undo vCard/iCalendar text escaping (``\\n``, ``\\,``, ``\\;``, ``\\\\``).

    vCard 2.1 only escapes separators, so there a backslash before anything else is kept.
    """
    if "\\" not in value:
        return value
    out: list[str] = []
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            following = value[index + 1]
            if following in "nN" and version != "2.1":
                out.append("\n")
            elif following in ",;:\\":
                out.append(following)
            else:
                out.append(char + following)
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def split_escaped(value: str, separator: str = ";") -> list[str]:
    """Split ``value`` on ``separator`` where it is not escaped; the parts stay escaped."""
    parts: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            current.append(value[index : index + 2])
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def escape_bare_commas(value: str) -> str:
    """Escape commas left bare in a text value, so that a reader that splits lists on them
    (vobject does) keeps the whole text."""
    out: list[str] = []
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            out.append(value[index : index + 2])
            index += 2
            continue
        out.append("\\," if char == "," else char)
        index += 1
    return "".join(out)
