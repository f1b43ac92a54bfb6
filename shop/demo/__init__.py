"""The demo catalogue: real Quảng Ninh OCOP products with illustrative prices and ratings.

The star levels, decision numbers and dates are demo data, not the official register
(see data/README.md). `seed_demo` is shared by the `seed-demo` command and the tests.

A rating whose decision date a source states keeps it (`decision_date` in certifications.csv) and expires
36 months later like any other; an illustrative rating is dated `days_before_seeding` days before the day the
demo is seeded, so a demo seeded in any year shows ratings in force.
"""
import csv
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from shop.demo.slots import seed_visit_slots
from shop.extensions import db
from shop.models import Area, Batch, Category, Certification, Producer, Product, ProductImage, User, utcnow
from shop.models.statuses import CertificationStatus, ProducerStatus, ProductStatus, Role
from shop.services.accounts.users import hash_password
from shop.services.catalog.facts import FACT_FIELDS, apply_facts, clean_facts
from shop.services.catalog.search import refresh_search_text
from shop.services.certification.issuers import issuer_for
from shop.services.certification.rules import expiry_for
from shop.services.localtime import local_today
from shop.services.media.storage import media_exists, store_picture
from shop.services.stock import record_initial_stock
from shop.services.transaction import commits

DATA = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "ocop-demo"  # noqa: S105  (documented demo accounts; never in production)
DEMO_NOTE = "Dữ liệu minh hoạ (demo), không phải sổ đăng ký chính thức."

CATEGORIES = [
    ("food", "Thực phẩm", "Food"),
    ("beverage", "Đồ uống", "Beverages"),
    ("herbal", "Dược liệu", "Herbal products"),
    ("handicraft", "Thủ công mỹ nghệ", "Handicrafts"),
    ("ornamental", "Sinh vật cảnh", "Ornamental plants"),
    ("tourism", "Dịch vụ du lịch", "Tourism services"),
]

AREAS = [
    ("ha-long", "Hạ Long", "Ha Long"), ("cam-pha", "Cẩm Phả", "Cam Pha"),
    ("uong-bi", "Uông Bí", "Uong Bi"), ("mong-cai", "Móng Cái", "Mong Cai"),
    ("dong-trieu", "Đông Triều", "Dong Trieu"), ("quang-yen", "Quảng Yên", "Quang Yen"),
    ("ba-che", "Ba Chẽ", "Ba Che"), ("binh-lieu", "Bình Liêu", "Binh Lieu"),
    ("co-to", "Cô Tô", "Co To"), ("dam-ha", "Đầm Hà", "Dam Ha"),
    ("hai-ha", "Hải Hà", "Hai Ha"), ("tien-yen", "Tiên Yên", "Tien Yen"),
    ("van-don", "Vân Đồn", "Van Don"),
]

# The groups' and areas' names in Chinese and Korean (areas by the names the Chinese and Korean press use).
TRANSLATED_NAMES = {
    "food": ("食品", "식품"), "beverage": ("饮品", "음료"), "herbal": ("药材产品", "약재·약초 제품"),
    "handicraft": ("手工艺品", "수공예품"), "ornamental": ("观赏动植物", "관상 동식물"),
    "tourism": ("旅游服务", "관광 서비스"),
    "ha-long": ("下龙", "하롱"), "cam-pha": ("锦普", "껌파"), "uong-bi": ("汪秘", "우옹비"),
    "mong-cai": ("芒街", "몽까이"), "dong-trieu": ("东潮", "동찌에우"), "quang-yen": ("广安", "꽝옌"),
    "ba-che": ("巴扯", "바째"), "binh-lieu": ("平辽", "빈리에우"), "co-to": ("姑苏", "꼬또"),
    "dam-ha": ("潭河", "덤하"), "hai-ha": ("海河", "하이하"), "tien-yen": ("先安", "띠엔옌"),
    "van-don": ("云屯", "번돈"),
}

