"""The tables of the revenue reports' CSV files (amounts in đồng), written by shop.web.csv_export."""
from flask_babel import gettext as _

from shop.services.reports.payables import payables_total


def figures_header(first):
    """The column titles of a report row: `first`, then the figures."""
    return [first, _("Orders"), _("Units"), _("Gross sales (₫)"), _("Refunds (₫)"), _("Net (₫)")]


def figures_cells(row):
    return [row.orders, row.units, row.gross, row.refunds, row.net]


def summary_table(start, end, figures):
    """Header and rows of the period summary."""
    header = [_("From"), _("To"), _("Orders"), _("Units"), _("Gross sales (₫)"), _("of which shipping (₫)"),
              _("Refunds (₫)"), _("Net (₫)"), _("Average order (₫)")]
    return header, [[start.isoformat(), end.isoformat(), figures.orders, figures.units, figures.gross,
                     figures.shipping, figures.refunds, figures.net, figures.average_order]]


def period_table(rows, first):
    """Header and rows of a by-day or by-month report."""
    return figures_header(first), [[str(row.key)] + figures_cells(row) for row in rows]


def breakdown_table(breakdown, first):
    """Header and rows of a breakdown, with the shipping part and the total when it applies."""
    rows = [[row.label] + figures_cells(row) for row in breakdown.rows]
    if breakdown.dimension != "payment":
        rows.append([_("Shipping fees (not a producer's)"), "", "", breakdown.shipping.gross,
                     breakdown.shipping.refunds, breakdown.shipping.net])
    total_gross = breakdown.total.gross + breakdown.shipping.gross
    total_refunds = breakdown.total.refunds + breakdown.shipping.refunds
    rows.append([_("Total"), breakdown.total.orders, breakdown.total.units, total_gross, total_refunds,
                 total_gross - total_refunds])
    return figures_header(first), rows


def payables_table(payables, percent):
    """Header and rows of the producer payables."""
    header = [_("Producer"), _("Orders"), _("Units"), _("Goods sold (₫)"), _("Refunds (₫)"), _("Net (₫)"),
              _("Commission %(p)s%% (₫)", p=percent), _("Payable (₫)")]
    rows = [[p.label, p.orders, p.units, p.gross, p.refunds, p.net, p.commission, p.payable] for p in payables]
    total = payables_total(payables)
    rows.append([total.label, "", total.units, total.gross, total.refunds, total.net, total.commission, total.payable])
    return header, rows
