"""Places: the tour's Ha Long Bay, limestone karsts over the sea with a junk boat under sail."""
import math

from shop.demo.drawings.geometry import bezier
from shop.demo.drawings.palette import WHITE, dark, hsl, light, with_alpha


def _karst(pen, x, base, width, height, colour, rand):
    """Draw a limestone karst: steep cliffs, an uneven rounded top, and its reflection."""
    phase, lean = rand.uniform(0, 6.28), rand.uniform(-0.2, 0.2)
    outline = []
    for i in range(41):
        u = -1 + i / 20
        profile = max(0.0, 1 - abs(u) ** 2.6) ** 0.45
        bumps = 1 + 0.05 * math.sin(u * 7 + phase) + 0.03 * math.sin(u * 15 + phase * 2)
        outline.append((x + width / 2 * (u + lean * (1 - u * u)), base - height * profile * bumps))
    pen.poly(outline, colour)
    pen.poly(outline[:21] + [(x + width * lean * 0.5, base)], with_alpha(light(colour, 0.16), 140))
    streak = with_alpha(dark(colour, 0.18), 110)
    for _ in range(4):
        u = rand.uniform(-0.7, 0.7)
        top = base - height * max(0.0, 1 - abs(u) ** 2.6) ** 0.45 * rand.uniform(0.55, 0.8)
        pen.line([(x + width / 2 * u, top), (x + width / 2 * u, base - height * rand.uniform(0.05, 0.2))], streak,
                 0.5)
    pen.poly([(px, base + (base - py) * 0.3) for px, py in outline], with_alpha(colour, 55))


def _junk_boat(pen, bx, by, sail):
    """Draw a Ha Long junk with batten sails, its keel at (bx, by)."""
    hull = (110, 66, 40)
    pen.soft(bx, by + 4, 20, 2.2, (20, 60, 70), 90)
    for mast, height, width in ((bx - 9, 20, 11), (bx + 3, 27, 14)):
        pen.line([(mast, by - 2), (mast, by - height - 2)], (80, 50, 30), 0.6, caps=False)
        outline = bezier((mast, by - height), (mast + width * 0.4, by - height - 1.5),
                          (mast + width * 0.8, by - height + 1), (mast + width, by - height + 3), 8)
        outline += [(mast + width * 1.06, by - 4), (mast + 0.5, by - 4)]
        pen.poly(outline, sail)
        pen.poly([(mast + width * 0.55, by - height - 0.2), (mast + width, by - height + 3),
                  (mast + width * 1.06, by - 4), (mast + width * 0.55, by - 4)], with_alpha(dark(sail, 0.15), 140))
        for k in range(1, 5):
            y = by - height + 1 + (height - 5) * k / 5
            pen.line([(mast, y), (mast + width * 1.03, y + 0.6)], with_alpha(dark(sail, 0.4), 200), 0.35, caps=False)
    hull_pts = bezier((bx - 21, by - 5.5), (bx - 14, by - 2.8), (bx + 4, by - 2.4), (bx + 17, by - 4), 10)
    hull_pts += bezier((bx + 17, by - 4), (bx + 15, by + 1), (bx + 12, by + 3), (bx + 9, by + 3.2), 6)
    hull_pts += bezier((bx - 11, by + 3.2), (bx - 15, by + 2.5), (bx - 18, by), (bx - 21, by - 5.5), 6)
    pen.poly(hull_pts, hull)
    pen.line(hull_pts[:11], (170, 120, 76), 0.9, caps=False)
    pen.rect(bx - 7, by - 7.2, bx + 8, by - 3, (236, 226, 206), 0.6)
    pen.rect(bx - 7.6, by - 8, bx + 8.6, by - 6.8, (150, 70, 40), 0.4)
    for k in range(4):
        pen.rect(bx - 5.6 + k * 3.4, by - 6.1, bx - 3.6 + k * 3.4, by - 4.4, (100, 140, 170))


def draw_tour(pen):
    """Draw Ha Long Bay: a sky with sun and clouds, three ranges of karsts over the sea, a junk, birds."""
    rand = pen.rand
    warm = rand.random() < 0.5
    top = hsl(rand.uniform(195, 210), 0.6, 0.72)
    horizon_colour = hsl(rand.uniform(25, 40), 0.8, 0.87) if warm else hsl(190, 0.5, 0.91)
    pen.gradient(top, horizon_colour)
    horizon = 62
    sun = (rand.uniform(20, 80), rand.uniform(16, 26))
    pen.soft(sun[0], sun[1], 16, 16, (255, 244, 210), 150)
    pen.circle(*sun, 5.5, (255, 238, 176))
    with pen.layer(WHITE, 190) as clouds:
        for cx, cy in ((rand.uniform(8, 40), rand.uniform(12, 20)), (rand.uniform(60, 92), rand.uniform(20, 30))):
            for dx, dy, r in ((-6, 1.5, 3.5), (-2, -1, 5), (3.5, -2, 5.5), (8, 1.5, 3.5)):
                clouds.circle(cx + dx, cy + dy, r, 255)
            clouds.rect(cx - 9, cy + 1, cx + 11, cy + 5, 255, 2)
    far = hsl(rand.uniform(195, 215), 0.22, 0.7)
    mid = hsl(rand.uniform(180, 200), 0.2, 0.55)
    near = hsl(rand.uniform(150, 170), 0.3, 0.36)
    sea = hsl(rand.uniform(182, 196), 0.55, 0.45)
    pen.rect(0, horizon, 100, 100, sea)
    pen.rect(0, horizon, 100, horizon + 7, with_alpha(light(sea, 0.35), 140))
    for x, w, h in ((8, 17, 15), (24, 15, 21), (46, 17, 13), (62, 14, 18), (79, 17, 14)):
        _karst(pen, x + rand.uniform(-2, 2), horizon, w, h * rand.uniform(0.9, 1.1), far, rand)
    for x, w, h in ((33, 17, 24), (71, 15, 20)):
        _karst(pen, x + rand.uniform(-2, 2), horizon + 0.3, w, h * rand.uniform(0.9, 1.1), mid, rand)
    for x, w, h in ((4, 24, 36), (19, 15, 23), (93, 26, 40)):
        _karst(pen, x + rand.uniform(-2, 2), horizon + 0.6, w, h * rand.uniform(0.92, 1.08), near, rand)
    for k in range(16):
        y = horizon + 4 + k * 2.3
        x = rand.uniform(5, 90)
        pen.line([(x, y), (x + rand.uniform(4, 10), y)], with_alpha(WHITE, 90), 0.5, caps=False)
    _junk_boat(pen, rand.uniform(46, 56), 79, rand.choice(((214, 110, 50), (196, 90, 50), (230, 150, 70))))
    for _ in range(3):
        x, y = rand.uniform(15, 85), rand.uniform(28, 45)
        pen.line([(x - 1.6, y - 0.8), (x, y), (x + 1.6, y - 0.8)], (70, 80, 90), 0.35)
