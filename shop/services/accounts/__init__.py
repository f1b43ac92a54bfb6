"""Accounts: registration, sign-in, passwords, roles and deactivation."""
