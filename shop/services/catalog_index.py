"""Keep each product's folded search text in step with its names, producer and area."""
from shop.services.search import fold


def refresh_search_text(product):
    """Recompute `product.search_text` from its vi/en names, producer name and area."""
    parts = [product.name_vi, product.name_en]
    if product.producer is not None:
        parts.append(product.producer.name)
        if product.producer.area is not None:
            parts += [product.producer.area.name, product.producer.area.name_en]
    product.search_text = " ".join(fold(part) for part in parts if part)
    return product.search_text
