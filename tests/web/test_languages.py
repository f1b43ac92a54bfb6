"""A URL per language: every storefront page at /, /en/, /zh/ and /ko/, in its language, linking its alternates."""
import functools
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from babel.messages.pofile import read_po

from shop.services.orders.access import order_token
from tests.factories import DEFAULT_PASSWORD, make_producer, make_product, make_user, place_test_order
from tests.unit.test_translations import COMPLETE, STOREFRONT_LANGUAGES

LANGS = {"": "vi", "/en": "en", "/zh": "zh-Hans", "/ko": "ko"}
TRANSLATIONS = Path(__file__).resolve().parents[2] / "shop" / "translations"
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")


@pytest.fixture
def world(db):
    """A listed product of an approved producer, and a customer with an order of it."""
    producer = make_producer(name="HTX Trà hoa vàng Ba Chẽ", slug="tra-ba-che", story_vi="Trồng trên đồi.")
    product = make_product(producer, "Trà hoa vàng Ba Chẽ", slug="tra-hoa-vang", name_en="Golden camellia tea",
                           price=350_000, stock=9, stars=4)
    customer = make_user(email="lan@example.com")
    order = place_test_order({product: 1}, customer=customer)
    db.session.commit()
    return {"product": product, "customer": customer, "order": order}


def storefront_paths(world):
    """Every kind of storefront page, as (path, who must be signed in)."""
    order = world["order"]
    return [
        ("/", None), ("/products", None), ("/products?q=tra+hoa", None), ("/products/tra-hoa-vang", None),
        ("/producers/tra-ba-che", None), ("/cart", None), ("/checkout", None),
        (f"/orders/{order.number}?t={order_token(order)}", None), ("/auth/login", None), ("/auth/register", None),
        ("/auth/reset", None), ("/account/orders", "customer"),  # signed in from here on
    ]


def _visit(client, login, world, prefix, path, who):
    if who:
        login(world[who])
    client.post(f"{prefix}/cart/add", data={"product_id": world["product"].id, "quantity": 1})
    return client.get(prefix + path)


@pytest.mark.parametrize("prefix", list(LANGS))
def test_every_storefront_page_answers_in_the_language_of_its_address(client, login, world, prefix):
    for path, who in storefront_paths(world):
        response = _visit(client, login, world, prefix, path, who)
        html = response.get_data(as_text=True)
        assert response.status_code == 200, (prefix + path, html[:300])
        assert f'<html lang="{LANGS[prefix]}">' in html, prefix + path
        assert response.headers["Content-Language"] == LANGS[prefix], prefix + path


def test_an_unknown_page_is_a_404_in_the_language_of_its_address(client, db):
    response = client.get("/ko/no-such-page")
    assert response.status_code == 404 and '<html lang="ko">' in response.get_data(as_text=True)
    assert "페이지를 찾을 수 없습니다" in response.get_data(as_text=True)


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_each_page_links_its_alternates_with_absolute_urls(client, world):
    html = client.get("/zh/products/tra-hoa-vang?ref=qr").get_data(as_text=True)
    assert alternates(html) == {
        "vi": "http://localhost/products/tra-hoa-vang?ref=qr",
        "en": "http://localhost/en/products/tra-hoa-vang?ref=qr",
        "zh-Hans": "http://localhost/zh/products/tra-hoa-vang?ref=qr",
        "ko": "http://localhost/ko/products/tra-hoa-vang?ref=qr",
        "x-default": "http://localhost/products/tra-hoa-vang?ref=qr",
    }
    home = alternates(client.get("/").get_data(as_text=True))
    assert home["zh-Hans"] == "http://localhost/zh/" and home["x-default"] == "http://localhost/"


def test_alternates_use_the_public_base_url_when_the_shop_has_one(client, world, app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://ocop.example.vn/")
    links = alternates(client.get("/ko/producers/tra-ba-che").get_data(as_text=True))
    assert links["ko"] == "https://ocop.example.vn/ko/producers/tra-ba-che"
    assert links["vi"] == "https://ocop.example.vn/producers/tra-ba-che"


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_urls(xml):
    """Return {loc: {hreflang: href}} of a sitemap."""
    root = ElementTree.fromstring(xml)
    return {url.findtext("s:loc", namespaces=SITEMAP_NS): {
        link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP_NS)
        if link.get("rel") == "alternate"} for url in root.findall("s:url", SITEMAP_NS)}


