"""The demo catalogue: the same loader as `flask seed-demo`, run twice."""
from datetime import date, datetime

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from shop.demo import DATA, read_rows, seed_demo
from shop.demo import drawings as demo_drawings
from shop.models import Area, Category, Certification, Order, Producer, Product, ProductImage, StockMovement, User
from shop.services.certification.rules import badge_stars
from shop.services.localtime import local_today
from shop.services.stock import ledger_balance
from tests.clock import frozen_at


@pytest.fixture
def quick_pictures(monkeypatch):
    """Draw tiny pictures and place a few orders: the drawing itself is tested below, once per kind."""
    from shop.demo import orders

    monkeypatch.setattr(orders, "DEMO_ORDER_COUNT", 8)
    original = demo_drawings.draw_picture
    monkeypatch.setattr(demo_drawings, "draw_picture", lambda kind, seed, size=64: original(kind, seed, size=64))


def test_seed_demo_twice_leaves_the_same_catalogue(db, quick_pictures):
    lines = []
    seed_demo(echo=lines.append)
    seed_demo(echo=lines.append)
    assert db.session.query(Product).count() == 40
    assert db.session.query(Category).count() == 6
    assert db.session.query(Area).count() == 13
    assert db.session.query(Producer).count() == len(read_rows("producers.csv"))
    assert db.session.query(Certification).count() == 40
    assert db.session.query(ProductImage).count() == 40
    assert db.session.query(StockMovement).filter_by(reason="restock").count() == 40  # one opening row each
    orders = db.session.query(Order).count()
    assert 4 <= orders <= 8  # demo orders once, not twice
    assert any("[40/40]" in line for line in lines)  # progress is shown


# The days a demo is seeded and looked at: today's kind of instant (just after midnight in Vietnam), the day
# the earliest fixed rating used to run out, the day after the sourced Ba Chẽ rating lapses, three years ahead.
SEEDED_ON = {
    "2026-12-02T17:00:30Z": datetime(2026, 12, 2, 17, 0, 30),
    "2027-03-23": datetime(2027, 3, 23, 3, 0),
    "2028-01-18": datetime(2028, 1, 18, 3, 0),
    "2029-12-04": datetime(2029, 12, 4, 3, 0),
}
BA_CHE_TEA_LAPSES = date(2028, 1, 17)  # 377/QĐ-BNN-VPĐP of 17 January 2025 + 36 months


@pytest.mark.parametrize("instant", SEEDED_ON.values(), ids=SEEDED_ON)
def test_a_demo_seeded_in_any_year_shows_valid_badges_and_sourced_dates_lapse_honestly(client, db, quick_pictures,
                                                                                       instant):
    with frozen_at(instant):
        seed_demo(echo=lambda _line: None)
        today = local_today()
        dated_by_source = {row["product_slug"] for row in read_rows("certifications.csv") if row["decision_date"]}
        assert dated_by_source == {"tra-hoa-vang-ba-che"}
        products = db.session.query(Product).all()
        for product in products:
            assert product.price > 0 and product.stock == ledger_balance(product.id)
            assert product.description_vi and product.description_en and product.unit_vi
            assert product.search_text and product.images
            assert all(cert.is_demo for cert in product.certifications)
        badges = {p.slug: badge_stars(p.certifications, today) for p in products}
        assert len(badges) == 40
        assert all(badges[slug] in (3, 4, 5) for slug in badges.keys() - dated_by_source), badges
        tea_in_force = today <= BA_CHE_TEA_LAPSES
        assert badges["tra-hoa-vang-ba-che"] == (5 if tea_in_force else None)
        listed = client.get("/api/products?per_page=100").get_json()["items"]
        assert sum(item["stars"] is not None for item in listed) == 40 - (not tea_in_force)
        panel = BeautifulSoup(client.get("/products/tra-hoa-vang-ba-che").data, "html.parser").find(
            id="certificate-heading").parent
        lapsed = panel.find(class_="lapsed-rating")
        if tea_in_force:
            assert lapsed is None and "377/QĐ-BNN-VPĐP" in panel.find("dl").get_text()
        else:
            assert panel.find("dl") is None
            assert "377/QĐ-BNN-VPĐP" in lapsed.get_text() and "17 tháng 1, 2028" in lapsed.get_text()
    roles = {user.email: user.role for user in db.session.query(User)}
    assert roles == {"admin@example.com": "admin", "producer@example.com": "producer",
                     "producer2@example.com": "producer", "customer@example.com": "customer"}
    for email in ("producer@example.com", "producer2@example.com"):
        producer = db.session.query(User).filter_by(email=email).one().producer
        assert producer.is_approved and producer.products.count() > 0


