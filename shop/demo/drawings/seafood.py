"""Seafood: a fish over water, a squid behind squid cakes, curled shrimps on a plate, scallops and oysters."""
import math

from shop.demo.drawings.geometry import arc_points, bezier, leaf_points
from shop.demo.drawings.palette import WHITE, dark, hsl, light, with_alpha
from shop.demo.drawings.scenery import backdrop, fish_shape, leaf


def draw_fish(pen):
    """Draw a fish with bubbles above a few wavy lines of water."""
    rand = pen.rand
    backdrop(pen, rand.choice((195, 205, 180)), table=False)
    body = rand.choice(((90, 140, 180), (226, 140, 70), (150, 170, 190)))
    pen.shadow(50, 80, 34, 4, alpha=50)
    fish_shape(pen, 18, 52, 66, 28, body, light(body, 0.55))
    for i, (x, y, r) in enumerate(((22, 36, 2.2), (26, 30, 1.4), (20, 25, 1.0))):
        pen.circle(x, y, r, with_alpha(WHITE, 150 - i * 20))
        pen.circle(x - r * 0.3, y - r * 0.3, r * 0.35, with_alpha(WHITE, 220))
    water = hsl(rand.uniform(190, 205), 0.5, 0.55)
    for row in range(3):
        y = 80 + row * 5
        pen.line([(x, y + 1.5 * math.sin((x + row * 7) / 4)) for x in range(4, 97, 2)],
                 with_alpha(water, 170 - row * 35), 1.4)


def draw_squid(pen):
    """Draw a squid peeking from behind a plate of golden squid cakes."""
    rand = pen.rand
    backdrop(pen, rand.choice((18, 30, 195)))
    skin = rand.choice(((244, 196, 186), (240, 210, 196), (236, 186, 190)))
    pen.shadow(52, 86, 36, 4.5)
    # the squid, peeking from behind the plate
    sx, sy = 66, 40
    for k in range(6):
        dx = -8 + k * 3.2
        pts = [(sx + dx + 2.5 * math.sin(t / 3 + k), sy + 10 + t) for t in range(0, 26, 2)]
        pen.line(pts, dark(skin, 0.06), 2.1)
    pen.poly([(sx - 9, sy - 12), (sx - 19, sy - 18), (sx - 8, sy - 21)], dark(skin, 0.05))
    pen.poly([(sx + 9, sy - 12), (sx + 19, sy - 18), (sx + 8, sy - 21)], dark(skin, 0.05))
    pen.poly(bezier((sx - 10, sy + 10), (sx - 12, sy - 10), (sx - 6, sy - 28), (sx, sy - 32))
             + bezier((sx, sy - 32), (sx + 6, sy - 28), (sx + 12, sy - 10), (sx + 10, sy + 10)), skin)
    pen.ellipse(sx, sy + 9, 10.5, 4.5, skin)
    for _ in range(14):
        pen.circle(sx + rand.uniform(-7, 7), sy + rand.uniform(-20, 6), rand.uniform(0.4, 1.0),
                   with_alpha(dark(skin, 0.25), 170))
    pen.ellipse(sx - 4, sy - 10, 2, 9, with_alpha(WHITE, 90))
    for ex in (-4, 4):
        pen.circle(sx + ex, sy + 6, 2.4, WHITE)
        pen.circle(sx + ex + 0.4, sy + 6.3, 1.3, (40, 40, 50))
    # plate of golden squid cakes
    plate = rand.choice(((250, 250, 246), (236, 244, 250)))
    pen.ellipse(46, 76, 36, 11, dark(plate, 0.1))
    pen.ellipse(46, 75, 35, 10, plate)
    pen.ellipse(46, 75, 27, 7, dark(plate, 0.04))
    gold = (222, 158, 66)
    for cx, cy, r in ((34, 71, 8.5), (50, 73, 9), (43, 66, 7.5), (60, 69, 7)):
        pen.ellipse(cx, cy + 1.2, r, r * 0.62, dark(gold, 0.25))
        pen.ellipse(cx, cy, r, r * 0.6, gold)
        pen.ellipse(cx - r * 0.15, cy - r * 0.12, r * 0.6, r * 0.3, with_alpha(light(gold, 0.35), 200))
        for _ in range(6):
            pen.circle(cx + rand.uniform(-r * 0.6, r * 0.6), cy + rand.uniform(-r * 0.3, r * 0.35), 0.5,
                       with_alpha(dark(gold, 0.4), 200))
    green = (80, 140, 60)
    for k in range(5):
        leaf(pen, 22, 78, 7, 2.6, -150 + k * 22, green)
    pen.poly(bezier((66, 78), (70, 74), (75, 74), (78, 77)) + bezier((78, 77), (74, 76), (70, 77), (66, 79)),
             (214, 50, 40))


