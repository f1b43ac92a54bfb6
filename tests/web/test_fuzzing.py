"""Hostile and random input on every form and every catalogue query parameter.

Whatever is sent: never a 500, nothing written when the submission is refused, and no payload
reflected unescaped. Examples stay few (the whole module runs in seconds on SQLite); the
database keeps what accepted examples wrote, so each check compares before and after one request.
"""
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from shop.extensions import db
from shop.models import CartItem, Certification, Order, Product, Refund, User
from shop.models.statuses import OrderStatus, PaymentMethod, Role
from shop.services.orders.cart import MAX_CART_LINES
from shop.services.stock import ledger_balance
from shop.web.security import is_safe_next
from tests.factories import make_area, make_category, make_order, make_producer_owner, make_product, make_user
from tests.security_world import row_counts, sign_in

FUZZ = settings(max_examples=30, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

MARKERS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
HOSTILE = (
    "' OR 1=1 --", "'; DROP TABLE \"user\"; --", '" OR ""="', "1; SELECT pg_sleep(5)", "%' AND 1=0 UNION SELECT 1--",
    *MARKERS, "javascript:alert(1)", "{{ 7*7 }}", "{% raw %}", "%(name)s", "%s%s%n",
    "1e309", "-1e309", "-0", "0", "-1", "99999999999999999999", "-99999999999999999999", "NaN", "Infinity",
    "0x10", "1_000", "１２", "٣", "1.5", "1,5", "",
    " ", "\t\n", "\x00", "a\x00b", "\u202eevil\u202c", "שלום עולם", "مرحبا", "e" + "\u0301" * 50,
    "Z\u0364\u0314\u0367a\u0308\u0356", "x" * 10_000, "\U0001f600" * 100, "../../etc/passwd", "null", "[]", "{}",
    "//evil.example.com", "https://evil.example.com/", "/\\evil.example.com",
)
HOSTILE_VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=200),
    st.integers().map(str),
    st.floats().map(str),
    st.builds(lambda before, marker, after: before + marker + after,
              st.text(max_size=20), st.sampled_from(MARKERS), st.text(max_size=20)),
)


def field(*valid):
    """A form value: sometimes one of the `valid` ones, mostly hostile."""
    return st.one_of(st.sampled_from(valid), HOSTILE_VALUES) if valid else HOSTILE_VALUES


def form(**fields):
    """A form with each of `fields` usually filled (with its strategy), now and then left out."""
    present = st.sampled_from([True, True, True, False])
    return st.fixed_dictionaries({name: st.tuples(present, strategy) for name, strategy in fields.items()}).map(
        lambda pairs: {name: value for name, (keep, value) in pairs.items() if keep})


def check_answer(response):
    """No server error, no payload reflected as live HTML, no redirect off the site."""
    assert response.status_code < 500, response.get_data(as_text=True)[:2000]
    body = response.get_data(as_text=True)
    for marker in MARKERS:
        assert marker not in body
    if response.status_code in (301, 302, 303, 307, 308):
        location = response.headers["Location"]
        # A path on the site, or (Werkzeug's slash-merging redirect) an absolute address on this same host.
        assert is_safe_next(location) or urlsplit(location)[:2] == ("http", "localhost"), location


def fresh_client(app, user=None):
    """A new browser: `user` signed in, or a guest (see sign_in for why this beats app.test_client())."""
    client = app.test_client()
    sign_in(client, user)
    return client


def post_and_check(client, path, data):
    """POST `data`; return (response, row counts before, row counts after)."""
    before = row_counts()
    response = client.post(path, data=data)
    check_answer(response)
    return response, before, row_counts()


def kept_rows(counts):
    """The row counts but the mail queue's and the sign-in locks' (a mail or a lock is written on purpose)."""
    return {table: n for table, n in counts.items() if table not in ("outbox_mail", "sign_in_lock")}


def changed(before, after):
    return {table for table in before if before[table] != after[table]}


@pytest.fixture
def shop(app, db):
    """A customer, producer A with a product (large stock) in a category and an area."""
    customer = make_user(email="customer@example.com")
    owner, producer = make_producer_owner(name="HTX Alpha")
    product = make_product(producer, stock=100_000, price=50_000)
    make_category()
    make_area()
    db.session.commit()
    return {"customer": customer, "owner": owner, "producer": producer, "product": product}


# Accounts ---------------------------------------------------------------------------------------

