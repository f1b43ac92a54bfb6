"""Text folding for accent-insensitive search in every language, and each product's folded search text.

Vietnamese loses its diacritics (đ → d); Chinese and Korean keep their characters (a Hangul
syllable is put back together after the marks are stripped), full-width letters and digits typed
with a Chinese or Korean keyboard become plain ones. Chinese is written without spaces: a query
matches anywhere inside a name, so two characters find the names that contain them.
"""
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text):
    """Lower-case `text`, strip diacritics and map đ/Đ to d ("Chả mực Đông Triều" → "cha muc dong trieu")."""
    if not text:
        return ""
    # NFD does not decompose đ (it is a letter of its own), so map it explicitly.
    text = text.replace("đ", "d").replace("Đ", "d")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    # NFKD splits a Hangul syllable into its letters (no marks among them): join them again.
    return _SPACES.sub(" ", unicodedata.normalize("NFC", stripped)).strip()


def search_terms(query, limit=10, max_length=200):
    """Split a user's query into at most `limit` folded words (a long query is cut, not refused)."""
    return fold((query or "")[:max_length]).split()[:limit]


def _names(obj, vietnamese):
    """An object's Vietnamese text and its translations of the same field."""
    return [vietnamese, *(row.name for row in obj.translations.values())]


def refresh_search_text(product):
    """Recompute `product.search_text` from its names in every language, producer and area. Does not commit."""
    parts = _names(product, product.name_vi)
    if product.producer is not None:
        parts.append(product.producer.name)
        if product.producer.area is not None:
            parts += _names(product.producer.area, product.producer.area.name)
    product.search_text = " ".join(fold(part) for part in parts if part)
    return product.search_text
