"""Planted bugs in the rules of isolation and money: each must make at least one test fail.

`make mutation` plants each bug below in turn (an exact piece of a service replaced by its wrong
version), runs the tests that guard that rule, and puts the file back; it prints which bugs were
caught ("killed") and the score, and exits 1 when any survived. A new rule worth guarding is a new
line here. (mutmut's generated mutants over these modules would take hours on the shop's suite; these
are the mutants that matter: a missing filter, a dropped guard, a comparison turned.)

    .venv/bin/python .ci/planted_bugs.py [--only NAME] [--list]
"""
import argparse
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Bug:
    name: str
    path: str
    right: str
    wrong: str
    tests: tuple


BUGS = (
    Bug("shipment lines without the producer filter", "shop/services/orders/fulfilment.py",
        "OrderLine.order_id == shipment.order_id, OrderLine.producer_id == shipment.producer_id",
        "OrderLine.order_id == shipment.order_id", ("tests/web/test_producer_isolation.py",)),
    Bug("a producer's sales without the producer filter", "shop/services/reports/producer_sales.py",
        "return (OrderLine.producer_id == producer_id, Order.status.in_(statuses),",
        "return (OrderLine.producer_id == OrderLine.producer_id, Order.status.in_(statuses),",
        ("tests/web/test_producer_isolation.py", "tests/unit/test_producer_sales.py")),
    Bug("another producer's shipment found", "shop/services/orders/fulfilment.py",
        "select(Shipment).where(Shipment.id == shipment_id, Shipment.producer_id == producer.id)",
        "select(Shipment).where(Shipment.id == shipment_id)",
        ("tests/unit/test_fulfilment.py", "tests/web/test_producer_isolation.py")),
    Bug("a scan handed to any producer", "shop/services/certification/scans.py",
        "if producer is not None and cert.product.producer_id == producer.id:",
        "if producer is not None:", ("tests/web/test_media_storage.py",)),
    Bug("the webhook's duplicate-event look-up gone", "shop/services/payments/stripe_webhooks.py",
        "if db.session.scalar(select(PaymentEvent.id).where(PaymentEvent.stripe_event_id == event_id)):",
        "if False:", ("tests/web/test_webhooks.py",)),
    Bug("stock sold below zero", "shop/services/stock.py",
        ".where(Product.id == product_id, Product.stock >= quantity)", ".where(Product.id == product_id)",
        ("tests/unit/test_stock.py", "tests/unit/test_orders.py")),
    Bug("a payment in another currency accepted", "shop/services/payments/stripe_checkout.py",
        'if currency != "vnd" or (amount is not None and int(amount) != order.total):',
        "if amount is not None and int(amount) != order.total:", ("tests/web/test_webhooks.py",)),
    Bug("a payment of another amount accepted", "shop/services/payments/stripe_checkout.py",
        'if currency != "vnd" or (amount is not None and int(amount) != order.total):',
        'if currency != "vnd":', ("tests/web/test_webhooks.py",)),
    Bug("a refund above what is left", "shop/services/orders/refunds.py",
        "if not 1 <= amount <= remaining:", "if not 1 <= amount:", ("tests/unit/test_refunds.py",)),
    Bug("a badge for a 2-star rating", "shop/services/certification/rules.py",
        "return cert.stars if cert and cert.stars >= CERTIFIED_MIN_STARS else None",
        "return cert.stars if cert and cert.stars >= 1 else None", ("tests/unit/test_certification.py",)),
)


def plant(bug):
    """Run the bug's tests with the bug planted; return True when a test failed (the bug is caught)."""
    path = ROOT / bug.path
    original = path.read_text()
    if original.count(bug.right) != 1:
        sys.exit(f"{bug.name}: the right code is not found once in {bug.path}; update .ci/planted_bugs.py")
    path.write_text(original.replace(bug.right, bug.wrong))
    try:
        command = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:randomly", "-p", "no:cacheprovider",
                   *bug.tests]
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=_env())  # noqa: S603  (our own tests)
    finally:
        path.write_text(original)
    return run.returncode != 0


def _env():
    import os

    env = dict(os.environ)
    env.pop("TEST_DATABASE_URL", None)  # SQLite: the rules, not the database
    return env


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="plant only the bugs whose name contains this")
    parser.add_argument("--list", action="store_true", help="list the bugs and stop")
    args = parser.parse_args()
    bugs = [bug for bug in BUGS if not args.only or args.only in bug.name]
    if args.list:
        for bug in bugs:
            print(f"{bug.name}  ({bug.path}; {', '.join(bug.tests)})")
        return 0
    survived = []
    for bug in bugs:
        started = time.monotonic()
        caught = plant(bug)
        print(f"{'killed  ' if caught else 'SURVIVED'} {bug.name} ({time.monotonic() - started:.0f} s)", flush=True)
        if not caught:
            survived.append(bug.name)
    killed = len(bugs) - len(survived)
    print(f"mutation score: {killed}/{len(bugs)} planted bugs caught ({100 * killed / len(bugs):.0f} %)")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
