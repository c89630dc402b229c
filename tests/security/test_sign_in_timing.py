import statistics
import time

import pytest

from engage.auth.users import set_user_active


def sign_in_seconds(client, email: str) -> float:
    start = time.perf_counter()
    assert client.post("/login", data={"email": email, "password": "wrong-password"}).status_code == 401
    return time.perf_counter() - start


def median_sign_in_seconds(client, *emails: str, rounds: int = 7) -> list[float]:
    """Each email's median time, the emails taken in turn in every round so that a busy machine slows
    them alike."""
    times: list[list[float]] = [[] for _ in emails]
    for _ in range(rounds):
        for i, email in enumerate(emails):
            times[i].append(sign_in_seconds(client, email))
    return [statistics.median(t) for t in times]


@pytest.mark.real_password_hashing
def test_unknown_and_deactivated_accounts_cost_as_much_as_a_real_one(client, make_user):
    real = make_user("hr")
    gone = make_user("hr")
    set_user_active(gone, False)

    real_account, unknown, deactivated = median_sign_in_seconds(
        client, real.email, "nobody@example.com", gone.email
    )

    # Without the dummy hash an unknown email answered in about a tenth of the time.
    assert unknown > 0.5 * real_account
    assert deactivated > 0.5 * real_account
