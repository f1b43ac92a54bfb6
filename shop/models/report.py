"""Revenue rollups: the office's figures summed ahead per Vietnamese day (kept by shop.services.reports.rollups)."""
from datetime import date

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db


class RevenueDay(db.Model):
    """Orders and money of one Vietnamese day and payment method; every amount is integer VND.

    Sales (orders, gross, shipping, units) are dated by the paid day, refunds by their own day.
    """

    __tablename__ = "revenue_day"

    day: Mapped[date] = mapped_column(primary_key=True)
    payment_method: Mapped[str] = mapped_column(String(16), primary_key=True)
    orders: Mapped[int] = mapped_column(nullable=False, default=0)
    gross: Mapped[int] = mapped_column(db.BigInteger, nullable=False, default=0)
    shipping: Mapped[int] = mapped_column(db.BigInteger, nullable=False, default=0)
    units: Mapped[int] = mapped_column(nullable=False, default=0)
    refunds: Mapped[int] = mapped_column(db.BigInteger, nullable=False, default=0)


class RevenueGoodsDay(db.Model):
    """Goods sold and refunded of one day × producer × product group × stars × area × payment method.

    `stars` is the best rating valid on the paid day (0: not rated). `orders_by_<dimension>` counts an
    order once per key of that dimension (on the row of its first line with that key), so summing the
    rows grouped by that dimension gives distinct orders.
    """

    __tablename__ = "revenue_goods_day"

    day: Mapped[date] = mapped_column(primary_key=True)
    producer_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    category_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    stars: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    area_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    payment_method: Mapped[str] = mapped_column(String(16), primary_key=True)
    goods: Mapped[int] = mapped_column(db.BigInteger, nullable=False, default=0)
    units: Mapped[int] = mapped_column(nullable=False, default=0)
    refunds: Mapped[int] = mapped_column(db.BigInteger, nullable=False, default=0)
    orders_by_producer: Mapped[int] = mapped_column(nullable=False, default=0)
    orders_by_category: Mapped[int] = mapped_column(nullable=False, default=0)
    orders_by_stars: Mapped[int] = mapped_column(nullable=False, default=0)
    orders_by_area: Mapped[int] = mapped_column(nullable=False, default=0)
