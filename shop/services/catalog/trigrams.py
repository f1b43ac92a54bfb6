"""Trigram word similarity as PostgreSQL's pg_trgm computes it, for SQLite and for the shop's own suggestions.

A word's trigrams are those of the word padded with two spaces in front and one behind ("muc" → "  m",
" mu", "muc", "uc "). `word_similarity(query, text)` is pg_trgm's: the best, over every continuous extent
of the text's ordered trigrams, of the trigrams shared with the query over the trigrams of either. So
word_similarity("cha muk", "cha muc ha long") is 0.75 on both databases (the extent "  c" … " mu").
"""
import re

_WORD = re.compile(r"[^\W_]+")  # letters and digits: pg_trgm's words


def trigrams(text):
    """Return the trigrams of `text`'s words, in order (repeats kept)."""
    found = []
    for word in _WORD.findall((text or "").lower()):
        padded = f"  {word} "
        found.extend(padded[i:i + 3] for i in range(len(padded) - 2))
    return found


def similarity(first, second):
    """Return pg_trgm's similarity(): the trigrams the two texts share over the trigrams of either."""
    a, b = set(trigrams(first)), set(trigrams(second))
    return len(a & b) / len(a | b) if a and b else 0.0


def word_similarity(query, text):
    """Return pg_trgm's word_similarity(query, text): how well the best extent of `text` matches `query`."""
    wanted = set(trigrams(query))
    if not wanted or not text:
        return 0.0
    sequence = trigrams(text)
    best = 0.0
    for start, first in enumerate(sequence):
        if first not in wanted:
            continue  # the best extent begins and ends on a shared trigram
        shared, other = set(), set()
        for trigram in sequence[start:]:
            if trigram in wanted:
                shared.add(trigram)
                best = max(best, len(shared) / (len(wanted) + len(other)))
            else:
                other.add(trigram)
        if best == 1.0:
            break
    return best
