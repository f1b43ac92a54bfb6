"""Journey 1: a tourist on a phone searches without accents, filters by stars and orders cash on delivery.

The other tests here look at the listing's own behaviour: filters folded on phones, sorting at once.
"""
import re

from playwright.sync_api import expect

from shop.extensions import db as _db
from shop.models import Order
from tests.e2e.conftest import DESKTOP, add_to_cart, check_accessibility_basics, shoot, use_english, with_photo
from tests.factories import make_area, make_category, make_producer, make_product


def seed_catalogue():
    """Three squid cakes (5★, 4★ and 3★), a 4★ tea and a 3★ rice, in two areas."""
    ha_long = make_area("Hạ Long", "Ha Long", slug="ha-long")
    ba_che = make_area("Ba Chẽ", "Ba Che", slug="ba-che")
    van_don = make_area("Vân Đồn", "Van Don", slug="van-don")
    food = make_category("food", "Thực phẩm", "Food")
    drinks = make_category("beverage", "Đồ uống", "Beverages")
    squid = make_product(make_producer(name="Công ty CP Chả mực Hạ Long", area=ha_long), "Chả mực Hạ Long",
                         slug="cha-muc-ha-long", name_en="Ha Long squid cake", price=320_000, stars=5,
                         category=food, featured=True, description_vi="Chả mực giã tay.",
                         unit_vi="hộp 500 g", unit_en="box of 500 g")
    co_to = make_product(make_producer(name="HTX Hải sản Cô Tô", area=van_don), "Chả mực Cô Tô",
                         slug="cha-muc-co-to", name_en="Co To squid cake", price=150_000, stars=4, category=food,
                         unit_vi="hộp 300 g", unit_en="box of 300 g")
    make_product(make_producer(name="Hộ kinh doanh Vân Đồn", area=van_don), "Chả mực Vân Đồn",
                 slug="cha-muc-van-don", name_en="Van Don squid cake", price=180_000, stars=3, category=food)
    tea = make_product(make_producer(name="HTX Trà hoa vàng Ba Chẽ", area=ba_che), "Trà hoa vàng Ba Chẽ",
                       slug="tra-hoa-vang", name_en="Golden camellia tea", price=350_000, stars=4, category=drinks)
    make_product(name_vi="Gạo nếp cái hoa vàng", name_en="Yellow-flower sticky rice", slug="gao-nep", price=60_000,
                 stars=3, category=food)
    with_photo(squid, "#c98a4b")
    with_photo(co_to, "#b5651d")
    with_photo(tea, "#d4a017")
    _db.session.commit()


def add_from_product_page(page, name, stars, quantity, screenshot=None):
    """Open the product `name` from the listing, look it over and put `quantity` of it in the cart."""
    page.get_by_role("link", name=re.compile(name)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("img", name=f"{stars}-star OCOP").first).to_be_visible()
    expect(page.get_by_role("img", name="QR code", exact=True)).to_be_visible()
    check_accessibility_basics(page)
    if screenshot:
        shoot(page, screenshot)
    page.get_by_label("Quantity").fill(str(quantity))
    add_to_cart(page, name)


