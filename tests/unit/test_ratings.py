"""Ratings: the score agrees with the stars, the kind names the rating it replaces, 1–2★ is no certificate."""
from datetime import date

import pytest

from shop.errors import InvalidInput
from shop.models import Certification
from shop.models.product_sets import BY_CODE, PRODUCT_SETS
from shop.models.statuses import RatingKind
from shop.services.catalog import facets
from shop.services.catalog.listing import list_products, parse_filters
from shop.services.catalog.products import update_product
from shop.services.certification.records import CertificationDetails, record_certification
from shop.services.certification.rules import badge_stars, current_certification
from tests.factories import make_category, make_producer_owner, make_product, make_user


def details(**values):
    values = {"stars": 4, "decision_number": "1/QĐ-UBND", "decision_date": date(2025, 8, 15), **values}
    return CertificationDetails(**values)


@pytest.mark.parametrize("stars, score", [(3, 50), (3, 69), (4, 70), (4, 89), (5, 90), (5, 100), (2, 30), (1, 0)])
def test_a_score_inside_the_stars_band_is_kept(db, stars, score):
    cert = record_certification(make_product(), details(stars=stars, score=score, decision_date=date(2025, 3, 1)),
                                make_user(role="admin"))
    assert (cert.stars, cert.score) == (stars, score)


@pytest.mark.parametrize("values, field", [
    ({"stars": 3, "score": 72}, "score"), ({"stars": 4, "score": 69}, "score"), ({"stars": 5, "score": 89}, "score"),
    ({"stars": 2, "score": 50}, "score"), ({"stars": 3, "potential_five_star": True}, "potential_five_star"),
    ({"stars": 4, "score": 85, "potential_five_star": True}, "score"), ({"kind": "renewed"}, "kind"),
    ({"kind": "re_rated"}, "replaces_id"),
])
def test_a_rating_that_does_not_add_up_is_refused_and_changes_nothing(db, values, field):
    product = make_product()
    with pytest.raises(InvalidInput) as refused:
        record_certification(product, details(**values), make_user(role="admin"))
    assert refused.value.field == field
    assert db.session.query(Certification).count() == 0


def test_a_potential_five_star_is_a_four_star_rating_of_ninety_points_or_more(db):
    cert = record_certification(make_product(), details(score=92, potential_five_star=True), make_user(role="admin"))
    assert (cert.stars, cert.potential_five_star) == (4, True)
    assert badge_stars([cert], date(2025, 9, 1)) == 4  # shown as 4★, never as a 5★ badge


def test_an_upgrade_replaces_the_rating_it_names(db):
    admin, product = make_user(role="admin"), make_product()
    other = make_product()
    db.session.commit()
    old = record_certification(product, details(stars=3, score=60, decision_date=date(2025, 7, 10)), admin)
    with pytest.raises(InvalidInput):  # an upgrade needs more stars
        record_certification(product, details(stars=3, decision_number="2/QĐ", kind="upgraded", replaces_id=old.id),
                             admin)
    with pytest.raises(InvalidInput):  # the replaced rating is this product's
        record_certification(other, details(kind="upgraded", replaces_id=old.id), admin)
    new = record_certification(product, details(decision_number="2/QĐ", kind="upgraded", replaces_id=old.id), admin)
    assert (new.rating_kind, new.replaces) == (RatingKind.UPGRADED, old)
    db.session.refresh(product)
    assert current_certification(product.certifications, date(2025, 9, 1)) == new


def test_a_re_rating_at_expiry_counts_instead_of_the_one_it_replaces_even_with_fewer_stars(db):
    admin, product = make_user(role="admin"), make_product()
    old = record_certification(product, details(decision_date=date(2025, 7, 10)), admin)
    new = record_certification(product, details(stars=3, decision_number="9/QĐ", kind="re_rated", replaces_id=old.id),
                               admin)
    db.session.refresh(product)
    assert current_certification(product.certifications, date(2025, 9, 1)) == new


def test_one_or_two_stars_is_an_unsuccessful_assessment_never_a_badge(db):
    cert = record_certification(make_product(), details(stars=2, score=40), make_user(role="admin"))
    assert not cert.is_certification and cert.is_valid_on(date(2025, 9, 1))
    assert badge_stars([cert], date(2025, 9, 1)) is None


def test_the_26_product_sets_sit_inside_the_six_groups():
    assert len(PRODUCT_SETS) == 26 and len(BY_CODE) == 26
    assert {s.group for s in PRODUCT_SETS} == {"food", "beverage", "herbal", "handicraft", "ornamental", "tourism"}
    assert all(s.name_vi and s.name_en for s in PRODUCT_SETS)


def test_a_product_set_must_belong_to_the_products_group(db):
    owner, producer = make_producer_owner()
    food = make_category("food")
    product = make_product(producer=producer, category=food)
    db.session.commit()
    values = {"name_vi": product.name_vi, "unit_vi": "hộp", "description_vi": "x", "category_id": food.id,
              "price": 100_000, "low_stock_threshold": 5}
    with pytest.raises(InvalidInput) as refused:
        update_product(producer, product.id, owner, {**values, "product_set": "spirits"})
    assert refused.value.field == "product_set" and product.product_set is None
    update_product(producer, product.id, owner, {**values, "product_set": "liquid-condiments"})
    assert product.sub_group.name_vi == "Tương, nước mắm, gia vị dạng lỏng khác"


def test_the_catalogue_filters_by_product_set(db):
    food = make_category("food")
    sauce = make_product(category=food, product_set="liquid-condiments")
    make_product(category=food, product_set="fresh-produce")
    make_product(category=food)
    result = list_products(parse_filters({"product_set": "liquid-condiments"}))
    assert [p.id for p in result.items] == [sauce.id]
    assert parse_filters({"product_set": "nonsense"}).product_set == ""
    counts = {s.code: n for s, n in facets.product_sets_with_counts("food")}
    assert counts == {"fresh-produce": 1, "liquid-condiments": 1}
