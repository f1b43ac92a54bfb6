"""Scripted visitors for the benchmark: a cookie-keeping HTTP client, sign-in and cash checkouts.

A checkout is what a shopper does: open a product page (session cookie and CSRF token),
post /cart/add, open /checkout, post the form with cash on delivery, follow the
redirect. Many shoppers run at once on a few products with little stock, so some are
told a product has run out: that answer (a redirect to the cart with the message) is the
only failure allowed; any other non-2xx/3xx response or socket error counts as an error.
"""
import html
import http.client
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from bench.load import percentile

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
_FLASH_ERROR = re.compile(r'class="flash flash-error"[^>]*>([^<]*)<')


class Client:
    """A tiny browser: one connection at a time, cookies kept, redirects not followed."""

    def __init__(self, base_url, timeout=30):
        parts = urlsplit(base_url)
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self.cookies = {}
        self.connection = None

    def request(self, method, path, form=None):
        """Send one request; return (status, headers dict in lower case, body text, milliseconds)."""
        headers = {"Accept-Language": "vi"}
        body = None
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()  # the server closed an idle connection: reconnect once
                if attempt == 2:
                    raise
        elapsed = (time.monotonic() - started) * 1000
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text, elapsed

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form):
        return self.request("POST", path, form)

    def cookie_header(self):
        """The cookies kept so far, as a Cookie header value (for wrk)."""
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def csrf_token(page):
    """Return the CSRF token of the first form on `page`."""
    match = _CSRF.search(page)
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return html.unescape(match.group(1))


def sign_in(base_url, email, password):
    """Sign in through the real form; return the session cookie header value."""
    client = Client(base_url)
    _status, _headers, page, _ms = client.get("/auth/login")
    status, headers, _page, _ms = client.post("/auth/login", {
        "csrf_token": csrf_token(page), "email": email, "password": password,
    })
    if status != 302 or "/auth/login" in headers.get("location", ""):
        raise RuntimeError(f"sign-in of {email} failed ({status})")
    client.get(urlsplit(headers["location"]).path or "/")  # shows (and so clears) the welcome message
    client.close()
    return client.cookie_header()


def guest_with_a_cart(base_url, product):
    """Put one unit of `product` in a new guest's cart; return the guest's cookie header value."""
    client = Client(base_url)
    _status, _headers, page, _ms = client.get(f"/products/{product['slug']}")
    status, headers, _page, _ms = client.post("/cart/add", {
        "csrf_token": csrf_token(page), "product_id": product["id"], "quantity": 1,
    })
    if status != 302:
        raise RuntimeError(f"cart/add answered {status}")
    client.get(urlsplit(headers["location"]).path)  # the page that shows (and so clears) the flashed message
    client.close()
    return client.cookie_header()


@dataclass
class CheckoutTally:
    """What a crowd of shoppers got."""

    placed: int = 0
    out_of_stock: int = 0
    errors: int = 0
    requests: int = 0
    error_samples: list = field(default_factory=list)
    checkout_ms: list = field(default_factory=list)  # the POST /checkout of each attempt
    add_queries: list = field(default_factory=list)  # SQL statements of each POST /cart/add (X-Query-Count)
    checkout_queries: list = field(default_factory=list)  # and of each POST /checkout
    sequence_ms: list = field(default_factory=list)  # a whole shopper, product page to order page

    def merge(self, other):
        self.placed += other.placed
        self.out_of_stock += other.out_of_stock
        self.errors += other.errors
        self.requests += other.requests
        self.error_samples += other.error_samples[: max(0, 5 - len(self.error_samples))]
        self.checkout_ms += other.checkout_ms
        self.add_queries += other.add_queries
        self.checkout_queries += other.checkout_queries
        self.sequence_ms += other.sequence_ms


def _is_error(status):
    return not 200 <= status < 400


