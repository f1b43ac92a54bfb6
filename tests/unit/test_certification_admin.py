from datetime import date, timedelta

import pytest

from shop.errors import InvalidInput, InvalidTransition
from shop.models import AuditEvent
from shop.services.certification.records import (
    CertificationDetails,
    certification_counts,
    expiring_certifications,
    record_certification,
    reject_certification,
    submitted_certifications,
    update_certification,
    verify_certification,
)
from shop.services.certification.rules import badge_stars
from shop.services.localtime import local_today
from tests.factories import make_certification, make_product, make_user


def details(**values):
    values = {"stars": 4, "decision_number": "1234/QĐ-UBND", "decision_date": date(2025, 3, 15), **values}
    return CertificationDetails(**values)


def test_recording_fills_the_issuing_body_and_a_36_month_expiry(db):
    admin, product = make_user(role="admin"), make_product()
    cert = record_certification(product, details(traceability_url="https://truyxuat.quangninh.gov.vn/sp/1"), admin)
    assert (cert.status, cert.stars, cert.verified_by_id) == ("verified", 4, admin.id)
    assert cert.expires_on == date(2028, 3, 15)
    assert cert.issuing_body == "UBND tỉnh Quảng Ninh"
    five = record_certification(product, details(stars=5, decision_number="99/QĐ-BNN"), admin)
    assert five.issuing_body.startswith("Bộ Nông nghiệp")
    event = db.session.query(AuditEvent).filter_by(entity_id=cert.id).one()
    assert event.action == "certification.create" and event.after["expires_on"] == "2028-03-15"


def test_given_expiry_and_issuing_body_with_a_reason_are_kept(db):
    admin, product = make_user(role="admin"), make_product()
    cert = record_certification(product, details(expires_on=date(2027, 1, 1), issuing_body="Hội đồng OCOP tỉnh",
                                                 issuer_reason="The decision is signed by the council"), admin)
    assert (cert.expires_on, cert.issuing_body) == (date(2027, 1, 1), "Hội đồng OCOP tỉnh")


@pytest.mark.parametrize("values", [
    {"stars": 0}, {"stars": 6}, {"stars": None}, {"decision_number": "  "},
    {"decision_date": None}, {"decision_date": local_today() + timedelta(days=3)},
    {"expires_on": date(2025, 3, 15)}, {"traceability_url": "javascript:alert(1)"},
    {"traceability_url": "ftp://example.com/x"}, {"traceability_url": "https://"},
])
def test_bad_details_are_refused_and_change_nothing(db, values):
    admin, product = make_user(role="admin"), make_product()
    with pytest.raises(InvalidInput):
        record_certification(product, details(**values), admin)
    assert product.certifications == [] and db.session.query(AuditEvent).count() == 0


def test_a_decision_number_is_recorded_once_per_product(db):
    admin, product = make_user(role="admin"), make_product()
    record_certification(product, details(), admin)
    with pytest.raises(InvalidInput):
        record_certification(product, details(stars=3), admin)


def test_editing_a_rating_is_audited_with_before_and_after(db):
    admin, product = make_user(role="admin"), make_product()
    cert = record_certification(product, details(), admin)
    update_certification(cert, details(stars=3, decision_date=date(2025, 4, 1)), admin)
    assert (cert.stars, cert.expires_on) == (3, date(2028, 4, 1))
    event = db.session.query(AuditEvent).filter_by(action="certification.update").one()
    assert (event.before["stars"], event.after["stars"]) == (4, 3)


def test_verifying_a_submitted_certificate_sets_its_stars(db):
    admin, product = make_user(role="admin"), make_product()
    submitted = make_certification(product, None, date(2025, 5, 1), status="submitted", decision_number="7/QĐ")
    db.session.commit()  # a refused call rolls back whatever the session holds
    assert submitted_certifications() == [submitted]
    assert badge_stars(product.certifications, date(2025, 6, 1)) is None
    with pytest.raises(InvalidTransition):
        update_certification(submitted, details(), admin)
    verify_certification(submitted, details(stars=4, decision_number="7/QĐ", decision_date=date(2025, 5, 1)), admin)
    assert (submitted.status, submitted.stars, submitted.verified_by_id) == ("verified", 4, admin.id)
    assert badge_stars(product.certifications, date(2025, 6, 1)) == 4  # a day the decision is in force
    assert submitted_certifications() == []


def test_rejecting_a_submitted_certificate_needs_a_reason(db):
    admin, product = make_user(role="admin"), make_product()
    submitted = make_certification(product, None, status="submitted")
    db.session.commit()  # a refused call rolls back whatever the session holds
    with pytest.raises(InvalidInput):
        reject_certification(submitted, admin, "")
    reject_certification(submitted, admin, "Số quyết định không khớp")
    assert (submitted.status, submitted.note) == ("rejected", "Số quyết định không khớp")
    assert db.session.query(AuditEvent).one().action == "certification.reject"


def test_expiring_list_and_the_badge_agree(db):
    today = date(2026, 11, 28)
    soon = make_product(name_vi="Chả mực")
    soon_cert = make_certification(soon, 4, decision_date=date(2023, 12, 20))  # expires 2026-12-20
    later = make_product(name_vi="Trà hoa vàng")
    make_certification(later, 5, decision_date=date(2024, 6, 1))  # expires 2027-06-01
    gone = make_product(name_vi="Nấm")
    make_certification(gone, 3, decision_date=date(2023, 11, 1))  # expired 2026-11-01
    assert expiring_certifications(today) == [soon_cert]
    assert badge_stars(soon.certifications, today) == 4
    assert badge_stars(gone.certifications, today) is None
    # The day after it expires the rating drops off the list and the badge goes by itself.
    after = date(2026, 12, 21)
    assert badge_stars(soon.certifications, date(2026, 12, 20)) == 4
    assert badge_stars(soon.certifications, after) is None
    assert soon_cert not in expiring_certifications(after)


def test_the_office_counts_agree_with_its_lists(db):
    today = date(2026, 11, 28)
    product = make_product()
    make_certification(product, 4, decision_date=date(2023, 12, 20))  # expires 2026-12-20: soon
    make_certification(product, 5, decision_date=date(2024, 6, 1))  # expires 2027-06-01: not soon
    for number in ("8/QĐ", "9/QĐ"):
        make_certification(make_product(), None, date(2026, 10, 1), status="submitted", decision_number=number)
    assert certification_counts(today) == {"submitted": 2, "expiring": 1}
    assert certification_counts(today) == {"submitted": len(submitted_certifications()),
                                           "expiring": len(expiring_certifications(today))}
    assert certification_counts(date(2026, 12, 21))["expiring"] == 0
