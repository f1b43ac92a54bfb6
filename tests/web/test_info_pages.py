"""Trust and the law: the contact details, the information pages the office writes in every language, the
ministry's notice, the ways to pay as configured, and no empty product group promoted."""
import pytest

from shop.models import AuditEvent, InfoPage
from shop.models.statuses import InfoPageKind, Role
from shop.web.shop_info import opening_hours
from tests.factories import make_category, make_product, make_user
from tests.html import parse

PAGES = ("/contact", "/shipping", "/returns", "/privacy", "/terms")


@pytest.fixture
def office(db, login):
    admin = make_user(role=Role.ADMIN)
    db.session.commit()
    login(admin)
    return admin


def footer_of(client, path="/en/"):
    return parse(client.get(path).get_data(as_text=True)).select_one("footer")


def test_every_page_has_the_contact_details_and_links_to_the_help_pages_in_its_footer(client, app, db):
    footer = footer_of(client)
    assert footer.select_one('a[href="tel:020338008000"]') is None  # the digits as dialled, nothing else
    assert footer.select_one('a[href="tel:02033800800"]').get_text() == "0203 3 800 800"
    assert footer.select_one('a[href="https://zalo.me/0912345678"]').get_text() == "0912 345 678"
    assert footer.select_one('a[href="mailto:hotro@ocop-quangninh.example.vn"]')
    assert "Monday – Saturday, 07:30–17:00" in footer.get_text()
    assert app.config["SHOP_ADDRESS"] in footer.get_text()
    links = {a["href"] for a in footer.select("a")}
    assert {f"/en{path}" for path in PAGES} <= links
    vietnamese = footer_of(client, "/")
    assert "Thứ Hai – Thứ Bảy, 07:30–17:00" in vietnamese.get_text()
    assert {a["href"] for a in vietnamese.select("a")} >= set(PAGES)


def test_an_unset_contact_detail_is_left_out(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "SHOP_ZALO", "")
    monkeypatch.setitem(app.config, "SHOP_HOTLINE", "")
    footer = footer_of(client)
    assert "Zalo" not in footer.get_text() and "Hotline" not in footer.get_text()
    assert not footer.select('a[href^="tel:"]')


@pytest.mark.parametrize("days, hours, locale, expected", [
    ("1-5", "08:00-17:00", "en", "Monday – Friday, 08:00–17:00"),
    ("1-7", "07:00-21:00", "vi", "Thứ Hai – Chủ Nhật, 07:00–21:00"),
    ("6", "", "en", "Saturday"),
    ("every day", "08:00-17:00", "en", "08:00–17:00"),
    ("", "", "en", ""),
])
def test_opening_hours_read_in_the_visitors_language(days, hours, locale, expected):
    assert opening_hours(days, hours, locale) == expected


def test_the_footer_names_only_the_ways_to_pay_that_are_configured(client, app, monkeypatch):
    text = footer_of(client).get_text()
    assert "Ways to pay: Cash on delivery" in text and "Card" not in text
    monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", "sk_test_x")
    monkeypatch.setitem(app.config, "STRIPE_WEBHOOK_SECRET", "whsec_x")
    text = footer_of(client).get_text()
    assert "Ways to pay: Card · Cash on delivery" in " ".join(text.split())


def test_the_product_page_promises_only_the_configured_ways_to_pay(client, db):
    make_product(slug="cha-muc", name_en="Squid cake")
    db.session.commit()
    trust = parse(client.get("/en/products/cha-muc").get_data(as_text=True)).select_one(".trust-list").get_text()
    assert "Ways to pay: Cash on delivery" in " ".join(trust.split()) and "card" not in trust.lower()


def test_the_ministry_notice_and_the_operator_are_shown_as_configured(client, app, monkeypatch):
    assert footer_of(client).select_one(".moit-notice") is None  # no record address: no badge
    record = "http://online.gov.vn/Home/WebDetails/123456"
    monkeypatch.setitem(app.config, "MOIT_NOTICE_URL", record)
    monkeypatch.setitem(app.config, "SHOP_REGISTRATION", "5700100256")
    footer = footer_of(client)
    badge = footer.select_one(".moit-notice")
    assert badge["href"] == record and badge.get_text() == "Notified to the Ministry of Industry and Trade"
    assert "Business registration no. 5700100256" in footer.get_text()
    assert app.config["SHOP_OPERATOR"] in footer.get_text()
    monkeypatch.setitem(app.config, "MOIT_NOTICE_KIND", "registered")
    registered = footer_of(client).select_one(".moit-notice").get_text()
    assert registered == "Registered with the Ministry of Industry and Trade"
    monkeypatch.setitem(app.config, "MOIT_NOTICE_URL", "javascript:alert(1)")
    assert footer_of(client).select_one(".moit-notice") is None


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("prefix", ["", "/en", "/zh", "/ko"])
def test_every_information_page_answers_in_every_language(client, db, path, prefix):
    response = client.get(prefix + path)
    assert response.status_code == 200
    page = parse(response.get_data(as_text=True))
    assert page.select_one("h1").get_text().strip()
    assert page.select_one(".info-page .prose").get_text().strip()
    assert page.select_one(f'link[rel=canonical][href="http://localhost{prefix}{path}"]')


