"""How often the pooled analysis finds a planted 2-week lag, and how often it claims one that is not there.

Each simulated company has 30 teams of about 12 people (9 to 15) over 52 (then 26) weeks. Every team has
a latent weekly engagement level z (AR(1), week-to-week correlation PHI, variance 1). Each person is
asked one 1-5 question every working day and answers 3 in 4 of them: round(their own level + 0.35 z +
noise), clipped to 1-5; a week's engagement is the mean answer on 0-100, withheld (a gap) when fewer
than 5 people answered, as the dashboard does. Each team gets about 30 customer ratings a week (Poisson),
each satisfied with probability p = the team's usual share + a z two weeks earlier + 0.04 u, u being
other causes (independent noise); CSAT % is the satisfied share.

`a` is planted so that the correlation between a team's observed weekly engagement and its observed
CSAT % two weeks later, each taken relative to the team's own mean, is TARGET_R: it is found by
bisection on a pilot company of 1,000 teams (the same random draws for every a), and the r achieved in
the companies simulated is printed. Null companies have a = 0. A third condition, also without a link,
has company-wide weeks: SHARED of the variance of z and of u is one series (AR(1) too) common to every
team, as a holiday season or a company-wide incident would be. The real analysis function
(`engage.analytics.pooled.pooled_lagged`) runs on every company.

    .venv/bin/python benchmarks/pooled_power.py [--companies 1000] [--processes 2]

With the defaults (1,000 linked, 3,000 unlinked and 1,000 company-wide-week companies per length) it
takes about 15 minutes on 2 free cores (0.1-0.15 s of one core a company); --quick tries it out in a minute.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one thread per process: the pool is the parallelism

import argparse
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from multiprocessing import Pool
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from engage.analytics.pooled import VERDICT_RELATIONSHIP, pooled_lagged  # noqa: E402

TEAMS = 30
TEAM_SIZES = (9, 15)
RESPONSE = 0.75
RATINGS_PER_WEEK = 30
PLANTED_LAG = 2
TARGET_R = 0.25
PHI = 0.5
SHIFT = 0.35  # answer points per unit of latent engagement
OTHER_CAUSES = 0.04
THRESHOLD = 5
SHARED = 0.2  # share of latent engagement and of CSAT's other causes common to every team in a week
FIRST_WEEK = date(2025, 1, 6)


@dataclass(frozen=True)
class Company:
    series: dict[int, tuple[pd.Series, pd.Series]]
    r: float  # within-team correlation of observed engagement and CSAT % PLANTED_LAG weeks later


def _latent(rng: np.random.Generator, teams: int, weeks: int) -> np.ndarray:
    z = np.empty((teams, weeks))
    z[:, 0] = rng.normal(size=teams)
    for w in range(1, weeks):
        z[:, w] = PHI * z[:, w - 1] + np.sqrt(1 - PHI**2) * rng.normal(size=teams)
    return z


def _shared(rng: np.random.Generator, teams: int, weeks: int, shared: float) -> np.ndarray:
    """AR(1) series of variance 1 of which the share `shared` is one company-wide series, the same for
    every team in a week."""
    if not shared:
        return _latent(rng, teams, weeks)
    return np.sqrt(1 - shared) * _latent(rng, teams, weeks) + np.sqrt(shared) * _latent(rng, 1, weeks)


def simulate(seed: int, a: float, weeks: int = 52, teams: int = TEAMS, shared: float = 0.0) -> Company:
    """One company; a is the planted effect of latent engagement on the chance a rating is satisfied;
    shared the share of latent engagement and of CSAT's other causes common to every team in a week."""
    rng = np.random.default_rng(seed)
    z = _shared(rng, teams, weeks + PLANTED_LAG, shared)
    sizes = rng.integers(TEAM_SIZES[0], TEAM_SIZES[1] + 1, size=teams)
    people = TEAM_SIZES[1]
    level = 3.7 + rng.normal(0, 0.3, size=(teams, 1, 1)) + rng.normal(0, 0.5, size=(teams, people, 1))
    days = weeks * 5
    latent_by_day = np.repeat(z[:, PLANTED_LAG:], 5, axis=1)[:, None, :]
    scores = np.clip(
        np.rint(level + SHIFT * latent_by_day + rng.normal(0, 0.9, size=(teams, people, days))), 1, 5
    )
    answered = (rng.random((teams, people, days)) < RESPONSE) & (
        np.arange(people)[None, :, None] < sizes[:, None, None]
    )
    by_week = answered.reshape(teams, people, weeks, 5)
    answers = by_week.sum(axis=(1, 3))
    total = np.where(by_week, (scores.reshape(teams, people, weeks, 5) - 1) * 25, 0).sum(axis=(1, 3))
    respondents = by_week.any(axis=3).sum(axis=1)
    engagement = np.where(respondents >= THRESHOLD, total / np.maximum(answers, 1), np.nan)

    usual = np.clip(0.8 + rng.normal(0, 0.05, size=(teams, 1)), 0.5, 0.95)
    other = _shared(rng, teams, weeks, shared) if shared else rng.normal(size=(teams, weeks))
    p = np.clip(usual + a * z[:, :weeks] + OTHER_CAUSES * other, 0.01, 0.99)
    ratings = np.maximum(rng.poisson(RATINGS_PER_WEEK, size=(teams, weeks)), 1)
    csat = rng.binomial(ratings, p) / ratings * 100

    index = pd.Index([FIRST_WEEK + timedelta(weeks=w) for w in range(weeks)])
    series = {}
    for team in range(teams):
        shown = ~np.isnan(engagement[team])
        series[team] = (
            pd.Series(engagement[team][shown], index=index[shown]),
            pd.Series(csat[team], index=index),
        )
    return Company(series, within_r(engagement, csat))


