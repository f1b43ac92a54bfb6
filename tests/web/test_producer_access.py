"""Who may enter the producer portal, and that each producer only ever reaches their own rows."""
import io

import pytest

from shop.models import Certification, OrderEvent, ProductImage, StockMovement
from shop.models.statuses import ProducerStatus
from tests.factories import (
    PDF,
    make_certification,
    make_image,
    make_order,
    make_producer_owner,
    make_product,
    make_user,
    picture_bytes,
)

PAGES = ["/producer/", "/producer/products", "/producer/products/new", "/producer/stock", "/producer/sales",
         "/producer/sales.csv", "/producer/shipments", "/producer/certification", "/producer/profile"]


@pytest.fixture
def two_producers(db):
    """Producer A (signed in by the tests) and producer B with a product, a photo, an order and a certificate."""
    user_a, producer_a = make_producer_owner(name="HTX Alpha")
    user_b, producer_b = make_producer_owner(name="HTX Beta")
    product_a = make_product(producer_a, name_vi="Chả mực Alpha", stock=10)
    product_b = make_product(producer_b, name_vi="Trà Beta bí mật", stock=10, price=70_000)
    image_b = make_image(product_b)
    order_b = make_order([(product_b, 3)], number="BETA01")
    make_certification(product_b, stars=4)
    db.session.commit()
    return {"user_a": user_a, "producer_a": producer_a, "product_a": product_a, "user_b": user_b,
            "producer_b": producer_b, "product_b": product_b, "image_b": image_b, "shipment_b": order_b.shipments[0]}


