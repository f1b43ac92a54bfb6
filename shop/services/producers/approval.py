"""The OCOP office's side of producers: approve or suspend them, with a reason, audited and mailed."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from shop.errors import InvalidInput
from shop.extensions import db
from shop.i18n import portal_language
from shop.models import Producer
from shop.models.statuses import ProducerStatus, Role
from shop.services.accounts.users import end_sessions
from shop.services.audit import record_audit
from shop.services.mail import send_mail
from shop.services.moves import move, require_move
from shop.services.transaction import transaction

MAX_REASON_LENGTH = 500


def producers_query(status=None):
    """Return a select of producers, optionally of one status, newest applications first."""
    query = (select(Producer).options(selectinload(Producer.owner))
             .order_by(Producer.created_at.desc(), Producer.id.desc()))
    if status in tuple(ProducerStatus):
        query = query.where(Producer.status == status)
    return query


def producers_by_name():
    """Return every producer by name (the order list's filter menu)."""
    return db.session.scalars(select(Producer).order_by(Producer.name)).all()


def producer_counts():
    """Return {status: number of producers} for every status."""
    counts = dict(db.session.execute(select(Producer.status, func.count()).group_by(Producer.status)).all())
    return {status: counts.get(status, 0) for status in tuple(ProducerStatus)}


def _clean_reason(reason, required):
    reason = (reason or "").strip()
    if required and not reason:
        raise InvalidInput(_("Give a reason: the producer will read it."))
    if len(reason) > MAX_REASON_LENGTH:
        raise InvalidInput(_("The reason is too long (at most %(n)d characters).", n=MAX_REASON_LENGTH))
    return reason


def approve_producer(producer, actor, reason=""):
    """Approve a pending or suspended producer: they may sell. Audited; the producer is told by e-mail. Commits."""
    require_move(producer, ProducerStatus.APPROVED)
    reason = _clean_reason(reason, required=False)
    with transaction():
        move(producer, ProducerStatus.APPROVED, actor, reason, changes={"status_reason": reason})
        owner = producer.owner
        if owner is not None and owner.role == Role.CUSTOMER:
            record_audit(actor, "user.role", owner, {"role": owner.role}, {"role": Role.PRODUCER},
                         f"producer {producer.slug} approved")
            owner.role = Role.PRODUCER
        _tell_producer(producer, _l("Your producer account is approved"), "producer_approved")
    return producer


def suspend_producer(producer, actor, reason):
    """Suspend a producer (or turn down an application) with a reason they are told by e-mail. Commits."""
    require_move(producer, ProducerStatus.SUSPENDED)
    reason = _clean_reason(reason, required=True)
    with transaction():
        move(producer, ProducerStatus.SUSPENDED, actor, reason, changes={"status_reason": reason})
        if producer.owner is not None:
            end_sessions(producer.owner)
        _tell_producer(producer, _l("Your producer account is suspended"), "producer_suspended")
    return producer


def _tell_producer(producer, subject, template):
    owner = producer.owner
    to = producer.notice_address
    if not to:
        return None
    return send_mail(to, subject, template, locale=portal_language(owner.locale) if owner else "vi", producer=producer)
