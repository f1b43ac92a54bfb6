"""A small shop for the security tests: every kind of visitor, and plausible arguments for every route.

`build_world()` makes a customer, an administrator, producers A and B (approved), a suspended
producer, A's product with a photo and a certificate, B's product, and the customer's unpaid
card order for A's product; A's visit (a tourism product) with a slot and a cash booking of it.
`request_for(method, rule, world)` turns a rule of `app.url_map`
into a request that would succeed for the right visitor: path arguments name A's rows, form
data is what the page's own form would send.
"""
import io
import os
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, func, select

from shop.extensions import db
from shop.models import BankTransfer, Batch, CartItem
from shop.models.statuses import CertificationStatus, OrderStatus, PaymentMethod, ProducerStatus, Role
from shop.services.accounts.users import make_reset_token
from shop.services.localtime import local_today
from shop.services.orders.cart import UserCart
from tests.factories import (
    DEFAULT_PASSWORD,
    PDF,
    make_certification,
    make_image,
    make_order,
    make_producer_owner,
    make_product,
    make_slot,
    make_tour,
    make_user,
    picture_bytes,
)

IDENTITIES = ("anonymous", "customer", "producer_a", "producer_b", "suspended", "admin")
MEDIA_SAMPLE = "products/world-sample.jpg"
SCAN_SAMPLE = "certificates/world-scan.pdf"
NEW_PASSWORD = "a-brand-new-password"


@dataclass
class World:
    users: dict
    product_a: object
    product_b: object
    image_a: object
    order: object
    paid_order: object
    reset_token: str
    area_id: int
    submitted_certification: object
    extra: dict = field(default_factory=dict)

    @property
    def producer_a(self):
        return self.product_a.producer

    @property
    def shipment_a(self):
        return self.paid_order.shipments[0]


def build_world(app):
    """Write the shop described in the module docstring and commit it."""
    customer = make_user(email="customer@example.com", name="Khách Hàng")
    admin = make_user(role=Role.ADMIN, email="admin@example.com", name="Văn phòng OCOP")
    user_a, producer_a = make_producer_owner(name="HTX Alpha", slug="htx-alpha")
    user_b, producer_b = make_producer_owner(name="HTX Beta", slug="htx-beta")
    user_s, producer_s = make_producer_owner(name="HTX Suspended", slug="htx-suspended",
                                             status=ProducerStatus.SUSPENDED)
    product_a = make_product(producer_a, name_vi="Chả mực Alpha", slug="cha-muc-alpha", stock=20, stars=4)
    product_b = make_product(producer_b, name_vi="Trà Beta", slug="tra-beta", stock=20)
    make_product(producer_s, name_vi="Rượu Suspended", slug="ruou-suspended", stock=20)
    image_a = make_image(product_a, filename=MEDIA_SAMPLE)
    submitted = make_certification(product_a, stars=None, status=CertificationStatus.SUBMITTED,
                                   decision_number="77/QĐ-UBND", scan_filename=SCAN_SAMPLE)
    order = make_order([(product_a, 2)], status=OrderStatus.PENDING_PAYMENT, payment_method=PaymentMethod.CARD,
                       customer=customer, number="QNWORLD01", reserve=True)
    paid_order = make_order([(product_a, 1)], customer=customer, number="QNWORLD02", reserve=True)
    batch_a = Batch(product_id=product_a.id, lot_number="LWORLD-1", produced_on=local_today() - timedelta(days=5),
                    best_before=local_today() + timedelta(days=300), quantity=10)
    db.session.add(batch_a)
    tour_a = make_tour(producer_a, name_vi="Tham quan Alpha", slug="tham-quan-alpha")
    slot_a = make_slot(tour_a, capacity=50)
    transfer = BankTransfer(sepay_id="WORLD-1", content="chuyen tien", amount=1000, status="to_reconcile",
                            issue="no_order")
    db.session.add(transfer)
    db.session.commit()
    booking_a = _book(slot_a)
    path = os.path.join(app.config["MEDIA_FOLDER"], MEDIA_SAMPLE)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(picture_bytes("JPEG"))
    scan_path = os.path.join(app.config["MEDIA_FOLDER"], SCAN_SAMPLE)
    os.makedirs(os.path.dirname(scan_path), exist_ok=True)
    with open(scan_path, "wb") as handle:
        handle.write(PDF)
    users = {"customer": customer, "producer_a": user_a, "producer_b": user_b, "suspended": user_s, "admin": admin}
    return World(users=users, product_a=product_a, product_b=product_b, image_a=image_a, order=order,
                 paid_order=paid_order, reset_token=make_reset_token(customer), area_id=producer_a.area_id,
                 submitted_certification=submitted, extra={"confirm_token": confirmation_token(), "batch_a": batch_a,
                        "tour_a": tour_a, "slot_a": slot_a, "booking_a": booking_a, "transfer": transfer})


