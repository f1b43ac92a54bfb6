"""The OCOP Quảng Ninh shop: `create_app` builds the Flask application."""
from flask import g
from flask_login import user_loaded_from_cookie

from config import config_from_environment


def create_app(config_class=None):
    """Create the application for `config_class` (default: the class SHOP_CONFIG names)."""
    config_class = config_class or config_from_environment()
    if hasattr(config_class, "check"):
        config_class.check()
    from shop.web.urls import ShopFlask

    app = ShopFlask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_relative_config=False,
    )
    app.config.from_object(config_class)
    register_public_address(app)
    register_proxy_fix(app)
    register_observability(app)
    register_extensions(app)
    register_url_converters(app)
    register_languages(app)
    register_blueprints(app)
    register_signals(app)
    register_template_helpers(app)
    register_static_files(app)
    register_security(app)
    register_errorhandlers(app)
    register_commands(app)
    register_query_count(app)
    return app


def register_public_address(app):
    """Absolute links at PUBLIC_BASE_URL; in production a Host that is not the shop's gets a 400."""
    from shop.web import urls

    urls.init_app(app)


def register_proxy_fix(app):
    """Behind PROXY_FIX_X_FOR reverse proxies, trust their X-Forwarded-For/-Proto (real client address)."""
    hops = app.config.get("PROXY_FIX_X_FOR", 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def register_observability(app):
    """Logs (JSON in production) with a request id, Prometheus figures, Sentry when SENTRY_DSN is set."""
    from sqlalchemy.orm import Session

    from shop.logs import configure_logging
    from shop.services.metrics import watch_session
    from shop.web import request_ids

    configure_logging(app)
    request_ids.init_app(app)
    watch_session(Session)
    if app.config.get("SENTRY_DSN"):
        import sentry_sdk
        from sentry_sdk.integrations.flask import FlaskIntegration

        sentry_sdk.init(dsn=app.config["SENTRY_DSN"], integrations=[FlaskIntegration()], traces_sample_rate=0,
                        environment=app.config.get("SENTRY_ENVIRONMENT") or None)


def register_extensions(app):
    """Bind the unbound extensions to `app`."""
    from flask_babel import lazy_gettext as _l

    from config import with_deadlines
    from shop import i18n, models  # noqa: F401  (models registers the tables)
    from shop.extensions import babel, cache, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=app.config["MIGRATIONS_DIR"], render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.choose_locale)
    # Choose the language and the signed-in user afresh for each request, even when an app
    # context outlives a request (as in tests, where one context spans several requests).
    app.before_request(i18n.refresh_locale)
    app.before_request(_forget_request_user)
    # Counters in Redis when configured, so every worker shares them; in memory otherwise. Every Redis
    # address carries sub-second socket timeouts (a frozen Redis must not hold a request).
    redis_url = with_deadlines(app.config.get("REDIS_URL"), app.config["REDIS_CONNECT_TIMEOUT"],
                               app.config["REDIS_SOCKET_TIMEOUT"])
    app.config.setdefault("RATELIMIT_STORAGE_URI", redis_url or "memory://")
    if app.config.get("CACHE_TYPE") == "RedisCache":
        app.config["CACHE_REDIS_URL"] = with_deadlines(app.config.get("CACHE_REDIS_URL") or redis_url,
                                                       app.config["REDIS_CONNECT_TIMEOUT"],
                                                       app.config["REDIS_SOCKET_TIMEOUT"])
    limiter.init_app(app)
    count_limiter_outages()
    cache.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.localize_callback = str  # the lazy message, in the visitor's language when flashed
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(identity):
        from shop.services.accounts.users import user_for_session

        return user_for_session(identity)

    from shop.web.sessions import renew_remember_cookie

    user_loaded_from_cookie.connect(renew_remember_cookie, app)

    from shop.models.db_events import (
        disable_postgresql_jit,
        enable_sqlite_foreign_keys,
        enable_sqlite_unicode_lower,
        enable_sqlite_word_similarity,
    )

    with app.app_context():
        enable_sqlite_foreign_keys(db.engine)
        enable_sqlite_unicode_lower(db.engine)
        enable_sqlite_word_similarity(db.engine)
        disable_postgresql_jit(db.engine)


def count_limiter_outages():
    """Count the limiter's fall-backs to in-process counters (it logs them) as dependency failures."""
    import logging

    from shop.services.metrics import LimiterOutageCounter

    limiter_log = logging.getLogger("flask-limiter")
    limiter_log.disabled = False  # Alembic's logging set-up (flask db upgrade in this process) turns it off
    if not any(isinstance(handler, LimiterOutageCounter) for handler in limiter_log.handlers):
        limiter_log.addHandler(LimiterOutageCounter())


def _forget_request_user():
    """Drop Flask-Login's cached user so that this request loads its own."""
    g.pop("_login_user", None)


def register_signals(app):
    """Connect the shop's receivers: the cart merges at sign-in; the revenue rollups and the
    product listings follow every flush."""
    from shop.web.visitor_cart import register_cart_merge

    register_cart_merge(app)
    from shop.services.catalog.read_model import keep_listings
    from shop.services.reports.rollup_hooks import keep_rollups

    keep_rollups()
    keep_listings()


def register_url_converters(app):
    """Ids in paths are numbers a database INTEGER can hold: a larger one is not found (before the routes)."""
    from shop.web.query_args import DatabaseIntConverter

    app.url_map.converters["int"] = DatabaseIntConverter


def register_languages(app):
    """Serve the storefront at one address per language (Vietnamese at the root, /en/, /zh/, /ko/), and offer
    each visitor their own."""
    from shop.web import language_offer, languages

    languages.init_app(app)
    language_offer.init_app(app)


def register_blueprints(app):
    """Mount every blueprint of the shop."""
    from shop.account import bp as account_bp
    from shop.admin import bp as admin_bp
    from shop.api import bp as api_bp
    from shop.auth import bp as auth_bp
    from shop.cart import bp as cart_bp
    from shop.catalog import bp as catalog_bp
    from shop.checkout import bp as checkout_bp
    from shop.main import bp as main_bp
    from shop.producer import bp as producer_bp
    from shop.webhooks import bp as webhooks_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(catalog_bp)
    app.register_blueprint(api_bp, url_prefix="/api")
    app.register_blueprint(cart_bp)
    app.register_blueprint(checkout_bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(webhooks_bp, url_prefix="/webhooks")
    app.register_blueprint(producer_bp, url_prefix="/producer")
    app.register_blueprint(admin_bp, url_prefix="/admin")


def register_template_helpers(app):
    """Expose formatting helpers (money, stars, locale) to every template."""
    from shop.web import templating
    from shop.web.shop_info import register_shop_info

    templating.init_app(app)
    register_shop_info(app)


def register_static_files(app):
    """Link static files with a content hash and let browsers cache them for a year."""
    from shop.web import media, static_files

    static_files.init_app(app)
    media.init_app(app)


def register_query_count(app):
    """With COUNT_QUERIES on, tell each response's number of SQL statements (X-Query-Count)."""
    if app.config.get("COUNT_QUERIES"):
        from shop.web import query_count

        query_count.init_app(app)


def register_security(app):
    """Send the security headers (CSP, nosniff, frame denial, HSTS in production)."""
    from shop.web import security

    security.init_app(app)


def register_errorhandlers(app):
    """Render friendly error pages (and JSON for the API)."""
    from shop.web import errorpages

    errorpages.init_app(app)


def register_commands(app):
    """Add the `flask` commands: seed-demo, create-admin, expire-orders…"""
    from shop import cli

    cli.init_app(app)
