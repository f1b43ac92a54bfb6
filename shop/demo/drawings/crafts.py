"""Crafts: a pearl on an opened scallop shell with a strand, a woven basket under a gingham cloth, a gift box."""
import math

from shop.demo.drawings.geometry import along, arc_points, bezier
from shop.demo.drawings.palette import WHITE, dark, hsl, light, with_alpha
from shop.demo.drawings.scenery import backdrop, gingham


def draw_pearl(pen):
    """Draw a pearl on an opened scallop shell with a strand draped in front (dark for `tahiti`)."""
    rand = pen.rand
    backdrop(pen, rand.choice((200, 215, 260, 185)))
    base = pen.hint((("tahiti", (96, 104, 122)), ("den", (96, 104, 122)), ("south-sea", (236, 212, 160))),
                    rand.choice(((246, 240, 232), (248, 232, 232), (236, 234, 240), (240, 228, 206))))
    shell = hsl(rand.uniform(12, 30), 0.55, 0.84)
    pen.shadow(50, 84, 38, 5)
    # back valve of a scallop shell, opened like a fan
    ribs = 11
    for i in range(ribs):
        start, end = 195 + 150 * i / ribs, 195 + 150 * (i + 1) / ribs
        colour = shell if i % 2 else light(shell, 0.25)
        pen.poly([(50, 80)] + arc_points(50, 80, 34, 36, start, end, 6), colour)
        mid = math.radians((start + end) / 2)
        pen.circle(50 + 34 * math.cos(mid), 80 + 36 * math.sin(mid), 4.35, colour)
    pen.poly([(44, 86), (56, 86), (53, 79), (47, 79)], dark(shell, 0.08))
    # lower valve with mother-of-pearl inside
    pen.ellipse(50, 80, 27, 7.5, dark(shell, 0.06))
    pen.ellipse(50, 79.3, 24, 6, light(hsl(rand.uniform(180, 300), 0.35, 0.85), 0.3))
    pen.ellipse(45, 78.2, 12, 2.2, with_alpha(WHITE, 120))
    _pearl(pen, 50, 71, 9.5, base)
    # a pearl strand draped in front
    strand = bezier((12, 77), (24, 99), (76, 99), (88, 77), 60)
    for x, y in along(strand, 4.7)[1:-1]:
        _pearl(pen, x, y, 2.35, base)
    pen.circle(12, 77, 1.2, (196, 196, 206))
    pen.circle(88, 77, 1.2, (196, 196, 206))


def _pearl(pen, cx, cy, radius, base):
    """Draw one lustrous pearl."""
    pen.circle(cx, cy, radius, dark(base, 0.22))
    pen.circle(cx - radius * 0.1, cy - radius * 0.1, radius * 0.88, base)
    pen.circle(cx - radius * 0.28, cy - radius * 0.3, radius * 0.5, with_alpha(light(base, 0.45), 170))
    pen.ellipse(cx - radius * 0.38, cy - radius * 0.45, radius * 0.22, radius * 0.14, with_alpha(WHITE, 235))


def draw_craft(pen):
    """Draw a woven basket under a gingham cloth, one corner hanging over the rim."""
    rand = pen.rand
    backdrop(pen, rand.choice((28, 15, 45)))
    cane = rand.choice(((206, 160, 96), (190, 140, 80), (218, 176, 110)))
    cloth = rand.choice(((200, 60, 60), (60, 110, 170), (70, 140, 90)))
    pen.shadow(50, 87, 34, 4.5)
    pen.arc(50, 50, 22, 24, 180, 360, dark(cane, 0.25), 3.4)
    pen.arc(50, 50, 22, 24, 190, 350, light(cane, 0.15), 1.4)
    drape = bezier((28, 48), (27, 57), (31, 66), (37, 70), 10) + bezier((37, 70), (43, 66), (46, 57), (47, 48), 10)

    def mound(p):
        p.ellipse(50, 48, 26, 7.5, 255)

    def corner(p):
        p.poly(drape, 255)

    gingham(pen, mound, (250, 248, 242), cloth)
    pen.ellipse(42, 45.5, 9, 2.4, with_alpha(WHITE, 90))
    top, bottom = 50, 84
    rows = 8
    for r in range(rows):
        y0 = top + (bottom - top) * r / rows
        y1 = top + (bottom - top) * (r + 1) / rows
        half0 = 28 - 7 * r / rows
        half1 = 28 - 7 * (r + 1) / rows
        pen.poly([(50 - half0, y0), (50 + half0, y0), (50 + half1, y1), (50 - half1, y1)],
                 dark(cane, 0.08 if r % 2 else 0.0))
        cells = 10
        for c in range(cells):
            if (c + r) % 2:
                continue
            xa0, xa1 = 50 - half0 + 2 * half0 * c / cells, 50 - half0 + 2 * half0 * (c + 1) / cells
            xb0, xb1 = 50 - half1 + 2 * half1 * c / cells, 50 - half1 + 2 * half1 * (c + 1) / cells
            pen.poly([(xa0 + 0.3, y0 + 0.4), (xa1 - 0.3, y0 + 0.4), (xb1 - 0.3, y1 - 0.4), (xb0 + 0.3, y1 - 0.4)],
                     light(cane, 0.18))
    pen.poly([(21, 84), (79, 84), (76, 87), (24, 87)], dark(cane, 0.3))
    pen.rect(19, 47, 81, 53, dark(cane, 0.18), 3)
    pen.rect(19, 47, 81, 49.5, light(cane, 0.2), 2)
    for x in (23, 77):
        pen.ellipse(x, 50, 2.6, 3.2, dark(cane, 0.3))
    # the cloth's corner hanging over the rim
    pen.shadow(39, 60, 8, 9, alpha=40)
    gingham(pen, corner, (250, 248, 242), cloth)
    pen.poly(drape[:11] + [(37, 70), (38, 50)], with_alpha(dark(cloth, 0.3), 50))


def draw_box(pen):
    """Draw a wrapped gift box with a ribbon and bow (the picture for an unknown kind)."""
    rand = pen.rand
    backdrop(pen, rand.uniform(0, 360))
    paper = hsl(rand.uniform(0, 360), 0.45, 0.6)
    ribbon = hsl(rand.uniform(0, 360), 0.6, 0.5)
    pen.shadow(50, 87, 30, 4.5)
    pen.poly([(26, 48), (50, 40), (74, 48), (50, 56)], light(paper, 0.2))
    pen.poly([(26, 48), (50, 56), (50, 86), (26, 78)], paper)
    pen.poly([(74, 48), (50, 56), (50, 86), (74, 78)], dark(paper, 0.18))
    pen.poly([(37, 52), (41, 53.4), (41, 83), (37, 81.6)], ribbon)
    pen.poly([(63, 52), (59, 53.4), (59, 83), (63, 81.6)], dark(ribbon, 0.15))
    pen.poly([(37, 44), (61, 52), (65, 50.6), (41, 42.6)], light(ribbon, 0.1))
    pen.poly([(63, 44), (39, 52), (35, 50.6), (59, 42.6)], light(ribbon, 0.1))
    pen.ellipse(45, 42, 6, 3.5, ribbon)
    pen.ellipse(55, 42, 6, 3.5, ribbon)
    pen.circle(50, 45, 2.5, dark(ribbon, 0.1))
