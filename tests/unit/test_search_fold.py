from shop.services.catalog.search import fold, search_terms


def test_fold_strips_vietnamese_diacritics_and_lowercases():
    assert fold("Chả mực Hạ Long") == "cha muc ha long"
    assert fold("Trà hoa vàng") == "tra hoa vang"


def test_fold_maps_d_with_stroke_which_nfd_leaves_alone():
    assert fold("Đông Triều") == "dong trieu"
    assert fold("đặc sản") == "dac san"


def test_fold_collapses_whitespace():
    assert fold("  Ngọc   trai\tHạ  Long ") == "ngoc trai ha long"


def test_search_terms_are_folded_words_and_bounded():
    assert search_terms("Chả  MỰC") == ["cha", "muc"]
    assert len(search_terms("a " * 3000)) == 10
    assert search_terms(None) == []


def test_fold_keeps_chinese_and_korean_whole():
    assert fold("下龙湾 珍珠") == "下龙湾 珍珠"
    assert fold("하롱베이 진주") == "하롱베이 진주"  # syllables, not the letters NFKD splits them into


def test_fold_makes_full_width_letters_plain():
    assert fold("ＯＣＯＰ　３") == "ocop 3"
