"""Journey: a tourist on a phone searches without accents, filters, sorts and opens a product."""
from PIL import Image

from shop.extensions import db as _db
from shop.models import ProductImage
from shop.services.media import store_picture
from tests.e2e.conftest import DESKTOP, check_accessibility_basics, shoot
from tests.factories import make_area, make_category, make_producer, make_product


def with_photo(product, colour):
    filename, thumb, width, height = store_picture(Image.new("RGB", (800, 600), colour), basename=product.slug)
    _db.session.add(ProductImage(product=product, filename=filename, thumb_filename=thumb, width=width,
                                 height=height, alt_vi=product.name_vi, alt_en=product.name_en))


def seed_catalogue():
    ha_long = make_area("Hạ Long", "Ha Long", slug="ha-long")
    ba_che = make_area("Ba Chẽ", "Ba Che", slug="ba-che")
    food = make_category("food", "Thực phẩm", "Food")
    drinks = make_category("beverage", "Đồ uống", "Beverages")
    squid = make_product(make_producer(name="Công ty CP Chả mực Hạ Long", area=ha_long), "Chả mực Hạ Long",
                         slug="cha-muc-ha-long", name_en="Ha Long squid cake", price=420_000, stars=5,
                         category=food, featured=True, description_vi="Chả mực giã tay.")
    tea = make_product(make_producer(name="HTX Trà hoa vàng Ba Chẽ", area=ba_che), "Trà hoa vàng Ba Chẽ",
                       slug="tra-hoa-vang", name_en="Golden camellia tea", price=350_000, stars=4, category=drinks)
    make_product(name_vi="Gạo nếp cái hoa vàng", slug="gao-nep", price=60_000, stars=3, category=food)
    with_photo(squid, "#c98a4b")
    with_photo(tea, "#d4a017")
    _db.session.commit()


def test_search_without_accents_then_open_the_product(page, live_server, db):
    seed_catalogue()
    page.goto(live_server + "/")
    check_accessibility_basics(page)
    page.locator("#home-search").fill("cha muc")
    page.locator(".hero-search button").click()
    page.wait_for_url("**/products?q=cha+muc")
    check_accessibility_basics(page)
    cards = page.locator(".product-card")
    assert cards.count() == 1
    shoot(page, "storefront-search")
    cards.first.get_by_role("link").click()
    page.wait_for_url("**/products/cha-muc-ha-long")
    assert page.get_by_role("heading", level=1).inner_text() == "Chả mực Hạ Long"
    assert page.locator(".product-summary .ocop-badge.large").is_visible()
    assert page.locator(".add-to-cart button[type=submit]").is_visible()
    assert page.locator(".qr-code svg").is_visible()
    check_accessibility_basics(page)
    shoot(page, "storefront-product")


def test_filters_fold_on_phones_and_sorting_applies_at_once(page, live_server, db):
    seed_catalogue()
    page.goto(live_server + "/products")
    panel = page.locator("details.filter-panel")
    assert panel.get_attribute("open") is None
    assert not page.locator("#filter-category").is_visible()
    page.locator("details.filter-panel > summary").click()
    page.locator("input[name=stars][value='4']").check()
    page.locator(".filter-actions button[type=submit]").click()
    page.wait_for_url("**/products?stars=4")
    assert page.locator(".product-card").count() == 2
    assert not page.locator(".sort-form button").is_visible()  # the script sorts on change
    page.locator("#sort").select_option("price_asc")
    page.wait_for_url("**/products?stars=4&sort=price_asc")
    slugs = page.eval_on_selector_all(".product-card-link", "els => els.map(e => e.pathname)")
    assert slugs == ["/products/tra-hoa-vang", "/products/cha-muc-ha-long"]
    check_accessibility_basics(page)
    shoot(page, "storefront-listing")


def test_filters_are_open_beside_the_results_on_a_desktop(page, live_server, db):
    seed_catalogue()
    page.set_viewport_size(DESKTOP)
    page.goto(live_server + "/products")
    assert page.locator("details.filter-panel").get_attribute("open") is not None
    assert page.locator("#filter-category").is_visible()
