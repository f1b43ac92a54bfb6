"""Journey 4: a producer signs in to the portal, adds a product with a photo, restocks it and ships an order."""
import re

from PIL import Image
from playwright.sync_api import expect

from shop.models import Order, Product
from tests.e2e.conftest import check_accessibility_basics, shoot, use_english, with_photo
from tests.factories import DEFAULT_PASSWORD, make_category, make_order, make_producer_owner, make_product


def seed_producer(db):
    """An approved producer with one product on sale and a paid card order of it waiting to be sent."""
    make_category("food", "Thực phẩm", "Food")
    owner, producer = make_producer_owner(name="HTX Chả mực Hạ Long")
    owner.name, owner.email = "Phạm Thu Hà", "ha@example.com"
    squid = make_product(producer=producer, name_vi="Chả mực Hạ Long", name_en="Ha Long squid cake",
                         slug="cha-muc-ha-long", price=320_000, stock=10, stars=5)
    with_photo(squid, "#c98a4b")
    order = make_order([(squid, 2)], reserve=True, contact_name="Emma Walker", email="emma@example.com")
    db.session.commit()
    return owner, order


def a_photo(folder):
    """A real PNG, as a phone would hand it over."""
    path = folder / "mam-ruoc.png"
    Image.new("RGB", (900, 700), "#8a4f2a").save(path, "PNG")
    return path


def test_a_producer_adds_a_product_with_a_photo_restocks_it_and_ships_an_order(page, live_server, db, tmp_path):
    owner, order = seed_producer(db)
    page.goto(live_server + "/auth/login?next=/producer/")
    use_english(page)
    page.get_by_label("E-mail").fill(owner.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/producer/")
    portal = page.get_by_role("navigation", name="Producer portal")
    expect(portal).to_be_visible()
    check_accessibility_basics(page)
    shoot(page, "j4-dashboard")

    portal.get_by_role("link", name="Products").click()
    page.get_by_role("link", name="New product").click()
    page.wait_for_url("**/producer/products/new")
    page.get_by_label("Name (Vietnamese)").fill("Mắm ruốc Quan Lạn")
    page.get_by_label("Name (English)").fill("Quan Lan shrimp paste")
    page.get_by_label("Unit (Vietnamese)").fill("hũ 200 g")
    page.get_by_label("Unit (English)").fill("jar of 200 g")
    page.get_by_label("Price (đồng)").fill("85000")
    page.get_by_label("Product group").select_option(label="Food")
    page.get_by_label("Description (Vietnamese)").fill("Mắm ruốc làm từ ruốc biển Quan Lạn, phơi nắng tự nhiên.")
    page.get_by_label("Description (English)").fill("Shrimp paste from Quan Lan island, sun-dried.")
    page.get_by_label("Opening stock").fill("4")
    check_accessibility_basics(page)
    shoot(page, "j4-new-product")
    page.get_by_role("button", name="Save draft").click()

    page.wait_for_url(re.compile(r"/producer/products/\d+/photos$"))
    expect(page.get_by_role("status").filter(has_text="Product saved as a draft.")).to_be_visible()
    product = db.session.query(Product).filter_by(name_vi="Mắm ruốc Quan Lạn").one()
    assert (product.status, product.price, product.stock) == ("draft", 85_000, 4)
    page.get_by_label("Photo (JPEG, PNG or WebP, at most 5 MB)").set_input_files(a_photo(tmp_path))
    page.get_by_role("button", name="Upload photo").click()
    expect(page.get_by_role("status").filter(has_text="Photo added.")).to_be_visible()
    expect(page.get_by_role("img", name="Quan Lan shrimp paste")).to_be_visible()
    expect(page.get_by_text("Main photo")).to_be_visible()
    check_accessibility_basics(page)
    shoot(page, "j4-photo")

    page.get_by_role("navigation", name="This product").get_by_role("link", name="Stock (4)").click()
    page.get_by_label("Reason").select_option(label="Restock (new goods)")
    page.get_by_label("Quantity").fill("20")
    page.get_by_label("Note").fill("Batch of December")
    page.get_by_role("button", name="Adjust stock").click()
    expect(page.get_by_role("status").filter(has_text="Stock adjusted.")).to_be_visible()
    expect(page.get_by_role("region", name="On hand")).to_contain_text("24")
    expect(page.get_by_role("region", name="History").get_by_role("row").filter(has_text="Batch of December")) \
        .to_contain_text("+20")
    check_accessibility_basics(page)
    shoot(page, "j4-stock")
    db.session.refresh(product)
    assert product.stock == 24

    portal.get_by_role("link", name="Shipments").click()
    page.get_by_role("link", name=f"Order {order.number}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Order {order.number}")
    page.get_by_role("button", name="Mark as packed").click()
    expect(page.get_by_role("status").filter(has_text="Marked as packed.")).to_be_visible()
    page.get_by_label("Carrier").fill("Viettel Post")
    page.get_by_label("Tracking number").fill("VTP 1234 5678")
    check_accessibility_basics(page)
    shoot(page, "j4-packed")
    page.get_by_role("button", name="Mark as shipped and tell the customer").click()
    expect(page.get_by_role("status").filter(has_text="Marked as shipped")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Viettel Post VTP 1234 5678")
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"Order status\s*Shipped"))
    check_accessibility_basics(page)
    shoot(page, "j4-shipped")
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == "fulfilled"
