"""The storefront on a 390×844 phone: a header of one 60 px row whose search folds into an icon on scroll,
thumb-sized targets everywhere, the product page's buy bar and its in-place confirmation (and the same
page without scripts), the cart's total and button on screen; on a desktop, no layout shift."""
import re

from playwright.sync_api import expect

from shop.extensions import db as _db
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    check_accessibility_basics,
    open_menu,
    shoot,
    use_english,
    with_photo,
)
from tests.factories import DEFAULT_PASSWORD, make_category, make_producer, make_product, make_user

HEADER_MAX = 64
TARGET_MIN = 44

# Every visible link and control smaller than 44 × 44 px, except a link inside a sentence (WCAG 2.5.8's
# inline exception) and what lies off screen (the skip link until focused). A radio or check box counts by
# its label, which is what a thumb presses.
SMALL_TARGETS = """min => {
  const small = [];
  for (const el of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, summary, textarea")) {
    const box = (el.type === "radio" || el.type === "checkbox") ? (el.closest("label") || el) : el;
    const r = box.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!r.width || !r.height || r.right <= 0 || style.visibility === "hidden") continue;
    const parent = el.parentElement;
    const inSentence = style.display === "inline" && parent && ["P", "DD", "LI", "SPAN"].includes(parent.tagName)
      && parent.textContent.trim().length > el.textContent.trim().length + 3;
    if (!inSentence && (r.width < min - 0.5 || r.height < min - 0.5)) {
      small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.name || "").trim().slice(0, 30)}"`
                 + ` ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
  }
  return small;
}"""


def seed_shop():
    food = make_category("food", "Thực phẩm", "Food")
    squid = make_product(make_producer(name="Công ty CP Chả mực Hạ Long"), "Chả mực Hạ Long", slug="cha-muc-ha-long",
                         name_en="Ha Long squid cake", price=320_000, stars=5, category=food, stock=20,
                         unit_vi="hộp 500 g", unit_en="box of 500 g",
                         description_vi="Chả mực giã tay.\n" * 30, description_en="Hand-pounded squid cake.\n" * 30)
    tea = make_product(name_vi="Trà hoa vàng Ba Chẽ", name_en="Ba Che golden camellia tea", slug="tra-hoa-vang",
                       price=350_000, stars=4, category=make_category("beverage", "Đồ uống", "Beverages"))
    rice = make_product(name_vi="Gạo nếp cái hoa vàng", name_en="Yellow-flower sticky rice", slug="gao-nep",
                        price=60_000, stars=3, category=food)
    with_photo(squid, "#c98a4b")
    with_photo(tea, "#d4a017")
    _db.session.commit()
    return squid, tea, rice


def header_height(page):
    return page.locator(".site-header").bounding_box()["height"]


def assert_phone_layout(page, name):
    """The header is one compact row and no target is too small for a thumb."""
    assert header_height(page) <= HEADER_MAX, f"{name}: header {header_height(page)} px"
    assert page.evaluate(SMALL_TARGETS, TARGET_MIN) == [], name


def in_view(page, locator):
    """Whether the element is entirely inside the phone's screen (below the header)."""
    box = locator.bounding_box()
    return box is not None and box["y"] >= header_height(page) and box["y"] + box["height"] <= PHONE["height"]


