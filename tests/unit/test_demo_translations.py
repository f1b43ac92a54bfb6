"""The demo catalogue speaks Chinese and Korean: every product, producer story, group and area, loaded by
seed-demo, shown on the pages and found by search."""
import re

import pytest
from bs4 import BeautifulSoup

from shop.demo import read_rows, seed_demo
from shop.i18n import missing_languages
from shop.models import Area, Category, Producer, Product
from shop.models.translations import PRODUCER_TEXTS, PRODUCT_TEXTS
from tests.unit.test_demo_seed import quick_pictures  # noqa: F401  (the fixture)

HAN = re.compile(r"[\u4e00-\u9fff]")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def test_the_translation_files_cover_every_demo_product_and_producer_in_real_chinese_and_korean():
    products = {row["slug"] for row in read_rows("products.csv")}
    producers = {row["slug"] for row in read_rows("producers.csv")}
    texts = read_rows("product_translations.csv")
    stories = read_rows("producer_translations.csv")
    assert {(row["slug"], row["language"]) for row in texts} == {(s, lang) for s in products for lang in ("zh", "ko")}
    assert {(row["slug"], row["language"]) for row in stories} == {
        (s, lang) for s in producers for lang in ("zh", "ko")}
    script = {"zh": HAN, "ko": HANGUL}
    for row in texts:
        for field in ("name", "unit", "description"):
            assert script[row["language"]].search(row[field]), (row["slug"], row["language"], field)
    for row in texts + stories:
        assert not HANGUL.search(row.get("description", "") + row.get("story", "")) or row["language"] == "ko"


def test_seed_demo_loads_the_translations_and_none_is_missing(db, quick_pictures):  # noqa: F811
    seed_demo(echo=lambda _line: None)
    for product in db.session.query(Product):
        assert missing_languages(product, PRODUCT_TEXTS) == [], product.slug
    for producer in db.session.query(Producer):
        assert missing_languages(producer, PRODUCER_TEXTS) == [], producer.slug
    for named in (*db.session.query(Category), *db.session.query(Area)):
        assert missing_languages(named, ("name",)) == [], named.slug
    squid = db.session.query(Product).filter_by(slug="cha-muc-ha-long").one()
    assert (squid.name_zh, squid.name_ko) == ("下龙墨鱼饼", "하롱 짜묵(오징어 어묵)")


@pytest.mark.parametrize("url, expected", [
    ("/zh/products?q=沙虫", {"sa-sung-kho-van-don", "nuoc-mam-sa-sung-van-don"}),
    ("/zh/products?q=金花茶", {"tra-hoa-vang-quy-hoa", "tra-hoa-vang-ba-che"}),
    ("/ko/products?q=진주", {"ngoc-trai-akoya-ha-long", "ngoc-trai-tahiti-ha-long", "ngoc-trai-south-sea-ha-long"}),
    ("/ko/products?q=별벌레", {"sa-sung-kho-van-don", "nuoc-mam-sa-sung-van-don"}),
])
def test_the_demo_is_found_by_chinese_and_korean_queries(client, db, quick_pictures, url, expected):  # noqa: F811
    seed_demo(echo=lambda _line: None)
    html = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
    found = {link["href"].rsplit("/", 1)[-1] for link in html.select(".product-card a.product-card-link")}
    assert found == expected
