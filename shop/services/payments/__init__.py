"""Payments: Stripe Checkout and its webhooks."""
