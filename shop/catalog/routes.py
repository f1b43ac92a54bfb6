"""Storefront views: thin wrappers around shop.services.catalog.listing."""
from flask import Response, current_app, jsonify, render_template, request, url_for
from flask_babel import gettext as _

from shop.catalog import bp
from shop.catalog.structured_data import product_json_ld
from shop.i18n import current_locale, localized
from shop.models.product_sets import BY_CODE
from shop.services.catalog import facets
from shop.services.catalog import facts as product_facts
from shop.services.catalog import listing as catalog
from shop.services.catalog.qrcodes import qr_svg
from shop.services.catalog.sitemap import sitemap_entries
from shop.services.catalog.suggestions import suggest
from shop.services.certification.levels import ocop_level
from shop.services.traceability.batches import current_lot
from shop.web.page_cache import cached_page

# Parts of the site that search engines have no business crawling.
DISALLOWED_PATHS = ("/admin/", "/producer/", "/cart", "/checkout", "/account/", "/orders/", "/api/")


def _per_page():
    return current_app.config["PRODUCTS_PER_PAGE"]


@bp.route("/products")
@cached_page
def products():
    filters = catalog.parse_filters(request.args, per_page=_per_page())
    result = catalog.list_products(filters, forgive=True)
    categories, areas = catalog.list_categories(), catalog.list_areas()
    return render_template(
        "catalog/products.html", filters=filters, result=result, categories=categories, areas=areas,
        category=next((c for c in categories if c.slug == filters.category), None),
        area=next((a for a in areas if a.slug == filters.area), None),
        # The product sets of Decision 148 are offered inside a chosen group (26 at once are too many).
        product_sets=facets.product_sets_with_counts(filters.category) if filters.category else [],
        product_set=BY_CODE.get(filters.product_set),
    )


@bp.route("/search/suggestions")
@cached_page
def suggestions():
    query, did_you_mean, found = suggest(request.args.get("q", ""), current_locale())
    return jsonify(query=query, did_you_mean=did_you_mean, suggestions=[
        {"name": each.name, "producer": each.producer, "stars": each.stars,
         "url": url_for("catalog.product", slug=each.slug)} for each in found])


@bp.route("/products/<slug>")
@cached_page
def product(slug):
    product = catalog.get_listed_product(slug)
    certification = catalog.shown_certification(product)
    stock = catalog.availability(product)
    locale = current_locale()
    page_url = url_for("catalog.product", slug=product.slug, _external=True)
    stated = product_facts.describe(product.facts, locale)
    json_ld = product_json_ld(
        product, localized(product, "name", locale), localized(product, "description", locale), certification, stock,
        stated,
    )
    return render_template(
        "catalog/product.html", product=product, certification=certification, stock=stock,
        lapsed=None if certification else catalog.lapsed_rating(product),
        related=catalog.related_products(product), page_url=page_url, json_ld=json_ld, lot=current_lot(product.id),
        producer_kind=product.producer.legal_form.customer_label,
        qr_code=qr_svg(page_url, label=_("QR code")),  # the photo already bears the product's name
        facts=stated, delivery=product_facts.delivery_estimates(product.facts),
        level=ocop_level(certification.stars) if certification else None,
    )


@bp.route("/products/<slug>/qr.svg")
def product_qr(slug):
    product = catalog.get_listed_product(slug)
    page_url = url_for("catalog.product", slug=product.slug, _external=True)
    svg = qr_svg(page_url, label=product.name_vi, size_mm=30)
    response = Response('<?xml version="1.0" encoding="UTF-8"?>\n' + svg, mimetype="image/svg+xml")
    response.headers["Content-Disposition"] = f'inline; filename="{product.slug}-qr.svg"'
    return response


@bp.route("/producers/<slug>")
@cached_page
def producer(slug):
    producer = catalog.get_approved_producer(slug)
    page = catalog.parse_filters(request.args, per_page=_per_page()).page
    result = catalog.list_products(catalog.CatalogFilter(page=page, per_page=_per_page()), producer=producer)
    return render_template("catalog/producer.html", producer=producer, result=result,
                           producer_kind=producer.legal_form.customer_label)


@bp.route("/sitemap.xml")
@cached_page
def sitemap():
    xml = render_template("catalog/sitemap.xml", entries=sitemap_entries())
    return Response(xml, mimetype="application/xml")


@bp.route("/robots.txt")
def robots():
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED_PATHS), "",
             f"Sitemap: {url_for('catalog.sitemap', _external=True)}", ""]
    return Response("\n".join(lines), mimetype="text/plain")