def test_a_tourist_finds_two_squid_cakes_and_orders_them_cash_on_delivery(page, live_server, db):
    seed_catalogue()
    page.goto(live_server + "/")
    use_english(page)
    check_accessibility_basics(page)
    shoot(page, "j1-home")
    page.get_by_role("main").get_by_label("Search products").fill("cha muc")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    page.wait_for_url("**/products?q=cha+muc")
    expect(page.get_by_role("article")).to_have_count(3)  # "cha muc" finds the three "Chả mực"
    check_accessibility_basics(page)
    shoot(page, "j1-search")

    page.get_by_text("Filters", exact=True).click()
    page.get_by_role("radio", name="4★ and up").check()
    page.get_by_role("button", name="Show products").click()
    page.wait_for_url("**/products?q=cha+muc&stars=4")
    cards = page.get_by_role("article")
    expect(cards).to_have_count(2)
    squid, co_to = cards.filter(has_text="Ha Long squid cake"), cards.filter(has_text="Co To squid cake")
    expect(squid.get_by_role("img", name="5-star OCOP")).to_be_visible()
    expect(co_to.get_by_role("img", name="4-star OCOP")).to_be_visible()
    expect(squid.get_by_role("img", name="Ha Long squid cake")).to_be_visible()  # the photo
    expect(squid).to_contain_text("₫320,000")
    expect(squid).to_contain_text("≈ US$12.31")
    check_accessibility_basics(page)
    shoot(page, "j1-filtered")

    add_from_product_page(page, "Ha Long squid cake", 5, 1, screenshot="j1-product")
    page.go_back()  # the phone's Back button, twice: the product page, then the results
    page.go_back()
    page.wait_for_url("**/products?q=cha+muc&stars=4")
    add_from_product_page(page, "Co To squid cake", 4, 2)

    header_count = page.get_by_role("navigation", name="Account").get_by_role("link", name=re.compile("^Cart"))
    expect(header_count).to_have_text("Cart 3")
    lines = page.get_by_role("list", name="Products in your cart").get_by_role("listitem")
    expect(lines).to_have_count(2)
    ha_long_line = lines.filter(has_text="Ha Long squid cake")
    ha_long_line.get_by_label("Quantity").fill("2")
    ha_long_line.get_by_role("button", name="Update").click()
    expect(header_count).to_have_text("Cart 4")
    expect(page.get_by_role("complementary", name="Summary")).to_contain_text("₫940,000")  # 2 × 320,000 + 2 × 150,000
    check_accessibility_basics(page)
    shoot(page, "j1-cart")

    page.get_by_role("link", name="Check out").click()
    page.wait_for_url("**/checkout")
    page.get_by_label("Full name").fill("Emma Walker")
    page.get_by_label("E-mail").fill("emma@example.com")
    page.get_by_label("Mobile phone").fill("+84 912 345 678")
    total = page.get_by_role("complementary", name="Your order").locator("[data-role=total] .price")
    page.get_by_role("radio", name=re.compile("^Delivery elsewhere in Vietnam")).check()
    expect(total).to_have_text("₫985,000")
    page.get_by_role("radio", name=re.compile("^Pick up from the producer")).check()
    expect(page.get_by_label("Delivery address")).to_be_hidden()
    expect(total).to_have_text("₫940,000")
    page.get_by_role("radio", name=re.compile("^Delivery within Quảng Ninh")).check()
    expect(total).to_have_text("₫965,000")
    page.get_by_label("Delivery address").fill("5 Hạ Long, Bãi Cháy")
    expect(page.get_by_role("radio", name="Cash on delivery")).to_be_checked()
    expect(page.get_by_text("Card payment is not available at the moment.")).to_be_visible()
    expect(page.get_by_text("Card payers continue on Stripe's secure page")).to_have_count(0)
    check_accessibility_basics(page)
    shoot(page, "j1-checkout")
    page.get_by_role("button", name="Place order").click()

    page.wait_for_url(re.compile(r"/orders/\w+\?t="))
    order = db.session.query(Order).one()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Order {order.number}")
    expect(page.get_by_role("status").filter(has_text="you pay on delivery")).to_be_visible()
    expect(page.get_by_text("Placed (cash on delivery)")).to_be_visible()
    order_lines = page.get_by_role("region", name="Products").get_by_role("listitem")
    expect(order_lines).to_have_count(2)  # named in the buyer's language
    expect(order_lines.filter(has_text="Ha Long squid cake")).to_contain_text("2 × ₫320,000")
    expect(order_lines.filter(has_text="Co To squid cake")).to_contain_text("2 × ₫150,000")
    assert (order.status, order.payment_method, order.total) == ("placed", "cod", 965_000)
    check_accessibility_basics(page)
    shoot(page, "j1-order")


def test_filters_fold_on_phones_and_sorting_applies_at_once(page, live_server, db):
    seed_catalogue()
    page.goto(live_server + "/products")
    use_english(page)
    panel = page.locator("details.filter-panel")
    assert panel.get_attribute("open") is None
    expect(page.get_by_label("Product group")).to_be_hidden()
    page.get_by_text("Filters", exact=True).click()
    page.get_by_role("radio", name="4★ and up").check()
    page.get_by_role("button", name="Show products").click()
    page.wait_for_url("**/products?stars=4")
    expect(page.get_by_role("article")).to_have_count(3)
    expect(page.get_by_role("button", name="Sort", exact=True)).to_be_hidden()  # the script sorts on change
    page.get_by_label("Sort by").select_option("price_asc")
    page.wait_for_url("**/products?stars=4&sort=price_asc")
    slugs = page.eval_on_selector_all(".product-card-link", "els => els.map(e => e.pathname)")
    assert slugs == ["/en/products/cha-muc-co-to", "/en/products/cha-muc-ha-long", "/en/products/tra-hoa-vang"]
    check_accessibility_basics(page)
    shoot(page, "storefront-listing")


def test_filters_are_open_beside_the_results_on_a_desktop(page, live_server, db):
    seed_catalogue()
    page.set_viewport_size(DESKTOP)
    page.goto(live_server + "/products")
    use_english(page)
    # Drawn open by the stylesheet as the server sent it: no script opens it after load (no layout shift).
    assert page.locator("details.filter-panel").get_attribute("open") is None
    expect(page.get_by_label("Product group")).to_be_visible()
