"""Reports: the office's revenue and payables, and each producer's own sales."""
