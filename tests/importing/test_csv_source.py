"""Files in every common encoding and delimiter are detected, previewed and imported as written."""

from __future__ import annotations

import codecs
import itertools

import pytest

from app.importing import CsvFormat, CsvReadError, ImportOptions, detect_format, read_preview
from app.importing.csv_source import iter_records
from tests.importing.conftest import all_contacts

ROWS = [
    ["First name", "Last name", "Email", "Notes"],
    ["Zoë", "Müller", "zoe@example.com", "café; crème, brûlée | tab\tinside"],
    ["José", "Ñúñez", "jose@example.com", 'said "olé"'],
    ["Łukasz", "Šťastný", "lukasz@example.com", ""],
]

#: (how the file is written, what detection must say)
ENCODINGS = {
    "UTF-8": (lambda text: text.encode("utf-8"), "utf-8-sig"),
    "UTF-8 with BOM": (lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "utf-8-sig"),
    "UTF-16 LE with BOM": (lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "utf-16"),
    "UTF-16 BE with BOM": (lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "utf-16"),
    "Windows-1252": (lambda text: text.encode("cp1252"), "cp1252"),
}
DELIMITERS = [",", ";", "\t", "|"]


def csv_text(rows, delimiter: str) -> str:
    def cell(value: str) -> str:
        needs_quotes = any(ch in value for ch in f'{delimiter}"\r\n')
        return '"' + value.replace('"', '""') + '"' if needs_quotes else value

    return "".join(delimiter.join(cell(v) for v in row) + "\r\n" for row in rows)


def rows_for(encoding: str) -> list[list[str]]:
    if encoding == "Windows-1252":  # Ł, Š, ť are not in Windows-1252
        return [*ROWS[:3], ["Lukas", "Stastny", "lukasz@example.com", "ä ö ü ß € “quotes”"]]
    return ROWS


@pytest.mark.parametrize(("encoding", "delimiter"), list(itertools.product(ENCODINGS, DELIMITERS)))
def test_encoding_and_delimiter_are_detected_and_the_rows_read_back(tmp_path, encoding, delimiter):
    encode, expected_codec = ENCODINGS[encoding]
    rows = rows_for(encoding)
    path = tmp_path / "people.csv"
    path.write_bytes(encode(csv_text(rows, delimiter)))

    fmt = detect_format(path)
    assert fmt == CsvFormat(expected_codec, delimiter)
    preview = read_preview(path, fmt)
    assert preview.headers == rows[0]
    assert preview.rows == rows[1:]


def test_a_utf8_file_with_one_windows_1252_byte_far_down_is_read_as_windows_1252(tmp_path):
    path = tmp_path / "mostly-ascii.csv"
    lines = (
        ["Email,City"] + [f"p{i}@example.com,Paris" for i in range(20_000)] + ["last@example.com,Besançon"]
    )
    path.write_bytes("\n".join(lines).encode("cp1252"))
    fmt = detect_format(path)
    assert fmt.encoding == "cp1252"
    assert list(iter_records(path, fmt))[-1][1] == ["last@example.com", "Besançon"]


def test_a_wrong_encoding_chosen_by_hand_gives_a_clear_error(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("Email,City\na@example.com,Besançon\n".encode("cp1252"))
    with pytest.raises(CsvReadError, match="cannot be read as UTF-8"):
        list(iter_records(path, CsvFormat("utf-8-sig", ",")))


def test_blank_headers_get_names_and_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("Email,,Name\na@example.com,x,Ann\n")
    assert read_preview(path, detect_format(path)).headers == ["Email", "Column 2", "Name"]
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(CsvReadError, match="empty"):
        read_preview(empty, detect_format(empty))


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("encoding", "delimiter"), list(zip(ENCODINGS, [",", ";", "\t", "|", ";"], strict=True))
)
async def test_accented_names_arrive_on_the_server_as_written(wizard, api, tmp_path, encoding, delimiter):
    encode, _codec = ENCODINGS[encoding]
    rows = rows_for(encoding)
    path = tmp_path / "people.csv"
    path.write_bytes(encode(csv_text(rows, delimiter)))

    journal = await (await wizard.start(path, ImportOptions())).run()
    assert journal.batches[0].created == 3
    stored = {(c.first_name, c.last_name, c.email) for c in await all_contacts(api)}
    assert stored == {tuple(row[:3]) for row in rows[1:]}
