"""QR codes as SVG, for product labels that lead a shopper to the product page."""
import re
from functools import lru_cache
from xml.sax.saxutils import quoteattr

import qrcode
import qrcode.constants
from qrcode.image.svg import SvgPathFillImage

_SIZE_ATTRIBUTES = re.compile(r'^<svg width="[^"]*" height="[^"]*"')


@lru_cache(maxsize=2048)
def qr_svg(data, label="", size_mm=None):
    """Return an SVG document (no XML prolog) of a QR code for `data`, on a white square.

    Without `size_mm` the picture has no fixed size and fills its box (inline in a page);
    with it, the printed size is set in millimetres (a label). The same arguments always
    draw the same code, so each process keeps the last few thousand it drew: drawing one
    cost more than the rest of a product page.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2,
                         image_factory=SvgPathFillImage)
    code.add_data(data)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    size = f'width="{size_mm}mm" height="{size_mm}mm"' if size_mm else ""
    attributes = f'<svg {size} role="img" aria-label={quoteattr(label or data)}'
    return _SIZE_ATTRIBUTES.sub(attributes.replace("  ", " "), svg, count=1)
