"""Build model rows for tests with sensible defaults; each helper flushes, the test commits."""
import io
import itertools
from datetime import timedelta

from PIL import Image

from shop.extensions import db
from shop.models import (
    Area,
    Category,
    Certification,
    Order,
    OrderLine,
    Producer,
    Product,
    ProductImage,
    Shipment,
    User,
    utcnow,
)
from shop.models.statuses import (
    CertificationStatus,
    DeliveryMethod,
    OrderStatus,
    PaymentMethod,
    ProducerStatus,
    ProductStatus,
    Role,
    ShipmentStatus,
)
from shop.services.catalog.search import refresh_search_text
from shop.services.certification.issuers import issuer_for
from shop.services.certification.rules import expiry_for
from shop.services.localtime import local_today
from shop.services.stock import record_initial_stock, reserve_stock

DEFAULT_PASSWORD = "correct-horse-battery"
_counter = itertools.count(1)
# One scrypt hash shared by every factory user: hashing is deliberately slow.
_PASSWORD_HASH = None


def _password_hash():
    global _PASSWORD_HASH
    if _PASSWORD_HASH is None:
        from shop.services.accounts.users import hash_password

        _PASSWORD_HASH = hash_password(DEFAULT_PASSWORD)
    return _PASSWORD_HASH


def make_user(role=Role.CUSTOMER, email=None, name=None, **values):
    """A user with DEFAULT_PASSWORD."""
    n = next(_counter)
    user = User(
        email=email or f"user{n}@example.com", name=name or f"Người dùng {n}", role=role,
        password_hash=_password_hash(), **values,
    )
    db.session.add(user)
    db.session.flush()
    return user


def make_area(name="Hạ Long", name_en=None, slug=None):
    """An area of the province (reused when it already exists)."""
    from shop.services.catalog.search import fold

    slug = slug or fold(name).replace(" ", "-")
    area = db.session.query(Area).filter_by(slug=slug).one_or_none()
    if area is None:
        area = Area(slug=slug, name=name, name_en=name_en or fold(name).title())
        db.session.add(area)
        db.session.flush()
    return area


def make_category(slug="food", name_vi="Thực phẩm", name_en="Food"):
    """An OCOP product group (reused when it already exists)."""
    category = db.session.query(Category).filter_by(slug=slug).one_or_none()
    if category is None:
        category = Category(slug=slug, name_vi=name_vi, name_en=name_en)
        db.session.add(category)
        db.session.flush()
    return category


def make_producer(owner=None, name=None, area=None, status=ProducerStatus.APPROVED, **values):
    """An approved producer in Hạ Long unless told otherwise."""
    n = next(_counter)
    producer = Producer(
        owner=owner, name=name or f"HTX Sản xuất {n}", slug=values.pop("slug", f"producer-{n}"),
        legal_type=values.pop("legal_type", "cooperative"), area=area or make_area(), status=status, **values,
    )
    db.session.add(producer)
    db.session.flush()
    return producer


def make_producer_owner(status=ProducerStatus.APPROVED, **values):
    """A producer-role user and the producer they own: (user, producer)."""
    user = make_user(role=Role.PRODUCER)
    return user, make_producer(owner=user, status=status, **values)


def make_product(producer=None, name_vi=None, price=100_000, stock=10, stars=None, status=ProductStatus.PUBLISHED,
                 category=None, **values):
    """A product with its opening stock in the ledger and, when `stars` is given, a valid rating."""
    n = next(_counter)
    product = Product(
        producer=producer or make_producer(), category=category or make_category(),
        slug=values.pop("slug", f"product-{n}"), name_vi=name_vi or f"Sản phẩm {n}",
        name_en=values.pop("name_en", f"Product {n}"), price=price, stock=stock, status=status,
        unit_vi=values.pop("unit_vi", "hộp"), unit_en=values.pop("unit_en", "box"), **values,
    )
    db.session.add(product)
    db.session.flush()
    record_initial_stock(product)
    refresh_search_text(product)
    if stars:
        make_certification(product, stars)
    db.session.flush()
    return product


