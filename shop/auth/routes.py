"""Views for accounts: thin wrappers around shop.services.accounts."""
from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from shop.auth import bp
from shop.auth.forms import LoginForm, RegisterForm
from shop.errors import InvalidInput
from shop.i18n import select_locale
from shop.security import redirect_next
from shop.services import accounts

LOGIN_SIGNALS = []  # callables(user) run after a successful log-in (the cart merges here)


def _start_session(user, remember=False):
    """Log `user` in on a fresh session, keeping only the language and the guest cart."""
    keep = {key: session[key] for key in ("locale", "cart") if key in session}
    session.clear()
    session.update(keep)
    login_user(user, remember=remember)
    for signal in LOGIN_SIGNALS:
        signal(user)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect_next()
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user:
            _start_session(user, form.remember.data)
            flash(_("Welcome back, %(name)s.", name=user.name), "success")
            return redirect_next()
        flash(_("Wrong e-mail or password."), "error")
    return render_template("auth/login.html", form=form)


@bp.route("/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = accounts.register_customer(form.email.data, form.password.data, form.name.data, select_locale())
        except InvalidInput as error:
            form.email.errors.append(error.message)
        else:
            _start_session(user)
            flash(_("Your account is ready."), "success")
            return redirect_next()
    return render_template("auth/register.html", form=form)


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    if request.method == "GET":
        return render_template("auth/logout.html")
    locale = session.get("locale")
    logout_user()
    session.clear()
    if locale:
        session["locale"] = locale
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.index"))
