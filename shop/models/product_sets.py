"""The 26 product sets (bộ sản phẩm) of Decision 148/QĐ-TTg, Appendix I, inside the six OCOP groups.

Each set names its group by the category slug the shop uses (food, beverage, herbal, handicraft,
ornamental, tourism). `checked` says whether the name was read in a stored copy of the appendix
(shop/demo/data/README.md); the others are written from the decision as remembered and say so.
"""
from dataclasses import dataclass

# The OCOP group whose products are visits, booked for a day and sold as e-vouchers (group 6).
TOURISM_GROUP = "tourism"


@dataclass(frozen=True)
class ProductSet:
    """One product set: a code stored on products, its OCOP group and its names."""

    code: str
    group: str
    name_vi: str
    name_en: str
    checked: bool = False


PRODUCT_SETS = (
    ProductSet("fresh-produce", "food", "Rau, củ, quả, hạt tươi", "Fresh vegetables, tubers, fruit and nuts", True),
    ProductSet("fresh-animal", "food", "Thịt, thủy sản, trứng, sữa tươi", "Fresh meat, seafood, eggs and milk", True),
    ProductSet("raw-grains", "food", "Gạo, ngũ cốc, hạt sơ chế khác", "Rice, cereals and other prepared grains", True),
    ProductSet("honey", "food", "Mật ong, mật khác và nông sản thực phẩm khác",
               "Honey, other syrups and other farm foods", True),
    ProductSet("fast-food", "food", "Đồ ăn nhanh", "Fast food", True),
    ProductSet("processed-grains", "food", "Chế biến từ gạo, ngũ cốc", "Processed from rice and cereals", True),
    ProductSet("processed-plants", "food", "Chế biến từ rau, củ, quả, hạt",
               "Processed from vegetables, tubers, fruit and nuts", True),
    ProductSet("processed-animal", "food", "Chế biến từ thịt, trứng, sữa, thủy sản, các sản phẩm từ mật ong, mật khác",
               "Processed from meat, eggs, milk, seafood, honey and other syrups", True),
    ProductSet("liquid-condiments", "food", "Tương, nước mắm, gia vị dạng lỏng khác",
               "Soy sauce, fish sauce and other liquid condiments"),
    ProductSet("other-condiments", "food", "Gia vị khác", "Other condiments"),
    ProductSet("tea", "food", "Chè tươi, chè chế biến", "Fresh and processed tea"),
    ProductSet("other-tea", "food", "Các sản phẩm khác từ chè", "Other tea products"),
    ProductSet("coffee-cocoa", "food", "Cà phê, ca cao", "Coffee and cocoa"),
    ProductSet("spirits", "beverage", "Rượu trắng", "White spirits"),
    ProductSet("other-alcohol", "beverage", "Đồ uống có cồn khác", "Other alcoholic drinks"),
    ProductSet("mineral-water", "beverage", "Nước khoáng, nước uống tinh khiết", "Mineral and purified water"),
    ProductSet("soft-drinks", "beverage", "Đồ uống không cồn khác", "Other soft drinks"),
    ProductSet("herbal-health", "herbal", "Thực phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền",
               "Health foods, herbal and traditional medicines"),
    ProductSet("herbal-cosmetics", "herbal", "Mỹ phẩm có thành phần từ thảo dược", "Cosmetics made with herbs"),
    ProductSet("herbal-other", "herbal", "Tinh dầu và dược liệu khác", "Essential oils and other herbal products"),
    ProductSet("crafts", "handicraft", "Thủ công mỹ nghệ gia dụng, trang trí",
               "Handicrafts for the home and decoration"),
    ProductSet("textiles", "handicraft", "Dệt may, thêu ren", "Textiles, weaving and embroidery"),
    ProductSet("flowers", "ornamental", "Hoa", "Flowers"),
    ProductSet("ornamental-plants", "ornamental", "Cây cảnh", "Ornamental plants"),
    ProductSet("ornamental-animals", "ornamental", "Động vật cảnh", "Ornamental animals"),
    ProductSet("tourism", "tourism", "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
               "Community tourism, eco-tourism and tourist sites"),
)
BY_CODE = {product_set.code: product_set for product_set in PRODUCT_SETS}


def set_codes():
    """Return every product set's code, in the appendix's order (for CHECK constraints and forms)."""
    return tuple(BY_CODE)


def sets_of_group(group):
    """Return the product sets inside the OCOP group `group` (a category slug)."""
    return [product_set for product_set in PRODUCT_SETS if product_set.group == group]
