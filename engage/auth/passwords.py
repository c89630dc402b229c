"""What makes a password acceptable, and a sign-in check that costs the same for every email."""

from functools import cache

from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 12

# Passwords of 12+ characters that top the lists of leaked passwords, lower-cased.
COMMON_PASSWORDS = frozenset(
    {
        "123456789012",
        "1234567890123",
        "12345678901234",
        "123123123123",
        "111111111111",
        "000000000000",
        "password1234",
        "password12345",
        "password123!",
        "passwordpassword",
        "password1password1",
        "qwertyuiopas",
        "qwerty123456",
        "qwertyqwerty",
        "1q2w3e4r5t6y",
        "1qaz2wsx3edc",
        "asdfghjklzxc",
        "iloveyou1234",
        "letmein12345",
        "welcome12345",
        "welcome123456",
        "changeme1234",
        "changemenow!",
        "administrator",
        "administrator1",
        "admin1234567",
        "adminadmin123",
        "trustno1trustno1",
        "abcdefghijkl",
        "abc123abc123",
        "monkey123456",
        "football1234",
        "baseball1234",
        "sunshine1234",
        "princess1234",
        "superman1234",
        "starwars1234",
        "dragon123456",
        "master123456",
        "engagement123",
        "correcthorsebatterystaple",
        "correct horse battery staple",
    }
)


def password_problem(password: str) -> str | None:
    """Why the password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"the password must have at least {MIN_LENGTH} characters"
    if password.lower() in COMMON_PASSWORDS or len(set(password)) == 1:
        return "this password is too common: choose another (a few unrelated words work well)"
    return None


@cache
def _dummy_hash() -> str:
    return generate_password_hash("no account has this password")


def check_password_or_dummy(password_hash: str | None, password: str) -> bool:
    """Check against the account's hash, or a dummy one for no account, so both take as long."""
    if password_hash is None:
        check_password_hash(_dummy_hash(), password)
        return False
    return check_password_hash(password_hash, password)
