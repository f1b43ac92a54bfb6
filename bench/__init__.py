"""Performance tooling for the shop: a large dataset generator, a floor app and `make bench`."""
