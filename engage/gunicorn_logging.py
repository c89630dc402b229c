"""gunicorn's own log lines and access log as JSON objects, for ENGAGE_LOG_FORMAT=json."""

from gunicorn.glogging import Logger

from engage.logging import JsonFormatter


class JsonLogger(Logger):
    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time) -> None:
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        fields = {
            "remote": atoms["h"],
            "method": atoms["m"],
            "path": atoms["U"],
            "query": atoms["q"],
            "status": int(atoms["s"]),
            "bytes": atoms["B"],
            "ms": atoms["M"],
            "slack_retry": atoms.get("{x-slack-retry-num}i"),
            "user_agent": atoms["a"],
        }
        self.access_log.info("%s %s %s", atoms["m"], atoms["U"], atoms["s"], extra={"fields": fields})
