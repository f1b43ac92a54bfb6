from shop.services.catalog.qrcodes import qr_svg


def test_a_qr_code_is_an_svg_named_for_screen_readers():
    svg = qr_svg("https://ocop.example/products/cha-muc", label="QR code")
    assert svg.startswith('<svg role="img" aria-label="QR code"') and svg.rstrip().endswith("</svg>")
    assert "<path" in svg
    label = qr_svg("https://ocop.example/products/cha-muc", label="Chả mực", size_mm=30)
    assert label.startswith('<svg width="30mm" height="30mm" role="img" aria-label="Chả mực"')


def test_each_code_is_drawn_once_per_process():
    url = "https://ocop.example/products/tra-hoa-vang"
    assert qr_svg(url, label="QR code") is qr_svg(url, label="QR code")
    assert qr_svg(url, label="QR code") != qr_svg(url + "-2", label="QR code")
