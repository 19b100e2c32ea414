"""Reading a CSV file: its encoding and delimiter detected, its rows streamed.

Everything here is blocking file I/O: callers in the UI run it in a worker thread
(``asyncio.to_thread``). Rows are streamed, never loaded whole, so a file of any size reads in
constant memory.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

#: Python codec → what the user reads. ``utf-8-sig`` reads UTF-8 with or without a BOM;
#: ``utf-16`` reads the BOM and picks the byte order from it.
ENCODINGS: dict[str, str] = {
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16 (byte order from the BOM)",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "cp1252": "Windows-1252 (Western European)",
    "latin-1": "ISO-8859-1 (Latin-1)",
}

#: Delimiters the detection considers → what the user reads.
DELIMITERS: dict[str, str] = {",": "Comma ( , )", ";": "Semicolon ( ; )", "\t": "Tab", "|": "Pipe ( | )"}

_SAMPLE_BYTES = 64 * 1024
_CHUNK_BYTES = 1024 * 1024
_SNIFF_ROWS = 50


class CsvReadError(Exception):
    """The file cannot be read as CSV with the chosen format; the message says where and why."""


@dataclass(frozen=True, slots=True)
class CsvFormat:
    """How to read a file: a Python codec name (a key of ``ENCODINGS``) and a one-character delimiter."""

    encoding: str
    delimiter: str

    @property
    def encoding_label(self) -> str:
        return ENCODINGS.get(self.encoding, self.encoding)

    @property
    def delimiter_label(self) -> str:
        return DELIMITERS.get(self.delimiter, repr(self.delimiter))


@dataclass(frozen=True, slots=True)
class FileIdentity:
    """What identifies a file's contents: a resumed import refuses a file that changed."""

    path: str
    size: int
    mtime_ns: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Preview:
    """The header and the first rows of a file (with their row numbers), as read with ``format``."""

    format: CsvFormat
    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]


def detect_format(path: Path) -> CsvFormat:
    """The file's encoding and delimiter (see ``detect_encoding`` and ``detect_delimiter``)."""
    encoding = detect_encoding(path)
    return CsvFormat(encoding, detect_delimiter(_decoded_sample(path, encoding)))


def detect_encoding(path: Path) -> str:
    """A BOM names the encoding (UTF-8, UTF-16 LE/BE); else UTF-16 if every other byte is NUL;
    else UTF-8 if the whole file decodes as UTF-8; else Windows-1252 (ISO-8859-1 when a byte is
    undefined in Windows-1252)."""
    with path.open("rb") as file:
        head = file.read(_SAMPLE_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    pairs = len(head) // 2
    if pairs and head[1::2].count(0) > pairs * 0.9 and head[0::2].count(0) < pairs * 0.1:
        return "utf-16-le"
    if pairs and head[0::2].count(0) > pairs * 0.9 and head[1::2].count(0) < pairs * 0.1:
        return "utf-16-be"
    if _decodes(path, "utf-8"):
        return "utf-8-sig"
    return "cp1252" if _decodes(path, "cp1252") else "latin-1"


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as file:
            while chunk := file.read(_CHUNK_BYTES):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _decoded_sample(path: Path, encoding: str) -> str:
    with path.open("rb") as file:
        head = file.read(_SAMPLE_BYTES)
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head)
    return text.removeprefix("\ufeff")


def detect_delimiter(sample: str) -> str:
    """The candidate that splits the first rows into the same number (> 1) of fields most
    consistently, preferring more fields; a comma when none splits them."""
    lines = sample.splitlines(keepends=True)
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may end in the middle of a row
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in islice(csv.reader(lines, delimiter=delimiter), _SNIFF_ROWS)]
        counts = [c for c in counts if c > 0]
        if not counts:
            continue
        fields, seen = Counter(counts).most_common(1)[0]
        if fields < 2:
            continue
        score = (seen / len(counts), fields)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def headers_from(row: list[str]) -> list[str]:
    """Column names: blanks become "Column N" (N from 1), so every column can be named and mapped."""
    return [(name.strip() or f"Column {i}") for i, name in enumerate(row, start=1)]


def read_preview(path: Path, fmt: CsvFormat, rows: int = 20) -> Preview:
    """The header and the first ``rows`` data rows."""
    records = iter_records(path, fmt)
    try:
        first = next(records, None)
        if first is None:
            raise CsvReadError(f"{path.name} is empty.")
        data = list(islice(records, rows))
    finally:
        records.close()
    return Preview(
        fmt, headers_from(first[1]), [record for _, record in data], [number for number, _ in data]
    )


def iter_records(path: Path, fmt: CsvFormat) -> Iterator[tuple[int, list[str]]]:
    """Every record of the file (the header first) with its row number, streamed.

    Blank lines are skipped. Raises ``CsvReadError`` naming the row when the file does not decode
    with ``fmt.encoding`` or is not valid CSV.
    """
    number = 0
    try:
        with path.open("r", encoding=fmt.encoding, newline="") as file:
            for number, record in enumerate(csv.reader(file, delimiter=fmt.delimiter), start=1):
                if number == 1 and record:
                    record[0] = record[0].removeprefix("\ufeff")
                if any(record):
                    yield number, record
    except UnicodeDecodeError as exc:
        raise CsvReadError(
            f"The file cannot be read as {fmt.encoding_label} (near row {number + 1}): choose its encoding."
        ) from exc
    except csv.Error as exc:
        raise CsvReadError(f"Row {number + 1} is not valid CSV: {exc}.") from exc


def file_identity(path: Path) -> FileIdentity:
    """Size, modification time and SHA-256 of the file (read in chunks)."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK_BYTES):
            digest.update(chunk)
    stat = path.stat()
    return FileIdentity(str(path.resolve()), stat.st_size, stat.st_mtime_ns, digest.hexdigest())
