"""Stock changes: single guarded SQL updates plus a ledger row, never read-modify-write."""
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from shop.errors import InvalidInput, NotFound, OutOfStock
from shop.extensions import db
from shop.models import Product, StockMovement
from shop.models.statuses import StockReason

SOLD_OUT = "stock_sold_out"  # session.info: products a sale in this transaction left at zero

# Reasons a producer may give for a manual adjustment (sales and releases come from orders).
MANUAL_REASONS = StockReason.manual()


def reserve_stock(product_id, quantity, order_id=None, actor_id=None):
    """Take `quantity` units of a product for an order; raise OutOfStock if not enough.

    The guard `stock >= :q` in the same UPDATE is what keeps stock from going below zero
    when two checkouts race: the loser's UPDATE matches no row.
    Does not commit: the caller's transaction carries it.
    """
    left = db.session.execute(
        update(Product)
        .where(Product.id == product_id, Product.stock >= quantity)
        .values(stock=Product.stock - quantity)
        .returning(Product.stock)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if left is None:
        product = db.session.get(Product, product_id)
        if product is None:
            raise NotFound(_("Product not found."))
        db.session.refresh(product, ["stock"])
        raise OutOfStock(
            _("Only %(n)d left of %(name)s.", n=product.stock, name=product.name_vi),
            product_name=product.name_vi,
            available=product.stock,
        )
    if left == 0:  # the listings learn it is sold out; a sale that leaves stock changes nothing they show
        db.session.info.setdefault(SOLD_OUT, set()).add(product_id)
    _record(product_id, -quantity, "sale", order_id, actor_id, "")


def return_stock(product_id, quantity, reason, order_id=None, actor_id=None, note=""):
    """Put `quantity` units back (a released reservation or a refunded line). Does not commit."""
    db.session.execute(
        update(Product)
        .where(Product.id == product_id)
        .values(stock=Product.stock + quantity)
        .execution_options(synchronize_session=False)
    )
    _record(product_id, quantity, reason, order_id, actor_id, note)


def adjust_stock(product, quantity, reason, actor=None, note=""):
    """Apply a producer's adjustment (positive or negative) with a reason; refuse going below zero. Does not commit."""
    if reason not in MANUAL_REASONS:
        raise InvalidInput(_("Choose a reason: restock, damage or correction."))
    if not isinstance(quantity, int) or quantity == 0:
        raise InvalidInput(_("The quantity must be a whole number other than zero."))
    if reason == "restock" and quantity < 0:
        raise InvalidInput(_("A restock adds stock: give a positive quantity."))
    if reason == StockReason.DAMAGE and quantity > 0:
        quantity = -quantity
    result = db.session.execute(
        update(Product)
        .where(Product.id == product.id, Product.stock + quantity >= 0)
        .values(stock=Product.stock + quantity)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.refresh(product, ["stock"])
        raise OutOfStock(
            _("Stock cannot go below zero: only %(n)d on hand.", n=product.stock),
            product_name=product.name_vi,
            available=product.stock,
        )
    _record(product.id, quantity, reason, None, getattr(actor, "id", None), note)
    db.session.refresh(product, ["stock"])


def record_initial_stock(product, actor=None, note=None):
    """Write the ledger row for a new product's opening stock (its `stock` already set). Does not commit."""
    if product.stock:
        _record(product.id, product.stock, "restock", None, getattr(actor, "id", None), note or _("Opening stock"))


def ledger_balance(product_id):
    """Return the sum of a product's stock movements (equals its stock on hand)."""
    return db.session.scalar(
        select(func.coalesce(func.sum(StockMovement.quantity), 0)).where(StockMovement.product_id == product_id)
    )


def _record(product_id, quantity, reason, order_id, actor_id, note):
    assert reason in StockReason.values(), reason
    db.session.add(StockMovement(
        product_id=product_id, quantity=quantity, reason=reason,
        order_id=order_id, actor_id=actor_id, note=note[:500],
    ))
