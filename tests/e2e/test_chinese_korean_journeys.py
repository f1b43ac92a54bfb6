"""Journeys of a Chinese and a Korean visitor on a phone, each in their own language from the first page:
the shop offers it (never redirects), they search, order and read the confirmation e-mail in it.
The Chinese visitor pays cash on delivery; the Korean one pays by card on the (emulated) Stripe page."""
import re
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from playwright.sync_api import expect

from shop.models import Order
from shop.services.localtime import local_today
from tests.checkout_helpers import mail_files
from tests.e2e.conftest import PHONE, check_accessibility_basics, shoot, switch_language, with_photo
from tests.factories import make_producer, make_product


@pytest.fixture
def visitor(browser):
    """Open a phone-sized page whose browser speaks `locale` (its Accept-Language); JavaScript errors fail it."""
    opened = []

    def open_page(locale):
        context = browser.new_context(viewport=PHONE, locale=locale)
        tab = context.new_page()
        tab.errors = []
        tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        opened.append((context, tab))
        return tab

    yield open_page
    for context, tab in opened:
        context.close()
        assert tab.errors == [], f"JavaScript console errors: {tab.errors}"


@pytest.fixture
def squid_cake(db):
    product = make_product(make_producer(name="Công ty CP Chả mực Hạ Long"), "Chả mực Hạ Long",
                           slug="cha-muc-ha-long", name_en="Ha Long squid cake", price=85_000, stars=4, stock=8,
                           unit_vi="hộp 500 g", unit_en="box of 500 g", description_vi="Chả mực giã tay.")
    with_photo(product, "#c98a4b")
    db.session.commit()
    return product


def last_mail(app, to):
    """The last e-mail the shop sent to `to`, parsed."""
    mails = [message_from_bytes(raw, policy=policy.default) for raw in mail_files(app)]
    mails = [mail for mail in mails if to in str(mail["To"])]
    assert mails, f"no e-mail to {to}"
    return mails[-1]


def body_of(mail):
    return mail.get_body(preferencelist=("plain",)).get_content()