def _book(slot):
    """A guest's cash booking of two places of `slot` (its voucher valid, to be paid at the site)."""
    from shop.models import Booking
    from shop.services.bookings.placing import place_booking
    from tests.factories import checkout_details

    order = place_booking(slot.product, slot.id, "2", checkout_details(email="visitor@example.com"))
    return db.session.scalar(select(Booking).where(Booking.order_id == order.id))


def confirmation_token(email="confirmed@example.com"):
    """A registration's confirmation link for `email` (the account it opens is made by the POST)."""
    from shop.services.accounts.registration import _serializer
    from shop.services.accounts.users import hash_password

    return _serializer().dumps({"email": email, "name": "Người Mới", "locale": "vi",
                                "password_hash": hash_password(NEW_PASSWORD), "application": None})


def sign_in(client, user, cart=None, locale=None):
    """Start a session for `user` (None: a guest) directly, as the log-in form would leave it.

    `cart` ({product_id: quantity}) becomes the visitor's whole cart: the session's for a
    guest, the stored one for a signed-in user. `locale` picks the language of the pages.
    """
    if user is not None and cart is not None:
        db.session.execute(delete(CartItem).where(CartItem.user_id == user.id))
        for product_id, quantity in cart.items():
            UserCart(user.id).set(product_id, quantity)
        db.session.commit()
    with client.session_transaction() as session:
        session.clear()
        if user is not None:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        elif cart:
            session["cart"] = {str(product_id): quantity for product_id, quantity in cart.items()}
        if locale:
            session["locale"] = locale


def row_counts():
    """Return {table name: number of rows} for every table of the shop, as committed now."""
    db.session.rollback()  # read afresh, and hold no read transaction open afterwards
    counts = {table.name: db.session.scalar(select(func.count()).select_from(table))
              for table in db.metadata.sorted_tables}
    db.session.rollback()
    return counts


def snapshot():
    """Return every row of every table, as committed now (to prove that nothing at all was written)."""
    db.session.rollback()
    rows = {table.name: sorted(map(tuple, db.session.execute(select(table)).all()), key=repr)
            for table in db.metadata.sorted_tables}
    db.session.rollback()
    return rows


# Path arguments by (endpoint, argument) first, then by argument name alone.
def path_values(world):
    """Return the arguments that fill the rules' placeholders, naming producer A's rows."""
    return {
        ("catalog.producer", "slug"): world.producer_a.slug,
        ("static", "filename"): "css/shop.css",
        ("main.media", "filename"): MEDIA_SAMPLE,
        ("producer.product_status", "action"): "hide",
        ("auth.confirm_account", "token"): world.extra["confirm_token"],
        ("producer.photo_action", "action"): "main",
        ("checkout.book", "slug"): world.extra["tour_a"].slug,
        ("producer.voucher", "code"): world.extra["booking_a"].code,
        ("producer.check_in", "code"): world.extra["booking_a"].code,
        "slot_id": world.extra["slot_a"].id,
        "slug": world.product_a.slug,
        "number": world.order.number,
        "token": world.reset_token,
        "code": "en",
        "product_id": world.product_a.id,
        "image_id": world.image_a.id,
        "shipment_id": world.shipment_a.id,
        "line_id": world.paid_order.lines[0].id,
        "batch_id": world.extra["batch_a"].id,
        "transfer_id": world.extra["transfer"].id,
        "step": "packed",
        "producer_id": world.producer_a.id,
        "cert_id": world.submitted_certification.id,
        "user_id": world.users["customer"].id,
        "name": "summary",
        "job_id": "a-job-that-is-not-there",
        "mail_id": 1,
        "kind": "returns",
    }


