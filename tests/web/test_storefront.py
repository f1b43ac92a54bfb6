"""The storefront pages: home, listing, product and producer pages, sitemap, robots.txt."""
import json
import re
from datetime import timedelta

import pytest

from shop.models.statuses import CertificationStatus, ProducerStatus, ProductStatus
from shop.services.localtime import local_today
from tests.factories import make_area, make_category, make_certification, make_image, make_producer, make_product
from tests.html import parse, text


def page(client, url, status=200):
    prefix = getattr(client, "language_prefix", "")
    response = client.get(url if url.startswith(f"{prefix}/") else prefix + url)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    return response.get_data(as_text=True)


def to_english(client):
    """Read the storefront's pages at their English addresses (/en/…) from here on.

    Tests that read interface words do so in English: the Vietnamese catalogue changes.
    """
    client.language_prefix = "/en"


def cards(html):
    """The slugs of the product cards on a page, in order."""
    return re.findall(r'class="product-card-link" href="(?:/en)?/products/([^"]+)"', html)


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


@pytest.fixture
def shop(db):
    """A small catalogue: Hạ Long squid cake (5★), Ba Chẽ tea (4★), Đông Triều rice (3★), an unrated item."""
    ha_long = make_area("Hạ Long", "Ha Long", slug="ha-long")
    ba_che = make_area("Ba Chẽ", "Ba Che", slug="ba-che")
    dong_trieu = make_area("Đông Triều", "Dong Trieu", slug="dong-trieu")
    food = make_category("food", "Thực phẩm", "Food")
    drinks = make_category("beverage", "Đồ uống", "Beverages")
    squid_maker = make_producer(name="Công ty CP Chả mực Hạ Long", slug="cha-muc-co", area=ha_long,
                                legal_type="company", story_vi="Giã tay từ năm 1998.",
                                story_en="Pounded by hand since 1998.")
    products = {
        "squid": make_product(squid_maker, "Chả mực Hạ Long", slug="cha-muc-ha-long", name_en="Ha Long squid cake",
                              price=85_000, stock=40, stars=5, category=food, featured=True,
                              description_vi="Chả mực giã tay.", description_en="Hand-pounded squid cake.",
                              unit_vi="hộp 500 g", unit_en="500 g box"),
        "tea": make_product(make_producer(name="HTX Trà hoa vàng Ba Chẽ", slug="tra-co", area=ba_che),
                            "Trà hoa vàng Ba Chẽ", slug="tra-hoa-vang", name_en="Golden camellia tea", price=350_000,
                            stock=3, stars=4, category=drinks),
        "rice": make_product(make_producer(name="HTX Yên Đức", slug="yen-duc", area=dong_trieu),
                             "Gạo nếp cái hoa vàng", slug="gao-nep", name_en="Sticky rice", price=60_000, stars=3,
                             category=food),
        "worms": make_product(squid_maker, "Sá sùng khô", slug="sa-sung", name_en="Dried peanut worms",
                              price=3_200_000, stock=0, category=food),
    }
    make_image(products["squid"], "products/cha-muc.jpg")
    db.session.commit()
    return products


# --- Home -----------------------------------------------------------------------------------

def test_home_shows_top_rated_products_groups_areas_search_and_trust_note(client, shop):
    to_english(client)
    html = page(client, "/")
    showcase = html.split('id="featured-heading"')[1].split("</section>")[0]
    assert cards(showcase) == ["cha-muc-ha-long", "tra-hoa-vang"]  # 3★ and unrated are not top-rated
    assert "/products?category=food" in html and "Food" in html and "Beverages" in html
    assert "/products?area=ha-long" in html and "Dong Trieu" in html
    assert 'name="q"' in html
    assert "What the OCOP stars mean" in html and "36 months" in html
    assert html.count("<h1") == 1


