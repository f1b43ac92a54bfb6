"""Product and producer texts in every storefront language: edited in the portal, shown with their fallback
marked, and found by search in Chinese and Korean."""
import pytest
from bs4 import BeautifulSoup

from shop.models import Product, ProductTranslation
from tests.factories import make_area, make_category, make_producer, make_producer_owner, make_product


@pytest.fixture
def squid(db):
    area = make_area("Hạ Long", name_en="Ha Long")
    area.name_zh, area.name_ko = "下龙", "하롱"
    producer = make_producer(name="HTX Chả mực Hạ Long", area=area, slug="htx-cha-muc",
                             story_vi="Ba thế hệ làm chả mực.", story_en="Three generations of squid cakes.")
    producer.story_zh = "三代人制作鱿鱼饼。"
    product = make_product(producer, name_vi="Chả mực Hạ Long", name_en="Ha Long squid cake", slug="cha-muc",
                           description_vi="Mực tươi giã tay.", description_en="", unit_vi="hộp 500 g",
                           unit_en="box of 500 g")
    product.name_zh, product.unit_zh, product.description_zh = "下龙鱿鱼饼", "500克/盒", "新鲜鱿鱼手工捶打而成。"
    from shop.services.catalog.search import refresh_search_text
    refresh_search_text(product)
    make_product(name_vi="Trà hoa vàng", name_en="Golden camellia tea", slug="tra")
    db.session.commit()
    return product


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_the_chinese_product_page_shows_the_chinese_texts_and_the_vietnamese_name_beside(client, squid):
    html = page(client, "/zh/products/cha-muc")
    heading = html.find("h1")
    # In the page's own language: no lang of its own (the page's <html lang> says it).
    assert heading.get_text(strip=True) == "下龙鱿鱼饼" and not heading.has_attr("lang")
    assert html.select_one(".name-vi").get_text(strip=True) == "Chả mực Hạ Long"
    assert html.select_one(".name-vi")["lang"] == "vi"
    assert html.select_one(".product-description .prose").get_text(strip=True) == "新鲜鱿鱼手工捶打而成。"
    assert "500克/盒" in html.select_one(".product-price").get_text()


def test_a_missing_korean_text_falls_back_to_english_then_vietnamese_marked_with_its_language(client, squid):
    html = page(client, "/ko/products/cha-muc")
    assert (html.find("h1").get_text(strip=True), html.find("h1")["lang"]) == ("Ha Long squid cake", "en")
    description = html.select_one(".product-description .prose")
    assert (description.get_text(strip=True), description["lang"]) == ("Mực tươi giã tay.", "vi")
    unit = html.select_one(".product-price .unit span[lang]")
    assert (unit.get_text(strip=True), unit["lang"]) == ("box of 500 g", "en")
    assert html.select_one(".product-producer").get_text().count("하롱") == 1  # the area's own Korean name


def test_the_vietnamese_page_shows_no_second_name(client, squid):
    html = page(client, "/products/cha-muc")
    assert html.find("h1").get_text(strip=True) == "Chả mực Hạ Long" and html.select_one(".name-vi") is None


def test_the_producer_page_tells_the_story_in_the_visitors_language(client, squid):
    story = page(client, "/zh/producers/htx-cha-muc").select_one(".prose")
    assert (story.get_text(strip=True), story.get("lang")) == ("三代人制作鱿鱼饼。", None)
    story = page(client, "/ko/producers/htx-cha-muc").select_one(".prose")
    assert (story.get_text(strip=True), story["lang"]) == ("Three generations of squid cakes.", "en")


@pytest.mark.parametrize("query", ["鱿鱼", "下龙鱿鱼饼"])
def test_a_chinese_query_finds_the_product_by_its_chinese_name(client, squid, query):
    cards = page(client, f"/zh/products?q={query}").select(".product-card h3")
    assert [card.get_text(strip=True) for card in cards] == ["下龙鱿鱼饼"]