def build_path(rule, world):
    """Return the path of `rule` filled with `path_values(world)`."""
    values = path_values(world)
    arguments = {name: values.get((rule.endpoint, name), values.get(name)) for name in rule.arguments}
    missing = [name for name, value in arguments.items() if value is None]
    assert not missing, f"no sample value for {missing} of route {rule.rule}: add one to path_values"
    _domain, path = rule.build(arguments, append_unknown=False)
    return path


def product_form(world, **values):
    form = {"name_vi": "Chả mực giã tay", "name_en": "Hand-pounded squid cake", "unit_vi": "hộp 500 g",
            "unit_en": "500 g box", "description_vi": "Mực tươi giã tay.", "description_en": "Fresh squid.",
            "category_id": str(world.product_a.category_id), "price": "185000", "low_stock_threshold": "5",
            "net_quantity": "500", "net_unit": "g", "shipping_weight_g": "600", "shelf_life_days": "90",
            "storage": "frozen", "allergens": "molluscs", "air_travel": "checked", "sending_abroad": "no"}
    form.update(values)
    return form


def account_form(email="new.person@example.com", **values):
    form = {"name": "Nguyễn Văn Mới", "email": email, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    form.update(values)
    return form


def apply_form(world, **values):
    form = {**account_form("new.producer@example.com"), "business_name": "HTX Mới", "legal_type": "cooperative",
            "area_id": str(world.area_id), "address": "1 Bến Đoan, Hạ Long", "phone": "0912345678",
            "story_vi": "Câu chuyện", "story_en": "Story"}
    form.update(values)
    return form


def checkout_form(**values):
    form = {"name": "Lê Minh Anh", "email": "anh@example.com", "phone": "0912 345 678",
            "delivery_method": "province", "address": "12 Trần Hưng Đạo, Hạ Long", "note": "",
            "payment_method": "cod"}
    form.update(values)
    return form


def certification_form(**values):
    decided = (local_today() - timedelta(days=30)).isoformat()
    form = {"stars": "4", "decision_number": "99/QĐ-UBND", "decision_date": decided, "issuing_body": "",
            "expires_on": "", "traceability_url": "", "note": ""}
    form.update(values)
    return form


def post_data(endpoint, world):
    """Return fresh form data for a POST to `endpoint` (files are new streams each call)."""
    product_id = str(world.product_a.id)
    data = {
        "auth.login": {"email": world.users["customer"].email, "password": DEFAULT_PASSWORD},
        "auth.logout": {},
        "auth.register": account_form(),
        "auth.reset_request": {"email": world.users["customer"].email},
        "auth.reset_password": {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        "auth.confirm_account": {},
        "cart.add": {"product_id": product_id, "quantity": "1"},
        "cart.update": {"product_id": product_id, "quantity": "2"},
        "cart.remove": {"product_id": product_id},
        "checkout.checkout": checkout_form(),
        "checkout.pay": {},
        "checkout.cancel": {},
        "producer.apply": apply_form(world),
        "producer.certification": {"product_id": product_id, "decision_number": "12/QĐ-UBND",
                                   "decision_date": local_today().isoformat(),
                                   "scan": (io.BytesIO(PDF), "decision.pdf")},
        "producer.edit_product": product_form(world),
        "producer.new_product": product_form(world, opening_stock="3"),
        "producer.product_status": {},
        "producer.photos": {"photo": (io.BytesIO(picture_bytes()), "photo.png")},
        "producer.photo_action": {},
        "producer.product_stock": {"reason": "restock", "quantity": "5", "note": "harvest"},
        "producer.profile": {"address": "2 Bến Đoan, Hạ Long", "phone": "0912345678", "story_vi": "", "story_en": ""},
        "producer.move_shipment": {},
        "producer.batches": {"lot_number": "L2612-01", "produced_on": local_today().isoformat(),
                             "best_before": (local_today() + timedelta(days=365)).isoformat(), "quantity": "50",
                             "traceability_url": ""},
        "producer.choose_lot": {"batch_id": str(world.extra["batch_a"].id)},
        "checkout.book": {"slot_id": str(world.extra["slot_a"].id), "people": "2", "name": "Lê Minh Anh",
                          "email": "anh@example.com", "phone": "0912 345 678", "note": "", "payment_method": "cod"},
        "producer.slots": {"product_id": str(world.extra["tour_a"].id), "first_day": local_today().isoformat(),
                           "last_day": (local_today() + timedelta(days=6)).isoformat(), "times": "09:00, 15:00",
                           "capacity": "20"},
        "producer.slot_capacity": {"capacity": "40"},
        "producer.remove_slot": {},
        "producer.find_voucher": {"code": world.extra["booking_a"].code},
        "producer.check_in": {},
        "webhooks.stripe_webhook": {},
        "webhooks.momo": {},
        "webhooks.bank": {},
        "admin.approve_producer": {"note": ""},
        "admin.suspend_producer": {"note": "Hồ sơ chưa đủ"},
        "admin.publish_product": {},
        "admin.reject_product": {"note": "Thiếu ảnh"},
        "admin.hide_product": {"note": ""},
        "admin.unhide_product": {},
        "admin.new_certification": certification_form(decision_number="100/QĐ-UBND"),
        "admin.edit_certification": certification_form(),
        "admin.reject_certification": {"note": "Bản scan không đọc được"},
        "admin.cancel_order": {"note": "Khách hàng gọi điện huỷ"},
        "admin.refund_order": {"amount": "1000", "note": "Hoàn tiền"},
        "admin.match_bank_transfer": {"order_number": "QNWORLD01", "accept_difference": "y"},
        "admin.refund_bank_transfer": {"note": "Đã chuyển trả"},
        "admin.dismiss_bank_transfer": {"note": "Không phải đơn hàng"},
        "admin.change_role": {"role": "customer"},
        "admin.edit_page": {"title_vi": "Đổi trả", "body_vi": "Trong 3 ngày."},
        "admin.deactivate_user": {},
        "admin.reactivate_user": {},
        "admin.retry_job": {},
        "admin.retry_mail": {},
    }
    return data.get(endpoint)


# The back office's POSTs change the world for everyone (a producer suspended, an order cancelled),
# and some POSTs change who the visitor is (a customer applying becomes a producer; a new password):
# they go last, so that every other request meets the world and the visitor as build_world made them.
CHANGES_THE_VISITOR = ("auth.reset_password", "auth.confirm_account", "producer.apply")


def _request_order(pair):
    method, rule = pair
    return (method != "GET", rule.endpoint.startswith("admin."), rule.endpoint in CHANGES_THE_VISITOR,
            rule.endpoint, rule.rule)


def route_requests(app):
    """Return (method, rule) for every method of every route in `app.url_map` (HEAD and OPTIONS aside).

    GETs come first (they change nothing), then POSTs, in a fixed order.
    """
    pairs = []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            pairs.append((method, rule))
    return sorted(pairs, key=_request_order)


def send(client, method, rule, world):
    """Send the plausible request for (`method`, `rule`)."""
    path = build_path(rule, world)
    if method == "GET":
        return client.get(path)
    data = post_data(rule.endpoint, world)
    assert data is not None, f"no sample form for POST {rule.endpoint}: add one to post_data"
    has_file = any(isinstance(value, tuple) for value in data.values())
    return client.open(path, method=method, data=data,
                       content_type="multipart/form-data" if has_file else None)


def security_header_problems(response, production=False):
    """Return what is wrong with `response`'s security headers (an empty list when all is well)."""
    headers = response.headers
    problems = []
    csp = headers.get("Content-Security-Policy", "")
    script_src = csp.split("script-src", 1)[1].split(";", 1)[0] if "script-src" in csp else ""
    if "'self'" not in script_src or "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src:
        problems.append(f"CSP script-src is {script_src!r}")
    for directive in ("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'"):
        if directive not in csp:
            problems.append(f"CSP lacks {directive}")
    expected = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
                "Referrer-Policy": "strict-origin-when-cross-origin"}
    for name, value in expected.items():
        if headers.get(name) != value:
            problems.append(f"{name} is {headers.get(name)!r}")
    hsts = headers.get("Strict-Transport-Security")
    if production and not (hsts and "max-age=31536000" in hsts):
        problems.append(f"HSTS is {hsts!r} in production")
    if not production and hsts:
        problems.append("HSTS outside production")
    return problems