def test_home_names_products_groups_and_areas_in_the_chosen_language(client, shop):
    html = page(client, "/")
    assert "<h3>Chả mực Hạ Long</h3>" in html and "Thực phẩm" in html and "Đông Triều" in html
    to_english(client)
    html = page(client, "/")
    assert "<h3>Ha Long squid cake</h3>" in html and "Beverages" in html and "Dong Trieu" in html
    assert "<h3>Chả mực Hạ Long</h3>" not in html and "Thực phẩm" not in html


# --- Listing --------------------------------------------------------------------------------

def test_products_page_lists_with_count_and_filters(client, shop):
    to_english(client)
    html = page(client, "/products")
    assert "4 products" in html
    assert sorted(cards(html)) == ["cha-muc-ha-long", "gao-nep", "sa-sung", "tra-hoa-vang"]
    assert '<details class="filter-panel"' in html
    assert 'name="stars"' in html and 'name="category"' in html and 'name="area"' in html
    assert 'name="min_price"' in html and 'name="max_price"' in html and 'name="sort"' in html


def test_products_page_filters_by_stars_group_area_and_price(client, shop):
    to_english(client)
    html = page(client, "/products?stars=4")
    assert cards(html) == ["cha-muc-ha-long", "tra-hoa-vang"] and "2 products" in html
    assert cards(page(client, "/products?category=beverage")) == ["tra-hoa-vang"]
    assert cards(page(client, "/products?area=dong-trieu")) == ["gao-nep"]
    assert cards(page(client, "/products?min_price=80000&max_price=400000")) == ["cha-muc-ha-long", "tra-hoa-vang"]
    assert cards(page(client, "/products?stars=3&category=food&max_price=100000")) == ["cha-muc-ha-long", "gao-nep"]


def test_products_page_search_without_accents(client, shop):
    to_english(client)
    html = page(client, "/products?q=cha+muc")  # the product, and another of the same producer
    assert cards(html) == ["cha-muc-ha-long", "sa-sung"] and "2 products" in html
    assert "Results for “cha muc”" in html
    assert cards(page(client, "/products?q=Chả+Mực")) == ["cha-muc-ha-long", "sa-sung"]
    assert cards(page(client, "/products?q=squid")) == ["cha-muc-ha-long"]
    assert cards(page(client, "/products?q=dong+trieu")) == ["gao-nep"]


def test_products_page_sorts(client, shop):
    assert cards(page(client, "/products?sort=price_asc")) == ["gao-nep", "cha-muc-ha-long", "tra-hoa-vang", "sa-sung"]
    assert cards(page(client, "/products?sort=price_desc")) == ["sa-sung", "tra-hoa-vang", "cha-muc-ha-long", "gao-nep"]
    assert cards(page(client, "/products")) == ["cha-muc-ha-long", "tra-hoa-vang", "gao-nep", "sa-sung"]