def test_the_sitemap_lists_every_page_in_every_language_with_its_alternates(client, world):
    urls = sitemap_urls(client.get("/sitemap.xml").data)
    product = {
        "vi": "http://localhost/products/tra-hoa-vang", "en": "http://localhost/en/products/tra-hoa-vang",
        "zh-Hans": "http://localhost/zh/products/tra-hoa-vang", "ko": "http://localhost/ko/products/tra-hoa-vang",
        "x-default": "http://localhost/products/tra-hoa-vang",
    }
    for tag in ("vi", "en", "zh-Hans", "ko"):  # each language's address is a <url>, naming all of them
        assert urls[product[tag]] == product
    assert urls["http://localhost/zh/"]["ko"] == "http://localhost/ko/"
    assert urls["http://localhost/ko/producers/tra-ba-che"]["x-default"] == "http://localhost/producers/tra-ba-che"
    assert len(urls) == 4 * 4  # home, catalogue, one product, one producer; each in four languages
    assert all(set(links) == set(product) for links in urls.values())


@pytest.mark.parametrize(("prefix", "og_locale"), [("", "vi_VN"), ("/en", "en_US"), ("/zh", "zh_CN"), ("/ko", "ko_KR")])
def test_a_shared_product_link_names_its_language_to_link_previews(client, world, prefix, og_locale):
    html = client.get(f"{prefix}/products/tra-hoa-vang").get_data(as_text=True)
    assert f'<meta property="og:locale" content="{og_locale}">' in html


def test_the_sitemaps_alternates_agree_with_the_pages_own(client, world):
    urls = sitemap_urls(client.get("/sitemap.xml").data)
    for loc in ("http://localhost/ko/products/tra-hoa-vang", "http://localhost/zh/producers/tra-ba-che"):
        assert alternates(client.get(loc.removeprefix("http://localhost")).get_data(as_text=True)) == urls[loc]


def switcher(html):
    span = html.split('<span class="lang-switch">')[1].split("</span>")[0]
    return dict(re.findall(r'<a href="([^"]+)" lang="([^"]+)"', span)), re.search(r'<strong[^>]*lang="([^"]+)"', span)


def test_the_switcher_goes_to_the_same_page_in_each_other_language(client, world):
    links, current = switcher(client.get("/en/products?q=tra").get_data(as_text=True))
    assert current.group(1) == "en"
    assert links == {"/products?q=tra": "vi", "/zh/products?q=tra": "zh-Hans", "/ko/products?q=tra": "ko"}


def test_links_and_redirects_stay_in_the_visitors_language(client, world):
    html = client.get("/zh/").get_data(as_text=True)
    assert 'href="/zh/products/tra-hoa-vang"' in html and 'action="/zh/products"' in html
    assert 'href="/zh/cart"' in html and 'href="/zh/auth/login"' in html
    added = client.post("/zh/cart/add", data={"product_id": world["product"].id, "quantity": 1})
    assert added.status_code == 302 and added.headers["Location"] == "/zh/cart"


def test_pages_with_one_address_redirect_there_from_a_language_prefix(client, db):
    assert client.get("/zh/api/products?page=2").headers["Location"] == "/api/products?page=2"
    assert client.get("/ko/admin/").status_code == 308 and client.get("/ko/admin/").headers["Location"] == "/admin/"
    assert client.get("/en/sitemap.xml").headers["Location"] == "/sitemap.xml"
    assert client.get("/en/healthz").headers["Location"] == "/healthz"


