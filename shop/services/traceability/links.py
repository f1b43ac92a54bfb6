"""Links to the province's traceability records (qn.check.net.vn): web addresses only."""
from urllib.parse import urlsplit

from flask_babel import gettext as _

from shop.errors import InvalidInput

MAX_URL_LENGTH = 500


def clean_traceability_url(url, field="traceability_url"):
    """Return `url` trimmed ("" when empty); refuse anything but an http(s) address. Raise InvalidInput."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > MAX_URL_LENGTH or " " in url:
        raise InvalidInput(_("The traceability address must be a web address starting with http:// or https://."),
                           field=field)
    return url