def within_r(engagement: np.ndarray, csat: np.ndarray) -> float:
    """Pearson's r of engagement in week t and CSAT % in week t + PLANTED_LAG, each less its team's mean."""
    e, c = engagement[:, :-PLANTED_LAG], csat[:, PLANTED_LAG:]
    keep = ~np.isnan(e)
    e_dev = np.where(keep, e - np.nanmean(np.where(keep, e, np.nan), axis=1, keepdims=True), 0)
    c_dev = np.where(keep, c - np.nanmean(np.where(keep, c, np.nan), axis=1, keepdims=True), 0)
    return float((e_dev * c_dev).sum() / np.sqrt((e_dev**2).sum() * (c_dev**2).sum()))


def planted_effect(target_r: float, weeks: int = 52, seed: int = 12345, pilot_teams: int = 1000) -> float:
    """The a that gives a within-team r of target_r on a pilot company of pilot_teams teams (bisection)."""
    low, high = 0.0, 0.3
    for _ in range(20):
        middle = (low + high) / 2
        if simulate(seed, middle, weeks, teams=pilot_teams).r < target_r:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def run_one(job: tuple[int, float, int, float]) -> tuple[int | None, float, str]:
    """(best lag, achieved r, verdict) of the pooled analysis on one company."""
    seed, a, weeks, shared = job
    company = simulate(seed, a, weeks, shared=shared)
    analysis = pooled_lagged(company.series)
    return (analysis.best.lag if analysis.best else None), company.r, analysis.verdict


def wilson(share: float, n: int) -> tuple[float, float]:
    """95% interval of a share seen in n companies (Wilson)."""
    z = 1.959963984540054
    middle = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return middle - half, middle + half


def _share(share: float, n: int) -> str:
    low, high = wilson(share, n)
    return f"{share:.1%} of companies (95% CI {low:.1%} to {high:.1%})"


def power(
    companies: int, a: float, weeks: int, processes: int, first_seed: int = 0, shared: float = 0.0
) -> dict:
    jobs = [(first_seed + i, a, weeks, shared) for i in range(companies)]
    if processes > 1:
        with Pool(processes) as pool:
            results = pool.map(run_one, jobs, chunksize=max(1, companies // (4 * processes)))
    else:
        results = [run_one(job) for job in jobs]
    return {
        "lag_found": float(np.mean([lag == PLANTED_LAG for lag, _, _ in results])),
        "claims": float(np.mean([verdict == VERDICT_RELATIONSHIP for _, _, verdict in results])),
        "r": float(np.mean([r for _, r, _ in results])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n")[-1])
    parser.add_argument("--companies", type=int, default=1000, help="companies per condition (default 1000)")
    parser.add_argument(
        "--null-companies",
        type=int,
        default=3000,
        help="companies with no link per condition (default 3000: a false-claim rate "
        "near 5%% needs that many to be told from 6%%)",
    )
    parser.add_argument(
        "--shared-companies",
        type=int,
        default=1000,
        help=f"companies with no link but company-wide weeks ({SHARED * 100:.0f}%% shared), per length "
        "(default 1000)",
    )
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="50 companies per condition, to try it out")
    parser.add_argument("--r", type=float, default=TARGET_R, help="planted weekly r (default 0.25)")
    args = parser.parse_args()
    if args.quick:
        args.companies = args.null_companies = args.shared_companies = 50
    for weeks in (52, 26):
        started = time.perf_counter()
        a = planted_effect(args.r, weeks)
        linked = power(args.companies, a, weeks, args.processes)
        null = power(args.null_companies, 0.0, weeks, args.processes, first_seed=10**6)
        shared = power(args.shared_companies, 0.0, weeks, args.processes, first_seed=2 * 10**6, shared=SHARED)
        print(
            f"{weeks} weeks, {TEAMS} teams, {args.companies} linked, {args.null_companies} unlinked and "
            f"{args.shared_companies} unlinked with company-wide weeks "
            f"({time.perf_counter() - started:.0f} s):"
        )
        print(f"  planted a = {a:.4f}; achieved within-team r at lag {PLANTED_LAG} = {linked['r']:.3f}")
        print(f"  lag {PLANTED_LAG} named: {_share(linked['lag_found'], args.companies)} (target >= 95%)")
        claims = _share(null["claims"], args.null_companies)
        print(f"  relationship claimed with no link: {claims} (target <= 5%)")
        claims = _share(shared["claims"], args.shared_companies)
        print(f"  ... with no link but company-wide weeks: {claims} (target <= 5%)")


if __name__ == "__main__":
    main()
