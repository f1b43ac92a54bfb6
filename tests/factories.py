"""Build model rows for tests with sensible defaults; each helper flushes, the test commits."""
import itertools
from datetime import date, timedelta

from shop.extensions import db
from shop.models import Area, Category, Certification, Producer, Product, ProductImage, User
from shop.models.catalog import CERT_VERIFIED, PRODUCT_PUBLISHED
from shop.models.producer import PRODUCER_APPROVED
from shop.models.user import ROLE_CUSTOMER
from shop.services.catalog_index import refresh_search_text
from shop.services.certification import expiry_for, issuing_body_for
from shop.services.stock import record_initial_stock

DEFAULT_PASSWORD = "correct-horse-battery"
_counter = itertools.count(1)
# One scrypt hash shared by every factory user: hashing is deliberately slow.
_PASSWORD_HASH = None


def _password_hash():
    global _PASSWORD_HASH
    if _PASSWORD_HASH is None:
        from shop.services.accounts import hash_password

        _PASSWORD_HASH = hash_password(DEFAULT_PASSWORD)
    return _PASSWORD_HASH


def make_user(role=ROLE_CUSTOMER, email=None, name=None, **values):
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
    from shop.services.search import fold

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


def make_producer(owner=None, name=None, area=None, status=PRODUCER_APPROVED, **values):
    """An approved producer in Hạ Long unless told otherwise."""
    n = next(_counter)
    producer = Producer(
        owner=owner, name=name or f"HTX Sản xuất {n}", slug=values.pop("slug", f"producer-{n}"),
        legal_type=values.pop("legal_type", "cooperative"), area=area or make_area(), status=status, **values,
    )
    db.session.add(producer)
    db.session.flush()
    return producer


def make_product(producer=None, name_vi=None, price=100_000, stock=10, stars=None, status=PRODUCT_PUBLISHED,
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


def make_certification(product, stars=4, decision_date=None, status=CERT_VERIFIED, **values):
    """A rating decided 100 days ago (valid) unless told otherwise."""
    decision_date = decision_date or date.today() - timedelta(days=100)
    cert = Certification(
        product=product, stars=stars, decision_number=values.pop("decision_number", f"{next(_counter)}/QĐ-UBND"),
        issuing_body=issuing_body_for(stars or 3), decision_date=decision_date,
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


def checkout_details(**values):
    """What a customer types at checkout (cash on delivery within the province unless told otherwise)."""
    from shop.services.orders import CheckoutDetails

    fields = dict(name="Lê Minh Anh", email="anh@example.com", phone="0912 345 678", delivery_method="province",
                  address="12 Trần Hưng Đạo, Hạ Long", note="", payment_method="cod")
    fields.update(values)
    return CheckoutDetails(**fields)


def make_order(items, customer=None, locale="vi", **details):
    """An order placed through the real service: `items` maps products (or ids) to quantities."""
    from shop.services.orders import place_order

    wanted = {getattr(product, "id", product): quantity for product, quantity in items.items()}
    return place_order(wanted, checkout_details(**details), customer=customer, locale=locale)
