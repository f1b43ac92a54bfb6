"""Journey 6: the language switches to English and back, and prices, product names and texts follow."""
import re

from flask_babel import force_locale, gettext
from playwright.sync_api import expect

from tests.e2e.conftest import add_to_cart, check_accessibility_basics, shoot, switch_language, use_english, with_photo
from tests.factories import make_producer, make_product


def vietnamese(app, message, **values):
    """The shop's Vietnamese for an interface message: its catalogue is the reference for the wording."""
    with app.test_request_context(), force_locale("vi"):
        translated = gettext(message, **values)
    english = message % values if values else message
    assert translated != english, f"{message!r} is not translated"
    return translated


def test_prices_names_and_texts_follow_the_language_there_and_back(page, live_server, db, e2e_app):
    squid = make_product(make_producer(name="Công ty CP Chả mực Hạ Long"), "Chả mực Hạ Long", slug="cha-muc-ha-long",
                         name_en="Ha Long squid cake", price=85_000, stars=4, unit_vi="hộp 500 g",
                         unit_en="box of 500 g", description_vi="Chả mực giã tay.",
                         description_en="Hand-pounded squid cake.")
    with_photo(squid, "#c98a4b")
    db.session.commit()
    main = page.get_by_role("main")

    page.goto(live_server + "/products/cha-muc-ha-long")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chả mực Hạ Long")
    badge = vietnamese(e2e_app, "%(n)d-star OCOP", n=4)  # "OCOP 4 sao"
    expect(page.get_by_role("img", name=badge).first).to_be_visible()
    expect(main).to_contain_text("85.000 ₫ / hộp 500 g")
    expect(page.get_by_role("heading", name=vietnamese(e2e_app, "About this product"))).to_be_visible()
    expect(page.get_by_role("button", name=vietnamese(e2e_app, "Add to cart"))).to_be_visible()
    expect(main).not_to_contain_text("US$")
    expect(main).to_contain_text("Chả mực giã tay.")
    check_accessibility_basics(page)
    shoot(page, "j6-product-vi")

    use_english(page)
    expect(page).to_have_url(re.compile(r"/en/products/cha-muc-ha-long$"))  # the same page at its English address
    expect(page.get_by_role("heading", level=1)).to_have_text("Ha Long squid cake")
    expect(page.get_by_role("img", name="4-star OCOP").first).to_be_visible()
    expect(main).to_contain_text("₫85,000 (≈ US$3.27) / box of 500 g")
    expect(page.get_by_role("heading", name="About this product")).to_be_visible()
    expect(main).to_contain_text("Hand-pounded squid cake.")
    check_accessibility_basics(page)
    shoot(page, "j6-product-en")

    add_to_cart(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your cart")
    expect(page.get_by_role("link", name="Ha Long squid cake")).to_be_visible()
    total = page.locator("aside.cart-summary [data-role=total]")  # its name changes with the language
    expect(total).to_have_text("₫110,000 (≈ US$4.23)")  # 85,000 + 25,000 delivery within the province
    check_accessibility_basics(page)
    shoot(page, "j6-cart-en")

    switch_language(page, "VI", "vi")
    expect(page).to_have_url(re.compile(r"/cart$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(vietnamese(e2e_app, "Your cart"))
    expect(page.get_by_role("link", name="Chả mực Hạ Long")).to_be_visible()
    expect(total).to_have_text("110.000 ₫")
    expect(main).not_to_contain_text("US$")
    check_accessibility_basics(page)

    page.goto(live_server + "/auth/login")
    expect(page.get_by_role("heading", level=1)).to_have_text(vietnamese(e2e_app, "Sign in"))  # Đăng nhập
    use_english(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    shoot(page, "j6-sign-in-en")
