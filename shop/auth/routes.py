"""Views for accounts: thin wrappers around shop.services.accounts.users."""
from functools import lru_cache

from flask import abort, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user
from markupsafe import Markup

from shop.auth import bp
from shop.auth.forms import ConfirmAccountForm, LoginForm, RegisterForm, ResetPasswordForm, ResetRequestForm
from shop.extensions import limiter
from shop.i18n import current_locale
from shop.services.accounts import lockout, registration
from shop.services.accounts import users as accounts
from shop.services.mail import render_message, work_after_response
from shop.web.feedback import reporting
from shop.web.known_devices import known_user_ids, remember_device
from shop.web.page_cache import SIGNED_IN_SESSION_KEYS, register_visitor_part
from shop.web.security import redirect_next
from shop.web.sessions import start_session
from shop.web.visitor import SNAPSHOT_KEY
from shop.web.visitor_cart import signed_in_snapshot


def account_links():
    """Return the header's account links for this visitor (sign in, or their own menu and sign-out form).

    A signed-in visitor's come from their session's snapshot (shop.web.visitor): no query on a cached page.
    """
    snapshot = signed_in_snapshot()
    if snapshot is not None:
        return _rendered_account_links(snapshot)
    return _guest_links(current_locale(), request.script_root)


@lru_cache(maxsize=16)
def _guest_links(_locale, _script_root):
    """The guests' links (a sign-in link): the same for every guest of a language, so drawn once each."""
    return _rendered_account_links(None)


def _rendered_account_links(visitor):
    return Markup(render_template("_account_links.html", visitor=visitor))  # noqa: S704  (autoescaped output)


# Filled in for each visitor, so that signed-in visitors too are served cached catalogue pages.
register_visitor_part("account-links", account_links, session_keys=SIGNED_IN_SESSION_KEYS | {SNAPSHOT_KEY})


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect_next()
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        email = form.email.data
        attempt = lockout.sign_in(email, form.password.data, known_user_ids())
        if attempt.user:
            start_session(attempt.user, form.remember.data)
            flash(_("Welcome back, %(name)s.", name=attempt.user.name), "success")
            return remember_device(redirect_next(), attempt.user)
        if not attempt.locked:
            flash(_("Wrong e-mail or password."), "error")
            return render_template("auth/login.html", form=form)
        # The same words for an address with an account and one without; the owner's mail goes after the answer.
        flash(_("Too many failed sign-ins with this e-mail: try again in %(n)d minutes, or choose a new password.",
                n=lockout.lock_minutes()), "error")
        response = make_response(render_template("auth/login.html", form=form))
        return work_after_response(response, lambda: lockout.lock_notices(email)) if attempt.lock_started else response
    return render_template("auth/login.html", form=form)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("5 per minute; 20 per hour", methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        email, password, name, locale = form.email.data, form.password.data, form.name.data, current_locale()
        # The same answer, as fast, for a free and a taken e-mail: the link (or the notice to the
        # address's owner) is made and mailed after the answer has gone out.
        flash(_("Almost done: open the link we have sent to %(email)s to confirm your e-mail and open your "
                "account.", email=email), "info")
        return work_after_response(redirect(url_for("auth.login")),
                                   lambda: [registration.registration_message(email, password, name, locale)])
    return render_template("auth/register.html", form=form)


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def confirm_account(token):
    pending = registration.pending_account(token)
    if pending is None:
        abort(404)
    form = ConfirmAccountForm()
    if form.validate_on_submit():
        with reporting():
            user = registration.confirm_account(pending)
            start_session(user)
            flash(_("Your e-mail is confirmed and your account is ready."), "success")
            if pending.get("application"):
                return redirect(url_for("producer.status"))
            return redirect(url_for("main.index"))
        return redirect(url_for("auth.login"))
    return render_template("auth/confirm_account.html", form=form, pending=pending)


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    if request.method == "GET":
        return render_template("auth/logout.html")
    locale = session.get("locale")
    if current_user.is_authenticated:
        # Every session of the account ends, so a copied session or remember-me cookie is worthless too.
        accounts.sign_out_everywhere(current_user)
    session.clear()
    # After clearing: logout_user leaves the note that deletes the remember-me cookie, without
    # which the next request would sign the visitor straight back in.
    logout_user()
    if locale:
        session["locale"] = locale
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.index"))


def _reset_message(user, token):
    return render_message(user.email, _l("Reset your password"), "password_reset", user.locale,
                          user=user, link=url_for("auth.reset_password", token=token, _external=True))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit("5 per minute; 20 per hour", methods=["POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        email = form.email.data

        def reset_mail():
            messages = []
            accounts.request_password_reset(email, lambda *found: messages.append(_reset_message(*found)))
            return messages

        # The same answer, as fast, whether or not the address has an account: no user enumeration
        # (the look-up and the mail happen after the answer has gone out).
        flash(_("If an account uses this e-mail, a link to reset the password is on its way."), "info")
        return work_after_response(redirect(url_for("auth.login")), reset_mail)
    return render_template("auth/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def reset_password(token):
    user = accounts.user_for_reset_token(token)
    if user is None:
        abort(404)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        accounts.reset_password(user, form.password.data)
        flash(_("Your password is changed. Please sign in."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)
