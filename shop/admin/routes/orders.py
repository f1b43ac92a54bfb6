"""Orders: the filtered list and one order's full story."""
from flask import abort, render_template, request
from sqlalchemy import select

from shop.admin import bp
from shop.admin.actions import list_args, paginate
from shop.extensions import db
from shop.models import Order, Producer
from shop.services.localtime import parse_iso_day
from shop.services.order_admin import OrderFilter, orders_query


def _filter():
    return OrderFilter(
        status=request.args.get("status", ""), payment_method=request.args.get("payment", ""),
        start=parse_iso_day(request.args.get("start")), end=parse_iso_day(request.args.get("end")),
        producer_id=request.args.get("producer", type=int), q=request.args.get("q", ""),
    )


@bp.get("/orders")
def orders():
    criteria = _filter()
    return render_template(
        "admin/orders.html", page=paginate(orders_query(criteria)), criteria=criteria, args=list_args(),
        producers=db.session.scalars(select(Producer).order_by(Producer.name)).all(),
    )


@bp.get("/orders/<number>")
def order(number):
    order = db.session.scalar(select(Order).where(Order.number == number.upper()))
    if order is None:
        abort(404)
    return render_template("admin/order.html", order=order)
