"""The audit log: who changed what, when, before and after."""
from flask import render_template, request
from sqlalchemy import select

from shop.admin import bp
from shop.admin.actions import list_args, paginate
from shop.extensions import db
from shop.models import Certification, Order
from shop.services.audit import audit_choices, audit_query
from shop.web.query_args import int_arg


@bp.get("/audit")
def audit_log():
    action, entity_type = request.args.get("action", ""), request.args.get("entity", "")
    entity_id = int_arg("entity_id")
    page = paginate(audit_query(action, entity_type, entity_id))
    actions, entity_types = audit_choices()
    return render_template("admin/audit.html", page=page, action=action, entity_type=entity_type,
                           entity_id=entity_id, actions=actions, entity_types=entity_types, args=list_args(),
                           links=_link_targets(page.items))


def _link_targets(events):
    """Map (entity type, id) to what a link needs: an order's number, a certification's product."""
    order_ids = [e.entity_id for e in events if e.entity_type == "shop_order"]
    cert_ids = [e.entity_id for e in events if e.entity_type == "certification"]
    targets = {}
    if order_ids:
        targets.update({("shop_order", i): n for i, n in db.session.execute(
            select(Order.id, Order.number).where(Order.id.in_(order_ids)))})
    if cert_ids:
        targets.update({("certification", i): p for i, p in db.session.execute(
            select(Certification.id, Certification.product_id).where(Certification.id.in_(cert_ids)))})
    return targets
