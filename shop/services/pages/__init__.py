"""The shop's information pages: the office's texts in each language, the shop's own where it wrote none."""
