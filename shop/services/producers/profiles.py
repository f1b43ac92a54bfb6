"""Producers: applying to sell in the shop and keeping the public profile up to date.

Approval and suspension are the OCOP office's acts (the back office); an application
only ever creates a `pending` producer.
"""
import re

from flask_babel import gettext as _
from sqlalchemy import select

from shop.errors import Forbidden, InvalidInput
from shop.extensions import db
from shop.i18n import N_
from shop.models import Area, Producer
from shop.models.statuses import LegalType, ProducerStatus, Role
from shop.models.translations import PRODUCER_TEXTS, translated_fields
from shop.services.accounts.users import create_user
from shop.services.audit import record_audit
from shop.services.catalog.slugs import unique_slug
from shop.services.transaction import commits, transaction

_PHONE = re.compile(r"^\+?[0-9][0-9 .\-]{7,18}[0-9]$")
PROFILE_FIELDS = ("address", "phone", "story_vi", *translated_fields(PRODUCER_TEXTS))


def apply_as_producer(details, user=None, account=None, locale="vi"):
    """Record an application to sell: a `pending` producer owned by `user`, or by a new account.

    `details`: name, legal_type, area_id, address, phone, story_vi, story_en.
    `account` (when `user` is None): email, password (or password_hash), name of the new producer account.
    A customer who applies becomes a producer. Returns the producer. Commits.
    """
    with transaction():
        values = _clean_business(details)
        if user is None:
            user = create_user(account["email"], account.get("password"), account["name"], Role.PRODUCER, locale,
                               password_hash=account.get("password_hash"))
        else:
            _take_producer_role(user)
        producer = Producer(owner=user, email=user.email, status=ProducerStatus.PENDING,
                            slug=unique_slug(Producer, values["name"]), **values)
        db.session.add(producer)
    return producer


def require_approved(producer):
    """Refuse any change by a producer the office has not approved (pending) or has suspended."""
    if producer.status != ProducerStatus.APPROVED:
        raise Forbidden(_("Your producer account is not approved or is suspended: nothing can be changed. "
                          "Please contact the OCOP office."))


@commits
def update_profile(producer, values):
    """Change a producer's address, phone and story (in Vietnamese and each translation). Commits."""
    require_approved(producer)
    cleaned = _clean_profile(values)
    for name in PROFILE_FIELDS:
        setattr(producer, name, cleaned[name])
    return producer


def areas():
    """Return the province's areas in their usual order."""
    return db.session.scalars(select(Area).order_by(Area.position, Area.name)).all()


def _take_producer_role(user):
    if user.producer is not None:
        raise InvalidInput(_("This account already has a producer."))
    if user.role != Role.CUSTOMER and user.role != Role.PRODUCER:
        raise Forbidden(_("An administrator account cannot apply as a producer."))
    if user.role == Role.CUSTOMER:
        record_audit(user, "user.role", user, {"role": user.role}, {"role": Role.PRODUCER}, N_("applied as a producer"))
        user.role = Role.PRODUCER


def check_application(details):
    """Refuse an application's business details as apply_as_producer would (a field error); write nothing."""
    _clean_business(details)


def _clean_business(details):
    name = (details.get("name") or "").strip()
    if not name or len(name) > 200:
        raise InvalidInput(_("Give the business name (at most 200 characters)."), field="business_name")
    if details.get("legal_type") not in tuple(LegalType):
        raise InvalidInput(_("Choose cooperative, company or household."), field="legal_type")
    area = db.session.scalar(select(Area).where(Area.id == details.get("area_id")))
    if area is None:
        raise InvalidInput(_("Choose an area of the province."), field="area_id")
    return {"name": name, "legal_type": details["legal_type"], "area": area, **_clean_profile(details)}


def _clean_profile(values):
    cleaned = {name: (values.get(name) or "").strip() for name in PROFILE_FIELDS}
    if not cleaned["address"] or len(cleaned["address"]) > 300:
        raise InvalidInput(_("Give the business address (at most 300 characters)."), field="address")
    if not _PHONE.match(cleaned["phone"]):
        raise InvalidInput(_("Give a phone number, for example 0912 345 678."), field="phone")
    for name in PROFILE_FIELDS[2:]:
        if len(cleaned[name]) > 5000:
            raise InvalidInput(_("The story has at most %(n)d characters.", n=5000), field=name)
    return cleaned
