from shop.models import AuditEvent
from tests.factories import make_user


def test_search_and_change_a_role(admin_client, db, office):
    hoa = make_user(email="hoa@example.com")
    make_user(email="minh@example.com")
    db.session.commit()
    html = admin_client.get("/admin/users?q=hoa").get_data(as_text=True)
    assert "hoa@example.com" in html and "minh@example.com" not in html
    response = admin_client.post(f"/admin/users/{hoa.id}/role?q=hoa", data={"role": "producer"})
    assert response.status_code == 302 and response.headers["Location"] == "/admin/users?q=hoa"
    db.session.refresh(hoa)
    assert hoa.role == "producer"
    event = db.session.query(AuditEvent).one()
    assert (event.action, event.actor_id, event.after) == ("user.role", office.id, {"role": "producer"})


def test_an_admin_cannot_demote_or_deactivate_themselves(admin_client, db, office):
    response = admin_client.post(f"/admin/users/{office.id}/role", data={"role": "customer"}, follow_redirects=True)
    assert "You cannot change your own role." in response.get_data(as_text=True)
    response = admin_client.post(f"/admin/users/{office.id}/deactivate", follow_redirects=True)
    assert "You cannot deactivate your own account." in response.get_data(as_text=True)
    db.session.refresh(office)
    assert office.role == "admin" and office.active
    assert db.session.query(AuditEvent).count() == 0


def test_deactivate_and_reactivate(admin_client, db):
    user = make_user(email="spam@example.com")
    db.session.commit()
    admin_client.post(f"/admin/users/{user.id}/deactivate")
    db.session.refresh(user)
    assert not user.active
    assert "Deactivated" in admin_client.get("/admin/users?q=spam").get_data(as_text=True)
    admin_client.post(f"/admin/users/{user.id}/reactivate")
    db.session.refresh(user)
    assert user.active


def test_an_unknown_role_is_refused(admin_client, db):
    user = make_user()
    db.session.commit()
    response = admin_client.post(f"/admin/users/{user.id}/role", data={"role": "root"}, follow_redirects=True)
    assert "Not a valid choice" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.role == "customer"