def checkout_once(base_url, product, number, tally):
    """One guest shopper buys one unit of `product` (a dict with slug and id), paying cash."""
    client = Client(base_url)
    started = time.monotonic()
    try:
        status, _h, page, _ms = client.get(f"/products/{product['slug']}")
        tally.requests += 1
        if _is_error(status):
            return _error(tally, f"product page {status}")
        status, headers, _page, _ms = client.post("/cart/add", {
            "csrf_token": csrf_token(page), "product_id": product["id"], "quantity": 1,
        })
        tally.requests += 1
        if _is_error(status):
            return _error(tally, f"cart/add {status}")
        _count_queries(tally.add_queries, headers)
        status, headers, page, _ms = client.get("/checkout")
        tally.requests += 1
        if status in (301, 302, 303):  # back to the cart: the product sold out meanwhile
            return _settle_at_cart(client, tally)
        if _is_error(status):
            return _error(tally, f"checkout page {status}")
        status, headers, page, elapsed = client.post("/checkout", {
            "csrf_token": csrf_token(page), "name": "Khách Hàng Thử", "email": f"load{number}@bench.example",
            "phone": "0912345678", "delivery_method": "province", "address": "12 Hạ Long, Quảng Ninh",
            "note": "", "payment_method": "cod",
        })
        tally.requests += 1
        tally.checkout_ms.append(elapsed)
        _count_queries(tally.checkout_queries, headers)
        location = headers.get("location", "")
        if status in (302, 303) and "/orders/" in location:
            status, _h, _page, _ms = client.get(urlsplit(location)._replace(scheme="", netloc="").geturl())
            tally.requests += 1
            if _is_error(status):
                return _error(tally, f"order page {status}")
            tally.placed += 1
        elif status in (302, 303) and location.rstrip("/").endswith("/cart"):
            _settle_at_cart(client, tally)
        else:
            _error(tally, f"checkout {status}: {_flash(page) or page[:120]}")
    except (OSError, http.client.HTTPException, RuntimeError) as error:
        _error(tally, f"{type(error).__name__}: {error}")
    finally:
        client.close()
        tally.sequence_ms.append((time.monotonic() - started) * 1000)


def _count_queries(counts, headers):
    if "x-query-count" in headers:
        counts.append(int(headers["x-query-count"]))


def _settle_at_cart(client, tally):
    """Open the cart a redirect led to; an out-of-stock message there is the allowed answer."""
    status, _h, page, _ms = client.get("/cart")
    tally.requests += 1
    if _is_error(status):
        return _error(tally, f"cart {status}")
    if _flash(page) or "sold out" in page.lower() or "hết hàng" in page.lower() or "chỉ còn" in page.lower():
        tally.out_of_stock += 1
    else:
        _error(tally, "sent back to the cart without a reason")
    return None


def _flash(page):
    match = _FLASH_ERROR.search(page)
    return html.unescape(match.group(1)).strip() if match else ""


def _error(tally, text):
    tally.errors += 1
    if len(tally.error_samples) < 5:
        tally.error_samples.append(text)


def run_checkouts(base_url, plenty, scarce, seconds, shoppers, scarce_share=0.3, seed=7):
    """Let `shoppers` concurrent guests check out for `seconds`; return (tally, elapsed seconds).

    A share of them go for the `scarce` products (a few units each), so that some run out.
    """
    import random

    deadline = time.monotonic() + seconds
    total = CheckoutTally()
    lock = threading.Lock()
    counter = iter(range(10**9))

    def shopper(index):
        rng = random.Random(seed + index)  # noqa: S311  (choosing products, not secrets)
        mine = CheckoutTally()
        while time.monotonic() < deadline:
            pool = scarce if scarce and rng.random() < scarce_share else plenty
            with lock:
                number = next(counter)
            checkout_once(base_url, rng.choice(pool), number, mine)
        with lock:
            total.merge(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=shopper, args=(index,)) for index in range(shoppers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return total, time.monotonic() - started


def summarize_checkouts(tally, elapsed):
    """Figures of a checkout run for the results table."""
    attempts = tally.placed + tally.out_of_stock + tally.errors
    return {
        "attempts": attempts, "placed": tally.placed, "out_of_stock": tally.out_of_stock, "errors": tally.errors,
        "error_samples": tally.error_samples, "requests": tally.requests,
        "checkouts_per_s": attempts / elapsed if elapsed else 0.0,
        "requests_per_s": tally.requests / elapsed if elapsed else 0.0,
        "checkout_p50_ms": percentile(tally.checkout_ms, 0.50), "checkout_p99_ms": percentile(tally.checkout_ms, 0.99),
        "sequence_p50_ms": percentile(tally.sequence_ms, 0.50), "sequence_p99_ms": percentile(tally.sequence_ms, 0.99),
        "add_queries": int(percentile(tally.add_queries, 0.50)),
        "checkout_queries": int(percentile(tally.checkout_queries, 0.50)),
    }
