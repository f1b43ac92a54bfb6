"""Vietnamese text folding for accent-insensitive search, and each product's folded search text."""
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text):
    """Lower-case `text`, strip diacritics and map đ/Đ to d ("Chả mực Đông Triều" → "cha muc dong trieu")."""
    if not text:
        return ""
    # NFD does not decompose đ (it is a letter of its own), so map it explicitly.
    text = text.replace("đ", "d").replace("Đ", "d")
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip()


def search_terms(query, limit=10, max_length=200):
    """Split a user's query into at most `limit` folded words (a long query is cut, not refused)."""
    return fold((query or "")[:max_length]).split()[:limit]


def refresh_search_text(product):
    """Recompute `product.search_text` from its vi/en names, producer name and area. Does not commit."""
    parts = [product.name_vi, product.name_en]
    if product.producer is not None:
        parts.append(product.producer.name)
        if product.producer.area is not None:
            parts += [product.producer.area.name, product.producer.area.name_en]
    product.search_text = " ".join(fold(part) for part in parts if part)
    return product.search_text
