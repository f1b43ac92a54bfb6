"""Payments: one provider interface (providers.py) for cash, Stripe cards, bank transfer, VNPay and MoMo."""
