"""The forgiving search as shoppers see it: close matches with "did you mean", and the suggestions' JSON."""
import pytest
from sqlalchemy import event

from shop.extensions import db as _db
from tests.factories import make_area, make_category, make_producer, make_product
from tests.html import parse, text


@pytest.fixture
def catalogue(db):
    ha_long = make_area("Hạ Long", "Ha Long", slug="ha-long")
    food = make_category("food", "Thực phẩm", "Food")
    maker = make_producer(name="Công ty TNHH Hạ Long Food", area=ha_long)
    make_product(maker, "Chả mực Hạ Long", slug="cha-muc", name_en="Ha Long squid cake", stars=5, category=food)
    for n in range(7):
        make_product(maker, f"Chả cá Hạ Long {n}", slug=f"cha-ca-{n}", name_en=f"Fish cake {n}", category=food)
    db.session.commit()


class Statements:
    def __enter__(self):
        self.count = 0
        event.listen(_db.engine, "before_cursor_execute", self._seen)
        return self

    def _seen(self, *_args):
        self.count += 1

    def __exit__(self, *_exc):
        event.remove(_db.engine, "before_cursor_execute", self._seen)


def test_a_typo_shows_the_close_matches_and_offers_did_you_mean(client, catalogue):
    page = parse(client.get("/en/products?q=cha+muk").get_data(as_text=True))
    cards = [link["href"] for link in page.select(".product-card-link")]
    assert cards[0] == "/en/products/cha-muc"
    note = page.select_one(".did-you-mean")
    assert "No product has every word of “cha muk”" in text(note)
    link = note.select_one("a")
    assert text(link) == "“chả mực”" and link["href"] == "/en/products?q=ch%E1%BA%A3+m%E1%BB%B1c"
    assert page.select_one(".no-results") is None


def test_words_run_together_find_the_product_and_an_exact_search_says_nothing_more(client, catalogue):
    page = parse(client.get("/products?q=chamuc").get_data(as_text=True))
    assert page.select_one(".product-card-link")["href"] == "/products/cha-muc"
    assert "Có phải bạn muốn tìm" in text(page.select_one(".did-you-mean"))
    page = parse(client.get("/products?q=ch%E1%BA%A3+m%E1%BB%B1c").get_data(as_text=True))
    assert page.select_one(".did-you-mean") is None
    assert [a["href"] for a in page.select(".product-card-link")] == ["/products/cha-muc"]


def test_nothing_close_keeps_the_empty_result_page(client, catalogue):
    page = parse(client.get("/en/products?q=qwertyuiop").get_data(as_text=True))
    assert page.select_one(".did-you-mean") is None and page.select_one(".no-results") is not None


def test_the_suggestions_answer_json_in_the_visitors_language(client, catalogue):
    answer = client.get("/en/search/suggestions?q=squid")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert answer.get_json() == {"query": "squid", "did_you_mean": "", "suggestions": [
        {"name": "Ha Long squid cake", "producer": "Công ty TNHH Hạ Long Food", "stars": 5,
         "url": "/en/products/cha-muc"}]}
    answer = client.get("/search/suggestions?q=chamuc").get_json()
    assert answer["did_you_mean"] == "chả mực" and answer["suggestions"][0]["url"] == "/products/cha-muc"
    assert len(client.get("/search/suggestions?q=cha").get_json()["suggestions"]) == 6
    for query in ("", "c", "%", " " * 50, "x" * 5000):
        assert client.get("/search/suggestions", query_string={"q": query}).get_json()["suggestions"] == []


def test_the_suggestions_cost_the_same_statements_for_one_product_or_six(client, catalogue):
    counts = []
    for query in ("squid", "cha", "chamuc"):  # one product, six (of eight), one forgiven
        with Statements() as statements:
            assert client.get(f"/search/suggestions?q={query}").status_code == 200
        counts.append(statements.count)
    assert counts[0] == counts[1] and counts[2] <= counts[0] + 1, counts


def test_the_header_search_box_names_its_suggestions_endpoint(client, catalogue):
    form = parse(client.get("/en/").get_data(as_text=True)).select_one("form.search")
    assert form["data-suggest-url"] == "/en/search/suggestions"
    assert form.select_one("#site-search")["name"] == "q"
