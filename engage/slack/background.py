"""Where bolt's lazy listeners run: Slack Web API calls made after the ack, each in a Flask app context."""

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor

from flask import Flask

log = logging.getLogger(__name__)


def opens_modal(listener: Callable) -> Callable:
    """Mark a lazy listener that uses the request's trigger_id, which Slack honours for 3 s only."""
    listener.opens_modal = True  # type: ignore[attr-defined]  # bolt's wrapper copies it (functools.wraps)
    return listener


class BackgroundWork(Executor):
    """Two pools: modal opens never queue behind a backlog of message updates; counts unfinished work."""

    def __init__(self, flask_app: Flask, workers: int = 8, modal_workers: int = 4) -> None:
        self.flask_app = flask_app
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="slack-lazy")
        self._modal_pool = ThreadPoolExecutor(modal_workers, thread_name_prefix="slack-modal")
        self._unfinished = 0
        self._changed = threading.Condition()

    @property
    def unfinished(self) -> int:
        with self._changed:
            return self._unfinished

    def submit(self, fn: Callable, /, *args, **kwargs) -> Future:
        pool = self._modal_pool if getattr(fn, "opens_modal", False) else self._pool
        self._count(+1)

        def run():
            try:
                with self.flask_app.app_context():
                    return fn(*args, **kwargs)
            finally:
                self._count(-1)

        try:
            return pool.submit(run)
        except RuntimeError:  # shut down: nothing will run it
            self._count(-1)
            raise

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every submitted task has finished; False if some are still running after `timeout` s."""
        with self._changed:
            return self._changed.wait_for(lambda: self._unfinished == 0, timeout)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait, cancel_futures=cancel_futures)
        self._modal_pool.shutdown(wait, cancel_futures=cancel_futures)

    def finish(self, timeout: float) -> None:
        """Take no more work and give the queued work up to `timeout` s (a graceful stop)."""
        self.shutdown(wait=False)
        if self.unfinished:
            log.info("finishing %s Slack tasks queued after their acks", self.unfinished)
        if not self.wait_idle(timeout):
            log.warning(
                "%s Slack tasks still unfinished after %s s; stopping without them", self.unfinished, timeout
            )

    def _count(self, step: int) -> None:
        with self._changed:
            self._unfinished += step
            self._changed.notify_all()
