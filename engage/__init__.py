from pathlib import Path

from flask import Flask

from engage import (  # noqa: F401
    config,
    conversations,
    csat,
    database,
    demo,
    history,
    kudos,
    models,
    people,
    pulses,
    retention,
    scim,
    security,
    slack,
    sources,
    sso,
    web,
)
from engage.cli import engage_cli
from engage.extensions import csrf, db, login_manager, migrate
from engage.insights import init_app as init_insights
from engage.logging import configure_logging

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None, instance_path: str | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=instance_path,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)
        app.config["SQLALCHEMY_DATABASE_URI"] = config.normalise_database_url(
            app.config["SQLALCHEMY_DATABASE_URI"]
        )
    configure_logging(app)
    security.init_app(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)

    sso.init_app(app)
    web.init_app(app)
    people.init_app(app)
    history.init_app(app)
    demo.init_app(app)
    kudos.init_app(app)
    slack.init_app(app)
    pulses.init_app(app)
    retention.init_app(app)
    csat.init_app(app)
    sources.init_app(app)
    scim.init_app(app)
    init_insights(app)
    conversations.init_app(app)
    app.cli.add_command(engage_cli)
    return app