# (e-mail, name, role, slug of the producer they own)
ACCOUNTS = [
    ("admin@example.com", "Văn phòng OCOP Quảng Ninh", Role.ADMIN, None),
    ("producer@example.com", "Nguyễn Thị Hoa", Role.PRODUCER, 0),
    ("producer2@example.com", "Trần Văn Minh", Role.PRODUCER, 1),
    ("customer@example.com", "Lê Minh Anh", Role.CUSTOMER, None),
]


def read_rows(name):
    """Read one of the demo CSV files as a list of dicts."""
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _upsert(model, key, values):
    """Return the row of `model` matching `key`, created or updated with `values`."""
    row = db.session.scalar(select(model).filter_by(**key))
    if row is None:
        row = model(**key, **values)
        db.session.add(row)
    else:
        for name, value in values.items():
            setattr(row, name, value)
    return row


def seed_demo(echo=print, today=None):
    """Load (or refresh) the demo catalogue and accounts, then the demo orders; return counts of what exists.

    Illustrative ratings are dated from `today` (default: the shop's day).
    """
    from shop.demo.orders import seed_demo_orders

    owners = _seed_catalogue(echo, today or local_today())
    seed_demo_orders(echo)
    return {
        "products": db.session.query(Product).count(),
        "producers": db.session.query(Producer).count(),
        "accounts": len(owners),
    }


@commits
def _seed_catalogue(echo, today):
    """Load (or refresh) the product groups, areas, producers, accounts and products; return the accounts."""
    from shop.demo import drawings

    categories = {slug: _upsert(Category, {"slug": slug}, {"name_vi": vi, "name_en": en, "position": i,
                                                           **_names_of(slug)})
                  for i, (slug, vi, en) in enumerate(CATEGORIES)}
    areas = {vi: _upsert(Area, {"slug": slug}, {"name": vi, "name_en": en, "position": i, **_names_of(slug)})
             for i, (slug, vi, en) in enumerate(AREAS)}
    db.session.flush()
    echo(f"  {len(categories)} product groups, {len(areas)} areas")

    producer_rows = read_rows("producers.csv")
    stories = _translations("producer_translations.csv")
    producers = {}
    for row in producer_rows:
        producers[row["slug"]] = _upsert(Producer, {"slug": row["slug"]}, {
            "name": row["name"], "legal_type": row["legal_type"], "area": areas[row["area"]],
            "address": row["address"], "phone": row["phone"], "email": row["email"],
            "story_vi": row["story_vi"], "story_en": row["story_en"], "status": ProducerStatus.APPROVED,
            **stories.get(row["slug"], {}),
        })
    db.session.flush()
    echo(f"  {len(producers)} producers")

    owners = _seed_accounts(producer_rows, producers)
    echo(f"  {len(ACCOUNTS)} demo accounts")

    certifications = {row["product_slug"]: row for row in read_rows("certifications.csv")}
    facts = {row["product_slug"]: row for row in read_rows("facts.csv")}
    product_rows = read_rows("products.csv")
    texts = _translations("product_translations.csv")
    for number, row in enumerate(product_rows, start=1):
        product = _seed_product(row, producers[row["producer_slug"]], categories[row["category"]],
                                texts.get(row["slug"], {}))
        _seed_certification(product, certifications[row["slug"]], row["stars_verified"] == "yes", today)
        if row["slug"] in facts:
            apply_facts(product, demo_facts(facts[row["slug"]]))
        _seed_picture(product, row, drawings.draw_picture)
        echo(f"  [{number:2d}/{len(product_rows)}] {product.name_vi}")
    echo(f"  {_seed_batches(today)} lots with their traceability links")
    echo(f"  {seed_visit_slots(today)} visit slots of the tourism product")
    return owners


def _seed_batches(today):
    """Lots of a few products (batches.csv), dated from the day the demo is seeded; return how many."""
    rows = read_rows("batches.csv")
    for row in rows:
        product_id = db.session.scalar(select(Product.id).where(Product.slug == row["product_slug"]))
        produced_on = today - timedelta(days=int(row["produced_days_before_seeding"]))
        _upsert(Batch, {"product_id": product_id, "lot_number": row["lot_number"]}, {
            "produced_on": produced_on, "best_before": produced_on + timedelta(days=int(row["shelf_life_days"])),
            "quantity": int(row["quantity"]), "traceability_url": row["traceability_url"],
        })
    return len(rows)


