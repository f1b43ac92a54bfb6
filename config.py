"""Configuration classes, read from the environment (and from `.env` when present)."""
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent
load_dotenv(BASE_DIR / ".env")

DEV_SECRET_KEY = "dev-only-not-secret"  # noqa: S105  (refused by ProductionConfig)

# The shop's languages, Vietnamese (the source of every text, at the root of the site) first:
# the storefront speaks them all (English under /en/, Chinese under /zh/, Korean under /ko/),
# content translations exist for them, the producer portal and the back office speak the first two.
CONTENT_LANGUAGES = ("vi", "en", "zh", "ko")
PORTAL_LANGUAGES = ("vi", "en")


def database_url(url):
    """Return `url` with a driver SQLAlchemy can use (psycopg 3 for PostgreSQL)."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def env_int(name, default):
    """Read an integer setting from the environment."""
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name):
    """Read a comma-separated setting from the environment (empty: an empty list)."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def base_url_problem(base, require_https):
    """Return what is wrong with a PUBLIC_BASE_URL (an English sentence for the start-up error), or ""."""
    parts = urlsplit(base or "")
    if not parts.scheme or not parts.netloc:
        return "PUBLIC_BASE_URL must be the shop's public address, e.g. https://ocop-quangninh.example.vn"
    if parts.scheme not in ("http", "https") or (require_https and parts.scheme != "https"):
        return "PUBLIC_BASE_URL must start with https:// in production"
    if parts.path.strip("/") or parts.query or parts.fragment:
        return "PUBLIC_BASE_URL is an origin only (scheme and host), without a path"
    return ""


def env_float(name, default):
    """Read a number of seconds (or another decimal setting) from the environment."""
    value = os.environ.get(name)
    return float(value) if value not in (None, "") else default


def with_deadlines(url, connect_seconds, read_seconds):
    """Return a redis:// address that carries socket timeouts (unless it names its own)."""
    if not url or not url.startswith(("redis://", "rediss://", "unix://")):
        return url
    extra = [f"{name}={value}" for name, value in (("socket_connect_timeout", connect_seconds),
                                                    ("socket_timeout", read_seconds)) if f"{name}=" not in url]
    if not extra:
        return url
    return url + ("&" if "?" in url else "?") + "&".join(extra)


def env_flag(name, default):
    """Read an on/off setting from the environment ("0", "false", "no" and "off" mean off)."""
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")