def test_every_storefront_page_has_a_compact_header_and_thumb_sized_targets(page, live_server, db):
    squid, _tea, _rice = seed_shop()
    page.goto(live_server + "/")
    use_english(page)
    for path in ("/en/", "/en/products", "/en/products?q=cha+muc", "/en/products/cha-muc-ha-long"):
        page.goto(live_server + path)
        assert_phone_layout(page, path)
    page.get_by_role("button", name="Add to cart").click()
    page.get_by_role("dialog").get_by_role("link", name="View cart").click()
    page.wait_for_url("**/cart")
    assert_phone_layout(page, "cart")
    page.get_by_role("link", name="Check out").click()
    page.wait_for_url("**/checkout")
    assert_phone_layout(page, "checkout")

    open_menu(page)  # the account links and languages are one tap away, each a full target
    menu = page.get_by_role("navigation", name="Account")
    expect(menu.get_by_role("link", name="Sign in")).to_be_visible()
    expect(menu.get_by_role("link", name="VI", exact=True)).to_be_visible()
    assert page.evaluate(SMALL_TARGETS, TARGET_MIN) == []
    shoot(page, "phone-menu")

    customer = make_user(email="kim@example.kr")
    _db.session.commit()
    page.goto(live_server + "/en/auth/login")
    page.get_by_label("E-mail").fill(customer.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    page.goto(live_server + "/en/")
    assert_phone_layout(page, "home, signed in")  # signed in, the header keeps its one row
    open_menu(page)
    expect(page.get_by_role("link", name="My orders")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_the_search_folds_into_an_icon_on_scroll_and_opens_again(page, live_server, db):
    seed_shop()
    page.goto(live_server + "/en/products/cha-muc-ha-long")
    search = page.get_by_role("banner").get_by_role("combobox", name="Search products")  # suggests as one types
    toggle = page.get_by_role("banner").get_by_role("button", name="Search products")
    expect(search).to_be_visible()
    expect(toggle).to_be_hidden()
    page.mouse.wheel(0, 600)
    expect(search).to_be_hidden()
    expect(toggle).to_be_visible()
    assert header_height(page) <= HEADER_MAX
    shoot_at_scroll(page, "phone-header-scrolled")
    toggle.click()
    expect(search).to_be_visible()
    expect(search).to_be_focused()
    search.fill("tra")
    search.press("Enter")
    page.wait_for_url("**/en/products?q=tra")
    expect(page.get_by_role("article")).to_have_count(1)


def shoot_at_scroll(page, name):
    """A screenshot of the screen as the visitor sees it, scrolled (shoot() scrolls to the top first)."""
    from tests.e2e.conftest import SCREENSHOTS

    page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"))


def test_the_buy_bar_stays_on_screen_and_confirms_in_place(page, live_server, db):
    seed_shop()
    page.goto(live_server + "/en/products/cha-muc-ha-long")
    add = page.get_by_role("button", name="Add to cart")
    bar = page.locator(".add-to-cart")
    expect(bar).to_contain_text("₫320,000")
    assert in_view(page, add)
    page.mouse.wheel(0, 2500)  # far down the long description: the bar, price and button, is still there
    page.wait_for_function("() => window.scrollY > 2000")  # a function: the CSP refuses eval of a string
    assert in_view(page, add) and in_view(page, bar.locator(".price"))
    assert bar.bounding_box()["y"] + bar.bounding_box()["height"] == PHONE["height"]
    shoot_at_scroll(page, "phone-buy-bar")
    check_accessibility_basics(page)

    page.get_by_label("Quantity").fill("2")
    add.click()
    sheet = page.get_by_role("dialog")
    expect(sheet).to_be_visible()
    expect(sheet).to_contain_text("Ha Long squid cake is in your cart.")
    expect(page).to_have_url(re.compile(r"/en/products/cha-muc-ha-long$"))  # still on the product page
    expect(page.locator(".cart-link .badge-count")).to_have_text("2")
    assert sheet.bounding_box()["y"] + sheet.bounding_box()["height"] == PHONE["height"]  # a sheet from the bottom
    expect(sheet.get_by_role("link", name="Check out")).to_be_focused()
    assert page.evaluate(SMALL_TARGETS, TARGET_MIN) == []
    shoot_at_scroll(page, "phone-added-sheet")

    sheet.get_by_role("button", name="Continue shopping").click()
    expect(sheet).to_be_hidden()
    add.click()  # once more: 4 in the cart, and this time on to the checkout
    expect(sheet).to_be_visible()
    expect(page.locator(".cart-link .badge-count")).to_have_text("4")
    sheet.get_by_role("link", name="Check out").click()
    page.wait_for_url("**/en/checkout")
    expect(page.get_by_role("complementary", name="Your order")).to_contain_text("₫1,280,000")


def test_too_many_in_the_sheet_says_what_is_left_and_changes_nothing(page, live_server, db):
    seed_shop()
    page.goto(live_server + "/en/products/cha-muc-ha-long")
    page.get_by_label("Quantity").evaluate("field => field.removeAttribute('max')")  # past the browser's check
    page.get_by_label("Quantity").fill("25")
    page.get_by_role("button", name="Add to cart").click()
    sheet = page.get_by_role("dialog")
    expect(sheet).to_contain_text("20")
    expect(sheet.get_by_role("link", name="Check out")).to_be_hidden()
    expect(page.locator(".cart-link .badge-count")).to_have_count(0)
    sheet.get_by_role("button", name="Continue shopping").click()
    expect(sheet).to_be_hidden()


def test_without_scripts_adding_goes_to_the_cart_whose_total_and_button_are_on_screen(browser, live_server, db):
    seed_shop()
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        for slug in ("cha-muc-ha-long", "tra-hoa-vang", "gao-nep"):
            page.goto(f"{live_server}/en/products/{slug}")
            assert in_view(page, page.get_by_role("button", name="Add to cart"))
            page.get_by_role("button", name="Add to cart").click()
            page.wait_for_url("**/en/cart")
        expect(page.get_by_role("status").filter(has_text="Yellow-flower sticky rice is in your cart.")).to_be_visible()
        expect(page.get_by_role("list", name="Products in your cart").get_by_role("listitem")).to_have_count(3)
        checkout = page.get_by_role("link", name="Check out")
        expect(checkout).to_have_count(1)  # the bar's; the summary's own is hidden on a phone
        assert in_view(page, checkout) and in_view(page, page.locator(".checkout-bar .price"))
        expect(page.locator(".checkout-bar")).to_contain_text("₫755,000")  # 320,000 + 350,000 + 60,000 + 25,000
        shoot(page, "phone-cart-no-script")
        checkout.click()
        page.wait_for_url("**/en/checkout")
    finally:
        context.close()


def test_the_desktop_listing_does_not_shift_as_it_loads(browser, live_server, db):
    seed_shop()
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.add_init_script("""
          window.__shift = 0;
          new PerformanceObserver(list => {
            for (const entry of list.getEntries()) { if (!entry.hadRecentInput) window.__shift += entry.value; }
          }).observe({type: "layout-shift", buffered: true});
        """)
        for path in ("/en/products?q=cha+muc", "/en/products", "/en/", "/en/products/cha-muc-ha-long"):
            page.goto(live_server + path)
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            assert page.evaluate("window.__shift") <= 0.05, path
        page.goto(live_server + "/en/products")
        expect(page.get_by_label("Product group")).to_be_visible()  # the filters are drawn open on a wide screen
        assert header_height(page) <= HEADER_MAX
        expect(page.get_by_role("link", name="Sign in")).to_be_visible()  # the menu's links sit in the row
    finally:
        context.close()
