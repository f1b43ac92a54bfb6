"""The producer's products: list, create, edit, status, photos, stock and lots."""
from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from shop.i18n import missing_languages
from shop.models.translations import PRODUCT_TEXTS, TRANSLATED_LANGUAGES
from shop.producer import bp
from shop.producer.forms import BatchForm, NewProductForm, PhotoForm, ProductForm, StockForm
from shop.producer.routes.portal import USER_ERRORS, category_choices, product_set_choices
from shop.services.catalog import facts as product_facts
from shop.services.catalog import products as listings
from shop.services.localtime import local_today
from shop.services.stock import ledger_balance
from shop.services.traceability import batches as lots
from shop.web.feedback import reporting

PRODUCT_FIELDS = (*listings.TEXT_FIELDS, "category_id", "product_set", "price", "low_stock_threshold")
STATUS_MESSAGES = {
    "submit": _l("Sent to the OCOP office for review."),
    "hide": _l("The product is hidden from the shop."),
    "show": _l("The product is back in the shop."),
}


def _product_values(form):
    return {name: getattr(form, name).data for name in (*PRODUCT_FIELDS, *product_facts.FACT_FIELDS)}


@bp.route("/products")
def products():
    return render_template("producer/products.html", products=listings.producer_products(g.producer))


@bp.route("/products/new", methods=["GET", "POST"])
def new_product():
    form = NewProductForm()
    form.category_id.choices = category_choices()
    form.product_set.choices = product_set_choices()
    if form.validate_on_submit():
        with reporting(form, errors=USER_ERRORS):
            product = listings.create_product(g.producer, current_user, _product_values(form), form.opening_stock.data)
            flash(_("Product saved as a draft. Add photos, then submit it for review."), "success")
            return redirect(url_for("producer.photos", product_id=product.id))
    return render_template("producer/product_form.html", form=form, product=None, missing=TRANSLATED_LANGUAGES)


@bp.route("/products/<int:product_id>", methods=["GET", "POST"])
def edit_product(product_id):
    product = listings.own_product(g.producer, product_id)
    form = ProductForm(obj=product, data=product_facts.form_values(product))
    form.category_id.choices = category_choices()
    form.product_set.choices = product_set_choices()
    if form.validate_on_submit():
        with reporting(form, errors=USER_ERRORS):
            listings.update_product(g.producer, product_id, current_user, _product_values(form))
            flash(_("Product saved."), "success")
            return redirect(url_for("producer.edit_product", product_id=product_id))
    return render_template("producer/product_form.html", form=form, product=product,
                           actions=listings.allowed_actions(product),
                           missing=missing_languages(product, PRODUCT_TEXTS))


@bp.route("/products/<int:product_id>/<any(submit, hide, show):action>", methods=["POST"])
def product_status(product_id, action):
    with reporting(errors=USER_ERRORS):
        listings.change_status(g.producer, product_id, action, current_user)
        flash(str(STATUS_MESSAGES[action]), "success")
    return redirect(url_for("producer.edit_product", product_id=product_id))


@bp.route("/products/<int:product_id>/photos", methods=["GET", "POST"])
def photos(product_id):
    product = listings.own_product(g.producer, product_id)
    form = PhotoForm()
    if form.validate_on_submit():
        with reporting(form, default_field="photo", errors=USER_ERRORS):
            listings.add_photo(g.producer, product_id, form.photo.data.stream)
            flash(_("Photo added."), "success")
            return redirect(url_for("producer.photos", product_id=product_id))
    return render_template("producer/photos.html", form=form, product=product)


@bp.route("/products/<int:product_id>/photos/<int:image_id>/<any(delete, main):action>", methods=["POST"])
def photo_action(product_id, image_id, action):
    if action == "delete":
        listings.delete_photo(g.producer, product_id, image_id)
        flash(_("Photo deleted."), "success")
    else:
        listings.make_main_photo(g.producer, product_id, image_id)
        flash(_("This photo is now shown first."), "success")
    return redirect(url_for("producer.photos", product_id=product_id))


@bp.route("/stock")
def stock():
    return render_template("producer/stock.html", products=listings.producer_products(g.producer))


@bp.route("/products/<int:product_id>/stock", methods=["GET", "POST"])
def product_stock(product_id):
    product = listings.own_product(g.producer, product_id)
    form = StockForm()
    if form.validate_on_submit():
        with reporting(form, default_field="quantity", errors=USER_ERRORS):
            listings.adjust_product_stock(g.producer, product_id, form.quantity.data, form.reason.data,
                                          current_user, form.note.data or "")
            flash(_("Stock adjusted."), "success")
            return redirect(url_for("producer.product_stock", product_id=product_id))
    return render_template("producer/product_stock.html", form=form, product=product,
                           movements=listings.stock_ledger(product), balance=ledger_balance(product.id))


@bp.route("/products/<int:product_id>/batches", methods=["GET", "POST"])
def batches(product_id):
    product = listings.own_product(g.producer, product_id)
    form = BatchForm()
    if form.validate_on_submit():
        with reporting(form, default_field="lot_number", errors=USER_ERRORS):
            batch = lots.record_batch(g.producer, product_id, lots.BatchDetails(
                form.lot_number.data, form.produced_on.data, form.best_before.data, form.quantity.data,
                form.traceability_url.data or ""), current_user)
            flash(_("Lot %(lot)s recorded.", lot=batch.lot_number), "success")
            return redirect(url_for("producer.batches", product_id=product_id))
    return render_template("producer/batches.html", form=form, product=product,
                           lots=lots.product_lots(product.id), today=local_today())
