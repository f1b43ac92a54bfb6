"""Revenue dashboard, its CSV files and the producer payables."""
from flask import abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from shop.admin import bp
from shop.admin.exports import breakdown_table, payables_table, period_table, summary_table
from shop.errors import InvalidInput
from shop.i18n import current_locale
from shop.services.catalog.review import product_counts
from shop.services.certification.records import certification_counts
from shop.services.producers.approval import producer_counts
from shop.services.reports import payables as payable_reports
from shop.services.reports import periods
from shop.services.reports import revenue as reports
from shop.web.csv_export import csv_response
from shop.web.feedback import report_error
from shop.web.page_cache import remembered

DIMENSION_LABELS = {
    "producer": _l("By producer"),
    "category": _l("By OCOP product group"),
    "product_set": _l("By product set (Decision 148/QĐ-TTg)"),
    "stars": _l("By star level"),
    "area": _l("By area"),
    "payment": _l("By payment method"),
}


def _period():
    """The period asked in the query string, or this month with a flash when it is not valid."""
    try:
        return periods.resolve_period(request.args.get("start"), request.args.get("end"))
    except InvalidInput as error:
        report_error(error)
        return periods.default_period()


def _chart(rows, labels):
    """Chart.js data for gross sales and net of each row (plain numbers, drawn by static/js)."""
    return {
        "labels": labels,
        "datasets": [
            {"label": _("Gross sales"), "data": [row.gross for row in rows]},
            {"label": _("Net"), "data": [row.net for row in rows]},
        ],
    }


def _period_label(key, grouping):
    """A short axis label: "10/03" for a day, "03/2026" for a month ("2026-03")."""
    return key.strftime("%d/%m") if grouping == "day" else f"{key[5:7]}/{key[:4]}"


def _figures_section(start, end, grouping):
    """The dashboard's figures, rendered once per period and language and shared by every admin
    for REPORT_CACHE_SECONDS: while they are remembered, nothing is summed or rendered again."""

    def render():
        series = reports.revenue_by_day(start, end) if grouping == "day" else reports.revenue_by_month(start, end)
        summary = reports.revenue_summary(start, end)
        breakdowns = [reports.revenue_breakdown(dimension, start, end, summary) for dimension in reports.DIMENSIONS]
        return Markup(render_template(  # noqa: S704  (an autoescaped template's output)
            "admin/_dashboard_figures.html",
            start=start, end=end, grouping=grouping, summary=summary, series=series,
            series_chart=_chart(series, [_period_label(row.key, grouping) for row in series]),
            breakdowns=[(b, _chart(b.rows, [row.label for row in b.rows])) for b in breakdowns],
            dimension_labels=DIMENSION_LABELS,
        ))

    key = ("dashboard", start, end, grouping, current_locale())
    return remembered(key, current_app.config["REPORT_CACHE_SECONDS"], render)


@bp.get("/")
def dashboard():
    start, end = _period()
    grouping = periods.grouping_for(start, end, request.args.get("by", ""))
    return render_template(
        "admin/dashboard.html",
        start=start, end=end, grouping=grouping, presets=periods.period_presets(),
        figures=_figures_section(start, end, grouping),
        todo={"producers": producer_counts()["pending"], "products": product_counts()["pending_review"],
              **certification_counts()},
    )


@bp.get("/reports/<name>.csv")
def report_csv(name):
    start, end = _period()
    if name == "summary":
        header, rows = summary_table(start, end, reports.revenue_summary(start, end))
    elif name == "day":
        header, rows = period_table(reports.revenue_by_day(start, end), _("Day"))
    elif name == "month":
        header, rows = period_table(reports.revenue_by_month(start, end), _("Month"))
    elif name in reports.DIMENSIONS:
        header, rows = breakdown_table(reports.revenue_breakdown(name, start, end), str(DIMENSION_LABELS[name]))
    else:
        abort(404)
    return csv_response(f"revenue-{name}-{start}-{end}.csv", header, rows)


@bp.get("/payables")
def payables():
    start, end = _period()
    percent = current_app.config["PLATFORM_COMMISSION_PERCENT"]
    rows = payable_reports.producer_payables(start, end, percent)
    return render_template("admin/payables.html", start=start, end=end, percent=percent, payables=rows,
                           presets=periods.period_presets(),
                           total=payable_reports.payables_total(rows))


@bp.get("/payables.csv")
def payables_csv():
    start, end = _period()
    percent = current_app.config["PLATFORM_COMMISSION_PERCENT"]
    header, rows = payables_table(payable_reports.producer_payables(start, end, percent), percent)
    return csv_response(f"payables-{start}-{end}.csv", header, rows)
