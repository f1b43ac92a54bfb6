"""The page cache refuses to keep a page that is about one visitor, or that it could not hand to another safely.

Each refusal guards privacy: a page that wrote to the visitor's session, one holding a form token the cache cannot
find again (it would give the next visitor this one's token), one that already holds the token marker (text a
visitor typed could become another visitor's token), a response that is not a plain 200 page.
"""
import io

import pytest
from flask import Response, redirect, render_template_string, send_file, session

from shop.extensions import cache
from shop.web.page_cache import TOKEN_PLACEHOLDER, cached_page
from tests.web.test_deployment_helpers import _app_like

VIEWS = {
    # name: (what the view answers, whether the cache may keep it)
    "plain": (lambda: render_template_string("<p>the same for everyone</p>"), True),
    "writes-session": (lambda: session.__setitem__("last_seen", "tra-hoa-vang") or "<p>seen</p>", False),
    "foreign-token": (lambda: '<form><input name="csrf_token" value="typed-by-hand"></form>', False),
    "marker-inside": (lambda: f"<p>{TOKEN_PLACEHOLDER}</p>", False),
    "redirect": (lambda: redirect("/products"), False),
    "created": (lambda: ("<p>made</p>", 201), False),
    "streamed": (lambda: Response(iter(["<p>one</p>", "<p>two</p>"])), False),
    "file": (lambda: send_file(io.BytesIO(b"%PDF-1.4"), mimetype="application/pdf"), False),
}


@pytest.fixture(scope="module")
def refusing_app(app):
    """An app with the page cache on (in memory), one cached test view per kind of answer, counting renders."""
    test_app = _app_like(app, CACHE_TYPE="SimpleCache", PAGE_CACHE_SECONDS=30, WTF_CSRF_ENABLED=True)
    test_app.renders = dict.fromkeys(VIEWS, 0)
    for name, (answer, _storable) in VIEWS.items():
        def view(name=name, answer=answer):
            test_app.renders[name] += 1
            return answer()
        test_app.add_url_rule(f"/_test/{name}", f"cached_{name}", cached_page(view))
    return test_app


def stored_pages(test_app):
    with test_app.app_context():
        return [key for key in cache.cache._cache if "page:" in key]


@pytest.mark.parametrize("name", VIEWS)
def test_only_a_plain_page_for_everyone_is_kept(refusing_app, db, name):
    _answer, storable = VIEWS[name]
    with refusing_app.app_context():
        cache.clear()
    refusing_app.renders[name] = 0
    first = refusing_app.test_client().get(f"/_test/{name}")
    second = refusing_app.test_client().get(f"/_test/{name}")
    assert first.status_code == second.status_code and first.status_code in (200, 201, 302)
    if storable:
        assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("MISS", "HIT")
        assert refusing_app.renders[name] == 1 and len(stored_pages(refusing_app)) == 1
    else:
        assert "X-Cache" not in first.headers and "X-Cache" not in second.headers
        assert refusing_app.renders[name] == 2 and stored_pages(refusing_app) == []


def test_a_visitors_own_token_is_never_handed_to_the_next(refusing_app, db):
    with refusing_app.app_context():
        cache.clear()
    first = refusing_app.test_client().get("/_test/foreign-token").get_data(as_text=True)
    second = refusing_app.test_client().get("/_test/foreign-token").get_data(as_text=True)
    assert first == second == '<form><input name="csrf_token" value="typed-by-hand"></form>'
    assert stored_pages(refusing_app) == []
