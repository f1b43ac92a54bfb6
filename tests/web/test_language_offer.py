"""A visitor whose browser prefers another of the four languages is offered it: a banner, never a redirect."""
import pytest

from shop.extensions import cache
from shop.web.language_offer import OFFER_COOKIE
from tests.factories import make_producer, make_product, make_user
from tests.html import parse
from tests.web.test_deployment_helpers import _app_like

CHINESE = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}
KOREAN = {"Accept-Language": "ko-KR,ko;q=0.9,en-US;q=0.8"}


@pytest.fixture
def listed(db):
    product = make_product(make_producer(slug="tra-ba-che"), "Trà hoa vàng", slug="tra-hoa-vang", stock=5)
    db.session.commit()
    return product


def offer(response):
    """Return the offer's banner of a page (parsed), or None."""
    return parse(response.get_data(as_text=True)).select_one("[data-language-offer]")


def test_a_chinese_browser_on_a_vietnamese_page_is_offered_the_page_in_chinese(client, listed):
    response = client.get("/products/tra-hoa-vang", headers=CHINESE)
    assert response.status_code == 200  # no redirect: the page it asked for
    banner = offer(response)
    assert banner["lang"] == "zh-Hans" and banner.p.get_text() == "本页面有中文版。"
    take, no = banner.select("a")
    assert take.get_text() == "查看中文版" and take["hreflang"] == "zh-Hans"
    assert take["href"] == "/language-offer?to=zh&next=/products/tra-hoa-vang"
    assert no.get_text() == "不用了，谢谢" and no["href"] == "/language-offer?to=no&next=/products/tra-hoa-vang"
    assert '<html lang="vi">' in response.get_data(as_text=True)  # the page stays in its own language


def test_a_korean_browser_on_an_english_page_is_offered_korean(client, listed):
    banner = offer(client.get("/en/products?q=tra", headers=KOREAN))
    assert banner["lang"] == "ko" and banner.p.get_text() == "이 페이지는 한국어로도 볼 수 있습니다."
    assert banner.select("a")[0]["href"] == "/language-offer?to=ko&next=/en/products?q%3Dtra"


@pytest.mark.parametrize(("path", "headers"), [
    ("/zh/products/tra-hoa-vang", CHINESE),  # already in the preferred language
    ("/products/tra-hoa-vang", {"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5"}),
    ("/products/tra-hoa-vang", {}),  # a crawler, or a browser saying nothing
    ("/products/tra-hoa-vang", {"Accept-Language": "fr-FR,fr;q=0.9,de;q=0.8"}),  # none of the four
])
def test_no_offer_when_the_page_is_in_the_preferred_language_or_none_is_known(client, listed, path, headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200 and offer(response) is None


def test_a_visitor_moving_within_the_shop_is_not_asked_again(client, listed):
    """The offer greets an arrival: a visitor coming from the shop's own page (its language switch too) has chosen."""
    inside = {**CHINESE, "Referer": "http://localhost/en/products"}
    assert offer(client.get("/en/products/tra-hoa-vang", headers=inside)) is None
    outside = {**CHINESE, "Referer": "https://www.google.com/"}
    assert offer(client.get("/en/products/tra-hoa-vang", headers=outside))["lang"] == "zh-Hans"


def test_the_best_of_the_four_is_offered_when_the_first_choice_is_not_one(client, listed):
    banner = offer(client.get("/zh/products/tra-hoa-vang", headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.7"}))
    assert banner["lang"] == "en" and banner.p.get_text() == "This page is also in English."


def test_the_portal_offers_nothing(client, db, login):
    owner = make_user(email="owner@example.com", role="producer")
    make_producer(owner=owner)
    db.session.commit()
    login(owner)
    assert offer(client.get("/producer/", headers=KOREAN)) is None


def test_no_thanks_is_remembered_and_leads_back_to_the_same_page(client, listed):
    answer = client.get("/language-offer?to=no&next=/products/tra-hoa-vang", headers=CHINESE)
    assert answer.status_code == 302 and answer.headers["Location"] == "/products/tra-hoa-vang"
    assert f"{OFFER_COOKIE}=no" in answer.headers["Set-Cookie"] and "Max-Age=31536000" in answer.headers["Set-Cookie"]
    assert offer(client.get("/products/tra-hoa-vang", headers=CHINESE)) is None
    assert offer(client.get("/", headers=CHINESE)) is None


def test_taking_the_offer_opens_the_page_in_that_language_and_is_remembered(client, listed):
    answer = client.get("/language-offer?to=ko&next=/en/products?q%3Dtra", headers=KOREAN)
    assert answer.headers["Location"] == "/ko/products?q=tra"
    assert f"{OFFER_COOKIE}=ko" in answer.headers["Set-Cookie"]
    assert offer(client.get("/products", headers=KOREAN)) is None  # a later visit to Vietnamese is not asked again


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", None])
def test_the_answer_never_leads_off_the_shop(client, db, target):
    url = "/language-offer?to=zh" + (f"&next={target}" if target else "")
    assert client.get(url).headers["Location"] == "/zh/"
    assert client.get(url.replace("to=zh", "to=xx")).headers["Location"] == "/"  # an unknown answer is a "no"


def test_the_cached_page_keeps_the_offer_out_and_each_visitor_gets_their_own(app, listed):
    cached = _app_like(app, CACHE_TYPE="SimpleCache", PAGE_CACHE_SECONDS=30)
    with cached.app_context():
        cache.clear()
    chinese = cached.test_client().get("/products/tra-hoa-vang", headers=CHINESE)
    korean = cached.test_client().get("/products/tra-hoa-vang", headers=KOREAN)
    vietnamese = cached.test_client().get("/products/tra-hoa-vang", headers={"Accept-Language": "vi"})
    assert [r.headers["X-Cache"] for r in (chinese, korean, vietnamese)] == ["MISS", "HIT", "HIT"]  # one key: the URL
    assert offer(chinese)["lang"] == "zh-Hans" and offer(korean)["lang"] == "ko" and offer(vietnamese) is None
    with cached.app_context():
        stored = [cache.get(key) for key in cache.cache._cache]  # SimpleCache's entries
    body = next(entry["body"] for entry in stored if entry and "body" in entry)
    assert "data-language-offer" not in body and "\x00visitor-part:language-offer\x00" in body
    assert "Accept-Language" in chinese.headers["Vary"]  # caches on the way keep one copy per language


def test_the_offer_script_closes_the_banner_and_remembers_the_answer(client, listed):
    script = client.get(offer(client.get("/", headers=CHINESE)).script["src"])
    assert script.status_code == 200
    body = script.get_data(as_text=True)
    assert f"{OFFER_COOKIE}=no" in body and "preventDefault" in body and ".remove()" in body
