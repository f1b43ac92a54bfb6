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

    @property
    def name_zh(self):
        """The set's name in Chinese (a fixed list, like the appendix itself)."""
        return TRANSLATED_NAMES.get(self.code, ("", ""))[0]

    @property
    def name_ko(self):
        """The set's name in Korean."""
        return TRANSLATED_NAMES.get(self.code, ("", ""))[1]


# The sets' names in Chinese and Korean, written from the Vietnamese of the appendix.
TRANSLATED_NAMES = {
    "fresh-produce": ("新鲜蔬菜、块茎、水果和坚果", "신선 채소·뿌리채소·과일·견과"),
    "fresh-animal": ("鲜肉、水产、禽蛋和鲜奶", "신선 육류·수산물·달걀·우유"),
    "raw-grains": ("大米、谷物及其他初加工粮食", "쌀·곡물 및 기타 1차 가공 곡류"),
    "honey": ("蜂蜜、其他糖浆及其他农产食品", "꿀·기타 시럽 및 기타 농산 식품"),
    "fast-food": ("快餐", "패스트푸드"),
    "processed-grains": ("大米和谷物加工品", "쌀·곡물 가공품"),
    "processed-plants": ("蔬菜、块茎、水果和坚果加工品", "채소·뿌리채소·과일·견과 가공품"),
    "processed-animal": ("肉、蛋、奶、水产及蜂蜜等糖浆加工品", "육류·달걀·우유·수산물·꿀 및 기타 시럽 가공품"),
    "liquid-condiments": ("酱油、鱼露及其他液体调味品", "간장·피시소스 및 기타 액상 조미료"),
    "other-condiments": ("其他调味品", "기타 조미료"),
    "tea": ("鲜茶和加工茶", "생차·가공차"),
    "other-tea": ("其他茶制品", "기타 차 제품"),
    "coffee-cocoa": ("咖啡、可可", "커피·코코아"),
    "spirits": ("白酒", "증류식 소주(백주)"),
    "other-alcohol": ("其他酒精饮料", "기타 주류"),
    "mineral-water": ("矿泉水、纯净饮用水", "광천수·정제 음용수"),
    "soft-drinks": ("其他无酒精饮料", "기타 비알코올 음료"),
    "herbal-health": ("保健食品、草药和传统药物", "건강기능식품·생약·전통 의약품"),
    "herbal-cosmetics": ("含草本成分的化妆品", "허브 성분 화장품"),
    "herbal-other": ("精油及其他药材产品", "에센셜 오일 및 기타 약재 제품"),
    "crafts": ("家居及装饰手工艺品", "생활·장식 수공예품"),
    "textiles": ("纺织、刺绣", "직물·자수"),
    "flowers": ("花卉", "꽃"),
    "ornamental-plants": ("观赏植物", "관상식물"),
    "ornamental-animals": ("观赏动物", "관상동물"),
    "tourism": ("社区旅游、生态旅游和旅游景点", "지역 공동체 관광·생태 관광·관광지"),
}


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
