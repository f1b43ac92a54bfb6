import pytest

from shop.errors import Forbidden, InvalidInput
from shop.models import AuditEvent
from shop.services.accounts.roles import change_role, set_active, users_query
from tests.factories import make_user


def test_changing_a_role_is_audited(db):
    admin, user = make_user(role="admin"), make_user()
    change_role(user, "producer", admin)
    assert user.role == "producer"
    event = db.session.query(AuditEvent).one()
    assert (event.action, event.before, event.after, event.actor_id) == (
        "user.role", {"role": "customer"}, {"role": "producer"}, admin.id)


def test_bad_roles_and_no_op_changes_are_refused(db):
    admin, user = make_user(role="admin"), make_user()
    with pytest.raises(InvalidInput):
        change_role(user, "superuser", admin)
    with pytest.raises(InvalidInput):
        change_role(user, "customer", admin)
    assert db.session.query(AuditEvent).count() == 0


def test_an_admin_cannot_demote_or_deactivate_themselves(db):
    admin = make_user(role="admin")
    with pytest.raises(Forbidden):
        change_role(admin, "customer", admin)
    with pytest.raises(Forbidden):
        set_active(admin, False, admin)
    assert admin.role == "admin" and admin.active
    assert db.session.query(AuditEvent).count() == 0


def test_deactivating_and_reactivating(db):
    admin, user = make_user(role="admin"), make_user()
    set_active(user, False, admin)
    assert not user.active
    with pytest.raises(InvalidInput):
        set_active(user, False, admin)
    set_active(user, True, admin)
    assert user.active
    events = db.session.query(AuditEvent).order_by(AuditEvent.id)
    assert [e.after for e in events] == [{"active": False}, {"active": True}]


def test_search_by_part_of_the_email(db):
    hoa = make_user(email="Hoa.Nguyen@Example.com")
    make_user(email="minh@example.com", role="producer")
    assert db.session.scalars(users_query("hoa.ng")).all() == [hoa]
    assert db.session.scalars(users_query("%")).all() == []
    assert [u.email for u in db.session.scalars(users_query("", "producer"))] == ["minh@example.com"]