def test_the_portal_and_the_office_speak_vietnamese_or_english_only(client, db, login):
    owner = make_user(email="owner@example.com", role="producer", locale="ko")
    make_producer(owner=owner)
    db.session.commit()
    login(owner)
    assert '<html lang="vi">' in client.get("/producer/").get_data(as_text=True)  # Korean is not a portal language
    portal = client.get("/producer/").get_data(as_text=True)
    links, _current = switcher(portal)
    assert list(links.values()) == ["en"] and "/language/en" in next(iter(links))
    client.get("/language/en?next=/producer/")
    assert '<html lang="en">' in client.get("/producer/").get_data(as_text=True)


# --- No English left on a Chinese or Korean page ----------------------------------------------

class _Texts(HTMLParser):
    """The words a reader meets: text nodes and the attributes read aloud or shown."""

    SHOWN = ("alt", "title", "placeholder", "aria-label", "content", "value")
    # The <meta> whose content people read (in search results, link previews); the others are values for machines.
    READ_META = ("description", "og:title", "og:description", "og:site_name")

    def __init__(self):
        super().__init__()
        self.texts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        named = dict(attrs)
        if tag == "meta" and (named.get("name") or named.get("property")) not in self.READ_META:
            return
        for name, value in attrs:
            if name in self.SHOWN and value and not (tag == "input" and named.get("type") == "hidden"):
                self.texts.append(value.strip())

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(" ".join(data.split()))


def shown_texts(html):
    parser = _Texts()
    parser.feed(html)
    return parser.texts


@functools.cache
def catalogue_patterns(lang):
    """Return (msgid, its pattern, whether the catalogue translates it) for the messages of `lang` worth looking for."""
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        string = message.string[0] if isinstance(message.string, tuple) else message.string
        if msgid and string != msgid and len(msgid) >= 3:
            found.append((msgid, _pattern(msgid), bool(string)))
    return found


def _pattern(msgid):
    """A regular expression for the English message as shown: placeholders stand for any words."""
    return re.compile("^" + ".+?".join(re.escape(part) for part in PLACEHOLDER.split(msgid)) + "$")


def english_messages(texts, lang):
    """Return (messages the catalogue translates but the page shows in English, untranslated ones shown)."""
    wrong, pending = set(), set()
    texts = set(texts)
    for msgid, pattern, translated in catalogue_patterns(lang):
        if any(pattern.match(text) for text in texts):
            (wrong if translated else pending).add(msgid)
    return wrong, pending


@pytest.mark.parametrize("lang", ["zh", "ko"])
def test_no_translated_message_shows_in_english_on_a_chinese_or_korean_page(client, login, world, lang):
    # Every storefront message is translated (tests/unit/test_translations.py): no English at all.
    strict = lang in STOREFRONT_LANGUAGES or f"{lang}/messages.po" in COMPLETE
    for path, who in [("/no-such-page", None), *storefront_paths(world)]:
        response = _visit(client, login, world, f"/{lang}", path, who)
        wrong, pending = english_messages(shown_texts(response.get_data(as_text=True)), lang)
        assert not wrong, f"/{lang}{path} shows in English what the {lang} catalogue translates: {sorted(wrong)}"
        assert not (strict and pending), f"/{lang}{path} shows untranslated messages: {sorted(pending)}"


def test_the_english_check_finds_a_translated_message_shown_in_english():
    texts = shown_texts('<p>Cart</p><input placeholder="Search products"><p>Only 3 left</p><script>Sign in</script>')
    wrong, _pending = english_messages(texts, "zh")
    assert {"Cart", "Search products"} <= wrong and "Sign in" not in wrong
    assert _pattern("Only %(n)d left").match("Only 3 left")


def test_signing_in_comes_back_to_the_page_in_its_language(client, world):
    to_sign_in = client.get("/zh/account/orders")
    assert to_sign_in.status_code == 302
    assert to_sign_in.headers["Location"].startswith("/zh/auth/login?next=%2Fzh%2Faccount%2Forders")
    signed_in = client.post("/zh/auth/login?next=/zh/account/orders",
                            data={"email": "lan@example.com", "password": DEFAULT_PASSWORD})
    assert signed_in.headers["Location"] == "/zh/account/orders"
    assert '<html lang="zh-Hans">' in client.get("/zh/account/orders").get_data(as_text=True)