@FUZZ
@given(data=form(email=field("customer@example.com"), password=field("correct-horse-battery"),
                 remember=field("y"), next=field("/products", "/cart")))
@example(data={"email": "customer@example.com", "password": "correct-horse-battery", "next": "//evil.example.com"})
@example(data={"email": "' OR 1=1 --", "password": "' OR 1=1 --"})
def test_log_in_form(app, shop, data):
    _response, before, after = post_and_check(fresh_client(app), "/auth/login", data)
    assert kept_rows(after) == kept_rows(before)  # signing in writes no rows (a lock and its mail aside)


@FUZZ
@given(data=form(name=field("Lê Minh Anh"), email=field("new@example.com", "customer@example.com"),
                 password=field("a-long-password"), confirm=field("a-long-password")))
def test_register_form(app, shop, data):
    response, before, after = post_and_check(fresh_client(app), "/auth/register", data)
    response.close()  # the confirmation link (or the notice to a taken address's owner) is made and mailed now
    # Nothing but the mail is written before the mailbox's owner opens the link, whatever the answer.
    assert kept_rows(after) == kept_rows(before) == kept_rows(row_counts())


@FUZZ
@given(data=form(email=field("customer@example.com")))
def test_password_reset_request_form(app, shop, data):
    _response, before, after = post_and_check(fresh_client(app), "/auth/reset", data)
    assert after == before


# Cart and checkout --------------------------------------------------------------------------------

def cart_is_sound(items):
    """Every line names a product on sale with a quantity it can serve."""
    assert len(items) <= MAX_CART_LINES
    for product_id, quantity in items.items():
        product = db.session.get(Product, int(product_id))
        assert product is not None and isinstance(quantity, int) and 1 <= quantity <= product.stock


@pytest.mark.parametrize("visitor", ["guest", "customer"])
def test_cart_forms(app, shop, visitor):
    product_id = str(shop["product"].id)
    user = shop["customer"] if visitor == "customer" else None

    @FUZZ
    @given(path=st.sampled_from(["/cart/add", "/cart/update", "/cart/remove"]),
           data=form(product_id=field(product_id, "0", product_id + ".0"),
                     quantity=field("1", "2", "-1", "-0", "0", "100000", "100001"), next=field("/products", "/cart")))
    @example(path="/cart/add", data={"product_id": product_id, "quantity": "-1"})
    @example(path="/cart/update", data={"product_id": product_id, "quantity": "-1"})
    @example(path="/cart/update", data={"product_id": product_id, "quantity": "99999999999999999999"})
    def fuzz(path, data):
        client = app.test_client()
        sign_in(client, user, cart={shop["product"].id: 1})  # a cart to update or remove from
        _response, before, after = post_and_check(client, path, data)
        assert changed(before, after) <= {"cart_item"}
        if user is None:
            with client.session_transaction() as session:
                cart_is_sound(session.get("cart") or {})
        else:
            cart_is_sound({item.product_id: item.quantity
                           for item in db.session.query(CartItem).filter_by(user_id=user.id)})

    fuzz()


def test_checkout_form(app, shop):
    product = shop["product"]

    @FUZZ
    @given(data=form(name=field("Lê Minh Anh"), email=field("anh@example.com"), phone=field("0912 345 678"),
                     delivery_method=field("province", "nationwide", "pickup"),
                     address=field("12 Trần Hưng Đạo, Hạ Long"), note=field(""),
                     destination=field("home", "hotel"), hotel_name=field("Vinpearl Resort Hạ Long"),
                     hotel_room=field("512"), leaves_on=field("2099-01-01"),
                     payment_method=field("cod", "card")))
    def fuzz(data):
        client = app.test_client()
        sign_in(client, None, cart={product.id: 1})
        stock_before = db.session.get(Product, product.id).stock
        response, before, after = post_and_check(client, "/checkout", data)
        db.session.expire_all()
        stock_after = db.session.get(Product, product.id).stock
        if response.status_code == 302 and response.headers["Location"].startswith("/orders/"):
            assert after["shop_order"] == before["shop_order"] + 1 and stock_after == stock_before - 1
        else:
            assert after == before and stock_after == stock_before
        assert stock_after == ledger_balance(product.id)

    fuzz()


