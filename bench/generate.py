"""Fill a PostgreSQL database with a large, consistent shop: `python -m bench.generate`.

The schema comes from the migrations (`flask --app shop db upgrade` on an emptied
database); this module only writes rows, with PostgreSQL COPY (psycopg 3), never the ORM
row by row. Default sizes: 10,000 products, 500 producers with their owners, the six OCOP
product groups and thirteen areas, certifications (mixed stars, some expired), 100,000
orders with about 300,000 lines over the last two years (card and cash, every status,
shipments, refunds) and the stock ledger (opening stock, sales, releases, returns), so
that every product's stock equals the sum of its ledger.

Products reuse the demo catalogue's real names ("Chả mực Hạ Long"…) with variants, and
their folded search text comes from the shop's own `refresh_search_text`; pictures are a
handful of drawings stored once and shared.
"""
import argparse
import random
import re
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from types import SimpleNamespace

from psycopg import sql
from sqlalchemy import text

GENERATOR_VERSION = 1
BENCH_PASSWORD = "ocop-bench-password"  # noqa: S105  (benchmark data only, printed by `make bench`)
ADMIN_EMAIL = "admin@bench.example"
MARKER_PREFIX = "bench-generator"

PICTURE_KINDS = ("squid", "tea", "pearl", "bottle", "seafood", "rice", "herb", "craft")
NAME_VARIANTS = ("", " đặc biệt", " hộp quà", " loại 1", " truyền thống", " nguyên chất", " gói tiết kiệm",
                 " hảo hạng", " túi lớn", " phiên bản Tết")
EN_VARIANTS = ("", " special", " gift box", " grade 1", " traditional", " pure", " value pack",
               " premium", " large bag", " Tet edition")
PRODUCER_WORDS = ("Hoa Vàng", "Biển Xanh", "Đông Bắc", "Minh Châu", "Quý Long", "An Phú", "Thành Đạt",
                  "Hương Quê", "Vịnh Ngọc", "Sao Mai", "Phúc Lộc", "Tân Tiến", "Hải Đăng", "Bình An",
                  "Kim Sơn", "Lộc Xuân", "Trường Thịnh", "Yên Tử", "Cửa Ông", "Bạch Đằng")
LEGAL_PREFIX = {"cooperative": "HTX", "company": "Công ty TNHH", "household": "Hộ kinh doanh"}
FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
GIVEN_NAMES = ("Minh Anh", "Thu Hà", "Văn Nam", "Thị Hoa", "Quốc Bảo", "Ngọc Lan", "Đức Thắng",
               "Hải Yến", "Tuấn Kiệt", "Mai Phương", "Jane", "David", "Sophie", "Kenji")
CARRIERS = ("Viettel Post", "Giao Hàng Nhanh", "VNPost", "J&T Express")
NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Sizes:
    """How much to generate."""

    products: int = 10_000
    producers: int = 500
    orders: int = 100_000
    customers: int = 5_000
    days: int = 730

    def marker(self):
        """The text stored on the product table saying which data this is."""
        values = ",".join(f"{key}={value}" for key, value in asdict(self).items())
        return f"{MARKER_PREFIX} v{GENERATOR_VERSION} {values}"


def slugify(value):
    """Return a URL slug made of folded words ("Chả mực Hạ Long" → "cha-muc-ha-long")."""
    from shop.services.catalog.search import fold

    return _NOT_SLUG.sub("-", fold(value)).strip("-")


def customer_email(number):
    """The e-mail address of the `number`th generated customer (from 1; each has BENCH_PASSWORD)."""
    return f"customer{number}@bench.example"


CUSTOMER_EMAIL = customer_email(1)


# The marker is the database's comment: outside the schema, so the models and migrations
# still compare equal, and cleared whenever the schema is reset.
MARKER_SQL = ("SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database "
              "WHERE datname = current_database()")


def read_marker(connection):
    """Return the generator marker stored on the database, or "" when there is none."""
    return connection.execute(text(MARKER_SQL)).scalar()


