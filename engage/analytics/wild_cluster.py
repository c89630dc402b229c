"""One slope with team and week fixed effects, its CR1 t statistic clustered by team, and the wild cluster
bootstrap of that t with the null imposed (engage.analytics.pooled says why each)."""

from dataclasses import dataclass

import numpy as np

BOOTSTRAP_DRAWS = 9_999
WEBB_WEIGHTS = np.array([-np.sqrt(1.5), -1, -np.sqrt(0.5), np.sqrt(0.5), 1, np.sqrt(1.5)])
# Below this many teams the 2^(teams - 1) sign patterns give too few distinct |t| for a p-value under
# 0.05 / 17 to mean much (2^14 = 16,384 patterns at 15 teams, more than BOOTSTRAP_DRAWS).
MIN_TEAMS_FOR_SIGNS = 15


class TwoWay:
    """Residuals off team means and week means at once (two-way fixed effects), for an unbalanced panel.

    teams and weeks code each row 0..G-1 and 0..T-1. The week effects solve the normal equations with the
    team effects eliminated: (diag(rows per week) - C' diag(1 / rows per team) C) d = week sums - C' (team
    sums / rows per team), C counting the rows of each (team, week); a pseudo-inverse, as d is only defined
    up to a constant that the team effects take back.
    """

    def __init__(self, teams: np.ndarray, weeks: np.ndarray):
        self.teams, self.weeks = teams, weeks
        self.shape = (int(teams.max()) + 1, int(weeks.max()) + 1)
        self.cells = np.zeros(self.shape)
        np.add.at(self.cells, (teams, weeks), 1)
        self.per_team = self.cells.sum(axis=1)
        schur = np.diag(self.cells.sum(axis=0)) - self.cells.T @ (self.cells / self.per_team[:, None])
        self.schur_pinv = np.linalg.pinv(schur, hermitian=True)

    def residuals(self, values: np.ndarray) -> np.ndarray:
        team_sums = np.bincount(self.teams, weights=values, minlength=self.shape[0])
        week_sums = np.bincount(self.weeks, weights=values, minlength=self.shape[1])
        week_effect = self.schur_pinv @ (week_sums - self.cells.T @ (team_sums / self.per_team))
        team_effect = (team_sums - self.cells @ week_effect) / self.per_team
        return values - team_effect[self.teams] - week_effect[self.weeks]

    def grid(self, values: np.ndarray) -> np.ndarray:
        """Values laid out team by week (0 where a team has no row in that week)."""
        laid = np.zeros(self.shape)
        laid[self.teams, self.weeks] = values
        return laid


@dataclass(frozen=True)
class Fit:
    slope: float
    se: float
    t: float


def cr1_fit(fe: TwoWay, x_within: np.ndarray, y_within: np.ndarray) -> Fit:
    """OLS slope of y_within on x_within, CR1 standard error clustered by team (G / (G - 1); the team
    effects nest in the clusters and take no degrees of freedom)."""
    sxx = float(x_within @ x_within)
    slope = float(x_within @ y_within) / sxx
    scores = np.bincount(fe.teams, weights=x_within * (y_within - slope * x_within), minlength=fe.shape[0])
    teams = fe.shape[0]
    se = float(np.sqrt(teams / (teams - 1) * (scores @ scores)) / sxx)
    return Fit(slope, se, slope / se)


def wild_cluster_t(fe: TwoWay, x_within: np.ndarray, y_within: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """cr1_fit's t refitted (both fixed effects again) on y* = w_team * y_within, for each row of weights.

    With the null imposed, y_within are the restricted residuals. Reweighting team g's residuals moves
    the week means of every team, so team g's weight reaches team h's score through
    A[g, h] = [g == h] s_g - (U S+ X')[g, h], U and X the residuals laid out team by week, S+ the
    pseudo-inverse in TwoWay and s_g = x_g . y_g; each draw's scores are then w A - slope* x_h . x_h.
    """
    x, u = fe.grid(x_within), fe.grid(y_within)
    sums = (x * u).sum(axis=1)
    own_sxx = (x * x).sum(axis=1)
    sxx = own_sxx.sum()
    slopes = weights @ sums / sxx
    teams, weeks = fe.shape
    if teams <= weeks:
        reach = weights @ (np.diag(sums) - (u @ fe.schur_pinv) @ x.T)
    else:  # U S+ X' has rank at most the number of weeks: cheaper not to form A
        reach = weights * sums - ((weights @ u) @ fe.schur_pinv) @ x.T
    # sum over teams of (reach - slope* own_sxx)^2, expanded so that no second (draws x teams) array is made
    meat = (
        np.einsum("ij,ij->i", reach, reach) - 2 * slopes * (reach @ own_sxx) + slopes**2 * (own_sxx @ own_sxx)
    )
    return slopes / (np.sqrt(teams / (teams - 1) * meat) / sxx)


def bootstrap_weights(teams: int, seed: int) -> np.ndarray:
    """BOOTSTRAP_DRAWS rows of one weight per team: a random sign (Rademacher) from MIN_TEAMS_FOR_SIGNS
    teams, Webb's six points below."""
    rng = np.random.default_rng(seed)
    if teams >= MIN_TEAMS_FOR_SIGNS:
        return 2.0 * rng.integers(0, 2, size=(BOOTSTRAP_DRAWS, teams)) - 1
    return WEBB_WEIGHTS[rng.integers(0, len(WEBB_WEIGHTS), size=(BOOTSTRAP_DRAWS, teams))]
