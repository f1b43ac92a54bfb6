"""Template filters and globals: templates display, they never compute prices or rules."""
from flask_babel import format_number, gettext
from jinja2 import pass_context
from markupsafe import Markup, escape

from shop.i18n import current_locale, html_lang, language_label, localized, shown_text
from shop.models.statuses import LABELLED_ENUMS, Audience
from shop.services.certification.rules import badge_stars
from shop.services.localtime import local_today
from shop.services.money import format_approx, format_rate, format_usd_approx, format_vnd, visitor_currency_name
from shop.web.page_cache import visitor_part


def _locale_of(context):
    """The locale of a template being rendered: the context's, looked up once per page.

    Asking Flask-Babel for every price of a long table (thousands on the revenue
    dashboard) cost more than formatting the prices.
    """
    return context.get("current_locale") or current_locale()


@pass_context
def translated_text(context, obj, field):
    """`tr`'s text for an element's content, in a <span lang> when it falls back to another language."""
    locale = _locale_of(context)
    text, language = shown_text(obj, field, locale)
    if language == locale or not text:
        return text
    return Markup('<span lang="{}">{}</span>').format(html_lang(language), escape(text))


@pass_context
def language_attribute(context, obj, field):
    """` lang="…"` for the element showing `tr`'s text when that text is a fallback in another language, else ""."""
    locale = _locale_of(context)
    language = shown_text(obj, field, locale)[1]
    return Markup(' lang="{}"').format(html_lang(language)) if language != locale else ""


def init_app(app):
    """Register the shop's filters and template globals on `app`."""

    @app.template_filter("vnd")
    @pass_context
    def vnd_filter(context, amount):
        return format_vnd(amount, _locale_of(context))

    @app.template_filter("usd")
    def usd_filter(amount):
        return format_usd_approx(amount, app.config["USD_RATE"])

    @app.template_filter("approx")
    @pass_context
    def approx_filter(context, amount):
        """The approximate amount in the visitor's currency ("≈ ¥23.29"), "" in Vietnamese."""
        return format_approx(amount, _locale_of(context), app.config)

    @app.template_global("approximate_rate")
    @pass_context
    def approximate_rate(context):
        """(its name, "1 CNY ≈ ₫3,650") of the visitor's currency, or None in Vietnamese (for the note on totals)."""
        locale = _locale_of(context)
        rate = format_rate(locale, app.config)
        return (visitor_currency_name(locale), rate) if rate else None

    @app.template_filter("tr")
    @pass_context
    def translated_field(context, obj, field):
        return localized(obj, field, _locale_of(context))

    app.add_template_filter(translated_text, "translated")
    app.add_template_filter(language_attribute, "lang_attr")

    @app.template_filter("system_note")
    def system_note_filter(note):
        """Translate a note the shop itself wrote (marked with N_); notes people typed pass unchanged."""
        return gettext(note) if note else note

    app.add_template_global(visitor_part)
    app.add_template_global(html_lang)
    app.add_template_global(language_label)
    app.add_template_filter(language_label)
    # Every status and kind by name (`OrderStatus.PAID`, `ShipmentStatus(value).customer_label`): templates ask
    # the enums and the models' questions instead of comparing strings.
    for enum in (*LABELLED_ENUMS, Audience):
        app.add_template_global(enum, enum.__name__)

    @app.template_filter("badge_stars")
    def badge_filter(product):
        return badge_stars(product.certifications, local_today())

    @app.context_processor
    def shop_globals():
        return {
            "current_locale": current_locale(),
            "languages": app.config["LANGUAGES"],
            "stripe_enabled": bool(app.config.get("STRIPE_SECRET_KEY")),
            "format_number": format_number,
        }
