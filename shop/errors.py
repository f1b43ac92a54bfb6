"""Domain errors: each carries the message the user must be told."""


class ShopError(Exception):
    """Base of every error a service raises for the user to see."""

    status_code = 400

    def __init__(self, message="", field=None, **details):
        """`field`: the name of the form field the message is about, when there is one."""
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details


class NotFound(ShopError):
    """The thing asked for does not exist (or is not the caller's to see)."""

    status_code = 404


class Forbidden(ShopError):
    """The caller may not do this."""

    status_code = 403


class Unauthenticated(ShopError):
    """The caller did not prove who it is (a webhook without its key)."""

    status_code = 401


class InvalidInput(ShopError):
    """A value the user gave is not acceptable."""


class OutOfStock(ShopError):
    """A product cannot be served in the quantity asked."""

    status_code = 409

    def __init__(self, message, product_name="", available=0):
        super().__init__(message, product_name=product_name, available=available)
        self.product_name = product_name
        self.available = available


class InvalidTransition(ShopError):
    """An order or shipment cannot move to the status asked."""

    status_code = 409


class StorageUnavailable(ShopError):
    """The media store refused a file (read-only, full or unreachable): nothing was saved, try again later."""

    status_code = 503


class PaymentError(ShopError):
    """The payment provider refused or could not be reached."""

    status_code = 502
