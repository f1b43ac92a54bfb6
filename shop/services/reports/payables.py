"""What the shop owes each producer for a period: goods sold, less refunds charged to them, less commission.

The rules of counting are those of shop.services.reports.revenue (its module docstring).
"""
from dataclasses import dataclass

from flask_babel import gettext as _

from shop.services.localtime import utc_bounds
from shop.services.reports.revenue import Row, dimension_labels, divide_half_up, line_refunds, line_sales


@dataclass
class Payable(Row):
    """What the shop owes one producer for a period."""

    commission: int = 0

    @property
    def payable(self):
        return self.net - self.commission


def commission_on(net, percent):
    """Return the commission of `percent` % on `net`, in whole đồng rounded half up (away from zero)."""
    return divide_half_up(net * percent, 100)


def producer_payables(start, end, commission_percent):
    """Return one Payable per producer with goods sold or refunded in the days `start`..`end`.

    Each producer is owed their goods sales minus the refunds charged to their lines,
    minus the platform commission on that net amount; shipping fees stay with the shop.
    """
    begin, finish = utc_bounds(start, end)
    sales = line_sales("producer", begin, finish)
    refunds = line_refunds("producer", begin, finish)
    keys = set(sales) | set(refunds)
    labels = dimension_labels("producer", keys)
    payables = []
    for key in keys:
        gross, units, orders = sales.get(key, (0, 0, 0))
        row = Payable(key=key, label=labels.get(key, "?"), gross=gross, units=units, orders=orders,
                      refunds=refunds.get(key, 0))
        row.commission = commission_on(row.net, commission_percent)
        payables.append(row)
    payables.sort(key=lambda r: r.label)
    return payables


def payables_total(payables):
    """Return one Payable adding up `payables` (orders stay 0: one order can pay several producers)."""
    total = Payable(key=None, label=_("Total"))
    for row in payables:
        total.gross += row.gross
        total.refunds += row.refunds
        total.units += row.units
        total.commission += row.commission
    return total