def test_the_contact_page_lists_every_way_to_reach_the_shop(client):
    page = parse(client.get("/en/contact").get_data(as_text=True))
    items = [" ".join(li.get_text().split()) for li in page.select(".contact-list li")]
    assert items == ["Hotline 0203 3 800 800", "Zalo 0912 345 678", "E-mail hotro@ocop-quangninh.example.vn",
                     "Address Phường Hồng Hà, TP. Hạ Long, tỉnh Quảng Ninh",
                     "Opening hours Monday – Saturday, 07:30–17:00"]


def test_the_shipping_page_shows_the_fees_and_days_the_checkout_charges(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "SHIPPING_FEE_NATIONWIDE", 52_000)
    monkeypatch.setitem(app.config, "DELIVERY_DAYS_NATIONWIDE", (3, 6))
    page = parse(client.get("/en/shipping").get_data(as_text=True))
    rows = [[" ".join(cell.get_text().split()) for cell in row.select("th, td")]
            for row in page.select(".delivery-terms tbody tr")]
    assert rows == [
        ["Delivery within Quảng Ninh", "₫25,000", "1–2 days after the order"],
        ["Delivery elsewhere in Vietnam", "₫52,000", "3–6 days after the order"],
        ["Pick up from the producer (we call you to arrange it)", "Free", "when the producer calls you"],
    ]
    assert "Delivery is free for orders from ₫1,000,000." in page.get_text()


def test_the_office_writes_a_page_in_each_language_and_each_falls_back(client, db, office):
    response = client.post("/admin/pages/returns", data={
        "title_vi": "Đổi trả và hoàn tiền", "body_vi": "Đổi trong 3 ngày.",
        "title_ko": "반품 및 환불", "body_ko": "3일 이내 교환.",
    })
    assert response.status_code == 302
    assert (parse(client.get("/returns").get_data(as_text=True)).select_one("h1").get_text()
            == "Đổi trả và hoàn tiền")
    korean = client.get("/ko/returns").get_data(as_text=True)
    assert "반품 및 환불" in korean and "3일 이내 교환." in korean
    assert "Đổi trong 3 ngày." in client.get("/zh/returns").get_data(as_text=True)  # no zh, no en: Vietnamese
    assert "Đổi trong 3 ngày." in client.get("/en/returns").get_data(as_text=True)
    assert "Last updated" in client.get("/en/returns").get_data(as_text=True)
    assert "Đổi trong 3 ngày." not in client.get("/en/privacy").get_data(as_text=True)  # another page: the shop's
    assert db.session.query(AuditEvent).filter_by(action="info_page.write").count() == 2

    client.post("/admin/pages/returns", data={"title_vi": "Đổi trả và hoàn tiền", "body_vi": "Đổi trong 3 ngày.",
                                              "title_en": "Returns", "body_en": "Within 3 days."})
    assert "Within 3 days." in client.get("/zh/returns").get_data(as_text=True)  # English before Vietnamese
    assert {row.locale for row in db.session.query(InfoPage)} == {"vi", "en"}  # the Korean text left out: removed


def test_the_office_texts_are_shown_as_text_never_as_markup(client, db, office):
    client.post("/admin/pages/terms", data={"title_en": "Terms <b>bold</b>", "body_en": "<script>alert(1)</script>"})
    html = client.get("/en/terms").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("data, field", [
    ({"title_en": "Returns", "body_en": ""}, "body_en"),
    ({"title_en": "", "body_en": "Within 3 days."}, "title_en"),
    ({"title_en": "R" * 121, "body_en": "Within 3 days."}, "title_en"),
    ({"title_en": "Returns", "body_en": "x" * 20_001}, "body_en"),
])
def test_a_half_written_or_too_long_page_is_refused_on_its_field_and_changes_nothing(client, db, office, data, field):
    response = client.post("/admin/pages/returns", data=data)
    assert response.status_code == 400
    form = parse(response.get_data(as_text=True))
    assert form.select_one(f"#{field}")["aria-invalid"] == "true"
    assert form.select_one(f"#{field}-error").get_text().strip()
    assert db.session.query(InfoPage).count() == 0


def test_the_back_office_lists_the_pages_and_who_wrote_which_language(client, db, office, english):
    client.post("/admin/pages/shipping", data={"title_vi": "Giao hàng", "body_vi": "Toàn quốc."})
    page = parse(client.get("/admin/pages").get_data(as_text=True))
    rows = {row.select_one("th").get_text().strip(): " ".join(row.select("td")[0].get_text().split())
            for row in page.select("tbody tr")}
    assert len(rows) == len(InfoPageKind) and rows["Shipping and delivery"] == "VI"
    assert rows["Privacy policy"] == "the shop's default text"
    form = parse(client.get("/admin/pages/shipping").get_data(as_text=True))
    assert form.select_one("#title_vi")["value"] == "Giao hàng"
    assert form.select_one("#body_vi").get_text().strip() == "Toàn quốc."
    assert form.select_one("#title_ko")["lang"] == "ko"


def test_the_home_page_promotes_only_product_groups_that_have_products(client, db):
    make_product(category=make_category("food", "Thực phẩm", "Food"))
    make_category("herbs", "Dược liệu", "Herbal products")
    db.session.commit()
    page = parse(client.get("/en/").get_data(as_text=True))
    tiles = [tile.select_one("strong").get_text() for tile in page.select(".group-tile")]
    assert tiles == ["Food"]