def foreign_requests(w):
    """Every portal request that names one of producer B's rows, as (method, url, form data)."""
    p, i, s, a = w["product_b"].id, w["image_b"].id, w["shipment_b"].id, w["product_a"].id
    product_form = {"name_vi": "Hacked", "unit_vi": "hộp", "description_vi": "x",
                    "category_id": w["product_b"].category_id, "price": "1", "low_stock_threshold": "0"}
    return [
        ("GET", f"/producer/products/{p}", None),
        ("GET", f"/producer/products/{p}/photos", None),
        ("GET", f"/producer/products/{p}/stock", None),
        ("GET", f"/producer/shipments/{s}", None),
        ("POST", f"/producer/products/{p}", product_form),
        ("POST", f"/producer/products/{p}/submit", {}),
        ("POST", f"/producer/products/{p}/hide", {}),
        ("POST", f"/producer/products/{p}/show", {}),
        ("POST", f"/producer/products/{p}/photos", {"photo": (io.BytesIO(picture_bytes()), "a.png")}),
        ("POST", f"/producer/products/{p}/photos/{i}/delete", {}),
        ("POST", f"/producer/products/{p}/photos/{i}/main", {}),
        ("POST", f"/producer/products/{a}/photos/{i}/delete", {}),
        ("POST", f"/producer/products/{a}/photos/{i}/main", {}),
        ("POST", f"/producer/products/{p}/stock", {"reason": "damage", "quantity": "10", "note": "x"}),
        ("POST", f"/producer/shipments/{s}/packed", {}),
        ("POST", f"/producer/shipments/{s}/shipped", {"carrier": "GHN", "tracking_number": "1"}),
        ("POST", f"/producer/shipments/{s}/delivered", {}),
        ("POST", "/producer/certification", {"product_id": str(p), "decision_number": "1/QĐ",
                                             "decision_date": "2025-01-02",
                                             "scan": (io.BytesIO(PDF), "a.pdf")}),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in PAGES + ["/producer/products/1", "/producer/shipments/1", "/producer/status"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/auth/login?next=/producer/"), url
    assert client.post("/producer/products/1/hide").status_code == 302


@pytest.mark.parametrize("role", ["customer", "admin"])
def test_customers_and_administrators_are_refused(db, client, login, role):
    user = make_user(role=role)
    db.session.commit()
    login(user)
    for url in PAGES:
        assert client.get(url).status_code == 403, url
    assert client.post("/producer/products/new", data={"name_vi": "x"}).status_code == 403


def test_a_pending_producer_only_sees_the_waiting_page(db, english, client, login):
    user, producer = make_producer_owner(status=ProducerStatus.PENDING)
    db.session.commit()
    login(user)
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"] == "/producer/status", url
    page = client.get("/producer/status").get_data(as_text=True)
    assert "waiting for approval" in page and producer.name in page
    assert client.post("/producer/products/new", data={"name_vi": "x"}).status_code == 302


def test_an_approved_producer_is_sent_from_the_status_page_to_the_dashboard(two_producers, client, login):
    login(two_producers["user_a"])
    assert client.get("/producer/status").headers["Location"] == "/producer/"


def test_a_producer_account_without_a_producer_is_asked_to_apply(db, english, client, login):
    user = make_user(role="producer")
    db.session.commit()
    login(user)
    assert client.get("/producer/").headers["Location"] == "/producer/apply"
    assert "Your business" in client.get("/producer/apply").get_data(as_text=True)


def test_a_suspended_producer_can_look_but_not_change_anything(two_producers, db, english, client, login):
    w = two_producers
    w["producer_a"].status, w["producer_a"].status_reason = ProducerStatus.SUSPENDED, "Hồ sơ chưa đủ"
    order = make_order([(w["product_a"], 1)])
    db.session.commit()
    login(w["user_a"])
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    page = client.get("/producer/").get_data(as_text=True)
    assert "suspended" in page and "Hồ sơ chưa đủ" in page
    a, s = w["product_a"].id, order.shipments[0].id
    attempts = [
        (f"/producer/products/{a}/hide", {}),
        (f"/producer/products/{a}/stock", {"reason": "restock", "quantity": "5"}),
        (f"/producer/shipments/{s}/packed", {}),
        ("/producer/profile", {"address": "x", "phone": "0912345678"}),
        ("/producer/products/new", {}),
    ]
    for url, data in attempts:
        response = client.post(url, data=data)
        assert response.status_code == 403, url
        assert "read-only" in response.get_data(as_text=True)
    db.session.expire_all()
    assert w["product_a"].status == "published" and w["product_a"].stock == 10
    assert order.shipments[0].status == "pending"
    edit_page = client.get(f"/producer/products/{a}").get_data(as_text=True)
    assert "Hide from the shop" not in edit_page and "<fieldset disabled" in edit_page


def test_producer_a_cannot_reach_producer_bs_rows(two_producers, db, client, login):
    w = two_producers
    login(w["user_a"])
    for method, url, data in foreign_requests(w):
        response = client.open(url, method=method, data=data, content_type=None if data is None else
                               "multipart/form-data")
        assert response.status_code == 404, (method, url)
    db.session.expire_all()
    product_b, shipment_b = w["product_b"], w["shipment_b"]
    assert (product_b.name_vi, product_b.price, product_b.status, product_b.stock) == ("Trà Beta bí mật", 70_000,
                                                                                      "published", 10)
    assert db.session.query(ProductImage).filter_by(product_id=product_b.id).count() == 1
    assert db.session.query(StockMovement).filter_by(product_id=product_b.id).count() == 1
    assert shipment_b.status == "pending" and db.session.query(OrderEvent).count() == 0
    assert db.session.query(Certification).filter_by(product_id=product_b.id).count() == 1


def test_producer_a_never_sees_producer_bs_rows_in_lists(two_producers, client, login):
    w = two_producers
    login(w["user_a"])
    for url in PAGES:
        text = client.get(url).get_data(as_text=True)
        assert "Trà Beta bí mật" not in text and "BETA01" not in text, url
    csv_text = client.get("/producer/sales.csv?status=all").get_data(as_text=True)
    assert csv_text.count("\n") == 1  # the header only
    client.post("/auth/logout")
    login(w["user_b"])
    assert "Trà Beta bí mật" in client.get("/producer/products").get_data(as_text=True)
    assert "BETA01" in client.get("/producer/sales").get_data(as_text=True)