def _set_marker(cursor, marker):
    cursor.execute("SELECT current_database()")
    name = cursor.fetchone()[0]
    cursor.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(
        sql.Identifier(name), sql.Literal(marker) if marker else sql.SQL("NULL")))


def copy_rows(cursor, table, rows):
    """Write `rows` (a list of dicts with the same keys) into `table` with COPY; return how many."""
    if not rows:
        return 0
    columns = list(rows[0])
    column_sql = ", ".join(f'"{name}"' for name in columns)
    with cursor.copy(f'COPY "{table}" ({column_sql}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[name] for name in columns])
    return len(rows)


class Generator:
    """Builds the rows of a consistent shop in memory order and writes them with COPY."""

    def __init__(self, sizes, seed, now, echo):
        self.sizes = sizes
        self.rng = random.Random(seed)  # noqa: S311  (repeatable test data, not secrets)
        self.now = now
        self.echo = echo
        self.stock_delta = {}  # product id → units gone out through orders (net of returns)
        self.movements = []
        # The English texts, as rows of the translation tables (shop.models.translations).
        self.translations = {"category_translation": [], "area_translation": [], "producer_translation": [],
                             "product_translation": []}

    # --- reference data -------------------------------------------------------------

    def categories(self):
        from shop.demo import CATEGORIES

        self.category_ids = {slug: number for number, (slug, _vi, _en) in enumerate(CATEGORIES, start=1)}
        self.translations["category_translation"] = [
            {"category_id": number, "language": "en", "name": en}
            for number, (_slug, _vi, en) in enumerate(CATEGORIES, start=1)]
        return [{"id": number, "slug": slug, "name_vi": vi, "position": number - 1}
                for number, (slug, vi, _en) in enumerate(CATEGORIES, start=1)]

    def areas(self):
        from shop.demo import AREAS

        self.area_list = [SimpleNamespace(id=number, name=vi, name_en=en, translations={"en": SimpleNamespace(name=en)})
                          for number, (_slug, vi, en) in enumerate(AREAS, start=1)]
        self.translations["area_translation"] = [
            {"area_id": number, "language": "en", "name": en} for number, (_slug, _vi, en) in enumerate(AREAS, start=1)]
        return [{"id": number, "slug": slug, "name": vi, "position": number - 1}
                for number, (slug, vi, _en) in enumerate(AREAS, start=1)]

    def users(self, password_hash):
        """The administrator, one owner per producer, then customers."""
        created = self.now - timedelta(days=self.sizes.days + 60)
        rows = [self._user(1, ADMIN_EMAIL, "Văn phòng OCOP (benchmark)", "admin", password_hash, created)]
        for number in range(1, self.sizes.producers + 1):
            rows.append(self._user(1 + number, f"producer{number}@bench.example", self._person(),
                                   "producer", password_hash, created))
        self.first_customer_id = 2 + self.sizes.producers
        for number in range(self.sizes.customers):
            rows.append(self._user(self.first_customer_id + number, customer_email(number + 1),
                                   self._person(), "customer", password_hash, self._past(self.sizes.days)))
        return rows

    def _user(self, user_id, email, name, role, password_hash, created):
        return {"id": user_id, "email": email, "password_hash": password_hash, "name": name, "role": role,
                "locale": "en" if self.rng.random() < 0.2 else "vi", "active": True,
                "created_at": created, "updated_at": created}

    def _person(self):
        return f"{self.rng.choice(FAMILY_NAMES)} {self.rng.choice(GIVEN_NAMES)}"

    def _past(self, days):
        """A moment in the last `days` days."""
        return self.now - timedelta(seconds=self.rng.uniform(0, days * 86400))

    # --- producers and products -----------------------------------------------------

    def producers(self):
        rng, rows = self.rng, []
        self.producer_info = {}
        for number in range(1, self.sizes.producers + 1):
            legal_type = rng.choice(tuple(LEGAL_PREFIX))
            area = self.area_list[(number - 1) % len(self.area_list)] if number <= 13 else rng.choice(self.area_list)
            name = f"{LEGAL_PREFIX[legal_type]} {rng.choice(PRODUCER_WORDS)} {area.name}"
            status = "approved" if number == 1 or rng.random() < 0.95 else rng.choice(("pending", "suspended"))
            created = self.now - timedelta(days=self.sizes.days + rng.uniform(30, 400))
            self.producer_info[number] = SimpleNamespace(name=name, area=area, approved=status == "approved")
            self.translations["producer_translation"].append({
                "producer_id": number, "language": "en",
                "story": f"{name} makes OCOP products of {area.name_en} from local ingredients."})
            rows.append({
                "id": number, "owner_id": 1 + number, "name": name, "slug": f"{slugify(name)}-{number}",
                "legal_type": legal_type, "area_id": area.id, "address": f"Thôn {rng.randint(1, 12)}, {area.name}",
                "phone": f"09{rng.randint(10_000_000, 99_999_999)}", "email": f"producer{number}@bench.example",
                "story_vi": f"{name} làm sản phẩm OCOP của {area.name} từ nguyên liệu địa phương.",
                "status": status, "status_reason": "",
                "approved_at": created + timedelta(days=7) if status == "approved" else None,
                "created_at": created, "updated_at": created,
            })
        return rows

    def products(self, bases, pictures):
        """Products from the demo catalogue's names with variants; the first few are always listed."""
        from shop.services.catalog.search import refresh_search_text

        rng, rows = self.rng, []
        self.price = {}
        self.stock = {}
        self.orderable = []
        self.by_producer = {}
        self.images = []
        for number in range(1, self.sizes.products + 1):
            base = bases[(number - 1) % len(bases)]
            round_of = (number - 1) // len(bases)
            variant = round_of % len(NAME_VARIANTS)
            producer_id = 1 if number <= 3 else rng.randint(1, self.sizes.producers)
            producer = self.producer_info[producer_id]
            name_vi = base["name_vi"] + NAME_VARIANTS[variant]
            name_en = base["name_en"] + EN_VARIANTS[variant]
            status = "published" if number <= 3 else rng.choices(
                ("published", "draft", "pending_review", "hidden"), (90, 4, 3, 3))[0]
            price = max(1000, int(round(int(base["price"]) * rng.uniform(0.6, 1.6), -3)))
            stock = 1000 if number <= 3 else self._opening_stock()
            created = self.now - timedelta(days=self.sizes.days + 30) + timedelta(
                seconds=rng.uniform(0, (self.sizes.days + 20) * 86400))
            created = min(created, self.now - timedelta(days=1))
            item = SimpleNamespace(name_vi=name_vi, translations={"en": SimpleNamespace(name=name_en)}, search_text="",
                                   producer=SimpleNamespace(name=producer.name, area=producer.area))
            rows.append({
                "id": number, "producer_id": producer_id, "category_id": self.category_ids[base["category"]],
                "slug": f"{slugify(name_vi)}-{number}", "name_vi": name_vi,
                "description_vi": base["description_vi"], "unit_vi": base["unit_vi"], "price": price, "stock": stock,
                "low_stock_threshold": 5, "status": status,
                "featured": status == "published" and (number == 1 or rng.random() < 0.03),
                "review_note": "", "search_text": refresh_search_text(item),
                "published_at": created + timedelta(hours=6) if status == "published" else None,
                "created_at": created, "updated_at": created,
            })
            self.translations["product_translation"].append({
                "product_id": number, "language": "en", "name": name_en, "description": base["description_en"],
                "unit": base["unit_en"]})
            self.price[number], self.stock[number] = price, stock
            if status == "published" and producer.approved:
                self.orderable.append(number)
                self.by_producer.setdefault(producer_id, []).append(number)
            filename, thumb, width, height = pictures[_picture_kind(base["picture"])]
            self.images.append({
                "id": number, "product_id": number, "filename": filename, "thumb_filename": thumb,
                "alt_vi": name_vi, "alt_en": name_en, "width": width, "height": height, "position": 0,
                "created_at": created,
            })
        self.product_rows = {row["id"]: row for row in rows}
        return rows

    def _opening_stock(self):
        roll = self.rng.random()
        if roll < 0.05:
            return 0
        if roll < 0.15:
            return self.rng.randint(1, 5)
        return self.rng.randint(10, 500)

    def certifications(self):
        """About three products in four are rated; some ratings have expired, some were renewed."""
        from shop.services.certification.issuers import issuer_for
        from shop.services.certification.rules import expiry_for

        rng, rows = self.rng, []
        today = self.now.date()
        for product_id in range(1, self.sizes.products + 1):
            if product_id > 3 and rng.random() > 0.75:
                continue
            decisions = [today - timedelta(days=rng.randint(30, 5 * 365))]
            if product_id == 1:
                decisions = [today - timedelta(days=200)]
            elif rng.random() < 0.15:
                decisions.append(decisions[0] - timedelta(days=3 * 365 + rng.randint(10, 200)))
            for decision_date in decisions:
                stars = 4 if product_id == 1 else rng.choices((1, 2, 3, 4, 5), (5, 7, 45, 35, 8))[0]
                status = "verified" if product_id <= 3 else rng.choices(
                    ("verified", "submitted", "rejected"), (90, 7, 3))[0]
                created = _at_noon(decision_date)
                issuer = issuer_for(stars, decision_date, "Hạ Long")
                rows.append({
                    "id": len(rows) + 1, "product_id": product_id,
                    "stars": stars if status == "verified" else None,
                    "decision_number": f"{rng.randint(100, 9999)}/QĐ-UBND",
                    "issuing_body": issuer.body, "issuing_level": issuer.level.value,
                    "issuer_reason": "", "decision_date": decision_date,
                    "expires_on": expiry_for(decision_date), "traceability_url": "", "scan_filename": "",
                    "status": status, "is_demo": False, "note": "", "submitted_by_id": None,
                    "verified_by_id": 1 if status == "verified" else None,
                    "created_at": created, "updated_at": created,
                })
        return rows

    # --- orders -----------------------------------------------------------------------

    def orders(self):
        """Orders, lines, shipments, events and refunds over the last `days` days, oldest first."""
        rng, sizes = self.rng, self.sizes
        weights = [1 / (rank ** 0.8) for rank in range(1, len(self.orderable) + 1)]
        popular = self.orderable[:]
        rng.shuffle(popular)
        cumulative, total = [], 0.0
        for weight in weights:
            total += weight
            cumulative.append(total)
        moments = sorted(self.now - timedelta(seconds=sizes.days * 86400 * (1 - rng.random() ** 0.7))
                         for _number in range(sizes.orders))
        numbers = set()
        tables = {"shop_order": [], "order_line": [], "shipment": [], "order_event": [], "refund": []}
        for order_id, created in enumerate(moments, start=1):
            pending = order_id > sizes.orders - max(1, sizes.orders // 5000)
            self._order(order_id, created, pending, popular, cumulative, numbers, tables)
        return tables

    def _order(self, order_id, created, pending, popular, cumulative, numbers, tables):
        from shop.services.orders.cart import shipping_fee

        rng = self.rng
        products = self._basket(popular, cumulative)
        lines = [(product_id, rng.choices((1, 2, 3, 4), (70, 20, 7, 3))[0]) for product_id in products]
        subtotal = sum(self.price[product_id] * quantity for product_id, quantity in lines)
        delivery = rng.choices(("province", "nationwide", "pickup"), (50, 40, 10))[0]
        fee = shipping_fee(delivery, subtotal)
        payment = "card" if rng.random() < 0.55 else "cod"
        story = self._story(created, payment, pending)
        number = _order_number(rng, numbers)
        customer = self.first_customer_id + rng.randrange(self.sizes.customers) if (
            self.sizes.customers and rng.random() < 0.35) else None
        name = self._person()
        order = {
            "id": order_id, "number": number, "customer_id": customer, "contact_name": name,
            "email": customer_email(customer - self.first_customer_id + 1) if customer
            else f"guest{order_id}@bench.example",
            "phone": f"09{rng.randint(10_000_000, 99_999_999)}",
            "address": "" if delivery == "pickup" else f"Số {rng.randint(1, 300)} đường Trần Hưng Đạo, Hạ Long",
            "delivery_method": delivery, "note": "", "payment_method": payment,
            "locale": "en" if rng.random() < 0.2 else "vi", "subtotal": subtotal, "shipping_fee": fee,
            "total": subtotal + fee, "refunded_amount": 0, "status": story.status,
            "stripe_session_id": f"cs_bench_{order_id}" if payment == "card" else None,
            "stripe_payment_intent_id": f"pi_bench_{order_id}" if payment == "card" and story.paid_at else None,
            "reservation_expires_at": created + timedelta(minutes=30) if payment == "card" else None,
            "paid_at": story.paid_at, "cancelled_at": story.cancelled_at,
            "created_at": created, "updated_at": story.events[-1][2],
        }
        line_rows = []
        for product_id, quantity in lines:
            price = self.price[product_id]
            line_rows.append({
                "id": len(tables["order_line"]) + len(line_rows) + 1, "order_id": order_id,
                "product_id": product_id, "producer_id": self.product_rows[product_id]["producer_id"],
                "product_name": self.product_rows[product_id]["name_vi"], "unit_price": price,
                "quantity": quantity, "line_total": price * quantity, "refunded_quantity": 0,
            })
            self._move(product_id, -quantity, "sale", order_id, created)
            if story.status == "cancelled":
                self._move(product_id, quantity, "release", order_id, story.cancelled_at)
        self._refund(order, line_rows, story, tables["refund"])
        tables["shop_order"].append(order)
        tables["order_line"].extend(line_rows)
        for producer_id in sorted({line["producer_id"] for line in line_rows}):
            shipment_id = len(tables["shipment"]) + 1
            tables["shipment"].append(self._shipment(shipment_id, order_id, producer_id, created, story))
        for from_status, to_status, moment in story.events:
            tables["order_event"].append({
                "id": len(tables["order_event"]) + 1, "order_id": order_id, "from_status": from_status,
                "to_status": to_status, "actor_id": None, "note": "", "created_at": moment,
            })

    def _basket(self, popular, cumulative):
        """One to five different products, often from the same producer as the first."""
        rng = self.rng
        size = rng.choices((1, 2, 3, 4, 5), (15, 25, 25, 20, 15))[0]
        chosen = []
        first = rng.choices(popular, cum_weights=cumulative)[0]
        chosen.append(first)
        siblings = self.by_producer[self.product_rows[first]["producer_id"]]
        for _attempt in range(size * 3):
            if len(chosen) >= size:
                break
            pool = siblings if rng.random() < 0.4 and len(siblings) > 1 else None
            candidate = rng.choice(pool) if pool else rng.choices(popular, cum_weights=cumulative)[0]
            if candidate not in chosen:
                chosen.append(candidate)
        return sorted(chosen)

    def _story(self, created, payment, pending):
        """Decide an order's life so far: its status, times and status events."""
        rng, now = self.rng, self.now
        age = (now - created).total_seconds() / 86400
        clamp = lambda moment: min(moment, now - timedelta(minutes=1))  # noqa: E731
        first = "pending_payment" if payment == "card" else "placed"
        events = [("", first, created)]
        story = SimpleNamespace(status=first, events=events, paid_at=None, cancelled_at=None,
                                packed_at=None, shipped_at=None, delivered_at=None, refund_at=None, refund="")

        def move(status, moment):
            events.append((story.status, status, moment))
            story.status = status

        if pending and payment == "card":
            return story
        if rng.random() < (0.06 if payment == "card" else 0.08):
            story.cancelled_at = clamp(created + timedelta(minutes=30 if payment == "card" else 600))
            move("cancelled", story.cancelled_at)
            return story
        if payment == "card":
            story.paid_at = created + timedelta(minutes=rng.uniform(1, 10))
            move("paid", story.paid_at)
        if age > 2:
            story.packed_at = created + timedelta(hours=rng.uniform(2, 20))
            story.shipped_at = story.packed_at + timedelta(hours=rng.uniform(2, 24))
            move("fulfilled", story.shipped_at)
        if age > 7:
            story.delivered_at = story.shipped_at + timedelta(days=rng.uniform(1, 3))
            if payment == "cod":
                story.paid_at = story.delivered_at
            move("completed", story.delivered_at)
            roll = rng.random()
            refund_at = clamp(story.delivered_at + timedelta(days=rng.uniform(1, 10)))
            if roll < (0.03 if payment == "card" else 0.01):
                story.refund, story.refund_at = "full", refund_at
                move("refunded", refund_at)
            elif roll < 0.05 and payment == "card":
                story.refund, story.refund_at = "partial", refund_at
        return story

    def _refund(self, order, line_rows, story, refunds):
        if not story.refund:
            return
        if story.refund == "full":
            amount, restocked = order["total"], True
            for line in line_rows:
                line["refunded_quantity"] = line["quantity"]
                self._move(line["product_id"], line["quantity"], "refund", order["id"], story.refund_at)
        else:
            line = line_rows[0]
            line["refunded_quantity"] = 1
            amount, restocked = line["unit_price"], False
        order["refunded_amount"] = amount
        refunds.append({
            "id": len(refunds) + 1, "order_id": order["id"], "amount": amount,
            "reason": "Khách trả hàng" if story.refund == "full" else "Một sản phẩm bị hỏng khi giao",
            "stripe_refund_id": f"re_bench_{order['id']}" if order["payment_method"] == "card" else None,
            "restocked": restocked, "actor_id": 1, "created_at": story.refund_at,
        })

    def _shipment(self, shipment_id, order_id, producer_id, created, story):
        status = {"pending_payment": "pending", "placed": "pending", "paid": "pending", "fulfilled": "shipped",
                  "completed": "delivered", "refunded": "delivered", "cancelled": "cancelled"}[story.status]
        shipped = status in ("shipped", "delivered")
        return {
            "id": shipment_id, "order_id": order_id, "producer_id": producer_id, "status": status,
            "carrier": self.rng.choice(CARRIERS) if shipped else "",
            "tracking_number": f"QN{order_id:08d}{producer_id:04d}" if shipped else "",
            "packed_at": story.packed_at if shipped else None, "shipped_at": story.shipped_at if shipped else None,
            "delivered_at": story.delivered_at if status == "delivered" else None,
            "created_at": created, "updated_at": story.events[-1][2],
        }

    # --- the stock ledger -------------------------------------------------------------

    def _move(self, product_id, quantity, reason, order_id, moment):
        self.stock_delta[product_id] = self.stock_delta.get(product_id, 0) + quantity
        self.movements.append((product_id, quantity, reason, order_id, moment))

    def stock_movements(self):
        """Opening stock (what is on hand now plus everything orders took), then the order moves."""
        opened = self.now - timedelta(days=self.sizes.days + 1)
        rows = []
        for product_id in range(1, self.sizes.products + 1):
            opening = self.stock[product_id] - self.stock_delta.get(product_id, 0)
            product = self.product_rows[product_id]
            if opening:
                rows.append({"product_id": product_id, "quantity": opening, "reason": "restock", "order_id": None,
                             "actor_id": 1 + product["producer_id"], "note": "Tồn kho đầu kỳ",
                             "created_at": min(opened, product["created_at"])})
        for product_id, quantity, reason, order_id, moment in self.movements:
            rows.append({"product_id": product_id, "quantity": quantity, "reason": reason, "order_id": order_id,
                         "actor_id": None, "note": "", "created_at": moment})
        for number, row in enumerate(rows, start=1):
            row["id"] = number
        return rows


def _at_noon(day):
    return datetime(day.year, day.month, day.day, 5, 0)


def _picture_kind(kind):
    return kind if kind in PICTURE_KINDS else PICTURE_KINDS[sum(map(ord, kind)) % len(PICTURE_KINDS)]


def _order_number(rng, numbers):
    while True:
        number = "QN" + "".join(rng.choice(NUMBER_ALPHABET) for _i in range(8))
        if number not in numbers:
            numbers.add(number)
            return number


def store_pictures():
    """Draw and store the shared product pictures once; return {kind: (file, thumb, width, height)}."""
    from PIL import Image

    from shop.demo.drawings import draw_picture
    from shop.services.media.storage import media_exists, store_picture

    stored = {}
    for kind in PICTURE_KINDS:
        basename = f"bench-{kind}"
        filename, thumb = f"products/{basename}.jpg", f"products/{basename}-thumb.jpg"
        if media_exists(filename) and media_exists(thumb):
            from flask import current_app

            with Image.open(f"{current_app.config['MEDIA_FOLDER']}/{filename}") as image:
                stored[kind] = (filename, thumb, *image.size)
        else:
            stored[kind] = store_picture(draw_picture(kind, basename, size=600), basename=basename)
    return stored


def demo_bases():
    """The demo catalogue's products, "Chả mực Hạ Long" first so that every size can find it."""
    from shop.demo import read_rows

    rows = read_rows("products.csv")
    rows.sort(key=lambda row: row["slug"] != "cha-muc-ha-long")
    return rows


def generate(sizes=Sizes(), seed=2024, echo=print):
    """Fill the (freshly migrated, empty) database of the current app; return row counts."""
    from shop.extensions import db
    from shop.models import utcnow
    from shop.services.accounts.users import hash_password

    started = time.monotonic()
    generator = Generator(sizes, seed, utcnow().replace(microsecond=0), echo)
    pictures = store_pictures()
    echo(f"  pictures ready ({len(pictures)}) in {time.monotonic() - started:.1f}s")
    tables = [
        ("category", generator.categories()),
        ("area", generator.areas()),
        ("user", generator.users(hash_password(BENCH_PASSWORD))),
        ("producer", generator.producers()),
        ("product", generator.products(demo_bases(), pictures)),
        ("product_image", generator.images),
        ("certification", generator.certifications()),
        *generator.translations.items(),
    ]
    orders = generator.orders()
    tables += list(orders.items())
    tables.append(("stock_movement", generator.stock_movements()))
    echo(f"  rows built in {time.monotonic() - started:.1f}s")

    counts = {}
    raw = db.engine.raw_connection()
    try:
        with raw.driver_connection.cursor() as cursor:
            # The rows are consistent by construction: skip the per-row foreign-key triggers
            # (superuser only; a plain owner loads with the checks on, only slower).
            _skip_triggers(cursor)
            dropped = _drop_secondary_indexes(cursor)
            for table, rows in tables:
                counts[table] = copy_rows(cursor, table, rows)
                if table in generator.translations:
                    continue  # keyed by (object, language): no sequence
                cursor.execute(sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({name}, 'id'), "
                    "(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                ).format(name=sql.Literal(f'"{table}"'), table=sql.Identifier(table)))
            for definition in dropped:
                cursor.execute(definition)
            _set_marker(cursor, sizes.marker())
        raw.commit()
    finally:
        raw.close()
    echo(f"  copied in {time.monotonic() - started:.1f}s: "
         + ", ".join(f"{count:,} {table}" for table, count in counts.items()))
    check_stock_ledger()
    rebuild_rollups()  # COPY passes by the flush hooks that keep the rollups and the listings
    echo(f"  revenue rollups summed in {time.monotonic() - started:.1f}s")
    rebuild_listings()
    echo(f"  product listings worked out in {time.monotonic() - started:.1f}s")
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM (ANALYZE)"))
    echo(f"  checked and analysed in {time.monotonic() - started:.1f}s")
    return counts


def _skip_triggers(cursor):
    from psycopg import errors

    cursor.execute("SAVEPOINT replica_role")
    try:
        cursor.execute("SET LOCAL session_replication_role = replica")
    except errors.InsufficientPrivilege:
        cursor.execute("ROLLBACK TO SAVEPOINT replica_role")


def _drop_secondary_indexes(cursor):
    """Drop the indexes that back no constraint (faster to build once after loading); return their DDL."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
    return [definition for _name, definition in indexes]


def check_stock_ledger():
    """Raise unless every product's stock equals the sum of its ledger."""
    from shop.extensions import db

    wrong = db.session.execute(text(
        "SELECT count(*) FROM product p LEFT JOIN (SELECT product_id, sum(quantity) AS total "
        "FROM stock_movement GROUP BY product_id) m ON m.product_id = p.id "
        "WHERE p.stock <> coalesce(m.total, 0)"
    )).scalar()
    db.session.rollback()
    if wrong:
        raise RuntimeError(f"{wrong} products have a stock that differs from their ledger")


def rebuild_rollups():
    """Sum the revenue rollups from the copied orders (the shop's own `rebuild_rollups`)."""
    from shop.services.reports.rollups import rebuild_rollups as rebuild

    rebuild()


def rebuild_listings():
    """Work out the storefront's product_listing rows from the copied products."""
    from shop.services.catalog.read_model import rebuild_listings as rebuild

    rebuild()


def ensure_rollups(url):
    """Sum the revenue rollups and the listings of the database at `url` when empty (data made before them)."""
    import psycopg

    with psycopg.connect(plain_url(url)) as connection:
        rollups = connection.execute("SELECT 1 FROM revenue_day LIMIT 1").fetchone()
        listings = connection.execute("SELECT 1 FROM product_listing LIMIT 1").fetchone()
    if not rollups:
        _flask(url, "rebuild-rollups")
    if not listings:
        _flask(url, "refresh-listings", "--all")


def reset_schema(url):
    """Empty the database at `url` and build the schema with the migrations."""
    import psycopg

    with psycopg.connect(plain_url(url), autocommit=True) as connection:
        _set_marker(connection.cursor(), "")
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
    upgrade_schema(url)


def upgrade_schema(url):
    """Run `flask --app shop db upgrade` against `url`."""
    _flask(url, "db", "upgrade")


def _flask(url, *command):
    """Run `flask --app shop <command>` against `url`."""
    import os
    import subprocess
    import sys

    from config import BASE_DIR

    env = {**os.environ, "DATABASE_URL": url}
    env.pop("SHOP_CONFIG", None)
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "shop", *command], cwd=BASE_DIR,  # noqa: S603
                          env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"flask {' '.join(command)} failed:\n{done.stderr}")


def plain_url(url):
    """Return a libpq URL for `url` (without SQLAlchemy's driver name)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1).replace("postgres://", "postgresql://", 1)


def main(argv=None):
    """Reset the database named by --database-url (or DATABASE_URL), migrate it and fill it."""
    import os

    defaults = Sizes()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--products", type=int, default=defaults.products)
    parser.add_argument("--producers", type=int, default=defaults.producers)
    parser.add_argument("--orders", type=int, default=defaults.orders)
    parser.add_argument("--customers", type=int, default=defaults.customers)
    parser.add_argument("--days", type=int, default=defaults.days)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgresql", "postgres:")):
        parser.error("give a PostgreSQL --database-url (or DATABASE_URL)")
    sizes = Sizes(products=args.products, producers=args.producers, orders=args.orders,
                  customers=args.customers, days=args.days)
    fill(args.database_url, sizes, args.seed)
    return 0


def fill(url, sizes, seed=2024, echo=print):
    """Reset, migrate and fill the database at `url` with `sizes`; return the row counts."""
    from config import Config, database_url
    from shop import create_app
    from shop.extensions import db

    if sizes.products < 3 or sizes.producers < 1:
        raise ValueError("need at least 3 products and 1 producer")
    started = time.monotonic()
    echo(f"Generating {sizes.marker()} into {plain_url(url).rsplit('/', 1)[-1]}")
    reset_schema(url)
    echo(f"  schema migrated in {time.monotonic() - started:.1f}s")

    class GeneratorConfig(Config):
        SQLALCHEMY_DATABASE_URI = database_url(url)

    app = create_app(GeneratorConfig)
    with app.app_context():
        counts = generate(sizes, seed, echo)
        db.engine.dispose()
    echo(f"Done in {time.monotonic() - started:.1f}s")
    return counts


if __name__ == "__main__":
    raise SystemExit(main())