def make_certification(product, stars=4, decision_date=None, status=CertificationStatus.VERIFIED, **values):
    """A rating decided 100 days ago (valid) unless told otherwise."""
    decision_date = decision_date or local_today() - timedelta(days=100)
    cert = Certification(
        product=product, stars=stars, decision_number=values.pop("decision_number", f"{next(_counter)}/QĐ-UBND"),
        issuing_body=issuer_for(stars if stars in (1, 2, 3, 4, 5) else 3, decision_date,
                                product.producer.area.name).body,
        decision_date=decision_date,
        expires_on=values.pop("expires_on", expiry_for(decision_date)), status=status, **values,
    )
    db.session.add(cert)
    db.session.flush()
    return cert


def make_image(product, filename="products/x.jpg"):
    """An image row (no file on disk)."""
    image = ProductImage(product=product, filename=filename, thumb_filename=filename, alt_vi=product.name_vi)
    db.session.add(image)
    db.session.flush()
    return image


# The shipment status an order in each status usually has (refunded orders were usually not sent).
_SHIPMENT_STATUS_FOR = {
    OrderStatus.FULFILLED: ShipmentStatus.SHIPPED, OrderStatus.COMPLETED: ShipmentStatus.DELIVERED,
    OrderStatus.CANCELLED: ShipmentStatus.CANCELLED, OrderStatus.REFUNDED: ShipmentStatus.CANCELLED,
}


def make_order(lines, status=OrderStatus.PAID, payment_method=None, customer=None, paid_at=None, created_at=None,
               shipping_fee=0, shipment_status=None, reserve=False, refunded=None, **values):
    """An order of `lines` [(product, quantity) or (product, quantity, unit_price)] with one shipment per producer.

    Amounts add up (line_total = unit_price × quantity, total = subtotal + shipping_fee). Times are naive
    UTC: `created_at` defaults to `paid_at`, else now. The payment method defaults to cash for `placed`
    orders and card otherwise; `paid_at` defaults to `created_at` for card orders that were paid and to
    None for cash orders not yet completed. `refunded` maps a product to the quantity of its line given
    back (the money goes with make_refund). Shipments take `shipment_status`, else the status that usually
    goes with the order's. With `reserve=True` each line's stock is taken through the stock service (with
    its ledger row), as checkout does.
    """
    n = next(_counter)
    created_at = created_at or paid_at or utcnow()
    refunded = refunded or {}
    payment_method = payment_method or (PaymentMethod.COD if status == OrderStatus.PLACED else PaymentMethod.CARD)
    if paid_at is None and (
        (payment_method == PaymentMethod.CARD
         and status in (OrderStatus.PAID, OrderStatus.FULFILLED, OrderStatus.COMPLETED, OrderStatus.REFUNDED))
        or (payment_method == PaymentMethod.COD and status in (OrderStatus.COMPLETED, OrderStatus.REFUNDED))
    ):
        paid_at = created_at
    priced = [(product, quantity, price[0] if price else product.price) for product, quantity, *price in lines]
    subtotal = sum(unit_price * quantity for _product, quantity, unit_price in priced)
    order = Order(
        number=values.pop("number", f"T{n:07d}"), customer=customer,
        contact_name=values.pop("contact_name", customer.name if customer else f"Khách hàng {n}"),
        email=values.pop("email", customer.email if customer else f"guest{n}@example.com"),
        phone=values.pop("phone", "0912345678"), address=values.pop("address", "12 Trần Hưng Đạo, Hạ Long"),
        delivery_method=values.pop("delivery_method", DeliveryMethod.PROVINCE), payment_method=payment_method,
        status=status, subtotal=subtotal, shipping_fee=shipping_fee, total=subtotal + shipping_fee, paid_at=paid_at,
        created_at=created_at, updated_at=created_at, **values,
    )
    producers = []
    for product, quantity, unit_price in priced:
        order.lines.append(OrderLine(
            product=product, producer_id=product.producer_id, product_name=product.name_vi,
            unit_price=unit_price, quantity=quantity, line_total=unit_price * quantity,
            refunded_quantity=refunded.get(product, 0),
        ))
        if product.producer_id not in producers:
            producers.append(product.producer_id)
    shipment_status = shipment_status or _SHIPMENT_STATUS_FOR.get(status, ShipmentStatus.PENDING)
    sent = shipment_status in (ShipmentStatus.SHIPPED, ShipmentStatus.DELIVERED)
    for producer_id in producers:
        order.shipments.append(Shipment(
            producer_id=producer_id, status=shipment_status, created_at=created_at, updated_at=created_at,
            shipped_at=created_at if sent else None,
            delivered_at=created_at if shipment_status == ShipmentStatus.DELIVERED else None,
        ))
    db.session.add(order)
    db.session.flush()
    if reserve:
        for line in order.lines:
            reserve_stock(line.product_id, line.quantity, order_id=order.id)
        db.session.flush()
    return order


