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
