"""Fixtures shared by every test: app, db (emptied after each test), client, login helper.

The suite runs on a SQLite file by default and on PostgreSQL when TEST_DATABASE_URL is
set. The schema is built by the migrations, so a test run also proves they work.
"""
import os

import pytest
from flask_babel import refresh
from flask_migrate import upgrade
from sqlalchemy import text

from config import TestConfig, database_url
from shop import create_app
from shop.extensions import db as _db
from tests.factories import DEFAULT_PASSWORD

pytest_plugins = [
    "tests.clock", "tests.stripe_emulator.fixtures", "tests.vnpay_emulator.fixtures", "tests.momo_emulator.fixtures",
    "tests.sepay_emulator.fixtures",
    "tests.checkout_helpers", "tests.wallet_helpers", "tests.s3_server", "tests.redis_process", "tests.smtp_server",
]

ON_POSTGRES = bool(os.environ.get("TEST_DATABASE_URL"))


def _compile_translations(app):
    """Compile the .po catalogues when their .mo is missing or stale (`make` does this too)."""
    from pathlib import Path

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]).glob("*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            with open(po_path, "rb") as po_file:
                catalog = read_po(po_file)
            with open(mo_path, "wb") as mo_file:
                write_mo(mo_file, catalog, use_fuzzy=True)


def _reset_schema(app):
    """Drop everything so that the migrations start from an empty database."""
    if _db.engine.dialect.name == "postgresql":
        with _db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade(directory=app.config["MIGRATIONS_DIR"])


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """The application under test, with its schema built by the migrations."""
    base = tmp_path_factory.mktemp("shop")

    class SessionConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{base / 'test.db'}")
        MEDIA_FOLDER = str(base / "media")
        MAIL_FOLDER = str(base / "mail")

    application = create_app(SessionConfig)
    _compile_translations(application)
    with application.app_context():
        _reset_schema(application)
    return application


@pytest.fixture
def db(app):
    """The database inside an app context; every table is emptied after the test."""
    with app.app_context():
        yield _db
        _db.session.rollback()
        _db.session.remove()
        # DELETE beats TRUNCATE on tables this small (TRUNCATE rewrites files and takes heavy locks).
        with _db.engine.begin() as connection:
            for table in reversed(_db.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def client(app, db):
    """A test client on an empty database."""
    return app.test_client()


@pytest.fixture
def login(client):
    """Sign a user in through the real log-in form: `login(user)`."""

    def _login(user, password=DEFAULT_PASSWORD):
        response = client.post("/auth/login", data={"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return response

    return _login


@pytest.fixture
def make_app(app):
    """Build another app on the test database with some settings changed: `make_app(WTF_CSRF_ENABLED=True)`.

    `base` picks the configuration class to start from (TestConfig unless told, e.g. ProductionConfig).
    The limiter is shared by every app of the process and takes the setting of the app built last,
    so a test builds its rate-limited app last; afterwards the counters are emptied and limits are off.
    """
    from shop.extensions import limiter

    built = []

    def build(base=TestConfig, **settings):
        config = type(f"Changed{base.__name__}", (base,), {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "MEDIA_FOLDER": app.config["MEDIA_FOLDER"], "MAIL_FOLDER": app.config["MAIL_FOLDER"], **settings,
        })
        built.append(create_app(config))
        return built[-1]

    yield build
    if limiter.enabled and limiter.storage.check():  # a test may have pointed it at a Redis that is down
        limiter.reset()
    limiter.enabled = False
    for other in built:
        with other.app_context():
            _db.engine.dispose()


@pytest.fixture
def postgres_only(db):
    """Skip the test unless it runs on PostgreSQL."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL: set TEST_DATABASE_URL")


@pytest.fixture
def english(app, db, monkeypatch):
    """Make the shop speak English for this test (it is Vietnamese by default), pages and services alike."""
    monkeypatch.setattr(app.extensions["babel"], "locale_selector", lambda: "en")
    refresh()
