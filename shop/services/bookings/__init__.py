"""Booked visits (OCOP group 6): the producers' calendars of slots, booking a slot, e-vouchers and check-in."""
