"""The machinery of the shop's labelled enums: audiences, labels, allowed moves (the enums live in statuses).

``shop.models.statuses`` is the one home of every status and kind; this module gives them their
shape (``LabelledEnum``, ``StatusEnum``) and the model helpers that read a column as a member
(``member_of``, ``is_status``). Import them from either module.
"""
from enum import StrEnum

from sqlalchemy.ext.hybrid import hybrid_property


class Audience(StrEnum):
    """Who reads a label: each may need its own words for the same status."""

    CUSTOMER = "customer"  # shoppers: storefront, order page, e-mails
    PRODUCER = "producer"  # the producers' portal
    OFFICE = "office"  # the OCOP office's back office


CUSTOMER, PRODUCER, OFFICE = Audience.CUSTOMER, Audience.PRODUCER, Audience.OFFICE


class LabelledEnum(StrEnum):
    """A str enum whose members are stored values, each with a label for every audience that reads it.

    A subclass sets ``__audiences__`` (who reads it) and ``__labels__``: {value: label} when all
    its audiences read the same words, {value: {audience: label}} for a member whose audiences
    need their own.
    """

    __audiences__ = (OFFICE,)
    __labels__ = {}

    @classmethod
    def values(cls):
        """Return the stored values, in declaration order, as plain strings (for CHECK constraints and SQL)."""
        return tuple(member.value for member in cls)

    @classmethod
    def audiences(cls):
        """Return the audiences that read this enum's labels."""
        return tuple(Audience(audience) for audience in cls.__audiences__)

    def label_for(self, audience):
        """Return this member's label for `audience` (one of the enum's audiences), lazily translated."""
        audience = Audience(audience)
        if audience not in self.audiences():
            raise ValueError(f"{type(self).__name__} has no labels for {audience}")
        label = type(self).__labels__[self.value]
        return label[audience] if isinstance(label, dict) else label

    @property
    def label(self):
        """The label for the enum's first audience (the only one for most kinds)."""
        return self.label_for(self.audiences()[0])

    @property
    def customer_label(self):
        return self.label_for(CUSTOMER)

    @property
    def producer_label(self):
        return self.label_for(PRODUCER)

    @property
    def office_label(self):
        return self.label_for(OFFICE)

    @classmethod
    def choices(cls, audience=None, members=None):
        """Return (value, label) pairs for a form's choices, in `audience`'s words."""
        members = cls if members is None else members
        return [(member.value, cls(member).label_for(audience or cls.audiences()[0])) for member in members]


class StatusEnum(LabelledEnum):
    """A labelled enum whose members are the states of a row, with the moves allowed between them.

    A subclass sets ``__moves__``: {value: values it may move to}; a member missing there is final.
    """

    __moves__ = {}

    @property
    def next_statuses(self):
        """The statuses this one may move to, in declaration order."""
        targets = type(self).__moves__.get(self.value, ())
        return tuple(member for member in type(self) if member in targets)

    def can_move_to(self, status):
        """Whether a row in this status may move to `status` (a member or its value)."""
        return status in self.next_statuses

    @property
    def is_final(self):
        """Whether nothing may follow this status."""
        return not self.next_statuses


def member_of(enum, column="status"):
    """A read-only model property giving the row's `column` as a member of `enum` (``order.state``)."""
    return property(lambda row: enum(getattr(row, column)), doc=f"The row's {column} as a {enum.__name__}.")


def is_status(member, column="status"):
    """A hybrid property: whether the row's `column` is `member`, in Python and in SQL."""
    def ask(row):
        return getattr(row, column) == member
    ask.__doc__ = f"Whether the {column} is {member.value}."
    return hybrid_property(ask)