def _seed_accounts(producer_rows, producers):
    users = []
    for email, name, role, producer_index in ACCOUNTS:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(email=email, name=name, role=role, password_hash=hash_password(DEMO_PASSWORD))
            db.session.add(user)
        db.session.flush()
        if producer_index is not None:
            producers[producer_rows[producer_index]["slug"]].owner = user
        users.append(user)
    return users


def _names_of(slug):
    """The Chinese and Korean names of a demo group or area, as attribute values."""
    zh, ko = TRANSLATED_NAMES[slug]
    return {"name_zh": zh, "name_ko": ko}


def _translations(name):
    """A translations file (slug, language, then one column per field) as {slug: {"field_language": text}}."""
    texts = {}
    for row in read_rows(name):
        slug, language = row.pop("slug"), row.pop("language")
        texts.setdefault(slug, {}).update({f"{field}_{language}": text for field, text in row.items()})
    return texts


def _seed_product(row, producer, category, translations):
    product = db.session.scalar(select(Product).where(Product.slug == row["slug"]))
    values = {
        "producer": producer, "category": category, "product_set": row["product_set"] or None,
        "name_vi": row["name_vi"], "name_en": row["name_en"],
        "description_vi": row["description_vi"], "description_en": row["description_en"],
        "unit_vi": row["unit_vi"], "unit_en": row["unit_en"], "price": int(row["price"]),
        "featured": row["featured"] == "1", "status": ProductStatus.PUBLISHED, **translations,
    }
    if product is None:
        product = Product(slug=row["slug"], stock=int(row["stock"]), published_at=utcnow(), **values)
        db.session.add(product)
        db.session.flush()
        record_initial_stock(product, note="Tồn kho đầu kỳ (demo)")
    else:
        for name, value in values.items():
            setattr(product, name, value)
    refresh_search_text(product)
    return product


def demo_facts(row):
    """The facts of one row of facts.csv, checked by the portal's own rules (clean_facts)."""
    values = {name: row[name] for name in FACT_FIELDS}
    for name in ("net_quantity", "shipping_weight_g", "shelf_life_days"):
        values[name] = int(row[name]) if row[name] else None
    values["allergens"] = row["allergens"].split()
    return clean_facts(values)


def demo_decision_date(row, today):
    """The decision date of a demo rating: the one a source states, or `days_before_seeding` days before `today`."""
    if row["decision_date"]:
        return date.fromisoformat(row["decision_date"])
    return today - timedelta(days=int(row["days_before_seeding"]))


def _seed_certification(product, row, stars_verified, today):
    decision_date = demo_decision_date(row, today)
    issuer = issuer_for(int(row["stars"]), decision_date, product.producer.area.name)
    _upsert(Certification, {"product_id": product.id, "decision_number": row["decision_number"]}, {
        "stars": int(row["stars"]), "issuing_body": issuer.body, "issuing_level": issuer.level,
        "decision_date": decision_date,
        "expires_on": expiry_for(decision_date), "status": CertificationStatus.VERIFIED, "is_demo": True,
        "stars_verified": stars_verified,
        "note": DEMO_NOTE,
    })


def _seed_picture(product, row, draw_picture):
    existing = product.images[0] if product.images else None
    if existing and media_exists(existing.filename) and media_exists(existing.thumb_filename):
        return
    filename, thumb, width, height = store_picture(draw_picture(row["picture"], row["slug"]), basename=row["slug"])
    if existing is None:
        existing = ProductImage(product=product, position=0)
        db.session.add(existing)
    existing.filename, existing.thumb_filename, existing.width, existing.height = filename, thumb, width, height
    existing.alt_vi, existing.alt_en = product.name_vi, product.name_en
