import pytest

from config import DEV_SECRET_KEY, ProductionConfig, database_url
from shop import create_app
from shop.models import User


def test_plain_postgresql_urls_use_psycopg3():
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"


@pytest.mark.parametrize("key", ["", DEV_SECRET_KEY, "short"])
def test_production_refuses_to_start_without_a_real_secret_key(monkeypatch, key):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", key)
    monkeypatch.setattr(ProductionConfig, "PUBLIC_BASE_URL", "https://ocop-quangninh.example.vn")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(ProductionConfig)


def test_production_starts_with_a_real_secret_key(monkeypatch):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "x" * 48)
    monkeypatch.setattr(ProductionConfig, "PUBLIC_BASE_URL", "https://ocop-quangninh.example.vn")
    monkeypatch.setattr(ProductionConfig, "SQLALCHEMY_DATABASE_URI", "sqlite://")
    app = create_app(ProductionConfig)
    assert app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize("base", ["", "http://ocop-quangninh.example.vn", "ocop-quangninh.example.vn",
                                  "https://ocop-quangninh.example.vn/shop", "ftp://ocop-quangninh.example.vn"])
def test_production_refuses_to_start_without_an_https_public_address(monkeypatch, base):
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", "x" * 48)
    monkeypatch.setattr(ProductionConfig, "PUBLIC_BASE_URL", base)
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):
        create_app(ProductionConfig)


def test_seed_demo_refuses_the_production_configuration(app, monkeypatch):
    monkeypatch.setitem(app.config, "DEMO_ALLOWED", False)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "production" in result.output


def test_create_admin_makes_an_administrator(app, db):
    result = app.test_cli_runner().invoke(args=["create-admin", "Office@Example.com", "--password", "a-long-password"])
    assert result.exit_code == 0, result.output
    user = db.session.query(User).one()
    assert (user.email, user.role) == ("office@example.com", "admin")


def test_create_admin_refuses_a_short_password(app, db):
    result = app.test_cli_runner().invoke(args=["create-admin", "office@example.com", "--password", "short"])
    assert result.exit_code != 0
    assert db.session.query(User).count() == 0
