"""The emulator, driven by the real `stripe` library the way the shop drives Stripe."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import flask
import pytest
import requests
import stripe


def line(name, unit_amount, quantity, **product_data):
    """One line_items entry as the shop sends it (price_data, product_data, quantity)."""
    product_data = {"name": name, **product_data}
    return {"price_data": {"currency": "vnd", "unit_amount": unit_amount, "product_data": product_data},
            "quantity": quantity}


ORDER_LINES = [line("Trà hoa vàng", 85000, 2), line("Phí vận chuyển", 45000, 1)]


class Receiver:
    """A tiny local web server standing in for the shop: records every request, answers `status`."""

    def __init__(self):
        self.requests = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _record(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.requests.append((self.command, self.path, dict(self.headers), body))
                self.send_response(receiver.status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            do_GET = do_POST = _record

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def stripe_client(stripe_emulator):
    """The client the shop builds: its secret key and the emulator as base address."""
    return stripe.StripeClient(stripe_emulator.api_key, base_addresses={"api": stripe_emulator.base_url})


def session_params(**changes):
    params = {
        "mode": "payment",
        "currency": "vnd",
        "line_items": ORDER_LINES,
        "success_url": "http://127.0.0.1:9/checkout/success?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": "http://127.0.0.1:9/checkout/cancel",
        "client_reference_id": "42",
        "customer_email": "lan@example.vn",
        "metadata": {"order_id": "42"},
        "locale": "vi",
        "expires_at": int(time.time()) + 45 * 60,
    }
    params.update(changes)
    return params


def create_session(stripe_client, **changes):
    return stripe_client.v1.checkout.sessions.create(params=session_params(**changes))


def paid_session(stripe_client, stripe_emulator):
    session = create_session(stripe_client)
    return stripe_emulator.pay(session.id)


# -- checkout sessions ---------------------------------------------------------------------------------


def test_create_session_has_stripe_shape_and_sums_zero_decimal_amounts(stripe_client, stripe_emulator):
    session = create_session(stripe_client)

    assert session.id.startswith("cs_test_")
    assert session.object == "checkout.session"
    assert session["livemode"] is False
    assert (session.status, session.payment_status, session.mode) == ("open", "unpaid", "payment")
    assert session.amount_total == session.amount_subtotal == 2 * 85000 + 45000
    assert session.currency == "vnd"
    assert session.client_reference_id == "42"
    assert session.metadata.to_dict() == {"order_id": "42"}
    assert session.locale == "vi"
    assert session.payment_intent is None
    assert session.customer_details.email == "lan@example.vn"
    assert session.url == f"{stripe_emulator.base_url}/c/pay/{session.id}"
    assert stripe_emulator.sessions[session.id]["amount_total"] == 215000


def test_same_idempotency_key_and_parameters_return_the_same_session(stripe_client, stripe_emulator):
    params = session_params()
    first = stripe_client.v1.checkout.sessions.create(params=params, options={"idempotency_key": "order-42"})
    again = stripe_client.v1.checkout.sessions.create(params=params, options={"idempotency_key": "order-42"})

    assert again.id == first.id
    assert len(stripe_emulator.sessions) == 1
    assert again.last_response.headers["Idempotent-Replayed"] == "true"


def test_same_idempotency_key_with_other_parameters_is_refused(stripe_client, stripe_emulator):
    stripe_client.v1.checkout.sessions.create(params=session_params(), options={"idempotency_key": "order-42"})

    with pytest.raises(stripe.IdempotencyError) as refused:
        stripe_client.v1.checkout.sessions.create(
            params=session_params(client_reference_id="43"), options={"idempotency_key": "order-42"}
        )
    assert refused.value.http_status == 400
    assert refused.value.json_body["error"]["type"] == "idempotency_error"
    assert len(stripe_emulator.sessions) == 1


@pytest.mark.parametrize(
    ("changes", "param", "message"),
    [
        ({"expires_at": int(time.time()) + 29 * 60}, "expires_at", "at least 30 minutes"),
        ({"expires_at": int(time.time()) + 25 * 3600}, "expires_at", "less than 24 hours"),
        ({"locale": "vi_VN"}, "locale", "Invalid locale"),
        ({"line_items": []}, "line_items", "Missing required param"),
        ({"success_url": "/checkout/success"}, "success_url", "Not a valid URL"),
        ({"customer": "cus_1"}, "customer", "Received unknown parameter: customer"),
        (
            {"line_items": [{"price_data": line("X", 1000, 1)["price_data"]}]},
            "line_items[0][quantity]",
            "Missing required param",
        ),
        (
            {"line_items": [line("X", "85000.5", 1)]},
            "line_items[0][price_data][unit_amount]",
            "Invalid integer",
        ),
        (
            {"line_items": [line("X", 1000, 1, description="")]},
            "line_items[0][price_data][product_data][description]",
            "empty string",
        ),
    ],
)
def test_bad_session_parameters_get_stripes_400_and_create_nothing(
    stripe_client, stripe_emulator, changes, param, message
):
    with pytest.raises(stripe.InvalidRequestError) as refused:
        create_session(stripe_client, **changes)

    assert refused.value.http_status == 400
    assert refused.value.param == param
    assert message in refused.value.user_message
    assert refused.value.json_body["error"]["type"] == "invalid_request_error"
    assert stripe_emulator.sessions == {}


def test_retrieve_session_with_expanded_payment_intent(stripe_client, stripe_emulator):
    session = paid_session(stripe_client, stripe_emulator)

    found = stripe_client.v1.checkout.sessions.retrieve(session["id"], params={"expand": ["payment_intent"]})

    assert found.payment_status == "paid"
    assert found.payment_intent.object == "payment_intent"
    assert found.payment_intent.status == "succeeded"


def test_unknown_session_is_a_404_resource_missing(stripe_client):
    with pytest.raises(stripe.InvalidRequestError) as missing:
        stripe_client.v1.checkout.sessions.retrieve("cs_test_nothing")

    assert missing.value.http_status == 404
    assert missing.value.code == "resource_missing"


def test_expire_through_the_api_sends_the_expired_event_after_answering(stripe_client, stripe_emulator):
    received = []
    stripe_emulator.webhook_sink = lambda body, headers: received.append(json.loads(body)) or 200
    session = create_session(stripe_client)

    expired = stripe_client.v1.checkout.sessions.expire(session.id)
    stripe_emulator.flush()

    assert (expired.status, expired.url) == ("expired", None)
    assert [event["type"] for event in received] == ["checkout.session.expired"]
    assert received[0]["data"]["object"]["id"] == session.id
    assert received[0]["request"]["id"].startswith("req_")
    with pytest.raises(stripe.InvalidRequestError, match="can be expired"):
        stripe_client.v1.checkout.sessions.expire(session.id)


def test_line_items_are_listed_in_pages_of_ten_by_default(stripe_client):
    lines = [{**ORDER_LINES[0], "quantity": n} for n in range(1, 13)]
    session = create_session(stripe_client, line_items=lines)

    page = stripe_client.v1.checkout.sessions.line_items.list(session.id)
    rest = stripe_client.v1.checkout.sessions.line_items.list(session.id, params={"starting_after": page.data[-1].id})

    assert (len(page.data), page.has_more) == (10, True)
    assert [item.quantity for item in rest.data] == [11, 12]
    assert page.data[0].description == "Trà hoa vàng"
    assert page.data[1].amount_total == 2 * 85000


# -- the hosted payment page ---------------------------------------------------------------------------


def test_hosted_page_pays_sends_the_webhook_then_redirects_to_success_url(stripe_client, stripe_emulator, receiver):
    stripe_emulator.webhook_url = receiver.url + "/webhooks/stripe"
    session = create_session(stripe_client, success_url=receiver.url + "/success?session_id={CHECKOUT_SESSION_ID}")
    browser = requests.Session()

    page = browser.get(session.url)
    assert '<label for="card_number">Card number</label>' in page.text
    assert "lan@example.vn" in page.text
    assert "Pay ₫215,000" in page.text
    assert 'href="http://127.0.0.1:9/checkout/cancel"' in page.text

    landed = browser.post(session.url, data={"card_number": "4242 4242 4242 4242"})

    assert landed.url == f"{receiver.url}/success?session_id={session.id}"
    assert [(method, path) for method, path, *_ in receiver.requests] == [
        ("POST", "/webhooks/stripe"),
        ("GET", f"/success?session_id={session.id}"),
    ]
    event = json.loads(receiver.requests[0][3])
    assert (event["type"], event["data"]["object"]["payment_status"]) == ("checkout.session.completed", "paid")
    paid = stripe_emulator.sessions[session.id]
    assert (paid["status"], paid["payment_status"], paid["url"]) == ("complete", "paid", None)
    assert stripe_emulator.deliveries == [
        {"event": event["id"], "type": "checkout.session.completed", "target": stripe_emulator.webhook_url,
         "status": 200}
    ]


def test_declined_card_shows_the_message_and_leaves_the_session_open(stripe_client, stripe_emulator):
    received = []
    stripe_emulator.webhook_sink = lambda body, headers: received.append(body) or 200
    session = create_session(stripe_client)

    page = requests.post(session.url, data={"card_number": "4000 0000 0000 0002"}, allow_redirects=False)

    assert page.status_code == 200
    assert "Your card was declined." in page.text
    assert stripe_emulator.decline(session.id)["status"] == "open"
    assert stripe_client.v1.checkout.sessions.retrieve(session.id).payment_status == "unpaid"
    assert received == [] and stripe_emulator.events == []


def test_paid_session_page_can_no_longer_be_paid(stripe_client, stripe_emulator):
    session = create_session(stripe_client)
    stripe_emulator.pay(session.id)

    page = requests.post(session.url, data={"card_number": "4242424242424242"}, allow_redirects=False)

    assert page.status_code == 410
    assert "complete" in page.text
    assert len(stripe_emulator.payment_intents) == 1


def test_pay_refuses_an_unknown_card_number(stripe_client, stripe_emulator):
    session = create_session(stripe_client)

    with pytest.raises(ValueError, match="not a test card"):
        stripe_emulator.pay(session.id, card="1234")
    assert stripe_emulator.sessions[session.id]["status"] == "open"


# -- payment intents, delayed payments -----------------------------------------------------------------


def test_payment_intent_after_payment(stripe_client, stripe_emulator):
    session = paid_session(stripe_client, stripe_emulator)

    intent = stripe_client.v1.payment_intents.retrieve(session["payment_intent"])

    assert intent.id.startswith("pi_")
    assert (intent.status, intent.amount, intent.amount_received, intent.currency) == (
        "succeeded", 215000, 215000, "vnd"
    )
    assert intent.latest_charge.startswith("ch_")
    assert stripe_emulator.charges[intent.latest_charge]["amount"] == 215000


def test_delayed_payment_completes_unpaid_then_succeeds(stripe_client, stripe_emulator):
    session = create_session(stripe_client)

    stripe_emulator.async_succeeded(session.id)

    assert [(event["type"], event["data"]["object"]["payment_status"]) for event in stripe_emulator.events] == [
        ("checkout.session.completed", "unpaid"),
        ("checkout.session.async_payment_succeeded", "paid"),
    ]
    intent = stripe_client.v1.payment_intents.retrieve(stripe_emulator.sessions[session.id]["payment_intent"])
    assert intent.status == "succeeded"


def test_delayed_payment_that_fails_stays_unpaid(stripe_client, stripe_emulator):
    session = create_session(stripe_client)
    stripe_emulator.pay_pending(session.id)

    failed = stripe_emulator.async_failed(session.id)

    assert (failed["status"], failed["payment_status"]) == ("complete", "unpaid")
    assert stripe_emulator.events[-1]["type"] == "checkout.session.async_payment_failed"
    assert stripe_emulator.payment_intents[failed["payment_intent"]]["status"] == "requires_payment_method"


def test_expire_helper_sends_the_expired_event_at_once(stripe_client, stripe_emulator):
    statuses = []
    stripe_emulator.webhook_sink = lambda body, headers: statuses.append(json.loads(body)["type"]) or 200
    session = create_session(stripe_client)

    assert stripe_emulator.expire(session.id)["status"] == "expired"
    assert statuses == ["checkout.session.expired"]


# -- refunds -------------------------------------------------------------------------------------------


def test_full_refund_by_payment_intent_emits_charge_refunded(stripe_client, stripe_emulator):
    session = paid_session(stripe_client, stripe_emulator)

    refund = stripe_client.v1.refunds.create(
        params={"payment_intent": session["payment_intent"], "reason": "requested_by_customer",
                "metadata": {"order_id": "42"}}
    )
    stripe_emulator.flush()

    assert refund.id.startswith("re_")
    assert (refund.status, refund.amount, refund.currency) == ("succeeded", 215000, "vnd")
    assert stripe_client.v1.refunds.retrieve(refund.id).metadata["order_id"] == "42"
    event = stripe_emulator.events_of("charge.refunded")[0]
    charge = event["data"]["object"]
    assert (charge["amount"], charge["amount_refunded"], charge["refunded"]) == (215000, 215000, True)
    assert charge["payment_intent"] == session["payment_intent"]
    assert [item["id"] for item in charge["refunds"]["data"]] == [refund.id]
    assert event["data"]["previous_attributes"] == {"amount_refunded": 0, "refunded": False}


def test_partial_refunds_then_the_rest_then_nothing_left(stripe_client, stripe_emulator):
    session = paid_session(stripe_client, stripe_emulator)
    charge_id = stripe_emulator.payment_intents[session["payment_intent"]]["latest_charge"]

    stripe_client.v1.refunds.create(params={"charge": charge_id, "amount": 45000})
    with pytest.raises(stripe.InvalidRequestError) as too_much:
        stripe_client.v1.refunds.create(params={"charge": charge_id, "amount": 170001})
    rest = stripe_client.v1.refunds.create(params={"charge": charge_id})
    with pytest.raises(stripe.InvalidRequestError) as nothing_left:
        stripe_client.v1.refunds.create(params={"charge": charge_id})

    assert (too_much.value.code, too_much.value.param) == ("amount_too_large", "amount")
    assert "₫170,000" in too_much.value.user_message
    assert rest.amount == 170000
    assert nothing_left.value.code == "charge_already_refunded"
    charge = stripe_client.v1.charges.retrieve(charge_id)
    assert (charge.amount_refunded, charge.refunded) == (215000, True)
    assert len(stripe_emulator.refunds) == 2


def test_refund_webhook_is_sent_after_the_api_call_has_answered(stripe_client, stripe_emulator):
    session = paid_session(stripe_client, stripe_emulator)
    answered = threading.Event()
    seen_after_answer = []
    stripe_emulator.webhook_sink = lambda body, headers: seen_after_answer.append(answered.wait(2)) or 200

    stripe_client.v1.refunds.create(params={"payment_intent": session["payment_intent"]})
    answered.set()
    stripe_emulator.flush()

    assert seen_after_answer == [True]


def test_webhook_handler_may_call_the_api_while_it_is_delivered(stripe_client, stripe_emulator):
    looked_up = []

    def sink(body, headers):
        event_object = json.loads(body)["data"]["object"]
        looked_up.append(stripe_client.v1.checkout.sessions.retrieve(event_object["id"]).payment_status)
        return 200

    stripe_emulator.webhook_sink = sink
    paid_session(stripe_client, stripe_emulator)

    assert looked_up == ["paid"]


def test_refund_with_the_same_idempotency_key_refunds_once(stripe_client, stripe_emulator):
    session = paid_session(stripe_client, stripe_emulator)
    params = {"payment_intent": session["payment_intent"], "amount": 50000}

    first = stripe_client.v1.refunds.create(params=params, options={"idempotency_key": "refund-42-1"})
    again = stripe_client.v1.refunds.create(params=params, options={"idempotency_key": "refund-42-1"})

    assert again.id == first.id
    assert len(stripe_emulator.refunds) == 1
    assert len(stripe_emulator.events_of("charge.refunded")) == 1


def test_refund_of_an_unpaid_intent_is_refused(stripe_client, stripe_emulator):
    session = create_session(stripe_client)
    pending = stripe_emulator.pay_pending(session.id)

    with pytest.raises(stripe.InvalidRequestError, match="does not have a successful charge"):
        stripe_client.v1.refunds.create(params={"payment_intent": pending["payment_intent"]})
    with pytest.raises(stripe.InvalidRequestError) as missing:
        stripe_client.v1.refunds.create(params={"amount": 1000})
    assert missing.value.code == "parameter_missing"
    assert stripe_emulator.refunds == {}


# -- webhooks ------------------------------------------------------------------------------------------


def test_signature_is_accepted_by_the_stripe_library(stripe_emulator):
    event = stripe_emulator.make_event("checkout.session.completed", {"id": "cs_test_1", "object": "checkout.session"})

    payload, headers = stripe_emulator.signed(event)
    verified = stripe.Webhook.construct_event(payload, headers["Stripe-Signature"], stripe_emulator.webhook_secret)

    assert verified.id == event["id"]
    assert verified.type == "checkout.session.completed"
    assert verified.data.object.id == "cs_test_1"


def test_tampered_payload_wrong_secret_and_old_timestamp_are_refused(stripe_emulator):
    event = stripe_emulator.make_event("charge.refunded", {"id": "ch_1", "object": "charge", "amount_refunded": 1})
    payload, headers = stripe_emulator.signed(event)
    signature = headers["Stripe-Signature"]
    old_payload, old_headers = stripe_emulator.signed(event, timestamp=time.time() - 3600)

    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(payload.replace(b'"amount_refunded": 1', b'"amount_refunded": 9'), signature,
                                       stripe_emulator.webhook_secret)
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(payload, signature, "whsec_other")
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(old_payload, old_headers["Stripe-Signature"], stripe_emulator.webhook_secret)


def test_event_has_stripes_envelope(stripe_client, stripe_emulator):
    session = paid_session(stripe_client, stripe_emulator)

    event = stripe_emulator.events[0]

    assert event["id"].startswith("evt_")
    assert (event["object"], event["livemode"], event["pending_webhooks"]) == ("event", False, 1)
    assert event["api_version"] and event["created"] <= time.time()
    assert event["data"]["object"] == session
    assert stripe_client.v1.events.retrieve(event["id"]).type == "checkout.session.completed"


def test_sink_receives_signed_events_and_redelivery_records_each_status(stripe_client, stripe_emulator):
    statuses = iter([500, 200])
    received = []

    def sink(body, headers):
        received.append(stripe.Webhook.construct_event(body, headers["Stripe-Signature"], "whsec_test_emulator"))
        return next(statuses)

    stripe_emulator.webhook_sink = sink
    session = paid_session(stripe_client, stripe_emulator)

    assert stripe_emulator.deliver(stripe_emulator.events[0]) == 200
    assert [event.id for event in received] == [stripe_emulator.events[0]["id"]] * 2
    assert received[0].data.object.id == session["id"]
    assert [delivery["status"] for delivery in stripe_emulator.deliveries] == [500, 200]


def test_flask_test_client_sink_receives_the_exact_signed_body(stripe_client, stripe_emulator):
    webhook_app = flask.Flask(__name__)

    @webhook_app.post("/webhooks/stripe")
    def webhook():
        signature = flask.request.headers.get("Stripe-Signature")
        try:
            event = stripe.Webhook.construct_event(flask.request.get_data(), signature, "whsec_test_emulator")
        except stripe.SignatureVerificationError:
            return "bad signature", 400
        return event.type, 200

    client = webhook_app.test_client()
    stripe_emulator.webhook_sink = lambda body, headers: client.post("/webhooks/stripe", data=body, headers=headers)
    paid_session(stripe_client, stripe_emulator)
    tampered = stripe_emulator.webhook_sink(b"{}", stripe_emulator.signed(stripe_emulator.events[0])[1])

    assert [delivery["status"] for delivery in stripe_emulator.deliveries] == [200]
    assert tampered.status_code == 400


def test_sink_may_return_a_response_object(stripe_emulator):
    class Response:
        status_code = 400

    stripe_emulator.webhook_sink = lambda body, headers: Response()

    assert stripe_emulator.deliver(stripe_emulator.make_event("ping", {"id": "x"})) == 400


def test_url_delivery_posts_the_signed_event(stripe_emulator, receiver):
    receiver.status = 400
    stripe_emulator.webhook_url = receiver.url + "/webhooks/stripe"
    event = stripe_emulator.make_event("checkout.session.expired", {"id": "cs_test_2", "object": "checkout.session"})

    assert stripe_emulator.deliver(event) == 400

    method, path, headers, body = receiver.requests[0]
    assert (method, path) == ("POST", "/webhooks/stripe")
    assert headers["Content-Type"].startswith("application/json")
    assert stripe.Webhook.construct_event(body, headers["Stripe-Signature"], stripe_emulator.webhook_secret).id == (
        event["id"]
    )


def test_without_auto_delivery_events_are_only_recorded(stripe_client, stripe_emulator):
    stripe_emulator.webhook_sink = lambda body, headers: pytest.fail("nothing should be delivered")
    stripe_emulator.auto_deliver = False

    paid_session(stripe_client, stripe_emulator)

    assert [event["type"] for event in stripe_emulator.events] == ["checkout.session.completed"]
    assert stripe_emulator.deliveries == []


def test_reset_forgets_everything(stripe_client, stripe_emulator):
    paid_session(stripe_client, stripe_emulator)
    stripe_emulator.webhook_sink = lambda body, headers: 200

    stripe_emulator.reset()

    assert (stripe_emulator.sessions, stripe_emulator.events, stripe_emulator.webhook_sink) == ({}, [], None)


# -- authentication, routes, the global configuration ---------------------------------------------------


def test_wrong_api_key_is_an_authentication_error(stripe_emulator):
    client = stripe.StripeClient("sk_test_wrong", base_addresses={"api": stripe_emulator.base_url})

    with pytest.raises(stripe.AuthenticationError) as refused:
        client.v1.checkout.sessions.create(params=session_params())
    assert refused.value.http_status == 401
    assert stripe_emulator.sessions == {}


def test_missing_api_key_gets_stripes_401_body(stripe_emulator):
    response = requests.get(f"{stripe_emulator.base_url}/v1/checkout/sessions/cs_test_x")

    assert response.status_code == 401
    assert response.json()["error"]["type"] == "invalid_request_error"
    assert "You did not provide an API key" in response.json()["error"]["message"]


def test_unknown_route_is_a_404(stripe_emulator):
    response = requests.get(
        f"{stripe_emulator.base_url}/v1/customers", headers={"Authorization": f"Bearer {stripe_emulator.api_key}"}
    )

    assert response.status_code == 404
    assert "Unrecognized request URL" in response.json()["error"]["message"]


def test_global_api_base_reaches_the_emulator_too(stripe_emulator, monkeypatch):
    monkeypatch.setattr(stripe, "api_key", stripe_emulator.api_key)
    monkeypatch.setattr(stripe, "api_base", stripe_emulator.base_url)

    session = stripe.checkout.Session.create(**session_params())

    assert stripe.checkout.Session.retrieve(session.id).amount_total == 215000
