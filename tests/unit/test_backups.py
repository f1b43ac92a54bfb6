"""Backups: a pg_dump of the shop restored into a fresh database holds every order, payment and ledger row.

The commands are the ones the deploy docs give (`pg_dump --format=custom`, `pg_restore --no-owner`).
PostgreSQL only; the fresh database is made and dropped by the test.
"""
import shutil
import subprocess

import pytest
from sqlalchemy import create_engine, select, text

from shop.extensions import db as _db
from shop.models import PaymentEvent
from shop.models.statuses import OrderStatus, PaymentMethod
from tests.admin_factories import make_refund
from tests.factories import make_order, make_product

TABLES = ("shop_order", "order_line", "shipment", "order_event", "refund", "payment_event", "stock_movement",
          "product", "user", "audit_event")


def _libpq_url(url, database=None):
    url = url.set(drivername="postgresql")
    if database:
        url = url.set(database=database)
    return url.render_as_string(hide_password=False)


def _rows(engine):
    with engine.connect() as connection:
        return {table: connection.execute(text(f'SELECT * FROM "{table}" ORDER BY id')).all()  # noqa: S608
                for table in TABLES}


def _shop_with_sales():
    tea, squid = make_product(stock=50, price=85_000), make_product(stock=30, price=185_000)
    paid = make_order([(tea, 2), (squid, 1)], payment_method=PaymentMethod.CARD, reserve=True)
    make_order([(squid, 3)], status=OrderStatus.PLACED, payment_method=PaymentMethod.COD, reserve=True)
    make_order([(tea, 1)], status=OrderStatus.PENDING_PAYMENT, payment_method=PaymentMethod.CARD, reserve=True)
    make_refund(paid, 85_000)
    _db.session.add(PaymentEvent(stripe_event_id="evt_backup_1", type="checkout.session.completed", order_id=paid.id))
    _db.session.commit()


def test_a_dump_restored_into_a_fresh_database_finds_every_row(postgres_only, db, tmp_path):
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed")
    _shop_with_sales()
    source = db.engine.url
    dump = tmp_path / "shop.dump"
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), _libpq_url(source)],  # noqa: S603,S607
                   check=True, timeout=120)
    fresh = f"{source.database}_restored"
    admin = create_engine(_libpq_url(source).replace("postgresql://", "postgresql+psycopg://", 1),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{fresh}"'))
        connection.execute(text(f'CREATE DATABASE "{fresh}"'))
    restored = create_engine(_libpq_url(source, fresh).replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", "--dbname", _libpq_url(source, fresh),  # noqa: S603,S607
                        str(dump)], check=True, timeout=120)
        before, after = _rows(db.engine), _rows(restored)
        counts = {table: len(rows) for table, rows in after.items()}
        assert counts == {table: len(rows) for table, rows in before.items()}
        assert before == after
        assert len(after["shop_order"]) == 3 and len(after["payment_event"]) == 1 and len(after["refund"]) == 1
        with restored.connect() as connection:  # stock still equals its ledger in the copy
            for product_id, stock in connection.execute(text("SELECT id, stock FROM product")):
                ledger = connection.scalar(text("SELECT COALESCE(SUM(quantity), 0) FROM stock_movement "
                                                "WHERE product_id = :p"), {"p": product_id})
                assert stock == ledger
        assert db.session.scalar(select(PaymentEvent.stripe_event_id)) == "evt_backup_1"
    finally:
        restored.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{fresh}"'))
        admin.dispose()
