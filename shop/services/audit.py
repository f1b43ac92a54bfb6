"""The audit log: rows written with each change (the caller's transaction commits them), read newest first."""
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from shop.extensions import db
from shop.models import AuditEvent, Certification, Order


def record_audit(actor, action, entity, before=None, after=None, note=""):
    """Add an audit row for `action` on `entity` (a model instance) by `actor` (a User or None).

    Does not commit: the caller's transaction carries it.
    """
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        entity_type=type(entity).__tablename__,
        entity_id=entity.id,
        before=before,
        after=after,
        note=note[:500],
    )
    db.session.add(event)
    return event


def audit_query(action="", entity_type="", entity_id=None):
    """Return a select of audit events, newest first, optionally of one action or entity."""
    query = (select(AuditEvent).options(selectinload(AuditEvent.actor))
             .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()))
    if action:
        query = query.where(AuditEvent.action == action)
    if entity_type:
        query = query.where(AuditEvent.entity_type == entity_type)
    if entity_id:
        query = query.where(AuditEvent.entity_id == entity_id)
    return query


def audit_choices():
    """Return (actions, entity types) that appear in the log, for the filter menus."""
    actions = db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)).all()
    types = db.session.scalars(select(AuditEvent.entity_type).distinct().order_by(AuditEvent.entity_type)).all()
    return actions, types


def product_history(product, limit=30):
    """Return the latest audit events of a product and of its certifications, newest first."""
    cert_ids = [cert.id for cert in product.certifications]
    return db.session.scalars(
        audit_query().where(or_(
            and_(AuditEvent.entity_type == "product", AuditEvent.entity_id == product.id),
            and_(AuditEvent.entity_type == "certification", AuditEvent.entity_id.in_(cert_ids)),
        )).limit(limit)
    ).all()


def entity_history(entity_type, entity_id, limit=20):
    """Return the latest audit events of one entity (a producer, a user…), newest first."""
    return db.session.scalars(audit_query(entity_type=entity_type, entity_id=entity_id).limit(limit)).all()


def link_targets(events):
    """Map (entity type, id) of `events` to what a link needs: an order's number, a certification's product."""
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
