"""gunicorn settings: `gunicorn -c gunicorn.conf.py wsgi:app`; every value can be set from the environment."""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
# Threads let a worker answer Slack's next request while another waits on the database.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound. Rarely: a new worker costs about
# 2.5 s of CPU (imports, create_app), 1.2 ms per request when it was every 2,000, at the pulse-hour peak.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = 5000

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# One line per request: client, method and path, status, bytes, duration in ms, Slack retry number.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms retry=%({x-slack-retry-num}i)s ua="%(a)s"'
if os.environ.get("ENGAGE_LOG_FORMAT") == "json":
    logger_class = "engage.gunicorn_logging.JsonLogger"  # every line, access log included, as JSON


def worker_exit(server, worker):
    """Finish the Slack calls queued after acks (message updates, announcements) before the worker goes."""
    extensions = getattr(getattr(worker, "wsgi", None), "extensions", {})
    background = extensions.get("engage.slack_background")
    if background is not None:
        background.finish(timeout=max(graceful_timeout - 5, 1))
