"""On a phone: the OCOP badge explains itself on a tap, the facts table reads at a glance, and the search box
suggests products as one types (a combobox: arrows, Enter, Escape), forgiving a typo and a missing space."""
import re

from playwright.sync_api import expect

from shop.extensions import db as _db
from shop.models import ProductFacts
from tests.e2e.conftest import check_accessibility_basics, shoot, with_photo
from tests.factories import make_area, make_category, make_producer, make_product


def seed_catalogue():
    """A 4★ squid cake with its facts, a 3★ sandworm patty and a 5★ pearl necklace."""
    ha_long = make_area("Hạ Long", "Ha Long", slug="ha-long")
    food = make_category("food", "Thực phẩm", "Food")
    crafts = make_category("handicraft", "Thủ công mỹ nghệ", "Handicrafts")
    squid = make_product(make_producer(name="Công ty CP Chả mực Hạ Long", area=ha_long), "Chả mực Hạ Long",
                         slug="cha-muc-ha-long", name_en="Ha Long squid cake", price=220_000, stars=4,
                         category=food, unit_vi="hộp 500 g", unit_en="500 g box")
    squid.facts = ProductFacts(ingredients_vi="Mực tươi (90%), mỡ lợn, nước mắm, tiêu",
                               ingredients_en="Fresh squid (90%), pork fat, fish sauce, pepper",
                               net_quantity=500, net_unit="g", shipping_weight_g=1100, shelf_life_days=90,
                               storage="frozen", allergens="molluscs fish", air_travel="checked", sending_abroad="no")
    make_product(make_producer(name="HTX Sông Cầm", area=ha_long), "Chả rươi Sông Cầm", slug="cha-ruoi",
                 name_en="Song Cam sandworm patties", stars=3, category=food)
    make_product(make_producer(name="Ngọc trai Hạ Long", area=ha_long), "Ngọc trai Akoya Hạ Long",
                 slug="ngoc-trai", name_en="Ha Long Akoya pearls", stars=5, category=crafts)
    with_photo(squid, "#c98a4b")
    _db.session.commit()


def test_the_badge_explains_ocop_on_a_tap_and_the_facts_read_at_a_glance(page, live_server, db):
    seed_catalogue()
    page.goto(live_server + "/en/products/cha-muc-ha-long")
    check_accessibility_basics(page)
    explanation = page.locator("details.ocop-explain")
    body = explanation.locator(".ocop-explain-body")
    expect(body).to_be_hidden()
    page.get_by_text("What does this mean?").click()
    expect(body).to_be_visible()
    expect(body).to_contain_text("One Commune One Product")
    expect(body.locator("li.current")).to_contain_text("Superior")
    expect(body.locator("li.current")).to_contain_text("(this product)")
    expect(body.locator(".ocop-explain-who")).to_contain_text("certified 4 stars by UBND tỉnh Quảng Ninh")
    facts = page.get_by_role("table").first
    expect(facts.get_by_role("row", name=re.compile("On a plane"))).to_contain_text("In checked baggage only")
    expect(facts.get_by_role("row", name=re.compile("Allergens"))).to_contain_text("Molluscs")
    expect(page.locator(".delivery-estimate")).to_contain_text("1–2 days")
    shoot(page, "product-facts-and-ocop-explanation")
    page.get_by_text("What does this mean?").click()
    expect(body).to_be_hidden()

    page.goto(live_server + "/en/products")
    words = [page.locator(f".product-card .ocop-{stars} .ocop-word").inner_text() for stars in (3, 4, 5)]
    assert words == ["OCOP · Standard", "OCOP · Superior", "OCOP · National"]
    colours = {page.locator(f".product-card .ocop-{stars}").evaluate("e => getComputedStyle(e).backgroundColor")
               for stars in (3, 4, 5)}
    assert len(colours) == 3


def test_the_search_box_suggests_as_one_types_and_forgives(page, live_server, db):
    seed_catalogue()
    page.goto(live_server + "/en/")
    box = page.get_by_role("combobox", name="Search products")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("cha m", delay=40)
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(listbox.get_by_role("option")).to_have_count(2)  # "cha m…": the squid cake first, then "…Sông Cầm"
    expect(listbox.get_by_role("option").first).to_contain_text("Ha Long squid cake")
    shoot(page, "search-suggestions")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.fill("")
    box.press_sequentially("chamuc", delay=40)  # no space: still the squid cake
    expect(listbox.get_by_role("option").first).to_contain_text("Ha Long squid cake")
    box.press("ArrowDown")
    option = listbox.get_by_role("option").first
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Enter")
    page.wait_for_url("**/en/products/cha-muc-ha-long")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ha Long squid cake")

    page.get_by_role("combobox", name="Search products").fill("cha muk")  # a typo, sent as a plain search
    page.get_by_role("combobox", name="Search products").press("Enter")
    page.wait_for_url(re.compile(r".*/en/products\?q=cha\+muk"))
    expect(page.locator(".did-you-mean")).to_contain_text("Did you mean “chả mực”?")
    expect(page.locator(".product-card").first).to_contain_text("Ha Long squid cake")
    check_accessibility_basics(page)
    shoot(page, "search-did-you-mean")
