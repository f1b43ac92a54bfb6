"""The OpenAPI 3.1 description of the public catalogue API (served at /api/openapi.json)."""
from flask import url_for

from shop.services.catalog.listing import (
    MAX_PAGE,
    MAX_PRICE,
    MAX_QUERY_LENGTH,
    SORTS,
    STOCK_IN,
    STOCK_LOW,
    STOCK_SOLD_OUT,
)


def _nullable(schema):
    return {**schema, "type": [schema["type"], "null"]}


NAMES = {
    "type": "object",
    "description": "A text in every language of the shop: Vietnamese (the source), English, Chinese and Korean; "
                   "a missing translation falls back to the English, then the Vietnamese.",
    "required": ["vi", "en", "zh", "ko"],
    "properties": {"vi": {"type": "string"}, "en": {"type": "string"}, "zh": {"type": "string"},
                   "ko": {"type": "string"}},
}
URL = {"type": "string", "format": "uri"}
# Any text but the NUL character, which every request refuses (400).
TEXT = {"type": "string", "pattern": "^[^\\u0000]*$"}
STARS = {"type": "integer", "minimum": 3, "maximum": 5}

PRODUCT_SUMMARY = {
    "type": "object",
    "required": ["slug", "name", "unit", "price", "currency", "stars", "stock_state", "stock_left",
                 "producer", "category", "area", "url", "image_url"],
    "properties": {
        "slug": {"type": "string", "description": "Stable identifier, also the last part of the page address."},
        "name": {"$ref": "#/components/schemas/Names"},
        "unit": {"$ref": "#/components/schemas/Names"},
        "price": {"type": "integer", "minimum": 1, "description": "Price in whole đồng (VND has no minor unit)."},
        "currency": {"type": "string", "const": "VND"},
        "stars": {**_nullable(STARS), "description": "OCOP stars of a verified certification valid today "
                                                     "(3 or more), or null when the product shows no badge."},
        "stock_state": {"type": "string", "enum": [STOCK_IN, STOCK_LOW, STOCK_SOLD_OUT]},
        "stock_left": {"type": ["integer", "null"], "minimum": 1,
                       "description": "Units left when stock_state is low_stock, else null."},
        "producer": {
            "type": "object", "required": ["slug", "name", "url"],
            "properties": {"slug": {"type": "string"}, "name": {"type": "string"}, "url": URL},
        },
        "category": {
            "type": "object", "required": ["slug", "name"],
            "properties": {"slug": {"type": "string"}, "name": {"$ref": "#/components/schemas/Names"}},
        },
        "area": {
            "type": "object", "required": ["slug", "name"],
            "properties": {"slug": {"type": "string"}, "name": {"$ref": "#/components/schemas/Names"}},
        },
        "url": {**URL, "description": "The product page in the shop."},
        "image_url": {**_nullable(URL), "description": "Thumbnail of the first photo, or null."},
    },
}

IMAGE = {
    "type": "object",
    "required": ["url", "thumbnail_url", "width", "height", "alt"],
    "properties": {
        "url": URL, "thumbnail_url": URL,
        "width": {"type": ["integer", "null"]}, "height": {"type": ["integer", "null"]},
        "alt": {"$ref": "#/components/schemas/Names"},
    },
}

CERTIFICATION = {
    "type": "object",
    "description": "The OCOP rating that earns the badge: verified by the provincial office and valid today.",
    "required": ["stars", "decision_number", "issuing_body", "decision_date", "valid_until",
                 "traceability_url", "demo"],
    "properties": {
        "stars": STARS,
        "decision_number": {"type": "string"},
        "issuing_body": {"type": "string"},
        "decision_date": {"type": "string", "format": "date"},
        "valid_until": {"type": "string", "format": "date"},
        "traceability_url": _nullable(URL),
        "demo": {"type": "boolean", "description": "True for illustrative demo data, not the official register."},
    },
}

PRODUCT_DETAIL = {
    "allOf": [
        {"$ref": "#/components/schemas/ProductSummary"},
        {
            "type": "object",
            "required": ["description", "images", "certification", "qr_code_url"],
            "properties": {
                "description": {"$ref": "#/components/schemas/Names"},
                "images": {"type": "array", "items": {"$ref": "#/components/schemas/Image"}},
                "certification": {"oneOf": [{"$ref": "#/components/schemas/Certification"}, {"type": "null"}]},
                "qr_code_url": {**URL, "description": "SVG QR code of the product page, for labels."},
            },
        },
    ],
}