def test_pagination_keeps_the_filters_in_the_links(client, app, shop, monkeypatch):
    to_english(client)
    monkeypatch.setitem(app.config, "PRODUCTS_PER_PAGE", 1)
    html = page(client, "/products?category=food&sort=price_asc")
    assert "Page 1 of 3" in html
    next_link = re.search(r'<a rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "category=food" in next_link and "sort=price_asc" in next_link and "page=2" in next_link
    second = page(client, next_link)
    assert "Page 2 of 3" in second and cards(second) == ["cha-muc-ha-long"]


def test_an_empty_result_offers_to_clear_the_filters(client, shop):
    to_english(client)
    html = page(client, "/products?q=ngoc+trai&stars=5&area=ba-che")
    assert "No products match" in html
    assert 'href="/en/products"' in html  # clear everything
    assert "/en/products?q=ngoc+trai&amp;area=ba-che" in html  # drop only the stars


EVERY_PRODUCT = ["cha-muc-ha-long", "tra-hoa-vang", "gao-nep", "sa-sung"]


@pytest.mark.parametrize("query, shown", [
    ("stars=abc&page=-1&min_price=1e99", EVERY_PRODUCT), ("page=99999999999999999999999", EVERY_PRODUCT),
    ("max_price=-5&min_price=abc", EVERY_PRODUCT), ("sort=%27%3B--&category=..%2F..%2F", EVERY_PRODUCT),
    ("area[]=x&stars[]=1", EVERY_PRODUCT),
    ("q=" + "trà%20" * 1000, ["tra-hoa-vang"]),  # a long search is cut, not refused
    ("q=%25%25%5F", []),  # LIKE's wildcards are searched for as characters, matching nothing
])
def test_nonsense_arguments_never_break_the_listing(client, shop, query, shown):
    """Values that mean nothing are ignored: the listing is the unfiltered first page (or the search's)."""
    html = page(client, "/products?" + query)
    assert cards(html) == shown
    count = parse(html).select_one("main .result-count")
    assert text(count) == f"{len(shown)} sản phẩm"


def test_a_nul_character_is_refused_plainly(client, shop):
    assert client.get("/products?sort=%27%3B--&category=%00").status_code == 400  # every request refuses NUL


def test_listing_in_english_shows_usd_and_english_names(client, shop):
    to_english(client)
    html = page(client, "/products")
    assert "Ha Long squid cake" in html and "₫85,000" in html and "≈ US$" in html


# --- Product page ---------------------------------------------------------------------------

def test_product_page_shows_certificate_price_stock_and_cart_form(client, shop):
    to_english(client)
    product = shop["squid"]
    cert = product.certifications[0]
    html = page(client, "/products/cha-muc-ha-long")
    assert "<h1>Ha Long squid cake</h1>" in html
    assert 'class="ocop-badge ocop-5 large"' in html
    assert cert.decision_number in html and cert.issuing_body in html
    assert f'datetime="{cert.expires_on.isoformat()}"' in html
    assert "Decision number" in html and "Valid until" in html
    assert "₫85,000" in html and "500 g box" in html
    assert "In stock" in html
    assert 'href="/en/producers/cha-muc-co"' in html
    form = html.split('<form class="add-to-cart"')[1].split("</form>")[0]
    assert 'action="/en/cart/add"' in form and 'method="post"' in form
    assert f'name="product_id" value="{product.id}"' in form
    assert 'name="quantity"' in form
    assert re.search(r'name="csrf_token" value="[^"]+"', form)


def test_product_page_in_both_languages(client, shop):
    html = page(client, "/products/cha-muc-ha-long")
    assert "<h1>Chả mực Hạ Long</h1>" in html and "Chả mực giã tay." in html
    assert "85.000 ₫" in html and "US$" not in html and "hộp 500 g" in html
    assert "Giã tay từ năm 1998." in html
    to_english(client)
    html = page(client, "/products/cha-muc-ha-long")
    assert "<h1>Ha Long squid cake</h1>" in html and "Hand-pounded squid cake." in html
    assert "₫85,000" in html and "≈ US$3.27" in html and "500 g box" in html
    assert "Pounded by hand since 1998." in html


def test_low_stock_and_sold_out(client, shop):
    to_english(client)
    assert "Only 3 left" in page(client, "/products/tra-hoa-vang")
    html = page(client, "/products/sa-sung")
    assert "Sold out" in html
    assert 'action="/cart/add"' not in html


def test_badge_only_from_a_valid_verified_certification(client, db):
    to_english(client)
    expired = make_product(slug="expired", name_vi="Hết hạn")
    make_certification(expired, 5, decision_date=local_today() - timedelta(days=4 * 365))
    unverified = make_product(slug="unverified", name_vi="Chưa xác minh")
    make_certification(unverified, 5, status=CertificationStatus.SUBMITTED)
    db.session.commit()
    for slug in ("expired", "unverified"):
        html = page(client, f"/products/{slug}")
        assert "ocop-badge" not in html
        assert "no OCOP certification in force" in html
        assert '"award"' not in html


def test_product_page_has_json_ld_and_open_graph(client, shop):
    html = page(client, "/products/cha-muc-ha-long")
    data = json_ld(html)
    assert data["@type"] == "Product" and data["name"] == "Chả mực Hạ Long"
    assert data["sku"] == "cha-muc-ha-long"
    assert data["brand"] == {"@type": "Brand", "name": "Công ty CP Chả mực Hạ Long"}
    assert data["image"] == ["http://localhost/media/products/cha-muc.jpg"]
    assert data["description"] == "Chả mực giã tay."
    assert data["offers"]["price"] == 85_000 and data["offers"]["priceCurrency"] == "VND"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert 'property="og:title" content="Chả mực Hạ Long"' in html
    assert 'property="og:image" content="http://localhost/media/products/cha-muc.jpg"' in html
    assert 'property="og:url" content="http://localhost/products/cha-muc-ha-long"' in html
    sold_out = json_ld(page(client, "/products/sa-sung"))
    assert sold_out["offers"]["availability"] == "https://schema.org/OutOfStock"
    assert sold_out["image"] == ["http://localhost/static/img/product-placeholder.svg"]


def test_json_ld_cannot_be_broken_out_of_by_product_text(client, db):
    make_product(slug="tricky", name_vi="</script><script>alert(1)</script>")
    db.session.commit()
    html = page(client, "/products/tricky")
    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == "</script><script>alert(1)</script>"


def test_product_page_has_an_inline_qr_code_and_a_printable_one(client, shop):
    html = page(client, "/products/cha-muc-ha-long")
    assert re.search(r'<div class="qr-code"><svg [^>]*role="img"', html)
    assert 'href="/products/cha-muc-ha-long/qr.svg"' in html
    response = client.get("/products/cha-muc-ha-long/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert b'width="30mm"' in response.data and b"<path" in response.data


def test_related_products_are_of_the_same_group_without_the_product_itself(client, shop):
    html = page(client, "/products/cha-muc-ha-long")
    related = html.split('id="related-heading"')[1]
    assert "Gạo nếp cái hoa vàng" in related and "Sá sùng khô" in related
    assert "Trà hoa vàng" not in related and "/products/cha-muc-ha-long\"" not in related


def test_product_photos_have_alt_text_sizes_and_lazy_thumbnails(client, shop):
    html = page(client, "/products")
    card = re.search(r'<img src="/media/products/cha-muc.jpg"[^>]*>', html).group(0)
    assert 'alt="Chả mực Hạ Long"' in card and 'width="400"' in card and 'loading="lazy"' in card
    assert "/static/img/product-placeholder.svg" in html  # products without a photo


@pytest.mark.parametrize("url", [
    "/products/no-such-product", "/products/draft", "/products/hidden", "/products/of-suspended",
    "/products/of-pending", "/products/draft/qr.svg", "/producers/no-such", "/producers/pending",
])
def test_what_is_not_listed_is_a_404(client, db, url):
    if not url.endswith("/qr.svg"):  # a QR code has one address, in no language
        to_english(client)
    make_product(slug="draft", status=ProductStatus.DRAFT)
    make_product(slug="hidden", status=ProductStatus.HIDDEN)
    make_product(make_producer(status=ProducerStatus.SUSPENDED), slug="of-suspended")
    make_product(make_producer(status=ProducerStatus.PENDING, slug="pending"), slug="of-pending")
    db.session.commit()
    html = page(client, url, status=404)
    assert ("404" if url.endswith("/qr.svg") else "Page not found") in html


# --- Producer page --------------------------------------------------------------------------

def test_producer_page_shows_story_area_kind_and_listed_products(client, shop, db):
    to_english(client)
    make_product(shop["squid"].producer, "Bản nháp", slug="draft-of-producer", status=ProductStatus.DRAFT)
    db.session.commit()
    html = page(client, "/producers/cha-muc-co")
    assert "<h1>Công ty CP Chả mực Hạ Long</h1>" in html
    assert "Pounded by hand since 1998." in html and "Ha Long" in html and "Company" in html
    assert cards(html) == ["cha-muc-ha-long", "sa-sung"]


def test_producer_page_tells_the_story_in_vietnamese_by_default(client, shop):
    html = page(client, "/producers/cha-muc-co")
    assert "Giã tay từ năm 1998." in html and "Pounded by hand" not in html


# --- Sitemap and robots.txt -----------------------------------------------------------------

def test_sitemap_lists_home_products_and_producers(client, shop, db):
    make_product(slug="draft", status=ProductStatus.DRAFT)
    db.session.commit()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    xml = response.get_data(as_text=True)
    assert "<loc>http://localhost/</loc>" in xml and "<loc>http://localhost/products</loc>" in xml
    assert "<loc>http://localhost/products/cha-muc-ha-long</loc>" in xml
    assert "<loc>http://localhost/producers/cha-muc-co</loc>" in xml
    assert "/products/draft<" not in xml


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    for path in ("/admin/", "/producer/", "/cart", "/checkout", "/account/"):
        assert f"Disallow: {path}\n" in text
    assert "Sitemap: http://localhost/sitemap.xml" in text


def test_search_words_are_escaped_everywhere_on_the_page(client, shop):
    html = page(client, "/products?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_only_web_addresses_become_traceability_links(client, db):
    good = make_product(slug="good")
    make_certification(good, 4, traceability_url="https://truyxuat.example.vn/sp/1")
    bad = make_product(slug="bad")
    make_certification(bad, 4, traceability_url="javascript:alert(1)")
    db.session.commit()
    assert 'href="https://truyxuat.example.vn/sp/1"' in page(client, "/products/good")
    html = page(client, "/products/bad")
    assert "javascript:" not in html
    assert client.get("/api/products/bad").get_json()["certification"]["traceability_url"] is None


def test_the_add_to_cart_form_puts_the_product_in_the_cart(client, shop):
    html = page(client, "/products/cha-muc-ha-long")
    form = html.split('<form class="add-to-cart"')[1].split("</form>")[0]
    action = re.search(r'action="([^"]+)"', form).group(1)
    fields = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', form))
    fields["quantity"] = "2"
    response = client.post(action, data=fields)
    assert response.status_code == 302
    assert "Chả mực Hạ Long" in page(client, "/cart")


def test_the_catalogue_offers_the_product_sets_of_a_chosen_group(client, db):
    from tests.factories import make_category, make_product

    food = make_category("food")
    make_product(category=food, product_set="liquid-condiments", name_vi="Nước mắm Cái Rồng")
    make_product(category=food, product_set="fresh-produce", name_vi="Bưởi Quý Lộc")
    db.session.commit()
    page = client.get("/products?category=food").get_data(as_text=True)
    assert 'name="product_set"' in page and "Tương, nước mắm, gia vị dạng lỏng khác (1)" in page
    narrowed = client.get("/products?category=food&product_set=liquid-condiments").get_data(as_text=True)
    assert "Nước mắm Cái Rồng" in narrowed and "Bưởi Quý Lộc" not in narrowed


def test_an_assumed_rating_says_demo_data_on_the_certificate_panel(client, db):
    from tests.factories import make_certification, make_product

    assumed, stated = make_product(), make_product()
    make_certification(assumed, 3, stars_verified=False)
    make_certification(stated, 4)
    db.session.commit()
    assumed_page = client.get(f"/products/{assumed.slug}").get_data(as_text=True)
    stated_page = client.get(f"/products/{stated.slug}").get_data(as_text=True)
    assert "không nguồn nào nêu hạng sao này" in assumed_page
    assert "không nguồn nào nêu hạng sao này" not in stated_page
