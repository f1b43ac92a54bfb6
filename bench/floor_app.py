"""The floor: a bare Flask app that renders, from memory, a page as large as the shop's product list.

`make bench` serves it under the same gunicorn settings as the shop and reports each
page's throughput as a share of this one: the most a Flask page of that size can do on
this machine with no database, no session and no translations.

FLOOR_HTML_BYTES sets the size of the page (the bench measures the shop's /products page).
"""
import os

from flask import Flask, render_template
from jinja2 import DictLoader

CARDS = 24
PAGE = """<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="/static/css/shop.css"></head>
<body>
<header class="site-header"><a class="brand" href="/">OCOP Quảng Ninh</a></header>
<main id="main" class="container">
<h1>{{ title }}</h1>
<div class="product-grid">
{% for card in cards %}
<article class="product-card"><a class="product-card-link" href="/products/{{ card.slug }}">
<span class="product-card-photo">
<img src="/media/{{ card.image }}" alt="{{ card.name }}" width="400" height="400"></span>
<span class="body"><h3>{{ card.name }}</h3><span class="meta">{{ card.area }} · {{ card.producer }}</span>
<span class="card-price">{{ "{:,}".format(card.price).replace(",", ".") }} ₫</span></span></a></article>
{% endfor %}
</div>
<p class="filler">{{ filler }}</p>
</main>
</body>
</html>
"""


def _cards():
    return [{
        "slug": f"cha-muc-ha-long-{number}", "image": f"products/bench-squid-{number}-thumb.jpg",
        "name": f"Chả mực Hạ Long {number}", "area": "Hạ Long", "producer": "HTX Chả mực Hạ Long",
        "price": 350000 + 1000 * number,
    } for number in range(1, CARDS + 1)]


def create_app(html_bytes=None):
    """Return the floor app, its page padded to `html_bytes` (default FLOOR_HTML_BYTES or 40,000)."""
    html_bytes = html_bytes or int(os.environ.get("FLOOR_HTML_BYTES", "40000"))
    app = Flask(__name__)
    app.jinja_loader = DictLoader({"page.html": PAGE})
    cards = _cards()
    context = {"title": "Sản phẩm OCOP", "cards": cards, "filler": ""}
    with app.app_context():
        bare = len(render_template("page.html", **context).encode())
    context["filler"] = "·" * max(0, (html_bytes - bare) // len("·".encode()))

    @app.get("/")
    def page():
        return render_template("page.html", **context)

    return app
