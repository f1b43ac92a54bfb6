"""Products as JSON: the shapes described in shop/api/openapi.py."""
from flask import url_for

from shop.i18n import CONTENT_LANGUAGES, localized
from shop.services.catalog.listing import STOCK_LOW, availability, public_link, shown_certification
from shop.services.certification.rules import badge_stars
from shop.web.media import media_url


def _names(obj, field="name"):
    """`obj`'s `field` in every storefront language, each falling back like the pages (English, then Vietnamese)."""
    return {code: localized(obj, field, code) for code in CONTENT_LANGUAGES}


def _image(image):
    return {
        "url": media_url(image.filename, external=True),
        "thumbnail_url": media_url(image.thumb_filename, external=True),
        "width": image.width or None,
        "height": image.height or None,
        "alt": _names(image, "alt"),
    }


def product_summary(product):
    """Return the listing entry of a product."""
    stock = availability(product)
    first = product.images[0] if product.images else None
    producer, area, category = product.producer, product.producer.area, product.category
    return {
        "slug": product.slug,
        "name": _names(product),
        "unit": _names(product, "unit"),
        "price": product.price,
        "currency": "VND",
        "stars": badge_stars(product.certifications),
        "stock_state": stock.state,
        "stock_left": stock.left if stock.state == STOCK_LOW else None,
        "producer": {"slug": producer.slug, "name": producer.name,
                     "url": url_for("catalog.producer", slug=producer.slug, _external=True)},
        "category": {"slug": category.slug, "name": _names(category)},
        "area": {"slug": area.slug, "name": _names(area)},
        "url": url_for("catalog.product", slug=product.slug, _external=True),
        "image_url": media_url(first.thumb_filename, external=True) if first else None,
    }


def product_detail(product):
    """Return a product with its description, pictures and OCOP certification."""
    cert = shown_certification(product)
    return {
        **product_summary(product),
        "description": _names(product, "description"),
        "images": [_image(image) for image in product.images],
        "certification": None if cert is None else {
            "stars": cert.stars,
            "decision_number": cert.decision_number,
            "issuing_body": cert.issuing_body,
            "decision_date": cert.decision_date.isoformat(),
            "valid_until": cert.expires_on.isoformat(),
            "traceability_url": public_link(cert.traceability_url) or None,
            "demo": cert.is_demo,
        },
        "qr_code_url": url_for("catalog.product_qr", slug=product.slug, _external=True),
    }