def test_booking_form(app, shop):
    from shop.models import VisitSlot
    from tests.factories import make_slot, make_tour

    tour = make_tour(shop["producer"], slug="fuzz-tour")
    slot = make_slot(tour, capacity=1000)
    db.session.commit()
    slot_id, path = slot.id, f"/products/{tour.slug}/book"

    @FUZZ
    @given(data=form(slot_id=field(str(slot.id)), people=field("1", "2", "50", "51"), name=field("Lê Minh Anh"),
                     email=field("anh@example.com"), phone=field("0912 345 678"), note=field(""),
                     payment_method=field("cod", "card")))
    def fuzz(data):
        client = app.test_client()
        response, before, after = post_and_check(client, path, data)
        db.session.expire_all()
        booked = db.session.get(VisitSlot, slot_id).booked
        if response.status_code == 302 and response.headers["Location"].startswith("/orders/"):
            assert after["shop_order"] == before["shop_order"] + 1 == after["booking"]
        else:
            assert after == before
        assert 0 <= booked <= 1000 and after["stock_movement"] == before["stock_movement"]

    fuzz()


def test_visit_calendar_form(app, shop):
    from tests.factories import make_tour

    tour = make_tour(shop["producer"], slug="fuzz-calendar")
    db.session.commit()

    @FUZZ
    @given(data=form(product_id=field(str(tour.id)), first_day=field("2099-01-01"), last_day=field("2099-01-03"),
                     times=field("08:00, 14:30", "25:00"), capacity=field("20", "0", "1001")))
    def fuzz(data):
        client = fresh_client(app, shop["owner"])
        response, before, after = post_and_check(client, "/producer/slots", data)
        if response.status_code != 302:
            assert after == before

    fuzz()


# Producer portal ----------------------------------------------------------------------------------

def test_producer_application_form(app, shop):
    area_id = str(make_area().id)
    db.session.commit()

    @FUZZ
    @given(data=form(business_name=field("HTX Mới"), legal_type=field("cooperative", "company", "household"),
                     area_id=field(area_id), address=field("1 Bến Đoan"), phone=field("0912345678"),
                     story_vi=field(""), story_en=field(""), name=field("Nguyễn Văn Mới"),
                     email=field("new.producer@example.com"), password=field("a-long-password"),
                     confirm=field("a-long-password")))
    def fuzz(data):
        response, before, after = post_and_check(fresh_client(app), "/producer/apply", data)
        response.close()  # the confirmation link is made and mailed now
        # the account and the application wait for the link (only its mail is written)
        assert kept_rows(after) == kept_rows(before) == kept_rows(row_counts())

    fuzz()


def product_fields(category_id):
    return dict(name_vi=field("Chả mực"), name_en=field("Squid cake"), unit_vi=field("hộp"), unit_en=field("box"),
                description_vi=field("Mực tươi"), description_en=field(""), category_id=field(category_id),
                price=field("185000", "1", "0"), low_stock_threshold=field("5"),
                net_quantity=field("500", "", "0", "100001"), net_unit=field("g", "ml", "", "kg"),
                shipping_weight_g=field("600", "", "499"), shelf_life_days=field("90", "", "3651"),
                storage=field("frozen", "", "hot"), allergens=field("molluscs", "none", "", "nuts"),
                air_travel=field("checked", "", "maybe"), sending_abroad=field("no", "check", ""))


def product_row(product_id):
    db.session.expire_all()
    product = db.session.get(Product, product_id)
    return {column.name: getattr(product, column.key) for column in Product.__table__.columns
            if column.name not in ("updated_at",)}


def test_producer_product_forms(app, shop):
    product_id = shop["product"].id
    category_id = str(shop["product"].category_id)

    @FUZZ
    @given(new=st.booleans(), data=form(**product_fields(category_id), opening_stock=field("3", "0")))
    @example(new=True, data={"name_vi": MARKERS[0], "unit_vi": "hộp", "description_vi": MARKERS[1],
                             "category_id": category_id, "price": "1e309", "low_stock_threshold": "5",
                             "opening_stock": "-1"})
    @example(new=False, data={"name_vi": "Chả mực", "unit_vi": "hộp", "description_vi": "x", "category_id": category_id,
                              "price": "99999999999999999999", "low_stock_threshold": "-0"})
    def fuzz(new, data):
        client = fresh_client(app, shop["owner"])
        original = product_row(product_id)
        path = "/producer/products/new" if new else f"/producer/products/{product_id}"
        response, before, after = post_and_check(client, path, data)
        if response.status_code == 302:
            if new:
                assert after["product"] == before["product"] + 1
                created = db.session.query(Product).order_by(Product.id.desc()).first()
                assert created.price >= 1 and created.stock >= 0 and created.status == "draft"
        else:
            assert after == before
            assert product_row(product_id) == original

    fuzz()


