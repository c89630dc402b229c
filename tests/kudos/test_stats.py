from datetime import date, datetime

from engage.kudos.stats import kudos_counts_by_team_week


def test_weekly_counts_credit_teams_at_the_time(make_team, make_employee, make_kudos):
    support, sales = make_team("Support"), make_team("Sales")
    ann = make_employee(support)
    sam = make_employee(sales)
    cy = make_employee(sales)
    make_kudos(ann, [sam, cy], created_at=datetime(2026, 3, 4, 9))  # Wednesday, week of Mon 2 March
    make_kudos(sam, [ann], created_at=datetime(2026, 3, 8, 23))  # Sunday, same week
    make_kudos(sam, [ann], created_at=datetime(2026, 3, 9, 0, 30))  # Monday, next week
    make_kudos(cy, [ann], created_at=datetime(2026, 4, 1))  # outside the range
    ann.team = sales  # moving later changes nothing
    frame = kudos_counts_by_team_week(date(2026, 3, 1), date(2026, 3, 15))

    assert list(frame.columns) == ["team_id", "week_start", "given", "received"]
    rows = sorted(frame.itertuples(index=False, name=None))
    assert rows == sorted(
        [
            (support.id, date(2026, 3, 2), 1, 1),
            (sales.id, date(2026, 3, 2), 1, 2),
            (support.id, date(2026, 3, 9), 0, 1),
            (sales.id, date(2026, 3, 9), 1, 0),
        ]
    )
    assert str(frame["given"].dtype) == "int64"


def test_weekly_counts_empty_range(app):
    frame = kudos_counts_by_team_week(date(2026, 1, 1), date(2026, 1, 31))
    assert frame.empty and list(frame.columns) == ["team_id", "week_start", "given", "received"]
