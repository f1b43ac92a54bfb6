"""Who may see a certificate scan: the OCOP office and the producer whose product it rates."""
from shop.extensions import db
from shop.models import Certification


def scan_key_for(user, cert_id):
    """Return the stored key of certification `cert_id`'s scan when `user` may see it, else None. Reads only."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    cert = db.session.get(Certification, cert_id)
    if cert is None or not cert.scan_filename:
        return None
    if user.is_admin:
        return cert.scan_filename
    producer = user.producer if user.is_producer else None
    if producer is not None and cert.product.producer_id == producer.id:
        return cert.scan_filename
    return None