class Config:
    """Development defaults: SQLite under instance/, mail to the log, COD only without Stripe."""

    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = database_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'instance' / 'shop.db'}")
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REDIS_URL = os.environ.get("REDIS_URL", "")
    # Cache (public pages for anonymous visitors): Redis when configured, shared by every
    # worker and host; otherwise in each process's memory.
    CACHE_TYPE = "RedisCache" if REDIS_URL else "SimpleCache"
    CACHE_REDIS_URL = REDIS_URL
    CACHE_KEY_PREFIX = "shop:"
    CACHE_DEFAULT_TIMEOUT = 60
    # Deadlines: Redis (page cache, limiter, readiness) answers within these or is treated as down;
    # a failed dependency is not asked again for DEPENDENCY_RETRY_SECONDS (shop.services.outages).
    REDIS_CONNECT_TIMEOUT = env_float("REDIS_CONNECT_TIMEOUT", 0.25)
    REDIS_SOCKET_TIMEOUT = env_float("REDIS_SOCKET_TIMEOUT", 0.25)
    DEPENDENCY_RETRY_SECONDS = env_float("DEPENDENCY_RETRY_SECONDS", 5.0)
    PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 30)  # 0 turns the page cache off
    REPORT_CACHE_SECONDS = env_int("REPORT_CACHE_SECONDS", 60)  # revenue figures of the back office
    # How long a signed-in visitor's header (role, cart count) is trusted from their session (shop.web.visitor).
    VISITOR_SNAPSHOT_SECONDS = env_int("VISITOR_SNAPSHOT_SECONDS", 60)

    # Languages (see CONTENT_LANGUAGES above): the storefront's and the portal's.
    LANGUAGES = CONTENT_LANGUAGES
    PORTAL_LANGUAGES = PORTAL_LANGUAGES
    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "shop" / "translations")
    SHOP_TIMEZONE = "Asia/Ho_Chi_Minh"

    # Money: integer VND; the visitor's currency shown only as an approximation beside it (đồng per unit):
    # US dollars in English, yuan in Chinese, won in Korean (shop.services.money).
    USD_RATE = env_int("USD_RATE", 26000)
    CNY_RATE = env_float("CNY_RATE", 3650.0)
    KRW_RATE = env_float("KRW_RATE", 18.5)

    # Orders and delivery.
    RESERVATION_MINUTES = env_int("RESERVATION_MINUTES", 30)
    SHIPPING_FEE_PROVINCE = env_int("SHIPPING_FEE_PROVINCE", 25000)
    SHIPPING_FEE_NATIONWIDE = env_int("SHIPPING_FEE_NATIONWIDE", 45000)
    FREE_SHIPPING_OVER = env_int("FREE_SHIPPING_OVER", 1000000)
    # Working days from the order to the door, (fastest, slowest), by delivery method.
    DELIVERY_DAYS_PROVINCE = (env_int("DELIVERY_DAYS_PROVINCE_MIN", 1), env_int("DELIVERY_DAYS_PROVINCE_MAX", 2))
    DELIVERY_DAYS_NATIONWIDE = (env_int("DELIVERY_DAYS_NATIONWIDE_MIN", 2), env_int("DELIVERY_DAYS_NATIONWIDE_MAX", 5))
    # Checkout: only orders placed count (a refused form never does), per visitor session and per
    # client address; the address's limit is generous, as a tour group shares one hotel Wi-Fi.
    CHECKOUT_LIMIT_PER_SESSION = os.environ.get("CHECKOUT_LIMIT_PER_SESSION", "5 per minute; 30 per hour")
    CHECKOUT_LIMIT_PER_ADDRESS = os.environ.get("CHECKOUT_LIMIT_PER_ADDRESS", "30 per minute; 300 per hour")
    PLATFORM_COMMISSION_PERCENT = env_int("PLATFORM_COMMISSION_PERCENT", 0)
    LOW_STOCK_DEFAULT = 5

    # Stripe: with no secret key the shop offers cash on delivery only.
    STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
    STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
    STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "https://api.stripe.com")
    STRIPE_CONNECT_TIMEOUT = env_float("STRIPE_CONNECT_TIMEOUT", 3.0)
    STRIPE_READ_TIMEOUT = env_float("STRIPE_READ_TIMEOUT", 20.0)

    # VietQR bank transfer: offered when the bank's NAPAS BIN, the account number and its holder's name are set
    # and the bank-notification service (SePay) has its API key (POST /webhooks/bank, Authorization: Apikey …).
    BANK_BIN = os.environ.get("BANK_BIN", "")
    BANK_ACCOUNT_NUMBER = os.environ.get("BANK_ACCOUNT_NUMBER", "")
    BANK_ACCOUNT_NAME = os.environ.get("BANK_ACCOUNT_NAME", "")
    BANK_WEBHOOK_API_KEY = os.environ.get("BANK_WEBHOOK_API_KEY", "")

    # VNPay (payment gateway 2.1.0): offered when the merchant code and hash secret are set. The
    # addresses default to VNPay's sandbox; production uses https://pay.vnpay.vn/vpcpay.html and
    # https://merchant.vnpay.vn/merchant_webapi/api/transaction.
    VNPAY_TMN_CODE = os.environ.get("VNPAY_TMN_CODE", "")
    VNPAY_HASH_SECRET = os.environ.get("VNPAY_HASH_SECRET", "")
    VNPAY_PAYMENT_URL = os.environ.get("VNPAY_PAYMENT_URL", "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html")
    VNPAY_API_URL = os.environ.get("VNPAY_API_URL", "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction")

    # MoMo (All-In-One v2, captureWallet): offered when the three keys are set. MOMO_API_BASE defaults to
    # MoMo's test environment; production is https://payment.momo.vn.
    MOMO_PARTNER_CODE = os.environ.get("MOMO_PARTNER_CODE", "")
    MOMO_ACCESS_KEY = os.environ.get("MOMO_ACCESS_KEY", "")
    MOMO_SECRET_KEY = os.environ.get("MOMO_SECRET_KEY", "")
    MOMO_API_BASE = os.environ.get("MOMO_API_BASE", "https://test-payment.momo.vn")

    # Mail: with no MAIL_SERVER, messages are written to MAIL_FOLDER and the log.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = env_int("MAIL_PORT", 25)
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "") in ("1", "true", "yes")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "OCOP Quảng Ninh <shop@ocop-quangninh.example.vn>")
    MAIL_FOLDER = os.environ.get("MAIL_FOLDER", str(BASE_DIR / "instance" / "mail"))
    MAIL_TIMEOUT = env_float("MAIL_TIMEOUT", 5.0)  # seconds to connect to and hear from the SMTP server
    # Every mail goes through the outbox (shop.services.outbox): a try that fails is repeated after
    # each of these delays in turn (seconds), then the mail waits for the office's retry.
    MAIL_RETRY_DELAYS = [int(delay) for delay in env_list("MAIL_RETRY_DELAYS")] or [30, 120, 600, 1800, 7200, 21600]
    MAIL_LEASE_SECONDS = env_int("MAIL_LEASE_SECONDS", 120)  # a delivery that died mid-send is tried again after

    # Background jobs (shop.services.jobs): on RQ queues in JOBS_REDIS_URL (REDIS_URL by default), run by
    # `make worker` on any machine; without Redis they run in the process that asks for them.
    JOBS_REDIS_URL = os.environ.get("JOBS_REDIS_URL", REDIS_URL)
    JOB_TIMEOUT_SECONDS = env_int("JOB_TIMEOUT_SECONDS", 600)
    FAILED_JOB_DAYS = env_int("FAILED_JOB_DAYS", 30)  # failed jobs stay visible (and retryable) this long

    # Uploaded and generated pictures and certificate scans: the local folder MEDIA_FOLDER (one
    # machine), or with MEDIA_STORAGE=s3 an S3-compatible bucket shared by every node. Public
    # pictures are linked at MEDIA_BASE_URL (a CDN or the bucket's public address) when set,
    # through the shop's /media/ otherwise; scans stay private (presigned links of a few minutes).
    MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local")
    MEDIA_FOLDER = os.environ.get("MEDIA_FOLDER", str(BASE_DIR / "instance" / "media"))
    MEDIA_BASE_URL = os.environ.get("MEDIA_BASE_URL", "")
    S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL", "")
    S3_BUCKET = os.environ.get("S3_BUCKET", "")
    S3_ACCESS_KEY = os.environ.get("S3_ACCESS_KEY", "")
    S3_SECRET_KEY = os.environ.get("S3_SECRET_KEY", "")
    S3_REGION = os.environ.get("S3_REGION", "us-east-1")
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024
    MIGRATIONS_DIR = str(BASE_DIR / "migrations")
    MAX_IMAGE_BYTES = 5 * 1024 * 1024

    # Passwords: scrypt (memory-hard); tests use a cheaper setting to stay fast.
    PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105  (a method name, not a password)

    # Sessions and rate limits.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # "Keep me signed in" lasts this long after the last visit that used it (renewed on use), and ends
    # with a sign-out, a new password or a suspension (shop.models.User.session_version).
    REMEMBER_COOKIE_DURATION = timedelta(days=env_int("REMEMBER_DAYS", 30))
    # A lock on an e-mail address after this many failed sign-ins within the window (shop.services.accounts.lockout).
    SIGN_IN_LOCK_FAILURES = env_int("SIGN_IN_LOCK_FAILURES", 10)
    SIGN_IN_LOCK_WINDOW_MINUTES = env_int("SIGN_IN_LOCK_WINDOW_MINUTES", 15)
    SIGN_IN_LOCK_MINUTES = env_int("SIGN_IN_LOCK_MINUTES", 15)
    KNOWN_DEVICE_DAYS = env_int("KNOWN_DEVICE_DAYS", 365)
    RATELIMIT_ENABLED = env_flag("RATELIMIT_ENABLED", True)  # off only for load tests (`make bench`)
    RATELIMIT_SWALLOW_ERRORS = True  # a Redis outage must not lock customers out
    # …nor turn the limits off: while Redis is down each process counts in its own memory.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    PRODUCTS_PER_PAGE = 24

    # Behind a reverse proxy: how many proxies set X-Forwarded-For/-Proto (0: none, trust nothing).
    PROXY_FIX_X_FOR = env_int("PROXY_FIX_X_FOR", 0)
    # Send each response's number of SQL statements as X-Query-Count (for `make bench`).
    COUNT_QUERIES = env_flag("SHOP_COUNT_QUERIES", False)
    # Static files linked with `static_url` carry ?v=<content hash> and are cached this long.
    STATIC_VERSIONED_MAX_AGE = 365 * 24 * 3600

    # Operations: logs, metrics, error reports.
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")  # "json": one JSON object a line (production default)
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
    METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")  # GET /metrics needs "Authorization: Bearer <token>"
    PROMETHEUS_MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")  # several workers, one scrape
    SENTRY_DSN = os.environ.get("SENTRY_DSN", "")  # errors reported to Sentry when set
    SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "")

    # The shop's public address: every absolute link it mails or prints (password reset, order
    # pages, QR codes, sitemap, JSON-LD, payment return and notification addresses) starts with it,
    # never with the request's Host (shop.web.urls). Required, and https, in production.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").strip().rstrip("/")
    # Other host names the shop answers beside PUBLIC_BASE_URL's (a health check by an internal name).
    TRUSTED_HOSTS = env_list("TRUSTED_HOSTS")
    REFUSE_UNKNOWN_HOSTS = False  # production: any other Host header gets a 400

    # How customers reach the shop (footer, header menu, the contact page) and what the law asks an
    # e-commerce site to show (Decree 52/2013/NĐ-CP, amended by 85/2021): who runs it, its business
    # registration, and the notice (or registration) with the Ministry of Industry and Trade, linked to its
    # record on the ministry's site. An empty setting is left out of the page. The defaults are the demo's.
    SHOP_HOTLINE = os.environ.get("SHOP_HOTLINE", "0203 3 800 800")
    SHOP_ZALO = os.environ.get("SHOP_ZALO", "0912 345 678")  # the Zalo account's phone number
    SHOP_EMAIL = os.environ.get("SHOP_EMAIL", "hotro@ocop-quangninh.example.vn")
    SHOP_ADDRESS = os.environ.get("SHOP_ADDRESS", "Phường Hồng Hà, TP. Hạ Long, tỉnh Quảng Ninh")
    SHOP_OPEN_DAYS = os.environ.get("SHOP_OPEN_DAYS", "1-6")  # ISO weekdays, Monday = 1: "1-5", "1-6", "1-7"
    SHOP_OPEN_HOURS = os.environ.get("SHOP_OPEN_HOURS", "07:30-17:00")
    SHOP_OPERATOR = os.environ.get("SHOP_OPERATOR", "Văn phòng Điều phối Chương trình OCOP tỉnh Quảng Ninh")
    SHOP_REGISTRATION = os.environ.get("SHOP_REGISTRATION", "")  # business registration / tax code
    MOIT_NOTICE_URL = os.environ.get("MOIT_NOTICE_URL", "")  # the site's record at the ministry
    MOIT_NOTICE_KIND = os.environ.get("MOIT_NOTICE_KIND", "notified")  # "notified" (a shop) or "registered"

    TESTING = False
    DEMO_ALLOWED = True


