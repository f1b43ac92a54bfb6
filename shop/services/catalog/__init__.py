"""The catalogue: the public listing and search, producers' own products, the office's review."""