def _shrimp(pen, cx, cy, radius, head_angle, sweep, body):
    """Draw a curled shrimp round (cx, cy): head at `head_angle`, curling `sweep` degrees towards the tail."""
    turn = 1 if sweep > 0 else -1

    def at(t, offset=0.0):
        a = math.radians(head_angle + sweep * t)
        return cx + (radius + offset) * math.cos(a), cy + (radius + offset) * math.sin(a)

    def width(t):
        return radius * (0.66 - 0.46 * t)

    def tangent(t):
        return math.radians(head_angle + sweep * t) + turn * math.pi / 2

    shell, belly = dark(body, 0.08), light(body, 0.25)
    # tail fan, continuing the curl
    tx, ty = at(1.0)
    for spread in (-0.45, 0.0, 0.45):
        pen.poly(leaf_points(tx, ty, radius * 0.55, radius * 0.3, math.degrees(tangent(1.0) + spread)), shell)
    # legs on the inner side
    for i in range(6):
        t = 0.18 + i * 0.07
        x, y = at(t, -width(t) * 0.42)
        ex, ey = at(t + 0.03, -width(t) * 0.42 - radius * 0.28)
        pen.line([(x, y), (ex, ey)], dark(body, 0.2), 0.45)
    ts = [i / 40 for i in range(41)]
    outer = [at(t, width(t) / 2) for t in ts]
    inner = [at(t, -width(t) / 2) for t in ts]
    pen.poly(outer + inner[::-1], body)
    pen.poly(inner + [at(t, -width(t) * 0.1) for t in ts[::-1]], with_alpha(belly, 200))
    pen.line([at(t, width(t) * 0.28) for t in ts[10:38]], with_alpha(light(body, 0.45), 200), radius * 0.06)
    for k in range(6):
        t = 0.32 + k * 0.11
        pen.line(bezier(at(t, width(t) / 2), at(t + 0.025, width(t) * 0.2), at(t + 0.025, -width(t) * 0.2),
                         at(t, -width(t) / 2), 8), with_alpha(dark(body, 0.25), 200), 0.5, caps=False)
    # head: a carapace with a pointed rostrum, an eye and long antennae
    hx, hy = at(0.0)
    back = tangent(0.0) + math.pi
    tip = (hx + math.cos(back) * radius * 0.75, hy + math.sin(back) * radius * 0.75)
    pen.poly([at(0.0, width(0) / 2), tip, at(0.0, -width(0) * 0.1)], shell)
    pen.poly([at(t, width(t) / 2 * 1.04) for t in ts[:11]] + [at(t, -width(t) / 2 * 1.04) for t in ts[10::-1]], shell)
    pen.line(bezier(at(0.26, width(0.26) / 2), at(0.2, 0), at(0.2, 0), at(0.24, -width(0.24) / 2), 8),
             with_alpha(dark(body, 0.3), 200), 0.6, caps=False)
    ex, ey = at(0.06, width(0.06) * 0.18)
    pen.circle(ex, ey, radius * 0.075, (30, 30, 40))
    pen.circle(ex - radius * 0.02, ey - radius * 0.02, radius * 0.025, WHITE)
    for lift, reach in ((1.0, 2.2), (0.6, 1.8)):
        start = at(0.02, width(0) * 0.3)
        far = (start[0] + math.cos(back) * radius * reach * 0.6, start[1] - radius * reach)
        pen.line(bezier(start, (start[0] + math.cos(back) * radius * 1.2, start[1] - radius * 0.2 * lift),
                         (far[0], far[1] + radius * 0.6), far, 16), dark(body, 0.25), 0.35)


