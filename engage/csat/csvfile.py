"""Stream a ratings CSV: rows come out one at a time, numbered by their line in the file."""
import csv
import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

from engage.csat.importer import Problem, RatingsRejected
from engage.csat.rows import FIELDS
from engage.csat.scales import FieldError

REQUIRED = ("external_id", "rated_at", "value")


def _check_header(header: list[str] | None, has_default_source: bool) -> list[str]:
    if not header:
        raise RatingsRejected([Problem(1, "file", "the file is empty: the first line must name the columns "
                                                  f"({','.join(FIELDS)})")])
    columns = [name.strip().lower() for name in header]
    problems = []
    unknown = [name for name in columns if name not in FIELDS]
    if unknown:
        problems.append(f"unknown column(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(FIELDS)}")
    needed = list(REQUIRED) + ([] if has_default_source else ["source"])
    missing = [name for name in needed if name not in columns]
    if missing:
        problems.append(f"missing column(s): {', '.join(missing)}")
    if "kind" not in columns and "scale" not in columns:
        problems.append("give a kind column (csat or nps) or a scale column "
                        "(csat5, good_bad, three_point, ces7, nps10)")
    if not any(name in columns for name in ("team", "group", "agent_email")):
        problems.append("give a team, group or agent_email column to place each rating in a team")
    duplicates = sorted({name for name in columns if columns.count(name) > 1})
    if duplicates:
        problems.append(f"column(s) named twice: {', '.join(duplicates)}")
    if problems:
        raise RatingsRejected([Problem(1, "header", p) for p in problems])
    return columns


def read_ratings_csv(
    stream: BinaryIO, has_default_source: bool = False
) -> Iterator[tuple[int, dict | FieldError]]:
    """Yield (line number, row); raise RatingsRejected for a bad header, encoding or row shape."""
    return read_csv_rows(stream, lambda header: _check_header(header, has_default_source))


def read_csv_rows(
    stream: BinaryIO, check_header: Callable[[list[str] | None], list[str]]
) -> Iterator[tuple[int, dict | FieldError]]:
    """Yield (line number, row) under the columns check_header returns (or raises RatingsRejected for)."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        columns = check_header(next(reader, None))
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(columns):
                yield reader.line_num, FieldError("file", f"this line has {len(values)} fields; "
                                                          f"the header has {len(columns)}")
                continue
            yield reader.line_num, dict(zip(columns, values, strict=True))
    except UnicodeDecodeError:
        raise RatingsRejected([Problem(reader.line_num + 1, "file",
                                       "the file is not UTF-8 text: save it as 'CSV UTF-8'")]) from None
    except csv.Error as exc:
        raise RatingsRejected([Problem(reader.line_num, "file", f"not a readable CSV line: {exc}")]) from None
    finally:
        text.detach()
