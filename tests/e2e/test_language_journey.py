"""Journey: the language switches to English and back, and the texts follow."""
from tests.e2e.conftest import check_accessibility_basics, shoot


def test_language_switches_to_english_and_back(page, live_server):
    page.goto(live_server + "/auth/login")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Đăng nhập").is_visible()
    check_accessibility_basics(page)
    page.get_by_role("link", name="EN").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Sign in").is_visible()
    shoot(page, "language-english")
    page.get_by_role("link", name="VI").click()
    assert page.get_by_role("heading", name="Đăng nhập").is_visible()
