"""Stream a ratings CSV: rows come out one at a time, numbered by their line in the file."""

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

from engage.csat.importer import Problem, RatingsRejected
from engage.csat.rows import FIELDS
from engage.csat.scales import FieldError

REQUIRED = ("external_id", "rated_at", "value")


PLACE = ("team", "group", "agent_email")


def checked_header(
    header: list[str] | None,
    allowed: tuple[str, ...],
    needed: list[str],
    has_default_source: bool,
    one_of: Sequence[tuple[tuple[str, ...], str]],
) -> list[str]:
    """The header's column names; RatingsRejected naming every problem with them.

    one_of: groups of columns of which at least one must be there, each with what to say if none is.
    """
    if not header:
        raise RatingsRejected(
            [
                Problem(
                    1,
                    "file",
                    f"the file is empty: the first line must name the columns ({','.join(allowed)})",
                )
            ]
        )
    columns = [name.strip().lower() for name in header]
    problems = []
    unknown = [name for name in columns if name not in allowed]
    if unknown:
        problems.append(f"unknown column(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(allowed)}")
    missing = [name for name in needed + ([] if has_default_source else ["source"]) if name not in columns]
    if missing:
        problems.append(f"missing column(s): {', '.join(missing)}")
    problems += [message for names, message in one_of if not any(name in columns for name in names)]
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
    one_of = [
        (
            ("kind", "scale"),
            "give a kind column (csat or nps) or a scale column (csat5, good_bad, three_point, ces7, nps10)",
        ),
        (PLACE, "give a team, group or agent_email column to place each rating in a team"),
    ]
    return read_csv_rows(
        stream, lambda header: checked_header(header, FIELDS, list(REQUIRED), has_default_source, one_of)
    )


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
                yield (
                    reader.line_num,
                    FieldError("file", f"this line has {len(values)} fields; the header has {len(columns)}"),
                )
                continue
            yield reader.line_num, dict(zip(columns, values, strict=True))
    except UnicodeDecodeError:
        raise RatingsRejected(
            [Problem(reader.line_num + 1, "file", "the file is not UTF-8 text: save it as 'CSV UTF-8'")]
        ) from None
    except csv.Error as exc:
        raise RatingsRejected([Problem(reader.line_num, "file", f"not a readable CSV line: {exc}")]) from None
    finally:
        text.detach()
