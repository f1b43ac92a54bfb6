"""Producers: applying, the public profile, and the office's approval."""
