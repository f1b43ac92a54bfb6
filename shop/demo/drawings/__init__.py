"""Flat-style demo product pictures, drawn with Pillow alone (no network, no fonts, no text).

Every picture is deterministic: colours and small variations come from a SHA-256 of the
seed (the product slug), so re-seeding the demo draws the very same image. A few whole
words of the slug steer a drawing towards the product (`tahiti` gives a dark pearl, `lut`
brown rice, `nam` mushrooms instead of herbs, `ga`/`vit` a whole bird); any other slug
simply gets seeded colours.

The drawings live in modules by kind of subject: `bottles` (bottles, jars and drinks),
`dishes` (food plates), `seafood`, `garden` (herbs, plants, fruit), `places` (the tour),
`crafts` (pearls, baskets and the fallback gift box). They share `scenery` (backdrop and
props), `canvas` (the seeded pen), `geometry` (point lists) and `palette` (colours).

Try it: `python -m shop.demo.drawings /tmp/demo_pics` writes one sample of every kind.
"""
import sys
from pathlib import Path

from PIL import Image

from shop.demo.drawings.bottles import draw_bottle, draw_honey, draw_jar, draw_oil, draw_sauce, draw_tea
from shop.demo.drawings.canvas import Pen, Rand
from shop.demo.drawings.crafts import draw_box, draw_craft, draw_pearl
from shop.demo.drawings.dishes import draw_cake, draw_meat, draw_noodle, draw_rice
from shop.demo.drawings.garden import draw_fruit, draw_herb, draw_plant
from shop.demo.drawings.palette import WHITE
from shop.demo.drawings.places import draw_tour
from shop.demo.drawings.seafood import draw_fish, draw_seafood, draw_shrimp, draw_squid

SCALE = 2  # draw at twice the size, then downscale with LANCZOS for antialiasing

DRAWERS = {
    "pearl": draw_pearl,
    "tea": draw_tea,
    "bottle": draw_bottle,
    "jar": draw_jar,
    "fish": draw_fish,
    "squid": draw_squid,
    "shrimp": draw_shrimp,
    "rice": draw_rice,
    "cake": draw_cake,
    "herb": draw_herb,
    "oil": draw_oil,
    "craft": draw_craft,
    "plant": draw_plant,
    "seafood": draw_seafood,
    "fruit": draw_fruit,
    "noodle": draw_noodle,
    "meat": draw_meat,
    "tour": draw_tour,
    "honey": draw_honey,
    "sauce": draw_sauce,
}
KINDS = tuple(DRAWERS)


def draw_picture(kind: str, seed: str, size: int = 800) -> Image.Image:
    """Draw a square RGB illustration of a product `kind`, varied deterministically by `seed`."""
    canvas = Image.new("RGB", (size * SCALE, size * SCALE), WHITE)
    pen = Pen(canvas, Rand(f"{kind}\n{seed}"), seed)
    DRAWERS.get(kind, draw_box)(pen)
    return canvas.resize((size, size), Image.LANCZOS)


def main(argv):
    """Write one sample PNG of every kind (and the fallback box) into the folder given as argument."""
    if len(argv) != 2:
        print("usage: python -m shop.demo.drawings OUTPUT_FOLDER", file=sys.stderr)
        return 2
    folder = Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for kind in (*KINDS, "box"):
        draw_picture(kind, f"sample-{kind}").save(folder / f"{kind}.png")
    print(f"wrote {len(KINDS) + 1} pictures to {folder}")
    return 0
