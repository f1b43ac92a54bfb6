"""Traceability by batch: producers record lots, shipments take them (FIFO), the office finds who got a lot."""
