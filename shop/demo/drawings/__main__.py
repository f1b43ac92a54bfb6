"""Run `python -m shop.demo.drawings OUTPUT_FOLDER` to write one sample picture of every kind."""
import sys

from shop.demo.drawings import main

sys.exit(main(sys.argv))
