"""schema.org Product data and page links for search engines and link previews."""
from flask import url_for

from shop.services.catalog.listing import STOCK_LOW, STOCK_SOLD_OUT
from shop.web.media import media_url

AVAILABILITY = {
    STOCK_SOLD_OUT: "https://schema.org/OutOfStock",
    STOCK_LOW: "https://schema.org/LimitedAvailability",
}


def product_image_urls(product, external=True):
    """Return the addresses of a product's display pictures, or the placeholder when it has none."""
    if product.images:
        return [media_url(image.filename, external) for image in product.images]
    return [url_for("static", filename="img/product-placeholder.svg", _external=external)]


def product_json_ld(product, name, description, certification, stock):
    """Return the schema.org Product object for a product page (serialised with |tojson)."""
    page_url = url_for("catalog.product", slug=product.slug, _external=True)
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": name,
        "image": product_image_urls(product),
        "description": description,
        "sku": product.slug,
        "url": page_url,
        "category": product.category.name_en or product.category.name_vi,
        "brand": {"@type": "Brand", "name": product.producer.name},
        "offers": {
            "@type": "Offer",
            "url": page_url,
            "price": product.price,
            "priceCurrency": "VND",
            "availability": AVAILABILITY.get(stock.state, "https://schema.org/InStock"),
            "seller": {"@type": "Organization", "name": product.producer.name},
        },
    }
    if certification is not None:
        data["award"] = f"OCOP {certification.stars}★ ({certification.decision_number})"
    return data