def test_demo_accounts_sign_in_with_the_demo_password(client, db, quick_pictures):
    seed_demo(echo=lambda _line: None)
    response = client.post("/auth/login", data={"email": "admin@example.com", "password": "ocop-demo"})
    assert response.status_code == 302


def test_every_picture_kind_draws_a_square_image():
    kinds = {row["picture"] for row in read_rows("products.csv")}
    for kind in kinds | {"something-unknown"}:
        picture = demo_drawings.draw_picture(kind, "seed", size=96)
        assert isinstance(picture, Image.Image) and picture.size == (96, 96)
        assert len(set(picture.get_flattened_data())) > 20  # a drawing, not a flat colour


def test_the_demo_data_lives_in_the_project():
    assert DATA.is_relative_to(DATA.parents[2])
    assert "shared" not in str(DATA)


def test_demo_orders_fill_the_dashboards_honestly(db, quick_pictures):
    from shop.services.orders.flow import REVENUE_STATUSES

    seed_demo(echo=lambda _line: None)
    orders = db.session.query(Order).all()
    assert {order.payment_method for order in orders} == {"cod"}  # no card payment without Stripe
    assert any(order.status in REVENUE_STATUSES for order in orders)
    assert min(order.created_at for order in orders) < max(order.created_at for order in orders)
    for product in db.session.query(Product):
        assert product.stock == ledger_balance(product.id) and product.stock >= 0


def test_demo_ratings_name_the_issuer_the_rules_give(db, quick_pictures):
    from shop.services.certification.issuers import issuer_for

    seed_demo(echo=lambda line: None, today=date(2026, 12, 3))  # the day the illustrative ages were written
    certs = db.session.query(Certification).all()
    for cert in certs:
        issuer = issuer_for(cert.stars, cert.decision_date, cert.product.producer.area.name)
        assert (cert.issuing_body, cert.issuing_level) == (issuer.body, issuer.level), cert.product.slug
    by_slug = {cert.product.slug: cert for cert in certs}
    assert by_slug["nuoc-mam-cai-rong"].issuing_body == "UBND huyện Vân Đồn"  # 3★ of 22 March 2024
    assert by_slug["cha-muc-ha-long"].issuing_body == "UBND thành phố Hạ Long"  # 3★ of 20 December 2024
    district = [cert for cert in certs if cert.issuing_level == "district"]
    assert len(district) == 10 and {cert.stars for cert in district} == {3}


def test_demo_ratings_say_which_are_assumed_and_ba_che_tea_is_national_five_star(db, quick_pictures):
    seed_demo(echo=lambda line: None)
    by_slug = {cert.product.slug: cert for cert in db.session.query(Certification)}
    tea = by_slug["tra-hoa-vang-ba-che"]
    assert (tea.stars, tea.decision_number, tea.decision_date) == (5, "377/QĐ-BNN-VPĐP", date(2025, 1, 17))
    assert tea.issuing_body == "Bộ Nông nghiệp và Phát triển nông thôn" and tea.stars_verified
    assumed = {slug for slug, cert in by_slug.items() if not cert.stars_verified}
    rows = {row["slug"]: row["stars_verified"] for row in read_rows("products.csv")}
    assert assumed == {slug for slug, verified in rows.items() if verified == "no"} and len(assumed) == 19


def test_the_demo_has_lots_with_traceability_links_on_at_least_three_products(db, quick_pictures):
    from shop.models import Batch
    from shop.services.traceability.batches import current_lot

    seed_demo(echo=lambda line: None)
    seed_demo(echo=lambda line: None)

    lots = db.session.query(Batch).all()
    assert len(lots) == len(read_rows("batches.csv"))
    tracked = {lot.product_id for lot in lots if lot.traceability_url.startswith("https://qn.check.net.vn/")}
    assert len(tracked) >= 3
    today = local_today()
    for product_id in tracked:
        lot = current_lot(product_id, today)
        assert lot is not None and lot.produced_on <= today <= lot.best_before


def test_the_demo_tourism_product_has_a_calendar_of_visits_to_book(db, quick_pictures):
    from shop.models import VisitSlot
    from shop.services.bookings.slots import open_slots

    seed_demo(echo=lambda line: None)
    seed_demo(echo=lambda line: None)  # twice: the same calendar
    tour = db.session.query(Product).filter_by(slug="thien-duong-hoa-quang-la").one()
    assert tour.is_bookable
    slots = db.session.query(VisitSlot).filter_by(product_id=tour.id).all()
    assert len(slots) == 60 and {slot.capacity for slot in slots} == {40}
    assert min(slot.day for slot in slots) == local_today()
    assert len(open_slots(tour)) >= 58  # today's morning and afternoon may have begun
    assert all(line.product_id != tour.id for order in db.session.query(Order) for line in order.lines)
