from datetime import date

from shop.models import Certification
from shop.models.statuses import CertificationStatus
from shop.services.certification.rules import add_months, badge_stars, expiry_for


def cert(stars, decided, status=CertificationStatus.VERIFIED):
    return Certification(stars=stars, decision_number="1/QĐ", decision_date=decided,
                         expires_on=expiry_for(decided), status=status)


def test_a_rating_is_valid_for_36_months():
    assert expiry_for(date(2024, 3, 15)) == date(2027, 3, 15)
    assert add_months(date(2024, 2, 29), 36) == date(2027, 2, 28)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)


def test_validity_starts_on_the_decision_date_and_ends_on_expiry():
    c = cert(4, date(2024, 1, 10))
    assert not c.is_valid_on(date(2024, 1, 9))
    assert c.is_valid_on(date(2024, 1, 10))
    assert c.is_valid_on(date(2027, 1, 10))
    assert not c.is_valid_on(date(2027, 1, 11))


def test_badge_only_for_valid_ratings_of_three_stars_or_more():
    today = date(2026, 11, 28)
    assert badge_stars([cert(3, date(2025, 1, 1))], today) == 3
    assert badge_stars([cert(2, date(2025, 1, 1))], today) is None
    assert badge_stars([cert(5, date(2023, 1, 1))], today) is None  # expired by itself
    assert badge_stars([cert(5, date(2025, 1, 1), CertificationStatus.SUBMITTED)], today) is None  # not verified
    assert badge_stars([], today) is None


def test_badge_shows_the_best_valid_rating():
    today = date(2026, 11, 28)
    assert badge_stars([cert(3, date(2024, 6, 1)), cert(4, date(2025, 6, 1))], today) == 4



def test_an_expired_rating_hides_its_badge_at_local_midnight(db, monkeypatch):
    from datetime import datetime

    from shop.services import localtime
    from shop.services.catalog.listing import shown_certification
    from tests.factories import make_certification, make_product

    product = make_product()
    make_certification(product, 4, date(2023, 12, 3), expires_on=date(2026, 12, 3))
    clock = {"now": datetime(2026, 12, 3, 16, 59)}  # 23:59 in Vietnam on the last day
    monkeypatch.setattr(localtime, "local_now", lambda now=None: (now or clock["now"]) + localtime.SHOP_OFFSET)
    assert shown_certification(product) is not None
    clock["now"] = datetime(2026, 12, 3, 17, 0)  # midnight in Vietnam, still 3 December in UTC
    assert shown_certification(product) is None
