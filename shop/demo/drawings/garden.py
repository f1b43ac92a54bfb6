"""Things that grow: a herb bundle or mushrooms with dried slices, a potted plant, a fruit with a cut half."""
import math

from shop.demo.drawings.geometry import arc_points, bezier
from shop.demo.drawings.palette import WHITE, dark, hsl, light, with_alpha
from shop.demo.drawings.scenery import backdrop, flower, leaf


def draw_herb(pen):
    """Draw a herb bundle (or mushrooms for `nam`) beside a wooden dish of dried slices."""
    rand = pen.rand
    backdrop(pen, rand.choice((110, 90, 140)))
    pen.shadow(48, 86, 34, 4.5)
    if pen.hint((("nam", True),), False):
        _mushrooms(pen, thin=pen.hint((("kim-cham", True),), False))
    else:
        _herb_bundle(pen)
    # small wooden dish of dried slices
    pen.shadow(76, 88, 13, 2.5)
    pen.ellipse(76, 84, 13, 4.2, (150, 100, 60))
    pen.ellipse(76, 83, 12, 3.4, (176, 124, 78))
    slice_colour = pen.hint((("dong-trung", (240, 150, 60)), ("hoai-son", (242, 234, 214)), ("nam", (236, 222, 196))),
                            rand.choice(((240, 228, 200), (240, 150, 60), (226, 214, 180))))
    for x, y in ((70, 81.5), (76, 80.5), (82, 81.8), (73, 83.5), (79, 83.8)):
        pen.ellipse(x, y, 3.2, 1.7, dark(slice_colour, 0.12))
        pen.ellipse(x, y - 0.2, 2.8, 1.4, slice_colour)


def _herb_bundle(pen):
    """Draw a bundle of leafy sprigs tied with twine."""
    rand = pen.rand
    greens = [hsl(rand.uniform(90, 140), rand.uniform(0.35, 0.55), rand.uniform(0.3, 0.45)) for _ in range(4)]
    tie = (46, 78)
    for k in range(7):
        angle = -150 + k * 20 + rand.uniform(-4, 4)
        length = rand.uniform(34, 44)
        end = (tie[0] + math.cos(math.radians(angle)) * length, tie[1] + math.sin(math.radians(angle)) * length)
        mid = (tie[0] + (end[0] - tie[0]) * 0.5 + rand.uniform(-3, 3), tie[1] + (end[1] - tie[1]) * 0.5)
        stem = bezier(tie, mid, mid, end, 12)
        pen.line(stem, dark(greens[k % 4], 0.2), 0.7)
        for j, (x, y) in enumerate(stem[4:], start=4):
            side = 1 if j % 2 else -1
            size = 5 + 4 * (j / 12)
            leaf(pen, x, y, size, size * 0.5, angle + side * 50, greens[(k + j) % 4])
        leaf(pen, end[0], end[1], 7, 3.6, angle, greens[k % 4])
    pen.line([(42, 90), (44, 78)], dark(greens[0], 0.3), 1.2)
    pen.line([(50, 90), (48, 78)], dark(greens[1], 0.3), 1.2)
    pen.rect(41, 76, 53, 80, (190, 140, 80), 1.5)
    pen.line([(42, 78), (52, 78)], (150, 100, 50), 0.5, caps=False)


def _mushrooms(pen, thin):
    """Draw a cluster of mushrooms: a tied bunch of enoki when `thin`, else plump king oysters."""
    rand = pen.rand
    if thin:
        stem = (246, 242, 228)
        for k in range(15):
            angle = -90 + (k - 7) * 4.5 + rand.uniform(-1.5, 1.5)
            length = rand.uniform(32, 42)
            x0 = 46 + (k - 7) * 0.55
            x1 = x0 + math.cos(math.radians(angle)) * length
            y1 = 80 + math.sin(math.radians(angle)) * length
            pen.line(bezier((x0, 80), (x0, 70), (x1, y1 + 10), (x1, y1), 12), dark(stem, 0.04 + 0.05 * (k % 3)), 1.4)
            pen.ellipse(x1, y1, 2.0, 1.5, (238, 224, 186))
            pen.ellipse(x1 - 0.5, y1 - 0.5, 0.8, 0.5, with_alpha(WHITE, 200))
        pen.rect(37, 76, 55, 86, (206, 186, 150), 2)
        pen.rect(36, 75, 56, 79, (90, 140, 90), 1)
        return
    cap = rand.choice(((176, 132, 90), (160, 120, 84), (190, 150, 110)))
    for x, base, height, width in ((33, 84, 26, 8), (47, 86, 34, 9.5), (61, 84, 28, 8.5)):
        top = base - height
        body = [(x - width * 0.42, base)] + bezier((x - width * 0.42, base), (x - width * 0.62, base - height * 0.5),
                                                    (x - width * 0.4, top + 3), (x - width * 0.34, top + 1), 10)
        body += [(2 * x - px, py) for px, py in body[::-1]]
        pen.poly(body, (246, 240, 224))
        pen.poly([(px, py) for px, py in body if px >= x], with_alpha((220, 206, 180), 150))
        pen.line([(x - width * 0.15, base - 3), (x - width * 0.12, top + 5)], with_alpha(WHITE, 160), 0.8)
        pen.ellipse(x, top + 1.2, width * 0.82, width * 0.3, dark(cap, 0.3))
        pen.ellipse(x, top, width * 0.8, width * 0.42, cap)
        pen.ellipse(x - width * 0.2, top - width * 0.14, width * 0.36, width * 0.13, with_alpha(light(cap, 0.4), 200))


