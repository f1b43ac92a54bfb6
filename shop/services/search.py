"""Vietnamese text folding for accent-insensitive search."""
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
