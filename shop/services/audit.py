"""Write audit rows; the caller's transaction commits them with the change."""
from shop.extensions import db
from shop.models import AuditEvent


def record_audit(actor, action, entity, before=None, after=None, note=""):
    """Add an audit row for `action` on `entity` (a model instance) by `actor` (a User or None)."""
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