def draw_plant(pen):
    """Draw a potted plant with spreading leaves, and sometimes two flowers."""
    rand = pen.rand
    backdrop(pen, rand.choice((150, 120, 30)))
    pot = rand.choice(((200, 110, 70), (214, 130, 90), (90, 120, 150), (236, 230, 216)))
    greens = [hsl(rand.uniform(100, 150), rand.uniform(0.35, 0.55), rand.uniform(0.28, 0.45)) for _ in range(3)]
    pen.shadow(50, 87, 24, 4)
    for k in range(9):
        angle = -160 + k * 17.5 + rand.uniform(-4, 4)
        length = rand.uniform(26, 36) * (1.0 if 2 < k < 6 else 0.85)
        leaf(pen, 50, 60, length, length * 0.36, angle, greens[k % 3])
    if rand.random() < 0.6:
        bloom = rand.choice(((240, 120, 140), (250, 200, 60), (250, 250, 250)))
        for x, y in ((42, 30), (60, 34)):
            flower(pen, x, y, 4.5, bloom, (240, 190, 60))
    pen.poly([(34, 62), (66, 62), (62, 86), (38, 86)], pot)
    pen.poly([(50, 62), (66, 62), (62, 86), (50, 86)], with_alpha(dark(pot, 0.2), 110))
    pen.rect(31, 58, 69, 65, light(pot, 0.1), 1.5)
    pen.rect(31, 63, 69, 65, with_alpha(dark(pot, 0.2), 120))
    pen.line([(37, 74), (63, 74)], with_alpha(light(pot, 0.3), 180), 1.2, caps=False)


def draw_fruit(pen):
    """Draw a whole fruit with leaves and a cut half in front (a guava for `oi`, else a pomelo)."""
    rand = pen.rand
    backdrop(pen, rand.choice((80, 60, 30)))
    skin = hsl(rand.uniform(58, 88), rand.uniform(0.5, 0.6), 0.53)
    flesh = rand.choice(((246, 150, 140), (248, 172, 140), (250, 206, 140)))
    pen.shadow(50, 86, 38, 4.5)
    # whole fruit with leaves
    pen.circle(40, 60, 22, dark(skin, 0.12))
    pen.circle(38.8, 58.8, 20.8, skin)
    pen.circle(33, 52, 8, with_alpha(light(skin, 0.4), 150))
    pen.ellipse(31, 49, 3, 2, with_alpha(WHITE, 170))
    for _ in range(40):
        a, d = rand.uniform(0, 2 * math.pi), rand.uniform(0, 18)
        pen.circle(39 + math.cos(a) * d, 59 + math.sin(a) * d, 0.35, with_alpha(dark(skin, 0.25), 120))
    pen.line([(40, 38), (42, 32)], (110, 80, 50), 1.2)
    leaf(pen, 42, 33, 17, 7.5, -20, (70, 130, 60))
    leaf(pen, 41, 34, 13, 6, -150, (90, 150, 70))
    # a cut half in front: a guava shows white flesh and seeds, a pomelo juicy segments
    cx, cy = 68, 76
    pen.ellipse(cx, cy + 1.8, 18, 10, dark(skin, 0.2))
    pen.ellipse(cx, cy, 18, 9.5, skin)
    if pen.hint((("oi", True),), False):
        pen.ellipse(cx, cy, 16.6, 8.7, (250, 248, 236))
        pen.ellipse(cx, cy, 8.5, 4.4, (244, 238, 218))
        for k in range(14):
            a = 2 * math.pi * k / 14
            pen.ellipse(cx + math.cos(a) * 6, cy + math.sin(a) * 3.1, 0.7, 0.45, (214, 190, 140))
        return
    pen.ellipse(cx, cy, 16.2, 8.4, (252, 246, 230))
    segments = 11
    for k in range(segments):
        a0, a1 = 360 * k / segments + 4, 360 * (k + 1) / segments - 4
        tone = flesh if k % 2 else light(flesh, 0.12)
        pen.poly([(cx, cy)] + arc_points(cx, cy, 14.2, 7.2, a0, a1, 6), tone)
    for _ in range(30):
        a, d = rand.uniform(0, 2 * math.pi), rand.uniform(0.3, 0.9)
        pen.ellipse(cx + math.cos(a) * d * 13, cy + math.sin(a) * d * 6.6, 0.9, 0.35,
                    with_alpha(light(flesh, 0.55), 210))
    pen.ellipse(cx, cy, 2.0, 1.1, (252, 246, 230))