def test_a_chinese_visitor_searches_and_orders_cash_on_delivery_in_chinese(visitor, live_server, e2e_app, db,
                                                                           squid_cake):
    page = visitor("zh-CN")
    page.goto(live_server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")  # the address asked: no redirect
    offer = page.locator("[data-language-offer]")
    expect(offer).to_have_attribute("lang", "zh-Hans")
    expect(offer).to_contain_text("本页面有中文版。")
    check_accessibility_basics(page)
    shoot(page, "zh-1-offer")
    offer.get_by_role("link", name="查看中文版").click()
    expect(page).to_have_url(re.compile(r"/zh/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("[data-language-offer]")).to_have_count(0)  # answered: not offered again
    expect(page.get_by_role("heading", level=1)).to_have_text("广宁 OCOP 认证特产")

    page.get_by_role("combobox", name="搜索商品").fill("cha muc")  # the header's box; the name on the sign, no accents
    page.get_by_role("button", name="搜索", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("“cha muc”的搜索结果")
    check_accessibility_basics(page)
    shoot(page, "zh-2-search")
    page.get_by_role("link", name="Chả mực Hạ Long").first.click()
    expect(page).to_have_url(re.compile(r"/zh/products/cha-muc-ha-long$"))
    main = page.get_by_role("main")
    expect(main).to_contain_text("₫85,000 (≈ ¥23.29)")  # 85,000 ₫ at 3,650 ₫ per yuan
    expect(page.get_by_role("img", name="OCOP 4 星").first).to_be_visible()
    check_accessibility_basics(page)
    shoot(page, "zh-3-product")
    page.get_by_role("button", name="加入购物车").click()
    sheet = page.get_by_role("dialog")  # confirmed in place
    expect(sheet).to_contain_text("Ha Long squid cake 已加入购物车。")  # its English name: it has no Chinese one
    sheet.get_by_role("link", name="查看购物车").click()
    page.wait_for_url("**/zh/cart")
    expect(page.get_by_role("heading", level=1)).to_have_text("您的购物车")
    summary = page.get_by_role("complementary", name="订单摘要")
    expect(summary.locator("[data-role=total]")).to_have_text("₫110,000 (≈ ¥30.14)")
    expect(main).to_contain_text("您将以越南盾（VND）付款。")
    shoot(page, "zh-4-cart")
    page.get_by_role("link", name="去结算").click()

    page.wait_for_url("**/zh/checkout")
    expect(page.get_by_role("heading", level=1)).to_have_text("结算")
    page.get_by_label("姓名").fill("王芳")
    page.get_by_label("电子邮箱").fill("wangfang@example.cn")
    page.get_by_label("手机号码").fill("+86 138 0013 8000")
    page.get_by_role("radio", name="送到我的酒店").check()
    page.get_by_label("酒店", exact=True).fill("Wyndham Legend Hạ Long")
    page.get_by_label("房间号（选填）").fill("1208")
    page.get_by_label("我的退房日期").fill((local_today() + timedelta(days=4)).isoformat())
    page.get_by_role("radio", name=re.compile("^广宁省内配送")).check()
    page.get_by_role("radio", name=re.compile("^货到付款")).check()
    check_accessibility_basics(page)
    shoot(page, "zh-5-checkout")
    page.get_by_role("button", name="提交订单").click()

    page.wait_for_url(re.compile(r"/zh/orders/\w+\?t="))
    order = db.session.query(Order).one()
    assert (order.locale, order.total, order.phone) == ("zh", 110_000, "+8613800138000")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"订单 {order.number}")
    expect(page.get_by_text("您的订单已提交。请在送达时以现金付款。")).to_be_visible()
    expect(page.get_by_text("Wyndham Legend Hạ Long")).to_be_visible()
    check_accessibility_basics(page)
    shoot(page, "zh-6-order")

    mail = last_mail(e2e_app, "wangfang@example.cn")
    assert mail["Subject"] == f"您的订单 {order.number}"
    body = body_of(mail)
    assert f"谢谢：您的订单 {order.number} 已提交。请在收货时以现金付款。" in body
    assert f"/zh/orders/{order.number}?t=" in body  # the link opens the order page in Chinese


@pytest.fixture
def stripe_for(e2e_app, live_server, stripe_emulator, monkeypatch):
    """Point the live shop at the Stripe emulator for a `visitor` page (as `card_payments` does for `page`)."""
    monkeypatch.setitem(e2e_app.config, "STRIPE_SECRET_KEY", stripe_emulator.api_key)
    monkeypatch.setitem(e2e_app.config, "STRIPE_WEBHOOK_SECRET", stripe_emulator.webhook_secret)
    monkeypatch.setitem(e2e_app.config, "STRIPE_API_BASE", stripe_emulator.base_url)
    monkeypatch.setitem(e2e_app.config, "PUBLIC_BASE_URL", live_server)
    stripe_emulator.webhook_url = live_server + "/webhooks/stripe"

    def ready(page):
        page.route(stripe_emulator.base_url + "/favicon.ico", lambda route: route.fulfill(status=204))
        return stripe_emulator

    return ready


def test_a_korean_visitor_declines_the_offer_then_switches_and_pays_by_card_in_korean(
        visitor, live_server, e2e_app, db, squid_cake, stripe_for):
    page = visitor("ko-KR")
    stripe = stripe_for(page)
    page.goto(live_server + "/en/products/cha-muc-ha-long")  # a link shared in English
    expect(page.locator("html")).to_have_attribute("lang", "en")
    offer = page.locator("[data-language-offer]")
    expect(offer).to_contain_text("이 페이지는 한국어로도 볼 수 있습니다.")
    shoot(page, "ko-1-offer")
    offer.get_by_role("link", name="괜찮습니다").click()  # closed where it is, the answer kept
    expect(offer).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/en/products/cha-muc-ha-long$"))
    page.reload()
    expect(page.locator("[data-language-offer]")).to_have_count(0)

    switch_language(page, "한국어", "ko")  # later she switches herself, in the header's menu
    expect(page).to_have_url(re.compile(r"/ko/products/cha-muc-ha-long$"))
    page.get_by_role("combobox", name="상품 검색").fill("chả mực")  # the header's box, which suggests as one types
    page.get_by_role("button", name="검색", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("‘chả mực’ 검색 결과")
    shoot(page, "ko-2-search")
    page.get_by_role("link", name="Chả mực Hạ Long").first.click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("₫85,000 (≈ ₩4,595)")  # 85,000 ₫ at 18.5 ₫ per won
    check_accessibility_basics(page)
    shoot(page, "ko-3-product")
    page.get_by_label("수량").fill("2")
    page.get_by_role("button", name="장바구니에 담기").click()
    page.get_by_role("dialog").get_by_role("link", name="장바구니 보기").click()  # from the sheet that confirms it
    page.wait_for_url("**/ko/cart")
    expect(page.get_by_role("heading", level=1)).to_have_text("장바구니")
    page.get_by_role("link", name="주문하기").click()
    page.wait_for_url("**/ko/checkout")
    page.get_by_label("이름").fill("김지우")
    page.get_by_label("이메일").fill("jiwoo@example.kr")
    page.get_by_label("휴대전화").fill("+82 10 1234 5678")
    page.get_by_label("배송 주소").fill("12 Hàng Bạc, Hà Nội")
    page.get_by_role("radio", name=re.compile("^베트남 기타 지역 배송")).check()
    page.get_by_role("radio", name=re.compile("^카드")).check()
    expect(page.get_by_text("카드 결제는 Stripe의 보안 결제 페이지에서 이어집니다.")).to_be_visible()
    expect(page.locator(".submit-total [data-role=total]")).to_have_text("₫215,000 (≈ ₩11,622)")  # 170,000 + 45,000
    check_accessibility_basics(page)
    shoot(page, "ko-4-checkout")
    page.get_by_role("button", name="주문하기").click()

    page.wait_for_url(re.compile(r"/c/pay/cs_"))
    order = db.session.query(Order).one()
    assert stripe.sessions[order.stripe_session_id]["locale"] == "ko"  # Stripe's page in Korean
    assert (stripe.sessions[order.stripe_session_id]["currency"], order.total) == ("vnd", 215_000)
    shoot(page, "ko-5-stripe")
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile("^Pay")).click()

    page.wait_for_url(re.compile(rf"/ko/orders/{order.number}\?t="))
    paid = page.get_by_text("결제가 확인되었습니다. 생산자가 주문 상품을 준비하고 있습니다.")
    expect(paid).to_be_visible(timeout=10_000)
    expect(page.get_by_text("결제 완료", exact=True)).to_be_visible()
    check_accessibility_basics(page)
    shoot(page, "ko-6-paid")
    mail = last_mail(e2e_app, "jiwoo@example.kr")
    assert mail["Subject"] == f"주문 {order.number}"
    assert f"감사합니다. 주문 {order.number}의 결제가 확인되었습니다." in body_of(mail)
