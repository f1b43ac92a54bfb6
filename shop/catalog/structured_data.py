"""schema.org Product data and page links for search engines and link previews."""
from flask import url_for

from shop.models.product_kinds import NetUnit
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


def _facts_data(product, facts):
    """schema.org's weight and one PropertyValue per stated fact (`facts`: Fact rows of the catalogue service)."""
    data = {}
    stated = product.facts
    if stated is not None and stated.net_unit == NetUnit.GRAM:
        data["weight"] = {"@type": "QuantitativeValue", "value": stated.net_quantity, "unitCode": "GRM"}
    elif stated is not None and stated.shipping_weight_g:
        data["weight"] = {"@type": "QuantitativeValue", "value": stated.shipping_weight_g, "unitCode": "GRM"}
    if facts:
        data["additionalProperty"] = [
            {"@type": "PropertyValue", "propertyID": fact.key, "name": fact.label, "value": fact.value}
            for fact in facts]
    return data


def product_json_ld(product, name, description, certification, stock, facts=()):
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
    data.update(_facts_data(product, facts))
    if certification is not None:
        data["award"] = f"OCOP {certification.stars}★ ({certification.decision_number})"
    return data
