"""Stream a history CSV: (line, values) one row at a time, so a large file is never held whole."""

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from engage.history.problems import HistoryRejected, Problem
from engage.history.rows import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

EXPECTED = ",".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)


def _columns(header: list[str] | None) -> list[str]:
    if not header or not any(name.strip() for name in header):
        message = f"the file is empty; its first line must be the header {EXPECTED}"
        raise HistoryRejected([Problem(1, message)])
    columns = [name.strip().lower() for name in header]
    problems = []
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if missing:
        problems.append(f"the header lacks column(s) {', '.join(missing)}; expected {EXPECTED}")
    if unknown:
        problems.append(f"unknown column(s) {', '.join(map(repr, unknown))}; expected {EXPECTED}")
    if repeated:
        problems.append(f"column(s) {', '.join(repeated)} appear more than once")
    if problems:
        raise HistoryRejected([Problem(1, p) for p in problems])
    return columns


def read_history_csv(stream: BinaryIO) -> Iterator[tuple[int, dict[str, str] | str]]:
    """Yield (line, values), or (line, problem) for a line of the wrong shape; raise HistoryRejected
    for a bad header, encoding or quoting."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        columns = _columns(next(reader, None))
        for record in reader:
            values = [value.strip() for value in record]
            if not any(values):
                continue
            if len(values) != len(columns):
                yield (
                    reader.line_num,
                    (
                        f"has {len(values)} fields but the header has {len(columns)}; "
                        "check for a missing or extra comma"
                    ),
                )
                continue
            yield reader.line_num, dict(zip(columns, values, strict=True))
    except UnicodeDecodeError:
        raise HistoryRejected(
            [
                Problem(
                    reader.line_num + 1,
                    "the file is not UTF-8 text; save it as 'CSV UTF-8' and upload it again",
                )
            ]
        ) from None
    except csv.Error as exc:
        raise HistoryRejected(
            [Problem(reader.line_num, f"cannot be read as CSV ({exc}); check the quotes on this line")]
        ) from None
    finally:
        text.detach()
