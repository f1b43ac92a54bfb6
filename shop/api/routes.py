"""JSON views: the same catalogue service as the shop pages, with the same filters."""
from flask import current_app, jsonify, request

from shop.api import bp
from shop.api.openapi import openapi_document
from shop.api.serializers import product_detail, product_summary
from shop.services.catalog import listing as catalog
from shop.web.page_cache import cached_page

MAX_PER_PAGE = 100


@bp.after_request
def allow_other_sites(response):
    """The catalogue is public and read-only: tourism sites may read it from their own pages."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/products")
@cached_page
def products():
    filters = catalog.parse_filters(request.args, per_page=current_app.config["PRODUCTS_PER_PAGE"],
                                    max_per_page=MAX_PER_PAGE)
    result = catalog.list_products(filters)
    return jsonify(
        page=result.page, per_page=result.per_page, pages=result.pages, total=result.total, more=result.more,
        sort=filters.effective_sort, items=[product_summary(product) for product in result.items],
    )


@bp.get("/products/<slug>")
@cached_page
def product(slug):
    return jsonify(product_detail(catalog.get_listed_product(slug)))


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(MAX_PER_PAGE, current_app.config["PRODUCTS_PER_PAGE"]))
