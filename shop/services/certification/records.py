"""The OCOP office records, corrects, verifies and rejects certifications; every change is audited.

Only an administrator sets stars. Defaults follow the OCOP rules: the issuing level and body from
the stars and the decision date (shop.services.certification.issuers), the expiry 36 months after
the decision date (shop.services.certification.rules). Another issuing body than the rule's needs a
reason, kept on the rating and in an audit row.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.errors import InvalidInput, InvalidTransition
from shop.extensions import db
from shop.models import Certification, Product
from shop.models.statuses import CertificationStatus, RatingKind
from shop.services.audit import record_audit
from shop.services.certification.issuers import issuer_for, same_body
from shop.services.certification.rules import CERTIFIED_MIN_STARS, check_replacement, check_score, expiry_for
from shop.services.localtime import local_today
from shop.services.moves import LIFECYCLES, move, require_move
from shop.services.traceability.links import clean_traceability_url
from shop.services.transaction import commits

EXPIRY_WARNING_DAYS = 60


@dataclass
class CertificationDetails:
    """What the office types in for a rating; empty issuing body and expiry take the defaults."""

    stars: int | None
    decision_number: str
    decision_date: date | None
    issuing_body: str = ""
    expires_on: date | None = None
    traceability_url: str = ""
    note: str = ""
    issuer_reason: str = ""
    score: int | None = None
    kind: str = RatingKind.NEW.value
    replaces_id: int | None = None
    potential_five_star: bool = False


def _snapshot(cert):
    return LIFECYCLES[Certification].snapshot(cert)


def _issuer_values(details, area_name):
    issuer = issuer_for(details.stars, details.decision_date, area_name)
    body = " ".join((details.issuing_body or "").split()) or issuer.body
    if len(body) > 200:
        raise InvalidInput(_("The issuing body is too long (at most 200 characters)."), field="issuing_body")
    reason = " ".join((details.issuer_reason or "").split())[:300]
    if same_body(body, issuer.body):
        return {"issuing_body": issuer.body, "issuing_level": issuer.level, "issuer_reason": ""}
    if not reason:
        raise InvalidInput(_("A %(stars)d-star rating decided on %(day)s is issued by %(body)s. To record "
                             "another issuing body, give the reason.", stars=details.stars,
                             day=details.decision_date.strftime("%d/%m/%Y"), body=issuer.body),
                           field="issuer_reason")
    return {"issuing_body": body, "issuing_level": issuer.level, "issuer_reason": reason}


def clean_details(details, today=None, area_name=""):
    """Check `details` and fill in the defaults; return the values to store. Raise InvalidInput."""
    today = today or local_today()
    if details.stars not in (1, 2, 3, 4, 5):
        raise InvalidInput(_("Choose from 1 to 5 stars."), field="stars")
    number = (details.decision_number or "").strip()
    if not number or len(number) > 80:
        raise InvalidInput(_("Give the decision number (at most 80 characters)."), field="decision_number")
    if details.decision_date is None:
        raise InvalidInput(_("Give the decision date."), field="decision_date")
    if details.decision_date > today:
        raise InvalidInput(_("The decision date cannot be in the future."), field="decision_date")
    expires_on = details.expires_on or expiry_for(details.decision_date)
    if expires_on <= details.decision_date:
        raise InvalidInput(_("The expiry date must come after the decision date."), field="expires_on")
    return {
        "stars": details.stars, "decision_number": number, "decision_date": details.decision_date,
        "expires_on": expires_on, **_issuer_values(details, area_name),
        "traceability_url": clean_traceability_url(details.traceability_url),
        "note": (details.note or "").strip()[:500],
    }


def _rating_values(details, product_id, exclude_id=None):
    """Check the score, the kind and the replaced rating against the stars; return the values to store."""
    if details.kind not in RatingKind.values():
        raise InvalidInput(_("Choose the kind of rating."), field="kind")
    kind = RatingKind(details.kind)
    check_score(details.stars, details.score, details.potential_five_star)
    replaced = db.session.get(Certification, details.replaces_id) if details.replaces_id else None
    if replaced is not None and replaced.id == exclude_id:
        replaced = None
    check_replacement(kind, details.stars, replaced, product_id)
    return {"score": details.score, "kind": kind, "replaces_id": replaced.id if replaced else None,
            "potential_five_star": bool(details.potential_five_star)}


def _decision_taken(number, product_id, exclude_id=None):
    query = select(Certification.id).where(Certification.product_id == product_id,
                                           Certification.decision_number == number,
                                           Certification.status != CertificationStatus.REJECTED)
    if exclude_id:
        query = query.where(Certification.id != exclude_id)
    return db.session.scalar(query) is not None


@commits
def record_certification(product, details, actor):
    """Record a verified rating of `product` decided by the OCOP council. Commits."""
    values = clean_details(details, area_name=_area_of(product))
    values.update(_rating_values(details, product.id))
    if _decision_taken(values["decision_number"], product.id):
        raise InvalidInput(_("This product already has decision %(number)s.", number=values["decision_number"]),
                           field="decision_number")
    cert = Certification(product=product, status=CertificationStatus.VERIFIED, verified_by_id=actor.id, **values)
    db.session.add(cert)
    db.session.flush()
    record_audit(actor, "certification.create", cert, None, _snapshot(cert), f"product {product.slug}")
    _audit_override(cert, actor)
    return cert


@commits
def update_certification(cert, details, actor):
    """Correct a verified rating (stars, decision, dates, address). Commits."""
    if not cert.is_verified:
        raise InvalidTransition(_("Only a verified certification can be edited; verify or reject it first."))
    values = _clean_for(cert, details)
    before = _snapshot(cert)
    for name, value in values.items():
        setattr(cert, name, value)
    cert.verified_by_id = actor.id
    record_audit(actor, "certification.update", cert, before, _snapshot(cert), f"product {cert.product.slug}")
    _audit_override(cert, actor)
    return cert


@commits
def verify_certification(cert, details, actor):
    """Verify a producer's submitted certificate, setting its stars (and any correction). Commits."""
    require_move(cert, CertificationStatus.VERIFIED)
    values = _clean_for(cert, details)
    move(cert, CertificationStatus.VERIFIED, actor, f"product {cert.product.slug}",
         changes={**values, "verified_by_id": actor.id}, audit_action="certification.verify")
    _audit_override(cert, actor)
    return cert


