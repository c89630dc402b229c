"""JSON shapes of the read API; withheld figures are null, named in withheld_fields with a reason code."""

from dataclasses import asdict

from engage.analytics.correlation import LagAnalysis
from engage.analytics.pooled import PooledAnalysis, PooledLag
from engage.insights.pooled import PooledCorrelation
from engage.insights.types import Comment, Comments, Heatmap, HeatmapCell, TeamCorrelation, TeamInfo, Trend
from engage.web.dashboard.figures import TREND_FIELDS, is_withheld, shown, withheld_reason


def team(info: TeamInfo) -> dict:
    return {"id": info.id, "name": info.name, "parent_id": info.parent_id, "depth": info.depth}


def _named(team_id: int | None, name: str) -> dict:
    return {"id": team_id, "name": name}


def trend(result: Trend) -> dict:
    return {
        "team": _named(result.team_id, result.team_name),
        "granularity": result.granularity,
        "start": result.start.isoformat(),
        "end": result.end.isoformat(),
        "threshold": result.threshold,
        "points": [
            {
                "period_start": point.period_start.isoformat(),
                "label": point.label,
                **{field: shown(point, field) for field in TREND_FIELDS},
                "withheld": point.withheld,
                "withheld_fields": [field for field in TREND_FIELDS if is_withheld(point, field)],
                "withheld_reasons": {
                    field: withheld_reason(point, field)
                    for field in TREND_FIELDS
                    if is_withheld(point, field)
                },
            }
            for point in result.points
        ],
    }


def analysis(result: LagAnalysis) -> dict:
    return {
        "pairing": result.pairing,
        "n_periods": result.n_periods,
        "min_periods": result.min_periods,
        "alpha": result.alpha,
        "detectable_r": result.detectable_r,
        "lags": [asdict(lag) for lag in result.lags],
    }


def correlation(result: TeamCorrelation) -> dict:
    """The lags' figures, and the verdict, reading and q of the team's row in the cross-team comparison."""
    row = result.row
    return {
        "team": _named(result.team_id, result.team_name),
        "start": result.start.isoformat(),
        "end": result.end.isoformat(),
        "outcome": result.outcome,
        "verdict": row.verdict,
        "withheld_reason": row.withheld_reason,
        "reading": row.reading,
        "best_lag": row.best_lag,
        "q_value": row.q_value,
        "teams_compared": row.teams_compared,
        **analysis(result.analysis),
    }


def pooled_lag(lag: PooledLag) -> dict:
    return {
        "lag": lag.lag,
        "effect_per_10_points": lag.effect,
        "ci_low": lag.ci_low,
        "ci_high": lag.ci_high,
        "p": lag.p,
        "p_adjusted": lag.p_adjusted,
        "significant": lag.significant,
        "teams": lag.teams,
        "weeks": lag.weeks,
        "team_weeks": lag.team_weeks,
    }


def pooled_analysis(analysis: PooledAnalysis) -> dict:
    """A pooled lag analysis: its verdict, best lag with its effect and interval, and every lag."""
    best = analysis.best
    return {
        "verdict": analysis.verdict,
        "reading": analysis.reading,
        "best_lag": best.lag if best else None,
        "effect_per_10_points": best.effect if best else None,
        "ci_low": best.ci_low if best else None,
        "ci_high": best.ci_high if best else None,
        "teams": analysis.teams,
        "weeks": analysis.weeks,
        "min_teams": analysis.min_teams,
        "min_team_weeks": analysis.min_team_weeks,
        "alpha": analysis.alpha,
        "lags": [pooled_lag(lag) for lag in analysis.lags],
    }


def pooled(result: PooledCorrelation) -> dict:
    return {
        "team": _named(result.team_id, result.team_name),
        "start": result.start.isoformat(),
        "end": result.end.isoformat(),
        "outcome": result.outcome,
        **pooled_analysis(result.analysis),
    }


def _cell(cell: HeatmapCell) -> dict:
    return {
        "driver": cell.driver,
        "score": None if cell.withheld else cell.score,
        "respondents": None if cell.withheld else cell.respondents,
        "withheld": cell.withheld,
        "withheld_reason": cell.withheld_reason if cell.withheld else None,
    }


def heatmap(result: Heatmap) -> dict:
    return {
        "start": result.start.isoformat(),
        "end": result.end.isoformat(),
        "threshold": result.threshold,
        "drivers": list(result.drivers),
        "rows": [
            {
                "team": _named(row.team_id, row.team_name),
                "engagement": _cell(row.engagement),
                "cells": [_cell(cell) for cell in row.cells],
            }
            for row in result.rows
        ],
    }


def _comment(comment: Comment) -> dict:
    """Text, driver, month and an open answer's question only: the answer it came from stays inside engage."""
    return {
        "kind": comment.kind,
        "text": comment.text,
        "driver": comment.driver,
        "month": comment.month,
        "question": comment.question,
    }


def comments(result: Comments) -> dict:
    return {
        "team": _named(result.team_id, result.team_name),
        "start": result.start.isoformat(),
        "end": result.end.isoformat(),
        "threshold": result.threshold,
        "withheld": result.withheld,
        "withheld_months": list(result.withheld_months),
        "kind": result.kind or None,
        "driver": result.driver or None,
        "comments": [] if result.withheld else [_comment(comment) for comment in result.comments],
        "by_driver": [asdict(count) for count in result.by_driver],
        "page": result.page,
        "pages": result.pages,
        "per_page": result.per_page,
        "total": result.total,
    }
