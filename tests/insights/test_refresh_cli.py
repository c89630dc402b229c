import pytest


@pytest.mark.parametrize("since", ["0001-01-01", "9999-12-31T23:59:59"])
def test_refresh_since_outside_the_supported_years_is_refused(runner, since):
    result = runner.invoke(args=["engage", "refresh-stats", "--since", since])
    assert result.exit_code == 2
    assert "outside the years engage accepts (2000-2100)" in result.output


def test_refresh_since_a_supported_time_runs(runner):
    result = runner.invoke(args=["engage", "refresh-stats", "--since", "2026-03-01T00:00:00"])
    assert result.exit_code == 0, result.output
    assert "rollups refreshed" in result.output
