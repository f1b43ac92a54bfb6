import pytest

from shop.errors import InvalidInput, OutOfStock
from shop.services.stock import adjust_stock, ledger_balance, reserve_stock, return_stock
from tests.factories import make_product, make_user


def test_reserve_takes_stock_and_writes_the_ledger(db):
    product = make_product(stock=5)
    reserve_stock(product.id, 3)
    db.session.commit()
    db.session.refresh(product)
    assert product.stock == 2
    assert ledger_balance(product.id) == 2


def test_reserve_more_than_available_changes_nothing(db):
    product = make_product(stock=2, name_vi="Chả mực")
    db.session.commit()
    with pytest.raises(OutOfStock) as error:
        reserve_stock(product.id, 3)
    assert error.value.available == 2
    assert "Chả mực" in error.value.message
    db.session.rollback()
    db.session.refresh(product)
    assert product.stock == 2


def test_adjustments_follow_the_ledger_and_never_go_below_zero(db):
    producer_user = make_user(role="producer")
    product = make_product(stock=4)
    adjust_stock(product, 6, "restock", producer_user, "new batch")
    adjust_stock(product, 2, "damage", producer_user, "broken jars")
    db.session.commit()
    assert product.stock == 8
    with pytest.raises(OutOfStock):
        adjust_stock(product, -9, "correction", producer_user)
    db.session.rollback()
    return_stock(product.id, 1, "release")
    db.session.commit()
    db.session.refresh(product)
    assert product.stock == 9 == ledger_balance(product.id)


@pytest.mark.parametrize("quantity, reason", [(0, "restock"), (-3, "restock"), (2, "sale"), (1.5, "correction")])
def test_bad_adjustments_are_refused(db, quantity, reason):
    product = make_product(stock=4)
    with pytest.raises(InvalidInput):
        adjust_stock(product, quantity, reason)
    assert product.stock == 4
