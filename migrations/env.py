import logging
from logging.config import fileConfig

from flask import current_app

from alembic import context

# this is the Alembic Config object, which provides
# access to the values within the .ini file in use.
config = context.config

# Interpret the config file for Python logging.
# This line sets up loggers basically.
# Keep the loggers engage made before (disabling them would silence their warnings in this process).
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger('alembic.env')


def get_engine():
    try:
        # this works with Flask-SQLAlchemy<3 and Alchemical
        return current_app.extensions['migrate'].db.engine
    except (TypeError, AttributeError):
        # this works with Flask-SQLAlchemy>=3
        return current_app.extensions['migrate'].db.engine


def get_engine_url():
    try:
        return get_engine().url.render_as_string(hide_password=False).replace(
            '%', '%%')
    except AttributeError:
        return str(get_engine().url).replace('%', '%%')


# add your model's MetaData object here
# for 'autogenerate' support
# from myapp import mymodel
# target_metadata = mymodel.Base.metadata
config.set_main_option('sqlalchemy.url', get_engine_url())
target_db = current_app.extensions['migrate'].db

# other values from the config, defined by the needs of env.py,
# can be acquired:
# my_important_option = config.get_main_option("my_important_option")
# ... etc.


def get_metadata():
    if hasattr(target_db, 'metadatas'):
        return target_db.metadatas[None]
    return target_db.metadata


def run_migrations_offline():
    """Run migrations in 'offline' mode.

    This configures the context with just a URL
    and not an Engine, though an Engine is acceptable
    here as well.  By skipping the Engine creation
    we don't even need a DBAPI to be available.

    Calls to context.execute() here emit the given string to the
    script output.

    """
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url, target_metadata=get_metadata(), literal_binds=True
    )

    with context.begin_transaction():
        context.run_migrations()


# Revision ids before the files were renumbered into one line (2026-12-05): a database stamped with
# one of these is moved to its new name before migrating, so existing installs upgrade as before.
RENAMED_REVISIONS = {
    "0001_initial": "0001_initial_schema",
    "0002_pulses": "0002_pulse_delivery_claims",
    "0002_analytics": "0003_analytics_rollups",
    "0003_rollup_refresh": "0004_rollup_refresh",
    "0004_default_questions": "0005_default_questions",
    "0005_session_version": "0006_session_version",
    "0006_response_rate": "0007_response_rate",
    "0007_imported_responses": "0008_imported_responses",
    "0008_rating_sources": "0009_rating_sources",
    "0009_ticket_outcomes": "0010_ticket_outcomes",
}


def rename_old_revisions(connection):
    import sqlalchemy as sa

    if sa.inspect(connection).has_table("alembic_version"):
        for old, new in RENAMED_REVISIONS.items():
            connection.execute(
                sa.text("UPDATE alembic_version SET version_num = :new WHERE version_num = :old"),
                {"old": old, "new": new},
            )
    connection.commit()  # ends the transaction the check began, so Alembic runs (and commits) its own


def run_migrations_online():
    """Run migrations in 'online' mode.

    In this scenario we need to create an Engine
    and associate a connection with the context.

    """

    # this callback is used to prevent an auto-migration from being generated
    # when there are no changes to the schema
    # reference: http://alembic.zzzcomputing.com/en/latest/cookbook.html
    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, 'autogenerate', False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info('No changes in schema detected.')

    conf_args = current_app.extensions['migrate'].configure_args
    if conf_args.get("process_revision_directives") is None:
        conf_args["process_revision_directives"] = process_revision_directives

    connectable = get_engine()

    with connectable.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite's batch operations rebuild a table (copy, drop, rename): with foreign keys on, dropping
            # the old table would delete (ON DELETE CASCADE) or refuse the rows that refer to it.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        try:
            rename_old_revisions(connection)
            context.configure(
                connection=connection,
                target_metadata=get_metadata(),
                **conf_args
            )

            with context.begin_transaction():
                context.run_migrations()
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