def draw_shrimp(pen):
    """Draw two curled shrimps on a plate between leaves, with a lemon slice."""
    rand = pen.rand
    backdrop(pen, rand.choice((190, 200, 170)))
    body = rand.choice(((240, 120, 80), (236, 104, 72), (246, 140, 90)))
    pen.shadow(50, 86, 38, 4.5)
    pen.ellipse(50, 77, 40, 12, (226, 226, 222))
    pen.ellipse(50, 76, 39, 11, (250, 249, 245))
    pen.ellipse(50, 76, 31, 8, (242, 240, 234))
    banana_leaf = hsl(rand.uniform(100, 130), 0.45, 0.4)
    leaf(pen, 20, 78, 24, 9, -12, banana_leaf)
    leaf(pen, 80, 78, 24, 9, -168, light(banana_leaf, 0.12))
    _shrimp(pen, 31, 60, 12, 275, 215, body)
    _shrimp(pen, 69, 60, 12, 265, -215, light(body, 0.06))
    pen.circle(50, 80, 5.5, (250, 214, 70))
    pen.circle(50, 80, 4.6, (252, 236, 150))
    for k in range(6):
        a = math.radians(k * 60)
        pen.line([(50, 80), (50 + math.cos(a) * 4.3, 80 + math.sin(a) * 4.3)], (250, 214, 70), 0.45)


def draw_seafood(pen):
    """Draw a plate of scallops, oysters and clams with a lemon and herbs."""
    rand = pen.rand
    backdrop(pen, rand.choice((185, 200, 20)))
    shell = hsl(rand.uniform(12, 32), 0.55, 0.8)
    pen.shadow(50, 87, 42, 5)
    pen.ellipse(50, 74, 44, 15, (220, 226, 232))
    pen.ellipse(50, 73, 43, 14, (250, 251, 252))
    pen.ellipse(50, 73, 35, 10.5, (238, 242, 246))

    def scallop(cx, cy, r, colour):
        for i in range(9):
            start, end = 195 + 150 * i / 9, 195 + 150 * (i + 1) / 9
            tone = colour if i % 2 else light(colour, 0.22)
            pen.poly([(cx, cy)] + arc_points(cx, cy, r, r * 0.95, start, end, 5), tone)
            mid = math.radians((start + end) / 2)
            pen.circle(cx + r * math.cos(mid), cy + r * 0.95 * math.sin(mid), r * 0.15, tone)
        pen.poly([(cx - r * 0.3, cy + r * 0.22), (cx + r * 0.3, cy + r * 0.22), (cx + r * 0.16, cy - r * 0.1),
                  (cx - r * 0.16, cy - r * 0.1)], dark(colour, 0.12))

    def oyster(cx, cy, r):
        def blob(scale, wobble):
            return [(cx + r * scale * (1 + wobble * math.sin(3 * a + 1)) * math.cos(a) * (1.35 + 0.3 * math.cos(a)),
                     cy + r * scale * (1 + wobble * math.sin(4 * a)) * math.sin(a) * 0.75)
                    for a in [i * math.pi / 24 for i in range(48)]]
        pen.poly(blob(1.0, 0.1), (128, 122, 112))
        pen.poly(blob(0.86, 0.06), (176, 170, 160))
        pen.poly(blob(0.74, 0.04), (238, 236, 244))
        pen.poly([(x + r * 0.12, y + r * 0.05) for x, y in blob(0.48, 0.12)], (214, 200, 182))
        pen.poly([(x + r * 0.2, y + r * 0.1) for x, y in blob(0.22, 0.2)], with_alpha((190, 176, 160), 200))
        pen.ellipse(cx - r * 0.35, cy - r * 0.2, r * 0.3, r * 0.1, with_alpha(WHITE, 200))

    scallop(38, 64, 15, shell)
    scallop(62, 62, 13, light(shell, 0.08))
    oyster(28, 75, 9)
    oyster(54, 77, 8)
    for x, y in ((72, 72), (77, 76)):
        pen.ellipse(x, y, 4.8, 3.4, (200, 170, 130))
        pen.ellipse(x, y - 0.4, 4.0, 2.6, (226, 200, 160))
        pen.arc(x, y + 1.6, 3.4, 2.2, 200, 340, (176, 146, 110), 0.35)
    pen.poly(arc_points(70, 83, 7, 7, 180, 360, 16), (250, 214, 70))
    pen.poly(arc_points(70, 83, 6, 6, 180, 360, 16), (252, 238, 160))
    for k in range(1, 4):
        a = math.radians(180 + 45 * k)
        pen.line([(70, 83), (70 + math.cos(a) * 5.6, 83 + math.sin(a) * 5.6)], (250, 214, 70), 0.5)
    green = (80, 140, 70)
    for k in range(5):
        leaf(pen, 42, 84, 8, 3, 150 + k * 15, green)