def test_stock_adjustment_form(app, shop):
    product_id = shop["product"].id

    @FUZZ
    @given(data=form(reason=field("restock", "damage", "correction", "sale"), quantity=field("5", "-5", "0"),
                     note=field("harvest")))
    @example(data={"reason": "correction", "quantity": "-100001"})
    @example(data={"reason": "restock", "quantity": "99999999999999999999"})
    def fuzz(data):
        client = fresh_client(app, shop["owner"])
        stock_before = product_row(product_id)["stock"]
        response, before, after = post_and_check(client, f"/producer/products/{product_id}/stock", data)
        stock_after = product_row(product_id)["stock"]
        if response.status_code != 302:
            assert after == before and stock_after == stock_before
        assert stock_after >= 0 and stock_after == ledger_balance(product_id)

    fuzz()


# Catalogue query parameters -----------------------------------------------------------------------

QUERY = form(q=field("cha muc", "Chả mực"), category=field("food"), stars=field("3", "4", "5"),
             area=field("ha-long"), min_price=field("10000"), max_price=field("500000"),
             sort=field("price_asc", "price_desc", "newest", "stars"), page=field("1", "2"),
             per_page=field("10", "100"))


@FUZZ
@given(params=QUERY)
def test_catalogue_page_query_parameters(app, shop, params):
    response = fresh_client(app).get("/products", query_string=params)
    check_answer(response)
    assert response.status_code in (200, 400, 404)


@FUZZ
@given(params=QUERY)
def test_catalogue_api_query_parameters(app, shop, params):
    response = fresh_client(app).get("/api/products", query_string=params)
    check_answer(response)
    assert response.status_code in (200, 400, 404)
    assert response.mimetype == "application/json" and response.get_json() is not None


# Path arguments and NUL characters ----------------------------------------------------------------

PATHS = ("/products/{}", "/products/{}/qr.svg", "/producers/{}", "/api/products/{}", "/orders/{}",
         "/orders/{}/status", "/checkout/cancelled/{}", "/auth/reset/{}", "/language/{}", "/media/{}")


@FUZZ
@given(template=st.sampled_from(PATHS), value=HOSTILE_VALUES.filter(lambda value: value.strip("./")))
def test_path_arguments(app, shop, template, value):
    response = fresh_client(app).get(template.format(quote(value, safe="")))
    check_answer(response)
    assert response.status_code in (200, 302, 308, 400, 404)


@pytest.mark.parametrize("method, path, data", [
    ("GET", "/products?q=cha%00muc", None),
    ("GET", "/api/products?q=%00", None),
    ("GET", "/products/cha%00muc", None),
    ("GET", "/orders/QN%00/status?t=x", None),
    ("POST", "/auth/login", {"email": "customer@example.com\x00", "password": "correct-horse-battery"}),
    ("POST", "/auth/register", {"name": "A\x00", "email": "a@example.com", "password": "long-password-1",
                                "confirm": "long-password-1"}),
    ("POST", "/cart/add", {"product_id": "1\x00", "quantity": "1"}),
])
def test_nul_characters_are_refused_before_they_reach_the_database(app, shop, method, path, data):
    before = row_counts()
    response = fresh_client(app).open(path, method=method, data=data)
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response.get_json()["error"] == "Bad request"
    assert row_counts() == before


# Back office ----------------------------------------------------------------------------------------

@pytest.fixture
def office(shop, db):
    """An administrator, a paid cash order (refundable by hand) and a placed one (cancellable)."""
    admin = make_user(role=Role.ADMIN, email="admin@example.com")
    product = shop["product"]
    completed = make_order([(product, 2)], status=OrderStatus.COMPLETED, payment_method=PaymentMethod.COD,
                           number="QNFUZZ01")
    placed = make_order([(product, 1)], status=OrderStatus.PLACED, number="QNFUZZ02", reserve=True)
    db.session.commit()
    return {**shop, "admin": admin, "completed": completed, "placed": placed}


def flashed(client):
    """Return the categories of the messages the last request flashed (and leave them unread)."""
    with client.session_transaction() as session:
        return {category for category, _message in session.get("_flashes", [])}


