class ConversationRefused(Exception):
    """A reply, acknowledgement or answer that cannot be accepted; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
