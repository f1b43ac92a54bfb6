"""OCOP certification rules: scores and stars, 36 months of validity, a badge only for 3★ or more.

Decision 148/QĐ-TTg (24 February 2023): a product is scored out of 100; 5★ is 90–100, 4★ 70–89,
3★ 50–69 (an OCOP product); 2★ 30–49 and 1★ below 30 are not certified (an unsuccessful
assessment). A 4★ product scoring 90 or more at the province is proposed for the national
assessment ("potential 5★"). A rating is valid for 36 months from its decision date.
"""
import calendar
from datetime import date

from flask_babel import gettext as _

from shop.errors import InvalidInput
from shop.models.statuses import CertificationStatus, RatingKind
from shop.services.localtime import local_today

VALIDITY_MONTHS = 36
CERTIFIED_MIN_STARS = 3
SCORE_BANDS = {1: (0, 29), 2: (30, 49), 3: (50, 69), 4: (70, 89), 5: (90, 100)}
POTENTIAL_FIVE_STAR_MIN_SCORE = 90


def check_score(stars, score, potential_five_star=False):
    """Refuse a score that is not the stars' band (a 4★ potential 5★ scores 90 or more). Raise InvalidInput."""
    if potential_five_star and stars != 4:
        raise InvalidInput(_("Only a 4-star rating can be marked as a potential 5-star product."),
                           field="potential_five_star")
    if score is None:
        return
    if not 0 <= score <= 100:
        raise InvalidInput(_("The score is out of 100."), field="score")
    low, high = (POTENTIAL_FIVE_STAR_MIN_SCORE, 100) if potential_five_star else SCORE_BANDS[stars]
    if not low <= score <= high:
        raise InvalidInput(_("A %(stars)d-star rating scores from %(low)d to %(high)d points, not %(score)d.",
                             stars=stars, low=low, high=high, score=score), field="score")


def check_replacement(kind, stars, replaced, product_id):
    """Refuse a kind that does not fit the rating it replaces (None for a new rating). Raise InvalidInput."""
    if not kind.replaces_another:
        if replaced is not None:
            raise InvalidInput(_("A new rating replaces no other; choose re-rated or upgraded."), field="replaces_id")
        return
    if replaced is None or replaced.product_id != product_id or not replaced.is_verified:
        raise InvalidInput(_("Choose the verified rating of this product that this one replaces."),
                           field="replaces_id")
    if kind is RatingKind.UPGRADED and stars <= (replaced.stars or 0):
        raise InvalidInput(_("An upgrade has more stars than the rating it replaces (%(n)d).", n=replaced.stars),
                           field="kind")


def add_months(day, months):
    """Return `day` moved by `months`, clamped to the month's last day (29 Feb → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(decision_date):
    """Return the last day an OCOP rating decided on `decision_date` is valid."""
    return add_months(decision_date, VALIDITY_MONTHS)


def current_certification(certifications, day=None):
    """Return the best rating valid on `day` among `certifications` (none replaced by another), or None."""
    day = day or local_today()
    replaced = {c.replaces_id for c in certifications if c.status == CertificationStatus.VERIFIED and c.replaces_id}
    valid = [c for c in certifications
             if c.status == CertificationStatus.VERIFIED and c.is_valid_on(day) and c.id not in replaced]
    return max(valid, key=lambda c: (c.stars, c.decision_date), default=None)


def badge_stars(certifications, day=None):
    """Return the stars for the OCOP badge on `day` (3–5), or None when no badge is earned."""
    cert = current_certification(certifications, day)
    return cert.stars if cert and cert.stars >= CERTIFIED_MIN_STARS else None


def lapsed_certification(certifications, day=None):
    """Return the latest rating of 3★ or more that ran out before `day`, or None.

    A product whose rating expired without a new one is shown as such, not as never rated.
    """
    day = day or local_today()
    lapsed = [c for c in certifications
              if c.has_expired_on(day) and c.stars is not None and c.stars >= CERTIFIED_MIN_STARS]
    return max(lapsed, key=lambda c: c.expires_on, default=None)
