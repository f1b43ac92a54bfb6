"""Reminders before a rating expires: producers are e-mailed 60, 30 and 7 days ahead; the office's calendar.

A rating is valid for 36 months (shop.services.certification.rules); to keep the badge the producer
applies for re-assessment before the last day. Only a product's current rating is reminded of: once
the office records the renewal (a rating that replaces it, or any later-expiring verified rating of the
product), nothing more is sent. Each threshold is mailed once per rating; a run that missed a day sends
the nearest threshold only (a rating 25 days from its end gets the 30-day reminder, not the 60-day one).
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from shop.extensions import db
from shop.models import Certification, CertificationReminder, Product
from shop.services.certification.records import expiring_statement
from shop.services.localtime import local_today, month_start
from shop.services.mail import render_message
from shop.services.outbox import queue_message
from shop.services.transaction import transaction

REMINDER_DAYS = (60, 30, 7)
CALENDAR_MONTHS = 12


@dataclass
class Expiry:
    """One rating in the office's calendar: the rating, its days left and the reminders already sent."""

    certification: Certification
    days_left: int
    reminded: list


def threshold_for(days_left):
    """Return the reminder a rating `days_left` days from its last day is due (60, 30, 7), or None."""
    if days_left < 0:
        return None
    due = [days for days in REMINDER_DAYS if days_left <= days]
    return min(due) if due else None


def is_renewed(cert):
    """Whether the office has recorded a rating of the product that takes over from `cert`."""
    return any(other.id != cert.id and other.is_verified and other.is_certification
               and (other.replaces_id == cert.id or other.expires_on > cert.expires_on)
               for other in cert.product.certifications)


def _upcoming(today, within_days):
    statement = expiring_statement(today, within_days).options(
        selectinload(Certification.product).selectinload(Product.certifications))
    return [cert for cert in db.session.scalars(statement.order_by(Certification.expires_on, Certification.id))
            if not is_renewed(cert)]


def _reminded(certifications):
    ids = [cert.id for cert in certifications]
    sent = defaultdict(list)
    if ids:
        rows = db.session.execute(select(CertificationReminder.certification_id, CertificationReminder.days_before)
                                  .where(CertificationReminder.certification_id.in_(ids)))
        for cert_id, days in rows:
            sent[cert_id].append(days)
    return {cert_id: sorted(days, reverse=True) for cert_id, days in sent.items()}


def reminders_due(today=None):
    """Return (rating, threshold) for every current rating whose next reminder has not been sent yet."""
    today = today or local_today()
    upcoming = _upcoming(today, max(REMINDER_DAYS))
    sent = _reminded(upcoming)
    due = []
    for cert in upcoming:
        threshold = threshold_for((cert.expires_on - today).days)
        if threshold is not None and not any(days <= threshold for days in sent.get(cert.id, ())):
            due.append((cert, threshold))
    return due


def _reminder_message(cert, address, today):
    producer = cert.product.producer
    locale = producer.owner.locale if producer.owner is not None else "vi"
    subject = _l("The OCOP rating of %(product)s expires on %(day)s", product=cert.product.name_vi,
                 day=cert.expires_on.strftime("%d/%m/%Y"))
    return render_message(address, subject, "certification_reminder", locale, cert=cert, producer=producer,
                          days_left=(cert.expires_on - today).days)


def send_certification_reminders(today=None):
    """E-mail every reminder due today and record it; return how many were sent. Safe to repeat. Commits.

    Each reminder is recorded with its mail in the outbox, in one transaction: the outbox delivers it,
    retrying while the mail server is down, and the next run does not write it again. A producer
    without an e-mail address is logged and stays "none yet" in the office's calendar.
    """
    today = today or local_today()
    sent = 0
    for cert, threshold in reminders_due(today):
        producer = cert.product.producer
        address = producer.notice_address
        if not address:
            current_app.logger.warning("producer %s has no e-mail for the reminder of %s", producer.slug,
                                       cert.decision_number)
            continue
        with transaction():
            queue_message(_reminder_message(cert, address, today))
            db.session.add(CertificationReminder(certification_id=cert.id, days_before=threshold, sent_to=address))
        sent += 1
    return sent


def expiry_calendar(today=None, months=CALENDAR_MONTHS):
    """Return [(first day of a month, [Expiry…])] for the current ratings ending in the next `months` months."""
    today = today or local_today()
    *shown, end = _months(month_start(today), months + 1)
    upcoming = _upcoming(today, (end - today).days - 1)
    sent = _reminded(upcoming)
    by_month = defaultdict(list)
    for cert in upcoming:
        by_month[month_start(cert.expires_on)].append(
            Expiry(cert, (cert.expires_on - today).days, sent.get(cert.id, [])))
    return [(month, by_month.get(month, [])) for month in shown]


def _months(first, count):
    months, day = [], first
    for _ in range(count):
        months.append(day)
        day = month_start(day + timedelta(days=32))
    return months