def picture_bytes(fmt="PNG", size=(64, 48), color=(200, 120, 40), exif=None, **save_args):
    """The bytes of a small picture in `fmt` (PNG, JPEG, WEBP, GIF…), with `exif` (a PIL Exif) when given."""
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    if exif is not None:
        save_args["exif"] = exif
    image.save(buffer, fmt, **save_args)
    return buffer.getvalue()


def pdf_bytes(pages=1, javascript=None, attachment=None, password=None):
    """The bytes of a real PDF of blank A4 `pages`; with `javascript` run on opening, an `attachment`
    (name, bytes) or a `password`, the kinds of PDF a certificate scan may not be."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(595, 842)
    if javascript:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(javascript)})
    if attachment:
        writer.add_attachment(*attachment)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = pdf_bytes()  # a sound one-page PDF, for the tests that only need a scan


def checkout_details(**values):
    """What a customer types at checkout (cash on delivery within the province unless told otherwise)."""
    from shop.services.orders.placing import CheckoutDetails

    fields = dict(name="Lê Minh Anh", email="anh@example.com", phone="0912 345 678", delivery_method="province",
                  address="12 Trần Hưng Đạo, Hạ Long", note="", payment_method="cod")
    fields.update(values)
    return CheckoutDetails(**fields)


def place_test_order(items, customer=None, locale="vi", **details):
    """An order placed through the real service: `items` maps products (or ids) to quantities."""
    from shop.services.orders.placing import place_order

    wanted = {getattr(product, "id", product): quantity for product, quantity in items.items()}
    return place_order(wanted, checkout_details(**details), customer=customer, locale=locale)


def make_tour(producer=None, price=50_000, **values):
    """A published tourism service (group 6): a visit booked for a slot and sold as an e-voucher."""
    values.setdefault("name_vi", "Thiên đường hoa")
    return make_product(producer, price=price, stock=0,
                        category=make_category("tourism", "Dịch vụ du lịch", "Tourism services"), **values)


def make_slot(product, days_ahead=3, at="08:00", capacity=10, booked=0):
    """A visit slot of `product`, `days_ahead` days after the shop's today at `at` (local time)."""
    from datetime import time, timedelta

    from shop.models import VisitSlot
    from shop.services.localtime import local_today

    hours, minutes = (int(part) for part in at.split(":"))
    slot = VisitSlot(product_id=product.id, day=local_today() + timedelta(days=days_ahead),
                     starts_at=time(hours, minutes), capacity=capacity, booked=booked)
    db.session.add(slot)
    db.session.flush()
    return slot


def book_test_visit(slot, people=2, customer=None, locale="vi", **details):
    """A visit booked through the real service (cash at the site unless told otherwise)."""
    from shop.services.bookings.placing import place_booking

    return place_booking(slot.product, slot.id, str(people), checkout_details(**details), customer=customer,
                         locale=locale)
