"""The producer's visits: the calendar of slots, the bookings of a day, and checking vouchers in."""
from datetime import timedelta

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from shop.errors import NotFound
from shop.i18n import current_locale, localized
from shop.producer import bp
from shop.producer.forms import CapacityForm, SlotsForm, VoucherCodeForm
from shop.producer.routes.portal import USER_ERRORS
from shop.services.bookings import slots as calendar
from shop.services.bookings import vouchers
from shop.services.localtime import local_today, parse_iso_day
from shop.web.feedback import reporting

CALENDAR_DAYS = 14
MAX_DAYS_AWAY = 400  # how far from today the calendar and the day's bookings may be asked


def _day_arg(name="day"):
    """The day asked in the query string (YYYY-MM-DD), within a year or so of today; today otherwise."""
    today = local_today()
    day = parse_iso_day(request.args.get(name, ""))
    return day if day is not None and abs((day - today).days) <= MAX_DAYS_AWAY else today


def _slots_form():
    """The form opening visits, its choice of the producer's tourism products, a month from today by default."""
    form = SlotsForm()
    form.product_id.choices = [SelectChoice(product.id, localized(product, "name", current_locale()))
                               for product in calendar.bookable_products(g.producer)]
    if request.method == "GET":
        form.first_day.data, form.last_day.data = local_today(), local_today() + timedelta(days=29)
    return form


@bp.route("/slots", methods=["GET", "POST"])
def slots():
    first = max(_day_arg("from"), local_today())
    form = _slots_form()
    status = 200
    if request.method == "POST":
        status = 400
        if form.validate_on_submit():
            with reporting(form, errors=USER_ERRORS) as outcome:
                added = calendar.open_slots_for(g.producer, current_user, form.product_id.data, form.first_day.data,
                                                form.last_day.data, form.times.data, form.capacity.data)
                flash(_("%(n)d visits opened.", n=added), "success")
                return redirect(url_for("producer.slots", **{"from": form.first_day.data.isoformat()}))
            status = outcome.status
    return render_template("producer/slots.html", section="slots", form=form, first=first, days=CALENDAR_DAYS,
                           slots=calendar.producer_slots(g.producer, first, CALENDAR_DAYS),
                           capacity_form=CapacityForm(formdata=None), previous=first - timedelta(days=CALENDAR_DAYS),
                           following=first + timedelta(days=CALENDAR_DAYS), today=local_today()), status


@bp.route("/slots/<int:slot_id>/capacity", methods=["POST"])
def slot_capacity(slot_id):
    slot = calendar.own_slot(g.producer, slot_id)
    form = CapacityForm()
    if not form.validate_on_submit():
        flash(" ".join(str(error) for error in form.capacity.errors) or _("Give the number of people."), "error")
    else:
        with reporting(errors=USER_ERRORS):
            calendar.change_capacity(g.producer, current_user, slot_id, form.capacity.data)
            flash(_("The visit now takes %(n)d people.", n=form.capacity.data), "success")
    return redirect(url_for("producer.slots", **{"from": slot.day.isoformat()}))


@bp.route("/slots/<int:slot_id>/remove", methods=["POST"])
def remove_slot(slot_id):
    slot = calendar.own_slot(g.producer, slot_id)
    day = slot.day
    with reporting(errors=USER_ERRORS):
        calendar.remove_slot(g.producer, current_user, slot_id)
        flash(_("The visit is removed from the calendar."), "success")
    return redirect(url_for("producer.slots", **{"from": day.isoformat()}))


@bp.route("/bookings")
def bookings():
    day = _day_arg()
    return render_template("producer/bookings.html", section="bookings", day=day,
                           slots=vouchers.bookings_of_day(g.producer, day), code_form=VoucherCodeForm(formdata=None),
                           previous=day - timedelta(days=1), following=day + timedelta(days=1))


@bp.route("/vouchers", methods=["GET", "POST"])
def find_voucher():
    form = VoucherCodeForm()
    if form.validate_on_submit():
        with reporting(form, errors=USER_ERRORS + (NotFound,), default_field="code") as outcome:
            booking = vouchers.own_voucher(g.producer, form.code.data)
            return redirect(url_for("producer.voucher", code=booking.code))
        return render_template("producer/voucher_find.html", section="bookings", form=form), outcome.status
    return render_template("producer/voucher_find.html", section="bookings", form=form), \
        400 if request.method == "POST" else 200


@bp.route("/vouchers/<code>")
def voucher(code):
    booking = vouchers.own_voucher(g.producer, code)
    return render_template("producer/voucher.html", section="bookings", booking=booking,
                           form=VoucherCodeForm(formdata=None))


@bp.route("/vouchers/<code>/check-in", methods=["POST"])
def check_in(code):
    form = VoucherCodeForm(formdata=None)  # the POST's token is checked by CSRFProtect before the view
    with reporting(errors=USER_ERRORS) as outcome:
        result = vouchers.check_in(g.producer, code, current_user)
        if result.was_already_used:
            flash(_("Already used: this voucher was checked in on %(when)s.",
                    when=format_datetime(result.already_used_at, "short")), "error")
        else:
            flash(_("Checked in: %(n)d people for %(time)s.", n=result.booking.people,
                    time=result.booking.slot.starts_at.strftime("%H:%M")), "success")
        return redirect(url_for("producer.voucher", code=result.booking.code))
    booking = vouchers.own_voucher(g.producer, code)
    return render_template("producer/voucher.html", section="bookings", booking=booking, form=form), outcome.status
