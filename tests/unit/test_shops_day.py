"""The shop's day is Vietnam's at every instant around its midnight, in every place that asks for today.

Each test runs with the clock stopped at 16:59:59, 17:00:00 (midnight in Vietnam), 17:00:01, 23:59:59 and
00:00:00 UTC (tests/clock.py) and compares with the Vietnamese date written out by hand, so code that asked the
server's clock (`date.today()`, UTC) would fail at the instants where the two days differ.
"""
import io
from datetime import timedelta

import pytest

from shop.errors import InvalidInput
from shop.services.catalog import listing
from shop.services.catalog import products as listings
from shop.services.catalog.listing import CatalogFilter
from shop.services.certification.records import CertificationDetails, record_certification
from shop.services.certification.rules import badge_stars
from shop.services.localtime import local_today, utc_now
from shop.services.reports.producer_sales import sales_summary
from tests.factories import PDF, make_certification, make_order, make_producer_owner, make_product, make_user


def test_the_clock_reads_the_instant_and_vietnams_date(shop_clock):
    assert utc_now() == shop_clock.utc
    assert local_today() == shop_clock.shop_day


def test_a_producer_may_send_a_decision_signed_today_in_vietnam_but_not_tomorrow(db, shop_clock):
    user, producer = make_producer_owner()
    product = make_product(producer)
    db.session.commit()
    cert = listings.submit_certification(producer, product.id, "1/QĐ-UBND", shop_clock.shop_day,
                                         io.BytesIO(PDF), user)
    assert cert.decision_date == shop_clock.shop_day
    with pytest.raises(InvalidInput) as refused:
        listings.submit_certification(producer, product.id, "2/QĐ-UBND", shop_clock.shop_day + timedelta(days=1),
                                      io.BytesIO(PDF), user)
    assert refused.value.field == "decision_date"


def test_the_office_may_record_a_decision_of_today_in_vietnam_but_not_tomorrow(db, shop_clock):
    admin, product = make_user(role="admin"), make_product()
    today = CertificationDetails(stars=4, decision_number="10/QĐ-UBND", decision_date=shop_clock.shop_day)
    assert record_certification(product, today, admin).decision_date == shop_clock.shop_day
    tomorrow = CertificationDetails(stars=4, decision_number="11/QĐ-UBND",
                                    decision_date=shop_clock.shop_day + timedelta(days=1))
    with pytest.raises(InvalidInput) as refused:
        record_certification(product, tomorrow, admin)
    assert refused.value.field == "decision_date"


def test_badges_begin_and_end_with_vietnams_day(db, shop_clock):
    day = shop_clock.shop_day
    last_day = make_product(slug="last-day")
    make_certification(last_day, 4, decision_date=day - timedelta(days=900), expires_on=day)
    ended = make_product(slug="ended-yesterday")
    make_certification(ended, 4, decision_date=day - timedelta(days=900), expires_on=day - timedelta(days=1))
    begins = make_product(slug="begins-today")
    make_certification(begins, 5, decision_date=day)
    tomorrow = make_product(slug="begins-tomorrow")
    make_certification(tomorrow, 5, decision_date=day + timedelta(days=1))
    db.session.commit()

    assert {p.slug: badge_stars(p.certifications) for p in (last_day, ended, begins, tomorrow)} == {
        "last-day": 4, "ended-yesterday": None, "begins-today": 5, "begins-tomorrow": None}
    shown = {p.slug for p in listing.list_products(CatalogFilter(stars=4)).items}
    assert shown == {"last-day", "begins-today"}


def test_the_api_gives_the_stars_of_vietnams_day(client, db, shop_clock):
    day = shop_clock.shop_day
    product = make_product(slug="last-day")
    make_certification(product, 4, decision_date=day - timedelta(days=900), expires_on=day)
    ended = make_product(slug="ended-yesterday")
    make_certification(ended, 4, decision_date=day - timedelta(days=900), expires_on=day - timedelta(days=1))
    db.session.commit()
    items = client.get("/api/products").get_json()["items"]
    assert {item["slug"]: item["stars"] for item in items} == {"last-day": 4, "ended-yesterday": None}
    assert client.get("/api/products/last-day").get_json()["certification"]["valid_until"] == day.isoformat()


def test_the_producers_today_begins_at_midnight_in_vietnam(db, shop_clock):
    _user, producer = make_producer_owner()
    tea = make_product(producer, price=10_000, stock=100)
    midnight = shop_clock.utc.replace(hour=17, minute=0, second=0) - timedelta(days=shop_clock.utc.hour < 17)
    make_order([(tea, 1)], number="TODAY", created_at=midnight)
    make_order([(tea, 2)], number="YESTERDAY", created_at=midnight - timedelta(seconds=1))
    db.session.commit()
    figures = sales_summary(producer.id)
    assert (figures["today"].revenue, figures["week"].revenue) == (10_000, 30_000)