def _area_of(product):
    area = product.producer.area if product.producer else None
    return area.name if area else ""


def _audit_override(cert, actor):
    if not cert.issuer_reason:
        return
    rule = issuer_for(cert.stars, cert.decision_date, _area_of(cert.product))
    record_audit(actor, "certification.issuer_override", cert, {"issuing_body": rule.body},
                 {"issuing_body": cert.issuing_body}, cert.issuer_reason)


def _clean_for(cert, details):
    values = clean_details(details, area_name=_area_of(cert.product))
    values.update(_rating_values(details, cert.product_id, exclude_id=cert.id))
    if _decision_taken(values["decision_number"], cert.product_id, exclude_id=cert.id):
        raise InvalidInput(_("This product already has decision %(number)s.", number=values["decision_number"]),
                           field="decision_number")
    return values


@commits
def reject_certification(cert, actor, note):
    """Turn down a producer's submitted certificate with the reason they are shown. Commits."""
    require_move(cert, CertificationStatus.REJECTED)
    note = (note or "").strip()
    if not note:
        raise InvalidInput(_("Tell the producer why the certificate cannot be verified."))
    move(cert, CertificationStatus.REJECTED, actor, note, changes={"note": note[:500], "verified_by_id": actor.id},
         audit_action="certification.reject")
    return cert


def _submitted():
    return select(Certification).join(Product).where(Certification.status == CertificationStatus.SUBMITTED)


def expiring_statement(today, within_days):
    """A SELECT of the verified certifications (3★ or more) valid today that end within `within_days` days."""
    return select(Certification).join(Product).where(
        Certification.status == CertificationStatus.VERIFIED, Certification.stars >= CERTIFIED_MIN_STARS,
        Certification.expires_on >= today, Certification.expires_on <= today + timedelta(days=within_days))


def submitted_certifications():
    """Return producers' certificates waiting for verification, oldest first."""
    return db.session.scalars(_submitted().order_by(Certification.created_at, Certification.id)).all()


def expiring_certifications(today=None, within_days=EXPIRY_WARNING_DAYS):
    """Return verified ratings still valid today that expire within `within_days` days, soonest first."""
    statement = expiring_statement(today or local_today(), within_days)
    return db.session.scalars(statement.order_by(Certification.expires_on, Certification.id)).all()


def certification_counts(today=None, within_days=EXPIRY_WARNING_DAYS):
    """Return how many certificates wait for verification and how many ratings expire soon (counted in SQL)."""
    expiring = expiring_statement(today or local_today(), within_days)
    return {"submitted": _count(_submitted()), "expiring": _count(expiring)}


def _count(statement):
    return db.session.scalar(statement.with_only_columns(func.count(Certification.id)))
