from datetime import datetime

from shop.models import AuditEvent
from shop.services.orders.flow import transition_order
from tests.factories import make_order, make_product, make_user


def test_the_audit_log_shows_who_when_before_and_after_and_filters(admin_client, db, office):
    product = make_product(status="pending_review")
    customer = make_user(email="khach@example.com")
    order = make_order([(product, 1)], status="pending_payment", created_at=datetime(2026, 3, 1, 1, 0))
    transition_order(order, "paid", office, "Stripe")
    db.session.commit()
    admin_client.post(f"/admin/products/{product.id}/publish")
    admin_client.post(f"/admin/users/{customer.id}/role", data={"role": "producer"})
    db.session.add(AuditEvent(actor_id=office.id, action="product.price", entity_type="product", entity_id=product.id,
                              before={"price": 100000}, after={"price": 120000}))
    db.session.commit()

    html = admin_client.get("/admin/audit").get_data(as_text=True)
    for text in ("product.status", "user.role", "order.status", "product.price", "office@example.com",
                 "<del>100000</del>", "<ins>120000</ins>", f">order {order.number}</a>"):
        assert text in html, text
    only_roles = admin_client.get("/admin/audit?action=user.role").get_data(as_text=True)
    assert "<code>user.role</code>" in only_roles and "<code>product.status</code>" not in only_roles
    of_product = admin_client.get(f"/admin/audit?entity=product&entity_id={product.id}").get_data(as_text=True)
    assert "<code>product.price</code>" in of_product and "<code>user.role</code>" not in of_product

