"""Product facts: stated by the producer in the portal, shown as a facts table and in JSON-LD; the delivery
estimate; the OCOP badge that explains itself; the three certified levels told apart."""
import json
import re

import pytest

from shop.errors import InvalidInput
from shop.models import Product, ProductFacts
from shop.services.catalog.facts import clean_facts, shelf_life_text
from tests.factories import make_category, make_producer_owner, make_product
from tests.html import parse, text

FACTS = {"ingredients_vi": "Mực tươi Hạ Long (90%), mỡ lợn, nước mắm, tiêu",
         "ingredients_en": "Fresh Ha Long squid (90%), pork fat, fish sauce, pepper",
         "net_quantity": "500", "net_unit": "g", "shipping_weight_g": "1100", "shelf_life_days": "90",
         "storage": "frozen", "allergens": ["molluscs", "fish"], "air_travel": "checked", "sending_abroad": "no"}


@pytest.fixture
def producer_a(db, login):
    user, producer = make_producer_owner(name="HTX Chả mực Hạ Long")
    db.session.commit()
    login(user)
    return producer


def product_form(**changes):
    data = {"name_vi": "Chả mực giã tay", "name_en": "Hand-pounded squid cake", "unit_vi": "hộp 500 g",
            "unit_en": "box of 500 g", "description_vi": "Mực tươi Hạ Long.", "description_en": "Fresh squid.",
            "category_id": str(make_category().id), "price": "185000", "low_stock_threshold": "5",
            "opening_stock": "20", **FACTS}
    data.update(changes)
    return data


def facts_table(html):
    """{label: value} of the product page's facts table."""
    table = parse(html).select_one(".product-facts table")
    assert table is not None, "no facts table"
    return {text(row.th): text(row.td) for row in table.select("tr")}


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_a_producer_states_the_facts_and_the_shop_shows_them_as_a_table_and_in_json_ld(producer_a, client, db):
    assert client.post("/producer/products/new", data=product_form()).status_code == 302
    product = db.session.query(Product).one()
    facts = product.facts
    assert (facts.net_quantity, facts.net_unit, facts.shipping_weight_g, facts.shelf_life_days) == (500, "g", 1100, 90)
    assert (facts.storage, facts.allergens, facts.air_travel, facts.sending_abroad) == (
        "frozen", "molluscs fish", "checked", "no")
    product.status = "published"
    db.session.commit()

    html = client.get(f"/en/products/{product.slug}").get_data(as_text=True)
    assert facts_table(html) == {
        "Ingredients": "Fresh Ha Long squid (90%), pork fat, fish sauce, pepper",
        "Allergens": "Molluscs (squid, oyster, clam), Fish",
        "Net weight": "500 g",
        "Weight packed (for your luggage)": "1.1 kg",
        "Shelf life": "3 months",
        "Storage": "Frozen (−18 °C or colder)",
        "On a plane": "In checked baggage only",
        "Can be sent abroad": "No",
    }
    data = json_ld(html)
    assert data["weight"] == {"@type": "QuantitativeValue", "value": 500, "unitCode": "GRM"}
    properties = {item["propertyID"]: item["value"] for item in data["additionalProperty"]}
    assert properties["shelf_life"] == "3 months" and properties["air_travel"] == "In checked baggage only"
    assert facts_table(client.get(f"/products/{product.slug}").get_data(as_text=True))["Thành phần"].startswith(
        "Mực tươi Hạ Long")


def test_the_edit_form_shows_the_stated_facts_and_saves_changes(producer_a, client, db):
    client.post("/producer/products/new", data=product_form())
    product = db.session.query(Product).one()
    page = parse(client.get(f"/producer/products/{product.id}").get_data(as_text=True))
    assert page.select_one("#net_quantity")["value"] == "500"
    assert page.select_one("#storage option[selected]")["value"] == "frozen"
    assert sorted(box["value"] for box in page.select("input[name=allergens][checked]")) == ["fish", "molluscs"]
    form = product_form(shelf_life_days="", storage="", allergens=["none"], air_travel="cabin")
    form.pop("opening_stock")
    assert client.post(f"/producer/products/{product.id}", data=form).status_code == 302
    db.session.expire_all()
    assert (product.facts.shelf_life_days, product.facts.storage, product.facts.allergens,
            product.facts.air_travel) == (None, None, "none", "cabin")


@pytest.mark.parametrize("changes, field, message", [
    ({"net_unit": ""}, "net_quantity", "together with its unit"),
    ({"net_quantity": ""}, "net_quantity", "together with its unit"),
    ({"shipping_weight_g": "400"}, "shipping_weight_g", "cannot be less than the net weight"),
    ({"shelf_life_days": "3651"}, "shelf_life_days", "between 1 and 3650"),
    ({"net_quantity": "0"}, "net_quantity", "between 1 and 100000"),
    ({"shipping_weight_g": "12.5"}, "shipping_weight_g", "whole number"),
    ({"allergens": ["none", "fish"]}, "allergens", "alone"),
    ({"allergens": ["nuts"]}, "allergens", "not a valid choice"),
    ({"storage": "hot"}, "storage", "Not a valid choice"),
    ({"ingredients_en": "x" * 1001}, "ingredients_en", "1000"),
])
def test_a_bad_fact_is_refused_on_its_field_and_nothing_is_written(producer_a, english, client, db, changes, field,
                                                                    message):
    response = client.post("/producer/products/new", data=product_form(**changes))
    assert response.status_code == 200
    page = parse(response.get_data(as_text=True))
    error = page.select_one(f"#{field}-error")
    assert error is not None and message.lower() in text(error).lower(), text(error)
    assert db.session.query(Product).count() == 0 and db.session.query(ProductFacts).count() == 0


