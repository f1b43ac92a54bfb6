"""OCOP certification rules: 36 months of validity, a badge only for 3★ or more."""
import calendar
from datetime import date

from shop.models.statuses import CertificationStatus

VALIDITY_MONTHS = 36
CERTIFIED_MIN_STARS = 3


def add_months(day, months):
    """Return `day` moved by `months`, clamped to the month's last day (29 Feb → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(decision_date):
    """Return the last day an OCOP rating decided on `decision_date` is valid."""
    return add_months(decision_date, VALIDITY_MONTHS)


def current_certification(certifications, day=None):
    """Return the best rating valid on `day` among `certifications`, or None."""
    day = day or date.today()
    valid = [c for c in certifications if c.status == CertificationStatus.VERIFIED and c.is_valid_on(day)]
    return max(valid, key=lambda c: (c.stars, c.decision_date), default=None)


def badge_stars(certifications, day=None):
    """Return the stars for the OCOP badge on `day` (3–5), or None when no badge is earned."""
    cert = current_certification(certifications, day)
    return cert.stars if cert and cert.stars >= CERTIFIED_MIN_STARS else None
