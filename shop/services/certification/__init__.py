"""OCOP certification: the rules of a rating and the office's records of them."""
