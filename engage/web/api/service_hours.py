"""JSON shapes of the service-hours endpoints: outcomes by local weekday and hour, and shift gaps."""

from dataclasses import asdict
from datetime import date

from engage.analytics.shifts import MIN_CELL_RATINGS, MIN_SHIFT_RATINGS, Cell, Gap, ServiceHours
from engage.insights.outcomes import Outcome
from engage.insights.service_hours import ConsistencyRow, TeamServiceHours


def _cell(cell: Cell) -> dict:
    place = {"weekday": cell.weekday, "hour": cell.hour}
    return {k: v for k, v in place.items() if v is not None} | {
        "ratings": cell.ratings,
        "value": cell.value,
        "greyed": cell.greyed,
    }


def _gap(gap: Gap | None) -> dict | None:
    return None if gap is None else asdict(gap)


def _shifts(figures: ServiceHours) -> dict:
    return {
        "ratings": figures.ratings,
        "shifts": [asdict(shift) for shift in figures.shifts],
        "spread": _gap(figures.spread),
        "off_hours": _gap(figures.off_hours),
    }


def _rules(start: date, end: date, outcome: Outcome) -> dict:
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "outcome": outcome.key,
        "min_cell_ratings": MIN_CELL_RATINGS,
        "min_shift_ratings": MIN_SHIFT_RATINGS,
    }


def service_hours(result: TeamServiceHours) -> dict:
    figures = result.figures
    return {
        "team": {"id": result.team_id, "name": result.team_name},
        "timezone": result.timezone,
        **_rules(result.start, result.end, result.outcome),
        "cells": [_cell(cell) for row in figures.cells for cell in row],
        "weekdays": [_cell(cell) for cell in figures.by_weekday],
        "hours": [_cell(cell) for cell in figures.by_hour],
        **_shifts(figures),
    }


def service_consistency(rows: list[ConsistencyRow], start: date, end: date, outcome: Outcome) -> dict:
    return {
        **_rules(start, end, outcome),
        "teams": [
            {
                "team": {"id": row.team_id, "name": row.team_name},
                "timezone": row.timezone,
                **_shifts(row.figures),
            }
            for row in rows
        ],
    }
