"""Orders: the cart, placing, the status flow, access, fulfilment, refunds and order mail."""
