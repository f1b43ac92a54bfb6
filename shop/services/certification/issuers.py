"""Who issues an OCOP rating decision: one table of issuing levels by star level and date range.

Sources (see shop/demo/data/README.md for the addresses):
- Decision 148/QĐ-TTg (24 February 2023), Appendix II: the district People's Committee recognises
  3★, the provincial People's Committee 4★, the central level (the ministry in charge of
  agriculture) 5★.
- The district level ended on 1 July 2025 (two-level local government; for Quảng Ninh, Resolution
  1679/NQ-UBTVQH15 of 16 June 2025); Decision 1489/QĐ-TTg (6 July 2025) amends Appendix II: the
  commune only checks the file, the province rates 3★ and 4★, 5★ stays national.
- The Ministry of Agriculture and Rural Development (Bộ Nông nghiệp và Phát triển nông thôn) merged
  into the Ministry of Agriculture and Environment (Bộ Nông nghiệp và Môi trường) on 1 March 2025
  (Resolution 176/2025/QH15, Decree 35/2025/NĐ-CP); e.g. 5★ decision 2361/QĐ-BNNMT of 26 June 2025.
"""
from dataclasses import dataclass
from datetime import date

from shop.models.statuses import IssuingLevel

PROVINCE_BODY = "UBND tỉnh Quảng Ninh"
OLD_MINISTRY = "Bộ Nông nghiệp và Phát triển nông thôn"
NEW_MINISTRY = "Bộ Nông nghiệp và Môi trường"
DISTRICT_LEVEL_LAST_DAY = date(2025, 6, 30)
MINISTRY_MERGED_ON = date(2025, 3, 1)

# The former district-level units of Quảng Ninh and their kind; Đông Triều was a town (thị xã)
# until it became a city on 1 November 2024 (Resolution 1191/NQ-UBTVQH15), which is not checked
# against a stored source and said so in the data README.
_CITIES = ("Hạ Long", "Cẩm Phả", "Uông Bí", "Móng Cái")
_TOWNS = ("Quảng Yên",)
DONG_TRIEU_CITY_FROM = date(2024, 11, 1)


@dataclass(frozen=True)
class IssuerRule:
    """One row of the table: who issues ratings of `stars` decided between `first_day` and `last_day`."""

    stars: tuple
    level: IssuingLevel
    first_day: date | None
    last_day: date | None
    body: str  # the issuing body; "" for the district People's Committee, named from the area
    source: str

    def applies(self, stars, day):
        """Whether this rule covers a rating of `stars` decided on `day`."""
        return (stars in self.stars and (self.first_day is None or self.first_day <= day)
                and (self.last_day is None or day <= self.last_day))


ISSUER_RULES = (
    IssuerRule((1, 2, 3), IssuingLevel.DISTRICT, None, DISTRICT_LEVEL_LAST_DAY, "",
               "148/QĐ-TTg (24/02/2023), Appendix II"),
    IssuerRule((1, 2, 3), IssuingLevel.PROVINCE, date(2025, 7, 1), None, PROVINCE_BODY,
               "1679/NQ-UBTVQH15 (16/06/2025), no district level from 01/07/2025; 1489/QĐ-TTg (06/07/2025)"),
    IssuerRule((4,), IssuingLevel.PROVINCE, None, None, PROVINCE_BODY,
               "148/QĐ-TTg (24/02/2023); 1489/QĐ-TTg (06/07/2025)"),
    IssuerRule((5,), IssuingLevel.CENTRAL, None, date(2025, 2, 28), OLD_MINISTRY,
               "148/QĐ-TTg (24/02/2023), Appendix II"),
    IssuerRule((5,), IssuingLevel.CENTRAL, MINISTRY_MERGED_ON, None, NEW_MINISTRY,
               "176/2025/QH15 (ministry from 01/03/2025); 1489/QĐ-TTg (06/07/2025)"),
)


@dataclass(frozen=True)
class Issuer:
    """The issuing level and body a rating's decision comes from."""

    level: IssuingLevel
    body: str
    source: str


def district_body(area_name, day):
    """Return the district People's Committee of `area_name` as a decision of `day` names it."""
    if not area_name:
        return "UBND cấp huyện"
    if area_name in _CITIES or (area_name == "Đông Triều" and day >= DONG_TRIEU_CITY_FROM):
        kind = "thành phố"
    elif area_name in _TOWNS or area_name == "Đông Triều":
        kind = "thị xã"
    else:
        kind = "huyện"
    return f"UBND {kind} {area_name}"


def issuer_for(stars, decision_date, area_name=""):
    """Return the Issuer of a rating of `stars` decided on `decision_date` for a producer of `area_name`."""
    for rule in ISSUER_RULES:
        if rule.applies(stars, decision_date):
            body = rule.body or district_body(area_name, decision_date)
            return Issuer(rule.level, body, rule.source)
    raise ValueError(f"no issuing rule for {stars}★ on {decision_date}")


def same_body(typed, expected):
    """Whether a typed issuing body names `expected` (case and spacing aside)."""
    return " ".join(typed.split()).casefold() == " ".join(expected.split()).casefold()


def _ranges(rule, area_name):
    if rule.body or area_name != "Đông Triều":
        return [(rule.first_day, rule.last_day)]
    return [(rule.first_day, date.fromordinal(DONG_TRIEU_CITY_FROM.toordinal() - 1)),
            (DONG_TRIEU_CITY_FROM, rule.last_day)]


def issuer_table(area_name=""):
    """Return the rules as plain values for the office's form (pre-filling the body as stars and date change)."""
    rows = []
    for rule in ISSUER_RULES:
        for first, last in _ranges(rule, area_name):
            rows.append({"stars": list(rule.stars), "from": first.isoformat() if first else "",
                         "until": last.isoformat() if last else "",
                         "body": rule.body or district_body(area_name, last or first or date.max),
                         "level": rule.level.value})
    return rows
