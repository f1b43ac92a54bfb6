"""Browser journeys: the shop served on 127.0.0.1 in a thread, driven by Debian's Chromium.

Chromium is found at /usr/bin/chromium. Without it the journeys are skipped (and say why),
unless REQUIRE_BROWSER=1 (as in CI), where a missing browser fails them.
"""
import os
import shutil
import threading
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect
from werkzeug.serving import make_server

from config import TestConfig
from shop import create_app
from shop.extensions import db as _db
from shop.models import ProductImage
from shop.services.media.storage import store_picture

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
SKIP_REASON = f"Chromium not found at {CHROMIUM}: apt-get install chromium to run the browser journeys"
_screenshots = {"taken": False}  # set once this session has run a journey


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
    if os.path.exists(CHROMIUM) or os.environ.get("REQUIRE_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    """Say why the journeys were skipped (even under -q), or where their screenshots are."""
    skipped = [report for report in terminalreporter.stats.get("skipped", []) if SKIP_REASON in str(report.longrepr)]
    if skipped:
        terminalreporter.write_line(f"Browser journeys skipped ({len(skipped)} tests): {SKIP_REASON}")
    elif _screenshots["taken"] and any(SCREENSHOTS.iterdir()):
        terminalreporter.write_line(f"Journey screenshots (phone and desktop): {SCREENSHOTS}")


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """Launch Debian's Chromium, cut off from everything but 127.0.0.1."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"REQUIRE_BROWSER=1 but Chromium is missing at {CHROMIUM}")
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def e2e_app(app):
    """The shop as a browser meets it: CSRF on, the same database and media as the tests."""
    config = type("E2EConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "MEDIA_FOLDER": app.config["MEDIA_FOLDER"],
        "MAIL_FOLDER": app.config["MAIL_FOLDER"],
        "WTF_CSRF_ENABLED": True,
    })
    return create_app(config)


@pytest.fixture(scope="session")
def live_server(e2e_app):
    """Serve the shop on a free loopback port for the whole session; yields its base URL."""
    server = make_server("127.0.0.1", 0, e2e_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session", autouse=True)
def _fresh_screenshots():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    _screenshots["taken"] = True


@pytest.fixture
def page(browser, db, request):
    """A phone-sized page that fails the journey on any JavaScript console error."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    tab = context.new_page()
    errors = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], f"JavaScript console errors: {errors}"


def shoot(page, name):
    """Save a screenshot of the current page at phone and at desktop size."""
    page.evaluate("window.scrollTo(0, 0)")  # else the sticky header is drawn where the page was scrolled to
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(PHONE)


def check_accessibility_basics(page):
    """Every image has alt text, every form field a label, and there is exactly one h1."""
    assert page.locator("h1").count() == 1, "one h1 per page"
    missing_alt = page.eval_on_selector_all("img", "els => els.filter(e => !e.hasAttribute('alt')).map(e => e.src)")
    assert missing_alt == [], f"images without alt: {missing_alt}"
    unlabeled = page.eval_on_selector_all(
        "input:not([type=hidden]):not([type=submit]), select, textarea",
        """els => els.filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                              && !e.getAttribute('aria-labelledby')).map(e => e.name || e.id)""",
    )
    assert unlabeled == [], f"form fields without a label: {unlabeled}"


@pytest.fixture
def card_payments(e2e_app, live_server, stripe_emulator, monkeypatch, page):
    """Point the live shop at the Stripe emulator, whose webhooks reach the live shop; yields the emulator."""
    monkeypatch.setitem(e2e_app.config, "STRIPE_SECRET_KEY", stripe_emulator.api_key)
    monkeypatch.setitem(e2e_app.config, "STRIPE_WEBHOOK_SECRET", stripe_emulator.webhook_secret)
    monkeypatch.setitem(e2e_app.config, "STRIPE_API_BASE", stripe_emulator.base_url)
    monkeypatch.setitem(e2e_app.config, "PUBLIC_BASE_URL", live_server)  # Stripe's return addresses: the live shop
    stripe_emulator.webhook_url = live_server + "/webhooks/stripe"
    # The emulator's hosted page is not the shop: its favicon request would only log a 401.
    page.route(stripe_emulator.base_url + "/favicon.ico", lambda route: route.fulfill(status=204))
    return stripe_emulator


def use_english(page):
    """Switch the shop to English with the header's EN link (the same page under /en/) and wait for it."""
    switch_language(page, "EN", "en")


def switch_language(page, name, lang):
    """Open the header's menu (a phone shows it folded) and follow the language link `name`; wait for `lang`."""
    open_menu(page)
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", lang)


def open_menu(page):
    """Open the header's menu when it is folded behind its button (on a phone)."""
    button = page.locator(".header-menu > summary")
    if button.is_visible() and page.locator(".header-menu[open]").count() == 0:
        button.click()


def add_to_cart(page, name=None):
    """Press "Add to cart" on a product page, check the sheet that confirms it in place, and go to the cart
    (a page without scripts goes there at once, saying so in a flash)."""
    page.get_by_role("button", name="Add to cart").click()
    sheet = page.get_by_role("dialog")
    on_cart_page = page.get_by_role("list", name="Products in your cart")
    expect(sheet.or_(on_cart_page)).to_be_visible()
    confirmation = sheet if sheet.is_visible() else page.get_by_role("status")
    if name:
        expect(confirmation).to_contain_text(f"{name} is in your cart.")
    if sheet.is_visible():
        sheet.get_by_role("link", name="View cart").click()
    page.wait_for_url("**/cart")


def with_photo(product, colour):
    """Give `product` a real photo (stored as the shop stores uploads) with alt texts from its names."""
    filename, thumb, width, height = store_picture(Image.new("RGB", (800, 600), colour), basename=product.slug)
    _db.session.add(ProductImage(product=product, filename=filename, thumb_filename=thumb, width=width,
                                 height=height, alt_vi=product.name_vi, alt_en=product.name_en))
