"""A rate limiter shared by the sending threads: even spacing, plus a pause when Slack answers 429."""

import threading
import time


class RateLimiter:
    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self._next_slot = 0.0
        self._paused_until = 0.0
        self._lock = threading.Lock()

    def acquire(self) -> None:
        """Block until this caller may make one call."""
        while True:
            with self._lock:
                now = time.monotonic()
                slot = max(now, self._next_slot, self._paused_until)
                self._next_slot = slot + self.interval
            if slot > now:
                time.sleep(slot - now)
            with self._lock:
                if time.monotonic() >= self._paused_until:
                    return

    def pause(self, seconds: float) -> None:
        """Hold every caller back for `seconds` (Slack's Retry-After)."""
        with self._lock:
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)