class TestConfig(Config):
    """Tests: an isolated database, no CSRF friction unless a test asks, fast hashing."""

    TESTING = True
    SECRET_KEY = "test-secret-key"  # noqa: S105  (tests only)
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("TEST_DATABASE_URL", "sqlite://"))
    WTF_CSRF_ENABLED = False
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # noqa: S105  (tests only: fast)
    RATELIMIT_ENABLED = False
    PROXY_FIX_X_FOR = 0
    COUNT_QUERIES = False
    REDIS_URL = ""
    CACHE_TYPE = "NullCache"
    CACHE_REDIS_URL = ""
    PAGE_CACHE_SECONDS = 0
    REPORT_CACHE_SECONDS = 0
    DEPENDENCY_RETRY_SECONDS = 0  # a cache made to fail by one test is asked again by the next (tests/faults: 2)
    STRIPE_SECRET_KEY = ""
    STRIPE_WEBHOOK_SECRET = ""
    VNPAY_TMN_CODE = ""
    VNPAY_HASH_SECRET = ""
    BANK_BIN = ""
    BANK_ACCOUNT_NUMBER = ""
    BANK_ACCOUNT_NAME = ""
    BANK_WEBHOOK_API_KEY = ""
    MOMO_PARTNER_CODE = ""
    MOMO_ACCESS_KEY = ""
    MOMO_SECRET_KEY = ""
    MAIL_SERVER = ""
    JOBS_REDIS_URL = ""
    SERVER_NAME = None
    # The test client's host: links look as they did, and none can follow a forged Host.
    PUBLIC_BASE_URL = "http://localhost"
    TRUSTED_HOSTS = []
    MEDIA_STORAGE = "local"
    MEDIA_BASE_URL = ""
    METRICS_TOKEN = ""
    SENTRY_DSN = ""


class ProductionConfig(Config):
    """Production: a real secret key and an https PUBLIC_BASE_URL are required, cookies are Secure,
    unknown hosts are refused, no demo data."""

    DEMO_ALLOWED = False
    REFUSE_UNKNOWN_HOSTS = True
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")

    @classmethod
    def check(cls):
        """Refuse to start without a real SECRET_KEY or without an https PUBLIC_BASE_URL."""
        if not cls.SECRET_KEY or cls.SECRET_KEY == DEV_SECRET_KEY or len(cls.SECRET_KEY) < 32:
            raise RuntimeError("ProductionConfig needs SECRET_KEY set to a random value of 32+ characters.")
        problem = base_url_problem(cls.PUBLIC_BASE_URL, require_https=True)
        if problem:
            raise RuntimeError(f"ProductionConfig: {problem} (it is {cls.PUBLIC_BASE_URL or 'not set'}).")


def config_from_environment():
    """Return the configuration class named by SHOP_CONFIG: "production" or (default) development."""
    return ProductionConfig if os.environ.get("SHOP_CONFIG") == "production" else Config
