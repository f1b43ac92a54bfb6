"""Booking a visit (a tourism product, group 6): pick a day and time, the number of people, then pay."""
from itertools import groupby

from flask import current_app, g, render_template, request
from flask_login import current_user

from shop.checkout import bp
from shop.checkout.forms import BookingForm
from shop.checkout.routes import _after_placing, _placed_an_order
from shop.extensions import limiter
from shop.i18n import current_locale
from shop.services.bookings.placing import MAX_PEOPLE, bookable_listing, place_booking
from shop.services.bookings.slots import open_slots
from shop.services.payments.providers import offered_methods
from shop.web.feedback import reporting


@bp.route("/products/<slug>/book", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["CHECKOUT_LIMIT_PER_ADDRESS"], methods=["POST"],
               deduct_when=_placed_an_order)
def book(slug):
    product = bookable_listing(slug)
    form = BookingForm(offered=offered_methods())
    if request.method == "GET":
        form.slot_id.data = request.args.get("slot", "")
        if current_user.is_authenticated:
            form.name.data, form.email.data = current_user.name, current_user.email
    status = 200
    if form.validate_on_submit():
        g.checkout_reached_stock = True
        customer = current_user if current_user.is_authenticated else None
        with reporting(form) as outcome:
            order = place_booking(product, form.slot_id.data, form.people.data, form.details(), customer,
                                  current_locale())
        if outcome.ok:
            return _after_placing(order)
        status = outcome.status
    elif request.method == "POST":
        status = 400
    slots = open_slots(product)
    days = [(day, list(day_slots)) for day, day_slots in groupby(slots, key=lambda slot: slot.day)]
    return render_template("checkout/book.html", product=product, form=form, days=days,
                           max_people=MAX_PEOPLE), status
