from datetime import date, timedelta

from shop.models import AuditEvent, Certification
from shop.services.localtime import local_today
from tests.factories import make_certification, make_product


def test_the_review_queue_and_publishing(admin_client, db):
    waiting = make_product(name_vi="Chả mực giã tay", status="pending_review")
    make_product(name_vi="Trà đã bán", status="published")
    db.session.commit()
    html = admin_client.get("/admin/products").get_data(as_text=True)
    assert "Chả mực giã tay" in html and "Trà đã bán" not in html
    response = admin_client.post(f"/admin/products/{waiting.id}/publish", follow_redirects=True)
    assert "Chả mực giã tay is published." in response.get_data(as_text=True)
    db.session.refresh(waiting)
    assert waiting.status == "published" and waiting.published_at is not None


def test_rejecting_needs_a_note_and_returns_a_draft(admin_client, db):
    product = make_product(status="pending_review")
    db.session.commit()
    admin_client.post(f"/admin/products/{product.id}/reject", data={"note": ""})
    db.session.refresh(product)
    assert product.status == "pending_review"
    admin_client.post(f"/admin/products/{product.id}/reject", data={"note": "Ảnh mờ"})
    db.session.refresh(product)
    assert (product.status, product.review_note) == ("draft", "Ảnh mờ")


def test_hide_and_unhide(admin_client, db):
    product = make_product()
    db.session.commit()
    admin_client.post(f"/admin/products/{product.id}/hide", data={"note": "Hết hàng mùa này"})
    db.session.refresh(product)
    assert product.status == "hidden"
    response = admin_client.post(f"/admin/products/{product.id}/hide", data={}, follow_redirects=True)
    assert "Only a published product can be hidden." in response.get_data(as_text=True)
    admin_client.post(f"/admin/products/{product.id}/unhide")
    db.session.refresh(product)
    assert product.status == "published"


def test_recording_a_certification_with_defaults(frozen_clock, admin_client, db, office):
    """A 5★ decision of 30 June 2025, seen on 3 December 2026 (the clock stopped: it expires in 2028)."""
    product = make_product()
    db.session.commit()
    form = admin_client.get(f"/admin/products/{product.id}/certifications/new").get_data(as_text=True)
    assert "data-issuing-bodies" in form and "Choose…" in form
    response = admin_client.post(f"/admin/products/{product.id}/certifications/new", data={
        "stars": "5", "decision_number": "2207/QĐ-BNN", "decision_date": "2025-06-30",
        "issuing_body": "", "expires_on": "", "traceability_url": "https://check.example.vn/2207",
    })
    assert response.status_code == 302
    cert = db.session.query(Certification).one()
    assert (cert.stars, cert.status, cert.verified_by_id) == (5, "verified", office.id)
    assert cert.expires_on == date(2028, 6, 30) and cert.issuing_body.startswith("Bộ Nông nghiệp")
    page = admin_client.get(f"/admin/products/{product.id}").get_data(as_text=True)
    assert "2207/QĐ-BNN" in page and "certification.create" in page
    assert 'aria-label="5-star OCOP · National"' in page  # the level's word beside the stars


def test_bad_certification_input_is_explained_and_saves_nothing(admin_client, db):
    product = make_product()
    db.session.commit()
    response = admin_client.post(f"/admin/products/{product.id}/certifications/new", data={
        "stars": "4", "decision_number": "1/QĐ", "decision_date": "2025-06-30",
        "traceability_url": "javascript:alert(1)",
    })
    assert response.status_code == 400
    assert db.session.query(Certification).count() == 0
    response = admin_client.post(f"/admin/products/{product.id}/certifications/new", data={
        "stars": "4", "decision_number": "1/QĐ", "decision_date": "2025-06-30", "traceability_url": "ftp://x.vn/1",
    })
    assert "http:// or https://" in response.get_data(as_text=True)
    response = admin_client.post(f"/admin/products/{product.id}/certifications/new", data={
        "stars": "", "decision_number": "1/QĐ", "decision_date": "2025-06-30",
    })
    assert response.status_code == 400 and db.session.query(Certification).count() == 0


def test_verifying_and_rejecting_submitted_certificates(admin_client, db):
    product = make_product()
    first = make_certification(product, None, date(2025, 1, 2), status="submitted", decision_number="11/QĐ")
    second = make_certification(product, None, date(2025, 2, 3), status="submitted", decision_number="12/QĐ")
    db.session.commit()
    queue = admin_client.get("/admin/certifications").get_data(as_text=True)
    assert "11/QĐ" in queue and "12/QĐ" in queue
    form = admin_client.get(f"/admin/certifications/{first.id}").get_data(as_text=True)
    assert 'value="11/QĐ"' in form and 'value="2025-01-02"' in form
    admin_client.post(f"/admin/certifications/{first.id}", data={
        "stars": "3", "decision_number": "11/QĐ", "decision_date": "2025-01-02", "expires_on": "2028-01-02",
    })
    admin_client.post(f"/admin/certifications/{second.id}/reject", data={"note": "Không có trong danh sách"})
    db.session.refresh(first)
    db.session.refresh(second)
    assert (first.status, first.stars) == ("verified", 3)
    assert (second.status, second.note) == ("rejected", "Không có trong danh sách")
    actions = {e.action for e in db.session.query(AuditEvent)}
    assert actions == {"certification.verify", "certification.reject"}


