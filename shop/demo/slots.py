"""The demo's visits: a calendar of slots for its group-6 product, dated from the day the demo is seeded."""
from datetime import time, timedelta

from sqlalchemy import select

from shop.extensions import db
from shop.models import Product, VisitSlot

# (product slug, starting times, people per visit, days opened from the seeding day)
VISITS = [("thien-duong-hoa-quang-la", (time(8, 0), time(15, 0)), 40, 30)]


def seed_visit_slots(today):
    """Open the demo product's visits for the next weeks (existing slots are kept); return how many exist.

    Does not commit: the demo's seeding commits the catalogue once.
    """
    count = 0
    for slug, times, capacity, days in VISITS:
        product_id = db.session.scalar(select(Product.id).where(Product.slug == slug))
        if product_id is None:
            continue
        existing = set(db.session.execute(
            select(VisitSlot.day, VisitSlot.starts_at).where(VisitSlot.product_id == product_id)).all())
        for offset in range(days):
            day = today + timedelta(days=offset)
            for starts_at in times:
                if (day, starts_at) not in existing:
                    db.session.add(VisitSlot(product_id=product_id, day=day, starts_at=starts_at, capacity=capacity))
                count += 1
    return count
