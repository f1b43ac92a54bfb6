"""Who may do what: every route of `app.url_map`, requested by every kind of visitor.

The table below is the shop's authorization policy. Each route (method and endpoint) is
requested as a guest, a customer, producer A (the owner of the rows in the path), producer B
(another approved producer), a suspended producer and an administrator, with plausible path
arguments and form data (tests/security_world.py), and the answer must match the table.
A new route without an entry fails the test: decide who may use it and write it down here.
Every answer must also carry the security headers.

LOGIN stands for a redirect to the log-in page (with `next`); other redirects are 302.
"""
import pytest

from tests.security_world import IDENTITIES, build_world, route_requests, security_header_problems, send, sign_in

LOGIN = "login"


def everyone(status):
    return dict.fromkeys(IDENTITIES, status)


def portal(anonymous=LOGIN, customer=403, producer_a=200, producer_b=200, suspended=200, admin=403):
    """A producer-portal page: producers only; a suspended one may look but not change anything."""
    return {"anonymous": anonymous, "customer": customer, "producer_a": producer_a, "producer_b": producer_b,
            "suspended": suspended, "admin": admin}


def own_row(method):
    """A portal request naming producer A's row: only A gets through; B and the suspended producer get 404."""
    if method == "GET":
        return portal(producer_b=404, suspended=404)
    return portal(producer_a=302, producer_b=404, suspended=403)


def order_owner(status):
    """A request on the customer's order: its customer and the administrators; 404 for everyone else."""
    return {"anonymous": 404, "customer": status, "producer_a": 404, "producer_b": 404, "suspended": 404,
            "admin": status}


def admin_only(status):
    """A back-office request: administrators only; guests are sent to log in, everyone else gets 403."""
    return {**everyone(403), "anonymous": LOGIN, "admin": status}


SIGNED_IN_GO_HOME = {**everyone(302), "anonymous": 200}