def test_expiring_list_and_badge_together(admin_client, db):
    today = local_today()
    soon = make_product(name_vi="Mực khô Cô Tô")
    make_certification(soon, 4, decision_date=today - timedelta(days=400), expires_on=today + timedelta(days=10))
    gone = make_product(name_vi="Rượu mơ")
    make_certification(gone, 4, decision_date=today - timedelta(days=400), expires_on=today - timedelta(days=1))
    db.session.commit()
    html = admin_client.get("/admin/certifications").get_data(as_text=True)
    assert "Mực khô Cô Tô" in html and "Rượu mơ" not in html
    listing = admin_client.get("/admin/products?status=published").get_data(as_text=True)
    row = lambda name: listing.split(name, 1)[1].split("</tr>", 1)[0]  # noqa: E731
    assert "4-star OCOP" in row("Mực khô Cô Tô")
    assert "OCOP" not in row("Rượu mơ")  # expired yesterday: the badge went by itself
    assert "Expired" in admin_client.get(f"/admin/products/{gone.id}").get_data(as_text=True)


def test_the_issuing_body_comes_from_the_rules_and_another_needs_a_reason(admin_client, db):
    product = make_product()
    db.session.commit()
    url = f"/admin/products/{product.id}/certifications/new"
    form = admin_client.get(url).get_data(as_text=True)
    assert "UBND thành phố Hạ Long" in form and "Bộ Nông nghiệp và Môi trường" in form  # the table for the script
    data = {"stars": "3", "decision_number": "5/QĐ-UBND", "decision_date": "2024-05-02",
            "issuing_body": "UBND tỉnh Quảng Ninh"}
    refused = admin_client.post(url, data=data)
    assert refused.status_code == 400 and "is issued by UBND thành phố Hạ Long" in refused.get_data(as_text=True)
    assert db.session.query(Certification).count() == 0
    assert admin_client.post(url, data={**data, "issuer_reason": "Signed by the province"}).status_code == 302
    cert = db.session.query(Certification).one()
    assert (cert.issuing_body, cert.issuing_level, cert.issuer_reason) == (
        "UBND tỉnh Quảng Ninh", "district", "Signed by the province")
    override = db.session.query(AuditEvent).filter_by(action="certification.issuer_override").one()
    assert override.note == "Signed by the province"


def test_the_form_refuses_a_72_point_three_star_rating_and_shows_kind_and_score(frozen_clock, admin_client, db):
    """Ratings of 2025, seen on 3 December 2026 (the clock stopped: the upgrade expires in 2028)."""
    product = make_product()
    db.session.commit()
    url = f"/admin/products/{product.id}/certifications/new"
    data = {"stars": "3", "score": "72", "decision_number": "8/QĐ-UBND", "decision_date": "2025-08-01", "kind": "new"}
    refused = admin_client.post(url, data=data)
    assert refused.status_code == 400 and "scores from 50 to 69 points, not 72" in refused.get_data(as_text=True)
    assert db.session.query(Certification).count() == 0
    assert admin_client.post(url, data={**data, "score": "64"}).status_code == 302
    first = db.session.query(Certification).one()
    form = admin_client.get(url).get_data(as_text=True)
    assert "8/QĐ-UBND — 3★, 01/08/2025" in form  # offered as the rating an upgrade replaces
    upgrade = {"stars": "4", "score": "93", "potential_five_star": "y", "decision_number": "9/QĐ-UBND",
               "decision_date": "2025-09-01", "kind": "upgraded", "replaces_id": str(first.id)}
    assert admin_client.post(url, data=upgrade).status_code == 302
    page = admin_client.get(f"/admin/products/{product.id}").get_data(as_text=True)
    assert "93 points" in page and "Potential 5-star" in page and "replaces 8/QĐ-UBND" in page
    public = admin_client.get(f"/products/{product.slug}").get_data(as_text=True)
    assert "potential 5-star product" in public and "93 of 100 points" in public


def test_the_office_sees_which_ratings_are_assumed_for_the_demo(admin_client, db):
    product = make_product()
    make_certification(product, 3, stars_verified=False)
    db.session.commit()
    assert "Assumed for the demo" in admin_client.get(f"/admin/products/{product.id}").get_data(as_text=True)
