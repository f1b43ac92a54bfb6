"""Journey: the OCOP office reads the revenue charts and records a rating in the back office."""
from tests.admin_factories import build_march_sales
from tests.e2e.conftest import DESKTOP, PHONE, check_accessibility_basics, shoot
from tests.factories import DEFAULT_PASSWORD, make_user


def sign_in(page, live_server, user):
    page.goto(live_server + "/auth/login?next=/admin/")
    page.fill("#email", user.email)
    page.fill("#password", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def test_the_dashboard_draws_its_charts_without_inline_scripts(page, live_server, db):
    sales = build_march_sales()
    office = make_user(role="admin", email="office@example.com")
    db.session.commit()
    sign_in(page, live_server, office)
    page.goto(live_server + "/admin/?start=2026-03-01&end=2026-03-31")
    page.wait_for_function("document.querySelectorAll('canvas[data-chart]').length === 6"
                           " && [...document.querySelectorAll('canvas[data-chart]')].every(c => Chart.getChart(c))")
    drawn = page.eval_on_selector_all("canvas[data-chart]", "cs => cs.map(c => Chart.getChart(c).data.labels.length)")
    assert drawn == [31, 3, 3, 3, 2, 2]  # days; producers, groups, star levels, areas, payment methods
    page.set_viewport_size(DESKTOP)  # the stylesheet applies at every width: the menu becomes a sidebar
    assert page.eval_on_selector(".admin-nav", "e => getComputedStyle(e).flexDirection") == "column"
    page.set_viewport_size(PHONE)
    check_accessibility_basics(page)
    shoot(page, "admin-dashboard")

    product = sales["products"][3]
    page.goto(f"{live_server}/admin/products/{product.id}/certifications/new")
    page.select_option("#stars", "5")
    assert page.input_value("#issuing_body").startswith("Bộ Nông nghiệp")  # follows the stars
    page.select_option("#stars", "4")
    assert page.input_value("#issuing_body") == "UBND tỉnh Quảng Ninh"
    page.fill("#decision_number", "88/QĐ-UBND")
    page.fill("#decision_date", "2025-12-01")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/admin/products/{product.id}")
    assert page.get_by_text("88/QĐ-UBND").first.is_visible()
    assert page.locator(".ocop-badge").first.get_attribute("aria-label") is not None
    check_accessibility_basics(page)
    shoot(page, "admin-product")
