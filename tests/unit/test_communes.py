"""Quảng Ninh's 54 commune-level units since 1 July 2025 (Resolution 1679/NQ-UBTVQH15) and their former districts."""
from collections import Counter

from shop.demo import AREAS
from shop.models.communes import BY_SLUG, COMMUNES, slug_of, units_of_district
from shop.models.statuses import UnitKind


def test_the_province_has_54_units_30_wards_22_communes_and_two_special_zones():
    assert len(COMMUNES) == 54 == len(BY_SLUG)
    assert Counter(unit.kind for unit in COMMUNES) == {UnitKind.WARD: 30, UnitKind.COMMUNE: 22,
                                                       UnitKind.SPECIAL_ZONE: 2}
    assert {unit.name for unit in COMMUNES if unit.kind == UnitKind.SPECIAL_ZONE} == {"Vân Đồn", "Cô Tô"}
    assert BY_SLUG["van-don"].full_name == "đặc khu Vân Đồn" and BY_SLUG["quang-la"].full_name == "xã Quảng La"
    assert BY_SLUG["cai-chien"].kind == UnitKind.COMMUNE  # the one commune the resolution left as it was


def test_every_former_district_of_the_shop_has_its_new_units_and_no_unit_names_another():
    districts = {slug for slug, _vi, _en in AREAS}
    assert {unit.district for unit in COMMUNES} == districts
    assert [unit.name for unit in units_of_district("mong-cai")] == [
        "Móng Cái 1", "Móng Cái 2", "Móng Cái 3", "Hải Sơn", "Hải Ninh", "Vĩnh Thực"]
    assert [unit.name for unit in units_of_district("co-to")] == ["Cô Tô"]
    assert units_of_district("hoanh-bo") == []  # merged into Hạ Long in 2019: not a district of the shop


def test_slugs_fold_vietnamese_names():
    assert slug_of("Đông Triều") == "dong-trieu" and slug_of("Móng Cái 2") == "mong-cai-2"
    assert slug_of("Hiệp Hòa") == "hiep-hoa"