def test_two_chinese_characters_of_a_name_rank_it_above_a_product_of_the_same_area(client, squid):
    # Both products come from Hạ Long (下龙): the one whose name holds the query comes first.
    cards = page(client, "/zh/products?q=下龙").select(".product-card h3")
    assert [card.get_text(strip=True) for card in cards] == ["下龙鱿鱼饼", "Golden camellia tea"]


def test_a_korean_query_finds_products_by_their_korean_name_and_their_areas(client, squid):
    squid.name_ko = "하롱 오징어 어묵"
    from shop.services.catalog.search import refresh_search_text
    refresh_search_text(squid)
    from shop.extensions import db
    db.session.commit()
    cards = page(client, "/ko/products?q=오징어").select(".product-card h3")
    assert [card.get_text(strip=True) for card in cards] == ["하롱 오징어 어묵"]
    assert [c.get_text(strip=True) for c in page(client, "/ko/products?q=하롱").select(".product-card h3")] == [
        "하롱 오징어 어묵", "Golden camellia tea"]  # both from Hạ Long (하롱); the name's match first


@pytest.fixture
def producer_a(db, login):
    user, producer = make_producer_owner(name="HTX Chả mực Hạ Long")
    make_category()
    db.session.commit()
    login(user)
    return producer


def test_a_producer_writes_each_language_in_the_product_form(producer_a, client, db, english):
    product = make_product(producer_a, name_en="Squid cake")
    db.session.commit()
    form = page(client, f"/producer/products/{product.id}")
    assert form.select_one("#name_zh")["lang"] == "zh-Hans" and form.select_one("#description_ko")["lang"] == "ko"
    assert "Not yet translated into: English, Chinese, Korean" in form.get_text(" ", strip=True)
    data = {"name_vi": "Chả mực", "unit_vi": "hộp", "description_vi": "Mực tươi.", "name_en": "Squid cake",
            "unit_en": "box", "description_en": "Fresh squid.", "name_zh": "鱿鱼饼", "unit_zh": "盒",
            "description_zh": "新鲜鱿鱼。", "name_ko": "오징어 어묵", "unit_ko": "상자",
            "description_ko": "신선한 오징어.",
            "category_id": str(product.category_id), "price": "100000", "low_stock_threshold": "5"}
    assert client.post(f"/producer/products/{product.id}", data=data).status_code == 302
    db.session.expire_all()
    rows = {row.language: (row.name, row.unit, row.description)
            for row in db.session.query(ProductTranslation).filter_by(product_id=product.id)}
    assert rows == {"en": ("Squid cake", "box", "Fresh squid."), "zh": ("鱿鱼饼", "盒", "新鲜鱿鱼。"),
                    "ko": ("오징어 어묵", "상자", "신선한 오징어.")}
    assert "鱿鱼饼" in db.session.get(Product, product.id).search_text
    text = page(client, f"/producer/products/{product.id}").get_text(" ", strip=True)
    assert "Translated into every language of the shop." in text


def test_a_translation_too_long_is_refused_on_its_field(producer_a, client, db, english):
    product = make_product(producer_a)
    db.session.commit()
    data = {"name_vi": "Chả mực", "unit_vi": "hộp", "description_vi": "Mực.", "name_ko": "가" * 201,
            "category_id": str(product.category_id), "price": "100000", "low_stock_threshold": "5"}
    response = client.post(f"/producer/products/{product.id}", data=data)
    assert response.status_code == 200
    assert BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one("#name_ko-error")
    db.session.expire_all()
    assert db.session.get(Product, product.id).name_ko == ""


def test_a_producer_tells_the_story_in_chinese_and_korean(producer_a, client, db, english):
    response = client.post("/producer/profile", data={
        "address": "Số 8 Hạ Long", "phone": "0912 345 678", "story_vi": "Ba thế hệ.", "story_en": "Three generations.",
        "story_zh": "三代人。", "story_ko": "삼대째."})
    assert response.status_code == 302
    db.session.expire_all()
    assert (producer_a.story_en, producer_a.story_zh, producer_a.story_ko) == (
        "Three generations.", "三代人。", "삼대째.")
    assert "Translated into every language" in page(client, "/producer/profile").get_text(" ", strip=True)