def test_the_service_checks_the_facts_without_the_form(app):
    with app.test_request_context():
        assert clean_facts({})["allergens"] == "" and clean_facts({})["storage"] is None
        with pytest.raises(InvalidInput) as refused:
            clean_facts({"shelf_life_days": 2**31})
        assert refused.value.field == "shelf_life_days"
        with pytest.raises(InvalidInput):
            clean_facts({"air_travel": "sometimes"})
        with pytest.raises(InvalidInput):
            clean_facts({"net_quantity": True, "net_unit": "g"})
        assert clean_facts({"allergens": ["fish", "molluscs", "fish"]})["allergens"] == "molluscs fish"


def test_shelf_life_is_said_in_years_months_or_days(app):
    with app.test_request_context():
        assert [shelf_life_text(days) for days in (3, 30, 90, 180, 365, 730, 1825, 400)] == [
            "3 ngày", "30 ngày", "3 tháng", "6 tháng", "1 năm", "2 năm", "5 năm", "400 ngày"]


def test_a_product_without_facts_shows_no_facts_table_but_the_delivery_estimate(client, db):
    make_product(slug="plain", name_vi="Không có thông tin")
    db.session.commit()
    html = client.get("/en/products/plain").get_data(as_text=True)
    page = parse(html)
    assert page.select_one(".product-facts") is None and "additionalProperty" not in json_ld(html)
    rows = {text(row.th): text(row.td) for row in page.select(".delivery-estimate tr")}
    assert rows == {"Delivery within Quảng Ninh": "1–2 days", "Delivery elsewhere in Vietnam": "2–5 days"}


def test_the_delivery_estimate_follows_the_shops_delivery_windows_and_warns_of_cold_goods(app, client, db,
                                                                                         monkeypatch):
    monkeypatch.setitem(app.config, "DELIVERY_DAYS_PROVINCE", (1, 1))
    monkeypatch.setitem(app.config, "DELIVERY_DAYS_NATIONWIDE", (3, 6))
    product = make_product(slug="cold", name_vi="Chả mực")
    product.facts = ProductFacts(storage="frozen")
    db.session.commit()
    rows = {text(row.th): text(row.td)
            for row in parse(client.get("/en/products/cold").get_data(as_text=True)).select(".delivery-estimate tr")}
    assert rows["Delivery within Quảng Ninh"] == "1 day" and rows["Delivery elsewhere in Vietnam"] == "3–6 days"
    assert "ice" in rows["Kept cold"]


def test_the_badge_opens_an_explanation_of_ocop_the_stars_and_who_certified_this_product(client, db):
    product = make_product(slug="rated", name_vi="Trà", stars=4)
    db.session.commit()
    cert = product.certifications[0]
    page = parse(client.get("/en/products/rated").get_data(as_text=True))
    explain = page.select_one("details.ocop-explain")
    assert explain is not None and explain.get("open") is None  # closed until tapped, no script needed
    assert "What does this mean?" in text(explain.summary)
    assert explain.summary.select_one(".ocop-badge.ocop-4")["aria-label"] == "4-star OCOP · Superior"
    body = text(explain.select_one(".ocop-explain-body"))
    assert "One Commune One Product" in body
    levels = [text(item) for item in explain.select(".star-levels li")]
    assert len(levels) == 3 and "Standard" in levels[0] and "50–69" in levels[0]
    assert "Superior" in levels[1] and "(this product)" in levels[1] and "National" in levels[2]
    assert explain.select_one(".star-levels li.current .ocop-4") is not None
    who = text(explain.select_one(".ocop-explain-who"))
    assert cert.issuing_body in who and cert.decision_number in who and "4 stars" in who


def test_the_three_levels_differ_in_colour_and_word_on_every_card(client, db):
    for stars in (3, 4, 5):
        make_product(slug=f"p{stars}", name_vi=f"Sản phẩm {stars} sao", stars=stars)
    db.session.commit()
    page = parse(client.get("/en/products").get_data(as_text=True))
    badges = {badge["class"][1]: text(badge) for badge in page.select(".product-card .ocop-badge")}
    assert badges == {"ocop-3": "★★★ OCOP · Standard", "ocop-4": "★★★★ OCOP · Superior",
                      "ocop-5": "★★★★★ OCOP · National"}
    css = open("static/css/shop.css", encoding="utf-8").read()
    colours = {stars: re.search(rf"\.ocop-badge\.ocop-{stars} {{ background: (#[0-9a-f]+)", css).group(1)
               for stars in (3, 4, 5)}
    assert len(set(colours.values())) == 3


def test_a_visit_is_not_shipped_so_its_page_gives_no_delivery_estimate(client, db):
    make_product(slug="visit", name_vi="Thiên đường hoa", category=make_category("tourism", "Dịch vụ du lịch",
                                                                                  "Tourism services"))
    db.session.commit()
    assert parse(client.get("/en/products/visit").get_data(as_text=True)).select_one(".delivery-estimate") is None
