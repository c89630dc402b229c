class KudosRefused(ValueError):
    """A rule refused the kudos; the message says what to change. field names the input at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