MATRIX = {
    # Storefront, catalogue and the JSON API: public.
    "GET main.index": everyone(200),
    "GET main.info_page": everyone(200),
    "GET main.healthz": everyone(200),
    "GET main.readyz": everyone(200),
    "GET main.metrics": everyone(404),  # no METRICS_TOKEN in tests: the page does not exist
    "GET main.set_language": everyone(302),
    "GET main.language_offer": everyone(302),
    "GET main.media": everyone(200),
    # A certificate scan: the office and the producer whose product it rates; 404 for everyone else.
    "GET main.certificate_scan": {"anonymous": LOGIN, "customer": 404, "producer_a": 200, "producer_b": 404,
                                  "suspended": 404, "admin": 200},
    "GET static": everyone(200),
    "GET catalog.products": everyone(200),
    "GET catalog.suggestions": everyone(200),
    "GET catalog.product": everyone(200),
    "GET catalog.product_qr": everyone(200),
    "GET catalog.producer": everyone(200),
    "GET catalog.sitemap": everyone(200),
    "GET catalog.robots": everyone(200),
    "GET api.products": everyone(200),
    "GET api.product": everyone(200),
    "GET api.openapi": everyone(200),
    # Accounts.
    "GET auth.login": SIGNED_IN_GO_HOME,
    "POST auth.login": everyone(302),
    "GET auth.register": SIGNED_IN_GO_HOME,
    "POST auth.register": everyone(302),
    "GET auth.logout": everyone(200),
    "POST auth.logout": everyone(302),
    "GET auth.reset_request": everyone(200),
    "POST auth.reset_request": everyone(302),
    "GET auth.reset_password": everyone(200),  # the signed token is the permission
    "POST auth.reset_password": everyone(302),
    "GET auth.confirm_account": everyone(200),  # the signed link is the permission
    "POST auth.confirm_account": everyone(302),
    # Cart and checkout: open to every visitor; an order only to its customer (or the signed link).
    "GET cart.show": everyone(200),
    "POST cart.add": everyone(302),
    "POST cart.update": everyone(302),
    "POST cart.remove": everyone(302),
    "GET checkout.checkout": everyone(200),
    "POST checkout.checkout": everyone(302),
    "GET checkout.cancelled": order_owner(200),
    "POST checkout.pay": order_owner(302),
    "POST checkout.cancel": order_owner(302),
    # Booking a visit: open to every visitor, like the checkout.
    "GET checkout.book": everyone(200),
    "POST checkout.book": everyone(302),
    "GET account.order_page": order_owner(200),
    "GET account.order_status": order_owner(200),
    "GET account.orders": {**everyone(200), "anonymous": LOGIN},
    # The producer portal.
    "GET producer.apply": {"anonymous": 200, "customer": 200, "producer_a": 302, "producer_b": 302,
                           "suspended": 302, "admin": 403},
    "POST producer.apply": {"anonymous": 302, "customer": 302, "producer_a": 302, "producer_b": 302,
                            "suspended": 302, "admin": 403},
    "GET producer.status": portal(producer_a=302, producer_b=302),
    "GET producer.dashboard": portal(),
    "GET producer.products": portal(),
    "GET producer.new_product": portal(),
    "POST producer.new_product": portal(producer_a=302, producer_b=302, suspended=403),
    "GET producer.edit_product": own_row("GET"),
    "POST producer.edit_product": own_row("POST"),
    "POST producer.product_status": own_row("POST"),
    "GET producer.photos": own_row("GET"),
    "POST producer.photos": own_row("POST"),
    "POST producer.photo_action": own_row("POST"),
    "GET producer.stock": portal(),
    "GET producer.product_stock": own_row("GET"),
    "POST producer.product_stock": own_row("POST"),
    "GET producer.sales": portal(),
    "GET producer.sales_csv": portal(),
    "GET producer.shipments": portal(),
    "GET producer.shipment": own_row("GET"),
    "POST producer.move_shipment": own_row("POST"),
    "GET producer.batches": own_row("GET"),
    "POST producer.batches": own_row("POST"),
    "POST producer.choose_lot": own_row("POST"),
    # A producer's visits: the calendar (B may not open visits of A's product: not among its choices), the
    # day's bookings, and A's vouchers (scanned or typed) for A alone.
    "GET producer.slots": portal(),
    "POST producer.slots": portal(producer_a=302, producer_b=400, suspended=403),
    "POST producer.slot_capacity": own_row("POST"),
    "POST producer.remove_slot": own_row("POST"),
    "GET producer.bookings": portal(),
    "GET producer.find_voucher": portal(),
    "POST producer.find_voucher": own_row("POST"),
    "GET producer.voucher": own_row("GET"),
    "POST producer.check_in": own_row("POST"),
    "GET producer.profile": portal(),
    "POST producer.profile": portal(producer_a=302, producer_b=302, suspended=403),
    "GET producer.certification": portal(),
    "POST producer.certification": own_row("POST"),
    # Stripe's webhook: the signature is the permission (none here, so refused for all).
    "POST webhooks.stripe_webhook": everyone(400),
    # VNPay's IPN answers JSON (97: not signed by VNPay); MoMo's IPN refuses an unsigned body (400).
    "GET webhooks.vnpay": everyone(200),
    "POST webhooks.momo": everyone(400),
    # The bank's notifications: the API key is the permission (none here: 401 for all).
    "POST webhooks.bank": everyone(401),
    # Back from VNPay or MoMo: an unsigned answer is sent to the cart with a message.
    "GET checkout.vnpay_return": everyone(302),
    "GET checkout.momo_return": everyone(302),
    # The back office (/admin/).
    "GET admin.dashboard": admin_only(200),
    "GET admin.report_csv": admin_only(200),
    "GET admin.payables": admin_only(200),
    "GET admin.payables_csv": admin_only(200),
    "GET admin.orders": admin_only(200),
    "GET admin.order": admin_only(200),
    "POST admin.cancel_order": admin_only(302),
    "POST admin.refund_order": admin_only(302),
    "GET admin.bank_transfers": admin_only(200),
    "POST admin.match_bank_transfer": admin_only(302),
    "POST admin.refund_bank_transfer": admin_only(302),
    "POST admin.dismiss_bank_transfer": admin_only(302),
    "GET admin.producers": admin_only(200),
    "GET admin.producer": admin_only(200),
    "POST admin.approve_producer": admin_only(302),
    "POST admin.suspend_producer": admin_only(302),
    "GET admin.products": admin_only(200),
    "GET admin.product": admin_only(200),
    "POST admin.publish_product": admin_only(302),
    "POST admin.reject_product": admin_only(302),
    "POST admin.hide_product": admin_only(302),
    "POST admin.unhide_product": admin_only(302),
    "GET admin.certifications": admin_only(200),
    "GET admin.certification_calendar": admin_only(200),
    "GET admin.recall_search": admin_only(200),
    "GET admin.recall_lot": admin_only(200),
    "GET admin.recall_lot_csv": admin_only(200),
    "GET admin.new_certification": admin_only(200),
    "POST admin.new_certification": admin_only(302),
    "GET admin.edit_certification": admin_only(200),
    "POST admin.edit_certification": admin_only(302),
    "POST admin.reject_certification": admin_only(302),
    "GET admin.users": admin_only(200),
    "POST admin.change_role": admin_only(302),
    "POST admin.deactivate_user": admin_only(302),
    "POST admin.reactivate_user": admin_only(302),
    "GET admin.audit_log": admin_only(200),
    "GET admin.jobs": admin_only(200),
    "POST admin.retry_job": admin_only(302),
    "POST admin.retry_mail": admin_only(302),
    "GET admin.pages_list": admin_only(200),
    "GET admin.edit_page": admin_only(200),
    "POST admin.edit_page": admin_only(302),
}


def matrix_key(method, rule):
    return f"{method} {rule.endpoint}"


def outcome(response):
    location = response.headers.get("Location", "")
    if response.status_code == 302 and location.startswith("/auth/login?next="):
        return LOGIN
    return response.status_code


def test_every_route_has_an_entry_in_the_authorization_matrix(app):
    keys = [matrix_key(method, rule) for method, rule in route_requests(app)]
    for key in keys:
        assert key in MATRIX, f"new route {key} has no entry in the authorization matrix"
        assert set(MATRIX[key]) == set(IDENTITIES), f"{key}: the matrix must name every kind of visitor"
    assert not set(MATRIX) - set(keys), f"the matrix names routes that are gone: {sorted(set(MATRIX) - set(keys))}"


@pytest.mark.parametrize("identity", IDENTITIES)
def test_every_route_answers_each_visitor_as_the_matrix_says(app, db, client, identity):
    world = build_world(app)
    user = world.users.get(identity)
    wrong = []
    for method, rule in route_requests(app):
        key = matrix_key(method, rule)
        if key not in MATRIX:
            continue  # reported by the test above
        # Every request starts from the same session: this visitor, one unit of A's product in the cart.
        sign_in(client, user, cart={world.product_a.id: 1} if rule.endpoint.startswith(("cart.", "checkout."))
                else None)
        response = send(client, method, rule, world)
        got = outcome(response)
        if got != MATRIX[key][identity]:
            wrong.append(f"{key} as {identity}: expected {MATRIX[key][identity]}, got {got}")
        wrong.extend(f"{key} as {identity}: {problem}" for problem in security_header_problems(response))
    assert not wrong, "answers that differ from the authorization matrix:\n" + "\n".join(wrong)
