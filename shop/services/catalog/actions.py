"""The status actions on a product (submit, publish, hide…): who may take each, from where, to where.

The producer's portal and the office's product page both ask `allowed_actions`; the move
itself goes through shop.services.moves, which checks it against ProductStatus.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from shop.errors import InvalidTransition
from shop.models.statuses import OFFICE, PRODUCER, ProductStatus


@dataclass(frozen=True)
class ProductAction:
    """One thing a producer or the office may do to a product's status."""

    to: ProductStatus
    sources: tuple  # the statuses it may start from
    by: tuple  # the audiences that may take it
    refusal: str  # what the user is told when the product is not in one of `sources`


PRODUCT_ACTIONS = {
    "submit": ProductAction(ProductStatus.PENDING_REVIEW, (ProductStatus.DRAFT, ProductStatus.HIDDEN), (PRODUCER,),
                            _l("Only a draft can be submitted for review.")),
    "publish": ProductAction(ProductStatus.PUBLISHED, (ProductStatus.PENDING_REVIEW,), (OFFICE,),
                             _l("Only a product waiting for review can be published.")),
    "reject": ProductAction(ProductStatus.DRAFT, (ProductStatus.PENDING_REVIEW,), (OFFICE,),
                            _l("Only a product waiting for review can be sent back.")),
    "hide": ProductAction(ProductStatus.HIDDEN, (ProductStatus.PUBLISHED,), (PRODUCER, OFFICE),
                          _l("Only a published product can be hidden.")),
    "show": ProductAction(ProductStatus.PUBLISHED, (ProductStatus.HIDDEN,), (PRODUCER,),
                          _l("Only a hidden product can be shown again.")),
    "unhide": ProductAction(ProductStatus.PUBLISHED, (ProductStatus.HIDDEN,), (OFFICE,),
                            _l("Only a hidden product can be shown again.")),
}


def allowed_actions(product, audience):
    """Return the names of the status actions `audience` ("producer" or "office") may take on `product` now."""
    state = product.state
    names = [name for name, action in PRODUCT_ACTIONS.items()
             if audience in action.by and state in action.sources and state.can_move_to(action.to)]
    if audience == PRODUCER and state == ProductStatus.HIDDEN:
        # A product never published goes to the office before it can be shown; one published before is shown again.
        names = [name for name in names if name == ("submit" if product.published_at is None else "show")]
    return names


def require_action(product, name, audience, refusal=None):
    """Return the action `name` if `audience` may take it on `product` now; raise InvalidTransition otherwise."""
    if name not in allowed_actions(product, audience):
        raise InvalidTransition(str(refusal or PRODUCT_ACTIONS[name].refusal))
    return PRODUCT_ACTIONS[name]
