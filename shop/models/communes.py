"""Quảng Ninh's commune-level units since 1 July 2025 (Resolution 1679/NQ-UBTVQH15 of 16 June 2025).

54 units: 30 wards (phường), 22 communes (xã: 21 formed by the resolution, and Cái Chiên, left as it
was) and 2 special zones (đặc khu Vân Đồn and Cô Tô). The district level ended the same day, so each
unit names the former district-level area (the slugs of the shop's 13 areas) whose units formed it:
the old district a past record keeps as history, and the way from an old district to the new units.
`checked` says whether the unit's clause of the resolution was read in a stored copy naming the
units merged into it (shop/demo/data/README.md); the others' former district is written from the
units' location and says so. The list of names itself was read in full (news.laodong.vn).
"""
import unicodedata
from dataclasses import dataclass

from shop.models.statuses import UnitKind


@dataclass(frozen=True)
class Commune:
    """One commune-level unit: a slug, its Vietnamese name, its kind and the former district it lies in."""

    slug: str
    name: str
    kind: UnitKind
    district: str  # the slug of the former district-level area (an Area of the shop)
    checked: bool = False

    @property
    def full_name(self):
        """The name as addresses write it: "phường Bãi Cháy", "xã Quảng La", "đặc khu Vân Đồn"."""
        return f"{self.kind.prefix_vi} {self.name}"


def slug_of(name):
    """Return the unit's slug: lower case, no diacritics, đ → d, words joined by hyphens ("mong-cai-1")."""
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return "-".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def _units(kind, district, names, checked=()):
    return tuple(Commune(slug_of(name), name, kind, district, name in checked) for name in names)


W, C, Z = UnitKind.WARD, UnitKind.COMMUNE, UnitKind.SPECIAL_ZONE
COMMUNES = (
    *_units(W, "ha-long", ("Tuần Châu", "Việt Hưng", "Bãi Cháy", "Hà Tu", "Hà Lầm", "Cao Xanh", "Hồng Gai",
                           "Hạ Long", "Hoành Bồ")),
    *_units(C, "ha-long", ("Quảng La", "Thống Nhất", "Kỳ Thượng"), checked=("Quảng La", "Thống Nhất")),
    *_units(W, "cam-pha", ("Mông Dương", "Quang Hanh", "Cẩm Phả", "Cửa Ông")),
    *_units(W, "uong-bi", ("Vàng Danh", "Uông Bí", "Yên Tử")),
    *_units(W, "dong-trieu", ("An Sinh", "Đông Triều", "Bình Khê", "Mạo Khê", "Hoàng Quế")),
    *_units(W, "quang-yen", ("Đông Mai", "Hiệp Hòa", "Quảng Yên", "Hà An", "Phong Cốc", "Liên Hòa")),
    *_units(W, "mong-cai", ("Móng Cái 1", "Móng Cái 2", "Móng Cái 3")),
    *_units(C, "mong-cai", ("Hải Sơn", "Hải Ninh", "Vĩnh Thực")),
    *_units(C, "tien-yen", ("Hải Hòa", "Tiên Yên", "Điền Xá", "Đông Ngũ", "Hải Lạng"),
            checked=("Tiên Yên", "Điền Xá", "Đông Ngũ")),
    *_units(C, "ba-che", ("Lương Minh", "Ba Chẽ")),
    *_units(C, "dam-ha", ("Quảng Tân", "Đầm Hà")),
    *_units(C, "hai-ha", ("Quảng Hà", "Đường Hoa", "Quảng Đức", "Cái Chiên")),
    *_units(C, "binh-lieu", ("Hoành Mô", "Lục Hồn", "Bình Liêu")),
    *_units(Z, "van-don", ("Vân Đồn",)),
    *_units(Z, "co-to", ("Cô Tô",)),
)
BY_SLUG = {unit.slug: unit for unit in COMMUNES}


def units_of_district(district_slug):
    """Return the units formed from a former district-level area (its slug), in the resolution's order."""
    return [unit for unit in COMMUNES if unit.district == district_slug]
