"""Every form is protected against cross-site request forgery; only the webhooks (Stripe, MoMo, the bank) are exempt."""
import re

import pytest

from shop.extensions import csrf
from shop.models import CartItem, PaymentEvent
from tests.checkout_helpers import WEBHOOK_SECRET, checkout_session, post_event, stripe_event
from tests.factories import DEFAULT_PASSWORD
from tests.security_world import build_world, route_requests, send, sign_in, snapshot

EXEMPT = {"webhooks.stripe_webhook", "webhooks.momo", "webhooks.bank"}  # signed or keyed instead; see the last tests
# The refusal in English (the portal, in the visitor's session language) and Vietnamese (the storefront at the root).
EXPIRED = ("Your form expired", "Biểu mẫu đã hết hạn")


def form_token(client, path):
    """Return the CSRF token of the first form on the page at `path`."""
    page = client.get(path).get_data(as_text=True)
    field = re.search(r'<input[^>]*name="csrf_token"[^>]*>', page).group(0)
    return re.search(r'value="([^"]+)"', field).group(1)


@pytest.fixture
def csrf_app(make_app):
    """The shop as browsers meet it: CSRF protection on."""
    return make_app(WTF_CSRF_ENABLED=True)


@pytest.mark.parametrize("identity", ["anonymous", "customer", "producer_a", "admin"])
def test_every_post_route_refuses_a_form_without_its_token_and_writes_nothing(app, db, csrf_app, identity):
    world = build_world(app)
    client = csrf_app.test_client()
    sign_in(client, world.users.get(identity), cart={world.product_a.id: 1}, locale="en")
    with client.session_transaction() as session:
        session_before = (session.get("_user_id"), session.get("cart"))
    before = snapshot()
    accepted = []
    for method, rule in route_requests(csrf_app):
        if method != "POST" or rule.endpoint in EXEMPT:
            continue
        response = send(client, method, rule, world)
        body = response.get_data(as_text=True)
        if response.status_code != 400 or not any(words in body for words in EXPIRED):
            accepted.append(f"POST {rule.rule} ({rule.endpoint}): {response.status_code}")
    assert not accepted, "POST routes that took a form without its CSRF token:\n" + "\n".join(accepted)
    assert snapshot() == before
    with client.session_transaction() as session:
        assert (session.get("_user_id"), session.get("cart")) == session_before


def test_a_forged_or_foreign_token_is_refused_too(app, db, csrf_app):
    world = build_world(app)
    client = csrf_app.test_client()
    sign_in(client, None)
    other = csrf_app.test_client()  # another visitor's token is no good for this session
    token = form_token(other, "/auth/login")
    for value in ("forged", token):
        response = client.post("/cart/add", data={"product_id": world.product_a.id, "quantity": 1,
                                                  "csrf_token": value})
        assert response.status_code == 400
    with client.session_transaction() as session:
        assert "cart" not in session


def test_the_forms_own_token_is_accepted(app, db, csrf_app):
    world = build_world(app)
    client = csrf_app.test_client()
    token = form_token(client, "/auth/login")
    response = client.post("/auth/login", data={"email": world.users["customer"].email,
                                                "password": DEFAULT_PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    # The session starts afresh at log-in, and so does its token: the old one is refused.
    stale = client.post("/cart/add", data={"product_id": world.product_a.id, "quantity": 1, "csrf_token": token})
    assert stale.status_code == 400
    response = client.post("/cart/add", data={"product_id": world.product_a.id, "quantity": 1,
                                              "csrf_token": form_token(client, f"/products/{world.product_a.slug}")})
    assert response.status_code == 302
    assert db.session.query(CartItem).filter_by(user_id=world.users["customer"].id).count() == 1


def test_only_the_stripe_webhook_is_exempt_and_it_still_takes_signed_events(app, db, csrf_app, monkeypatch):
    assert {view.rsplit(".", 1)[-1] for view in csrf._exempt_views} == {"stripe_webhook", "momo", "bank"}
    assert not csrf._exempt_blueprints
    monkeypatch.setitem(csrf_app.config, "STRIPE_SECRET_KEY", "sk_test_csrf")
    monkeypatch.setitem(csrf_app.config, "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET)
    world = build_world(app)
    order = world.order
    order.stripe_session_id = f"cs_test_{order.id}"
    db.session.commit()
    response = post_event(csrf_app.test_client(), stripe_event("checkout.session.completed", checkout_session(order)))
    assert response.status_code == 200
    assert db.session.query(PaymentEvent).count() == 1


def test_the_momo_ipn_takes_signed_notifications_with_csrf_on(app, db, csrf_app, monkeypatch, momo_emulator):
    from tests.factories import make_producer, make_product
    from tests.momo_emulator.fixtures import use_momo
    from tests.wallet_helpers import attempts_of, place

    use_momo(csrf_app, monkeypatch, momo_emulator)
    product = make_product(producer=make_producer(), stock=3)
    db.session.commit()
    use_momo(app, monkeypatch, momo_emulator)
    momo_emulator.auto_ipn = False
    _response, order = place(app.test_client(), product, "momo")
    momo_emulator.finish(attempts_of(order)[0].reference)
    momo_emulator.ipn_sink = lambda data: csrf_app.test_client().post("/webhooks/momo", data=data,
                                                                      content_type="application/json")
    assert momo_emulator.deliver_ipn(attempts_of(order)[0].reference) == 204
