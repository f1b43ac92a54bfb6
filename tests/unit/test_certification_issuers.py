"""Who issues a rating: the table of issuing levels by stars and decision date, and the office's override."""
from datetime import date

import pytest

from shop.errors import InvalidInput
from shop.models import AuditEvent, Certification
from shop.models.statuses import IssuingLevel
from shop.services.certification.issuers import issuer_for, issuer_table
from shop.services.certification.records import CertificationDetails, record_certification, update_certification
from tests.factories import make_area, make_producer, make_product, make_user


@pytest.mark.parametrize("stars, day, area, level, body", [
    (3, date(2024, 3, 22), "Vân Đồn", IssuingLevel.DISTRICT, "UBND huyện Vân Đồn"),
    (3, date(2024, 12, 20), "Hạ Long", IssuingLevel.DISTRICT, "UBND thành phố Hạ Long"),
    (3, date(2024, 8, 16), "Đông Triều", IssuingLevel.DISTRICT, "UBND thị xã Đông Triều"),
    (3, date(2025, 6, 27), "Đông Triều", IssuingLevel.DISTRICT, "UBND thành phố Đông Triều"),
    (3, date(2025, 6, 30), "Quảng Yên", IssuingLevel.DISTRICT, "UBND thị xã Quảng Yên"),
    (3, date(2025, 7, 1), "Vân Đồn", IssuingLevel.PROVINCE, "UBND tỉnh Quảng Ninh"),
    (3, date(2026, 9, 18), "Cô Tô", IssuingLevel.PROVINCE, "UBND tỉnh Quảng Ninh"),
    (4, date(2024, 3, 22), "Bình Liêu", IssuingLevel.PROVINCE, "UBND tỉnh Quảng Ninh"),
    (4, date(2025, 12, 19), "Ba Chẽ", IssuingLevel.PROVINCE, "UBND tỉnh Quảng Ninh"),
    (5, date(2025, 1, 17), "Ba Chẽ", IssuingLevel.CENTRAL, "Bộ Nông nghiệp và Phát triển nông thôn"),
    (5, date(2025, 2, 28), "Hải Hà", IssuingLevel.CENTRAL, "Bộ Nông nghiệp và Phát triển nông thôn"),
    (5, date(2025, 3, 1), "Hải Hà", IssuingLevel.CENTRAL, "Bộ Nông nghiệp và Môi trường"),
    (5, date(2025, 6, 26), "Hạ Long", IssuingLevel.CENTRAL, "Bộ Nông nghiệp và Môi trường"),
])
def test_the_issuer_follows_the_stars_and_the_decision_date(stars, day, area, level, body):
    issuer = issuer_for(stars, day, area)
    assert (issuer.level, issuer.body) == (level, body)
    assert issuer.source


def test_the_form_table_names_each_body_once_per_date_range():
    rows = issuer_table("Đông Triều")
    district = [row for row in rows if row["level"] == "district"]
    assert [row["body"] for row in district] == ["UBND thị xã Đông Triều", "UBND thành phố Đông Triều"]
    assert {row["body"] for row in rows if 5 in row["stars"]} == {
        "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Nông nghiệp và Môi trường"}


def _details(**values):
    values = {"stars": 3, "decision_number": "1012/QĐ-UBND", "decision_date": date(2024, 3, 22), **values}
    return CertificationDetails(**values)


def test_an_empty_body_takes_the_rule_and_its_level(db):
    admin = make_user(role="admin")
    product = make_product(producer=make_producer(area=make_area("Vân Đồn")))
    cert = record_certification(product, _details(), admin)
    assert (cert.issuing_body, cert.level, cert.issuer_reason) == ("UBND huyện Vân Đồn", IssuingLevel.DISTRICT, "")
    same = record_certification(product, _details(decision_number="7/QĐ-UBND", issuing_body="ubnd  huyện vân đồn"),
                                admin)
    assert same.issuing_body == "UBND huyện Vân Đồn"
    assert db.session.query(AuditEvent).filter_by(action="certification.issuer_override").count() == 0


def test_another_body_without_a_reason_is_refused_and_changes_nothing(db):
    admin, product = make_user(role="admin"), make_product()
    with pytest.raises(InvalidInput) as refused:
        record_certification(product, _details(issuing_body="UBND tỉnh Quảng Ninh"), admin)
    assert refused.value.field == "issuer_reason" and "UBND thành phố Hạ Long" in refused.value.message
    assert db.session.query(Certification).count() == 0 and db.session.query(AuditEvent).count() == 0


def test_an_override_keeps_its_reason_and_writes_an_audit_row(db):
    admin, product = make_user(role="admin"), make_product()
    cert = record_certification(product, _details(issuing_body="UBND tỉnh Quảng Ninh",
                                                  issuer_reason="Re-rated by the province"), admin)
    assert (cert.issuing_body, cert.level, cert.issuer_reason) == (
        "UBND tỉnh Quảng Ninh", IssuingLevel.DISTRICT, "Re-rated by the province")
    event = db.session.query(AuditEvent).filter_by(action="certification.issuer_override").one()
    assert event.before == {"issuing_body": "UBND thành phố Hạ Long"}
    assert event.after == {"issuing_body": "UBND tỉnh Quảng Ninh"} and event.note == "Re-rated by the province"
    update_certification(cert, _details(decision_date=date(2025, 8, 1)), admin)
    assert (cert.issuing_body, cert.level, cert.issuer_reason) == ("UBND tỉnh Quảng Ninh", IssuingLevel.PROVINCE, "")
