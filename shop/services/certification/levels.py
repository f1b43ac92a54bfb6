"""The three OCOP certified levels as shoppers are told them: a word, a colour class and what the stars mean.

Decision 148/QĐ-TTg (24 February 2023), Article 4: 3★ (50–69 points) meets the OCOP standard and may be
raised to 4★; 4★ (70–89) meets it and may be raised to 5★; 5★ (90–100, rated by the national council)
meets it and can compete internationally. Products of 1–2★ are not certified and show no badge.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from shop.services.certification.rules import CERTIFIED_MIN_STARS, SCORE_BANDS


@dataclass(frozen=True)
class OcopLevel:
    """One certified level: its stars, its word on the badge and its meaning in a sentence."""

    stars: int
    word: str
    meaning: str

    @property
    def points(self):
        """The (lowest, highest) score of the level out of 100."""
        return SCORE_BANDS[self.stars]

    @property
    def css_class(self):
        return f"ocop-{self.stars}"


LEVELS = (
    OcopLevel(3, _l("Standard"), _l("Meets the OCOP standard; it may be raised to 4 stars.")),
    OcopLevel(4, _l("Superior"), _l("A leading product of the province; it may be proposed for 5 stars.")),
    OcopLevel(5, _l("National"), _l("Rated by the national council: able to compete internationally.")),
)
_BY_STARS = {level.stars: level for level in LEVELS}


def ocop_level(stars):
    """Return the OcopLevel of `stars` (3–5), or None for a rating that earns no badge."""
    if stars is None or stars < CERTIFIED_MIN_STARS:
        return None
    return _BY_STARS.get(stars)