def office_is_sound():
    """Whatever the office typed, the books still add up."""
    db.session.expire_all()
    for order in db.session.query(Order):
        assert 0 <= order.refunded_amount <= order.total
    assert all(refund.amount >= 1 for refund in db.session.query(Refund))
    assert all(user.role in tuple(Role) for user in db.session.query(User))
    for cert in db.session.query(Certification):
        assert cert.stars is None or 1 <= cert.stars <= 5
        assert not cert.traceability_url or cert.traceability_url.startswith(("http://", "https://"))


def test_admin_certification_form(app, office):
    product_id = office["product"].id

    @FUZZ
    @given(data=form(stars=field("4", "5", "1", "6", "0"), decision_number=field("12/QĐ-UBND"),
                     decision_date=field("2025-06-01", "2099-01-01"), issuing_body=field(""),
                     expires_on=field("", "2027-06-01", "2020-01-01"),
                     traceability_url=field("", "https://truyxuat.example.vn/1", "javascript:alert(1)"),
                     note=field("")))
    def fuzz(data):
        client = fresh_client(app, office["admin"])
        response, before, after = post_and_check(client, f"/admin/products/{product_id}/certifications/new", data)
        if response.status_code == 302:
            assert after["certification"] == before["certification"] + 1
            # A rating moves the product's past sales to its stars in the revenue rollups.
            assert changed(before, after) <= {"certification", "audit_event", "revenue_goods_day"}
        else:
            assert after == before
        office_is_sound()

    fuzz()


def test_admin_action_forms(app, office):
    completed, placed = office["completed"].number, office["placed"].number
    actions = {
        f"/admin/orders/{completed}/refund": form(amount=field("1000", "0", "-1", "100000000"), note=field("Hoàn"),
                                                 restock=field("y", "")),
        f"/admin/orders/{placed}/cancel": form(note=field("Khách huỷ")),
        f"/admin/producers/{office['producer'].id}/suspend": form(note=field("Hồ sơ chưa đủ")),
        f"/admin/products/{office['product'].id}/reject": form(note=field("Thiếu ảnh")),
        f"/admin/users/{office['customer'].id}/role": form(role=field("customer", "producer", "admin", "root")),
    }

    @FUZZ
    @given(action=st.sampled_from(sorted(actions)).flatmap(lambda path: st.tuples(st.just(path), actions[path])))
    def fuzz(action):
        path, data = action
        client = fresh_client(app, office["admin"])
        response, before, after = post_and_check(client, path, data)
        assert response.status_code in (302, 400)  # 400: a NUL character, refused before the view
        if response.status_code != 302 or "success" not in flashed(client):
            assert after == before, (path, data)  # refused: nothing written
        office_is_sound()

    fuzz()


def test_admin_info_page_form(app, office):
    """Whatever the office types into a page: stored as text (never live markup) or refused with nothing written."""

    @FUZZ
    @given(data=form(title_vi=field("Đổi trả", ""), body_vi=field("Trong 3 ngày.", ""), title_ko=field("반품", ""),
                     body_ko=field("3일 이내", "")))
    def fuzz(data):
        client = fresh_client(app, office["admin"])
        response, before, after = post_and_check(client, "/admin/pages/returns", data)
        assert response.status_code in (302, 400)
        if response.status_code != 302:
            assert after == before, data
        check_answer(client.get("/returns"))
        check_answer(client.get("/ko/returns"))

    fuzz()


ADMIN_LISTS = ("/admin/", "/admin/orders", "/admin/products", "/admin/producers", "/admin/users", "/admin/audit",
               "/admin/payables", "/admin/payables.csv", "/admin/reports/summary.csv", "/admin/certifications")


def test_admin_list_query_parameters(app, office):
    @FUZZ
    @given(path=st.sampled_from(ADMIN_LISTS),
           params=form(q=field("cha"), status=field("pending", "paid", "published"), page=field("1", "2"),
                       start=field("2025-01-01"), end=field("2025-12-31"), by=field("day", "month"),
                       payment=field("cod", "card"), producer=field("1"), role=field("admin"),
                       action=field("order.refund"), entity=field("shop_order"), entity_id=field("1")))
    def fuzz(path, params):
        client = fresh_client(app, office["admin"])
        response = client.get(path, query_string=params)
        check_answer(response)
        assert response.status_code in (200, 400, 404)

    fuzz()
