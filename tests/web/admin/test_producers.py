from shop.models import AuditEvent
from tests.factories import make_producer, make_product, make_user


def test_pending_producers_are_listed_first(admin_client, db):
    make_producer(name="HTX Mới", status="pending")
    make_producer(name="HTX Cũ", status="approved")
    db.session.commit()
    html = admin_client.get("/admin/producers").get_data(as_text=True)
    assert "HTX Mới" in html and "HTX Cũ" not in html
    html = admin_client.get("/admin/producers?status=approved").get_data(as_text=True)
    assert "HTX Cũ" in html and "HTX Mới" not in html


def test_approving_through_the_page(admin_client, db, office, monkeypatch):
    sent = []
    monkeypatch.setattr("shop.services.mail.send_message", sent.append)
    owner = make_user(email="owner@example.com")
    producer = make_producer(owner=owner, name="HTX Nấm", status="pending")
    make_product(producer, "Nấm linh chi", status="pending_review")
    db.session.commit()
    page = admin_client.get(f"/admin/producers/{producer.id}").get_data(as_text=True)
    assert "Nấm linh chi" in page and "owner@example.com" in page
    response = admin_client.post(f"/admin/producers/{producer.id}/approve", data={"note": ""}, follow_redirects=True)
    assert "HTX Nấm is approved" in response.get_data(as_text=True)
    db.session.refresh(producer)
    assert producer.status == "approved" and len(sent) == 1
    assert db.session.query(AuditEvent).filter_by(action="producer.status").one().actor_id == office.id


def test_suspending_without_a_reason_is_refused_with_a_message(admin_client, db, monkeypatch):
    sent = []
    monkeypatch.setattr("shop.services.mail.send_message", sent.append)
    producer = make_producer(name="HTX Chè", email="htx-che@example.com")
    db.session.commit()
    response = admin_client.post(f"/admin/producers/{producer.id}/suspend", data={"note": ""}, follow_redirects=True)
    assert "Reason: This field is required." in response.get_data(as_text=True)
    db.session.refresh(producer)
    assert producer.status == "approved" and not sent
    response = admin_client.post(f"/admin/producers/{producer.id}/suspend", data={"note": "Hàng giả"},
                                 follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "HTX Chè is suspended" in html and "Hàng giả" in html
    db.session.refresh(producer)
    assert producer.status == "suspended" and len(sent) == 1


def test_unknown_producer_is_404(admin_client):
    assert admin_client.get("/admin/producers/999").status_code == 404
    assert admin_client.post("/admin/producers/999/approve").status_code == 404
