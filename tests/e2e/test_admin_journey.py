"""Journey 5: an administrator approves a producer, certifies and publishes its product, and sees revenue change.

Also: the office reads the revenue charts and records a rating (charts drawn, the form helped by its script).
"""
import re
from datetime import timedelta

from playwright.sync_api import expect

from shop.models.statuses import ProducerStatus, ProductStatus, Role
from shop.services.localtime import local_today
from tests.admin_factories import build_march_sales
from tests.e2e.conftest import DESKTOP, PHONE, check_accessibility_basics, shoot, use_english, with_photo
from tests.factories import (
    DEFAULT_PASSWORD,
    make_area,
    make_category,
    make_order,
    make_producer_owner,
    make_product,
    make_user,
)


def seed_office(db):
    """The office's administrator, a sale already this month, and a new producer with a product to review."""
    admin = make_user(role=Role.ADMIN, email="office@example.com", name="Văn phòng OCOP")
    make_order([(make_product(price=300_000), 1)])  # paid by card today: revenue before the journey
    _owner, producer = make_producer_owner(status=ProducerStatus.PENDING, name="HTX Trà hoa vàng Ba Chẽ",
                                           area=make_area("Ba Chẽ", "Ba Che", slug="ba-che"))
    tea = make_product(producer=producer, name_vi="Trà hoa vàng Ba Chẽ", name_en="Ba Che golden camellia tea",
                       slug="tra-hoa-vang-ba-che", price=350_000, stock=20, status=ProductStatus.PENDING_REVIEW,
                       category=make_category("beverage", "Đồ uống", "Beverages"))
    with_photo(tea, "#d4a017")
    db.session.commit()
    return admin, producer, tea


def sign_in(page, live_server, user):
    """Sign `user` in through the log-in form (in English) and land on the back office."""
    page.goto(live_server + "/auth/login?next=/admin/")
    use_english(page)
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


def gross_sales(page):
    """The "Gross sales" figure of the revenue page."""
    term = page.get_by_role("term").filter(has_text=re.compile(r"^Gross sales$"))
    return term.locator("xpath=following-sibling::dd[1]")


def test_an_administrator_approves_a_producer_certifies_and_publishes_its_product_and_sees_revenue_change(
        page, live_server, db):
    admin, producer, tea = seed_office(db)
    sign_in(page, live_server, admin)
    expect(page.get_by_role("heading", level=1)).to_have_text("Revenue")
    expect(gross_sales(page)).to_have_text("₫300,000")
    check_accessibility_basics(page)
    shoot(page, "j5-revenue-before")

    office = page.get_by_role("navigation", name="Back office")
    office.get_by_role("link", name="Producers").click()
    page.get_by_role("link", name="HTX Trà hoa vàng Ba Chẽ").click()
    page.get_by_label("Note to the producer (optional)").fill("Welcome to the OCOP shop.")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status").filter(has_text="HTX Trà hoa vàng Ba Chẽ is approved")).to_be_visible()
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)
    check_accessibility_basics(page)
    shoot(page, "j5-producer-approved")

    office.get_by_role("link", name="Products").click()
    page.get_by_role("link", name="Trà hoa vàng Ba Chẽ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trà hoa vàng Ba Chẽ")
    page.get_by_role("link", name="Record a certification").click()
    page.get_by_label("Stars").select_option("4")
    page.get_by_label("Decision number").fill("1234/QĐ-UBND")
    page.get_by_label("Decision date").fill((local_today() - timedelta(days=30)).isoformat())
    check_accessibility_basics(page)
    shoot(page, "j5-certification")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="The certification of Trà hoa vàng Ba Chẽ is recorded.")) \
        .to_be_visible()
    expect(page.get_by_role("heading", level=1).get_by_role("img", name="4-star OCOP")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status").filter(has_text="Trà hoa vàng Ba Chẽ is published.")).to_be_visible()
    check_accessibility_basics(page)
    shoot(page, "j5-product-published")

    page.get_by_role("link", name="See it in the shop").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ba Che golden camellia tea")
    expect(page.get_by_role("img", name="4-star OCOP").first).to_be_visible()
    expect(page.get_by_role("button", name="Add to cart")).to_be_visible()
    check_accessibility_basics(page)

    make_order([(tea, 2)])  # a tourist buys two boxes and pays by card
    db.session.commit()
    page.goto(live_server + "/admin/")
    expect(gross_sales(page)).to_have_text("₫1,000,000")  # 300,000 + 2 × 350,000
    by_producer = page.get_by_role("region", name="By producer")
    expect(by_producer.get_by_role("row").filter(has_text="HTX Trà hoa vàng Ba Chẽ")).to_contain_text("₫700,000")
    check_accessibility_basics(page)
    shoot(page, "j5-revenue-after")


def test_the_dashboard_draws_its_charts_without_inline_scripts(page, live_server, db):
    sales = build_march_sales()
    office = make_user(role=Role.ADMIN, email="office@example.com")
    db.session.commit()
    sign_in(page, live_server, office)
    page.goto(live_server + "/admin/?start=2026-03-01&end=2026-03-31")
    page.wait_for_function("document.querySelectorAll('canvas[data-chart]').length === 7"
                           " && [...document.querySelectorAll('canvas[data-chart]')].every(c => Chart.getChart(c))")
    drawn = page.eval_on_selector_all("canvas[data-chart]", "cs => cs.map(c => Chart.getChart(c).data.labels.length)")
    assert drawn == [31, 3, 3, 1, 3, 2, 2]  # days; producers, groups, product sets, star levels, areas, payments
    page.set_viewport_size(DESKTOP)  # the stylesheet applies at every width: the menu becomes a sidebar
    assert page.eval_on_selector(".admin-nav", "e => getComputedStyle(e).flexDirection") == "column"
    page.set_viewport_size(PHONE)
    check_accessibility_basics(page)
    shoot(page, "admin-dashboard")

    product = sales["products"][3]
    page.goto(f"{live_server}/admin/products/{product.id}/certifications/new")
    body = page.get_by_label("Issuing body", exact=True)
    page.get_by_label("Decision date").fill("2024-05-02")
    page.get_by_label("Stars").select_option("3")
    expect(body).to_have_value(re.compile("^UBND (thành phố|thị xã|huyện) "))  # a district's 3★ before July 2025
    page.get_by_label("Decision date").fill("2025-12-01")
    page.get_by_label("Decision date").dispatch_event("change")
    expect(body).to_have_value("UBND tỉnh Quảng Ninh")  # follows the date: the province since 1 July 2025
    page.get_by_label("Stars").select_option("5")
    expect(body).to_have_value("Bộ Nông nghiệp và Môi trường")  # follows the stars, the ministry's name by date
    page.get_by_label("Stars").select_option("4")
    expect(body).to_have_value("UBND tỉnh Quảng Ninh")
    page.get_by_label("Decision number").fill("88/QĐ-UBND")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/admin/products/{product.id}")
    expect(page.get_by_text("88/QĐ-UBND").first).to_be_visible()
    level_badge = re.compile(r"-star OCOP · \w+$")  # the stars and the level's word
    expect(page.get_by_role("heading", level=1).get_by_role("img", name=level_badge)).to_be_visible()
    check_accessibility_basics(page)
    shoot(page, "admin-product")