ERROR = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
}


def _page_schema(max_per_page):
    return {
        "type": "object",
        "required": ["page", "per_page", "pages", "total", "sort", "items"],
        "properties": {
            "page": {"type": "integer", "minimum": 1,
                     "description": "The page returned (a page past the last one gives the last page)."},
            "per_page": {"type": "integer", "minimum": 1, "maximum": max_per_page},
            "pages": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0,
                      "description": "Products matching, on all pages (at least this many when `more`)."},
            "more": {"type": "boolean",
                     "description": "More products match than `total`: the count stopped (pages go on)."},
            "sort": {"type": "string", "enum": [*SORTS, "relevance"],
                     "description": "The order applied: relevance for a search without an explicit sort."},
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/ProductSummary"}},
        },
    }


def _query(name, description, schema):
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _list_parameters(max_per_page, per_page):
    return [
        _query("q", "Search words; accents optional (“cha muc” finds “Chả mực”). Every word must match "
                    "the Vietnamese or English name, the producer or the area.",
               {**TEXT, "maxLength": MAX_QUERY_LENGTH}),
        _query("category", "Slug of an OCOP product group.", TEXT),
        _query("stars", "Minimum OCOP stars of a verified certification valid today.",
               {"type": "integer", "minimum": 1, "maximum": 5}),
        _query("area", "Slug of an area of the province.", TEXT),
        _query("min_price", "Lowest price in VND.", {"type": "integer", "minimum": 0, "maximum": MAX_PRICE}),
        _query("max_price", "Highest price in VND.", {"type": "integer", "minimum": 0, "maximum": MAX_PRICE}),
        _query("sort", "Order of the results; default: featured first (relevance when searching).",
               {"type": "string", "enum": list(SORTS)}),
        _query("page", "Page number.", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}),
        _query("per_page", "Products per page.",
               {"type": "integer", "minimum": 1, "maximum": max_per_page, "default": per_page}),
    ]


def openapi_document(max_per_page, per_page):
    """Return the OpenAPI 3.1 document of the catalogue API."""
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    not_found = {"description": "No published product with this slug.", "content": error}
    bad_request = {"description": "The address holds a NUL character.", "content": error}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "OCOP Quảng Ninh public catalogue",
            "version": "1.0.0",
            "description": "Published OCOP products of approved producers, as listed in the shop. "
                           "Prices are whole VND. Unreadable query values are ignored and out-of-range "
                           "ones clamped, never an error; only a NUL character is refused (400).",
        },
        "servers": [{"url": url_for("main.index", _external=True).rstrip("/")}],
        "paths": {
            "/api/products": {
                "get": {
                    "operationId": "listProducts",
                    "summary": "List products with the shop's filters, search and sorting.",
                    "parameters": _list_parameters(max_per_page, per_page),
                    "responses": {
                        "200": {
                            "description": "One page of products.",
                            "content": {"application/json": {
                                "schema": {"$ref": "#/components/schemas/ProductPage"}}},
                        },
                        "400": bad_request,
                    },
                },
            },
            "/api/products/{slug}": {
                "get": {
                    "operationId": "getProduct",
                    "summary": "One product with its description, photos and OCOP certification.",
                    "parameters": [{"name": "slug", "in": "path", "required": True, "schema": TEXT}],
                    "responses": {
                        "200": {
                            "description": "The product.",
                            "content": {"application/json": {
                                "schema": {"$ref": "#/components/schemas/ProductDetail"}}},
                        },
                        "400": bad_request,
                        "404": not_found,
                    },
                },
            },
        },
        "components": {
            "schemas": {
                "Names": NAMES,
                "ProductSummary": PRODUCT_SUMMARY,
                "ProductDetail": PRODUCT_DETAIL,
                "ProductPage": _page_schema(max_per_page),
                "Image": IMAGE,
                "Certification": CERTIFICATION,
                "Error": ERROR,
            },
        },
    }
