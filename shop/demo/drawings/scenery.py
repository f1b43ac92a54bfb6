"""Scenery and props that several kinds share: the backdrop, bowls, leaves, flowers, steam, labels, gingham, a fish."""
import math

from PIL import Image, ImageChops, ImageDraw

from shop.demo.drawings.canvas import Pen
from shop.demo.drawings.geometry import arc_points, bezier, leaf_points
from shop.demo.drawings.palette import WHITE, dark, hsl, light, with_alpha


def backdrop(pen, hue, table=True):
    """Paint a soft gradient, a faint pattern, a glow behind the object and a table edge."""
    rand = pen.rand
    hue += rand.uniform(-14, 14)
    top = hsl(hue, rand.uniform(0.45, 0.65), 0.93)
    bottom = hsl(hue + 18, rand.uniform(0.40, 0.60), 0.83)
    pen.gradient(top, bottom)
    ink = with_alpha(light(hsl(hue, 0.5, 0.7), 0.2), 40)
    pattern = rand.choice(("dots", "diagonal", "sparkles", "waves"))
    if pattern == "dots":
        for row in range(11):
            for col in range(11):
                pen.circle(col * 10 + (5 if row % 2 else 0), row * 10, 0.9, ink)
    elif pattern == "diagonal":
        for i in range(-10, 21):
            pen.line([(i * 7, 0), (i * 7 + 60, 100)], with_alpha(WHITE, 45), 1.6, caps=False)
    elif pattern == "sparkles":
        for _ in range(22):
            x, y, r = rand.uniform(2, 98), rand.uniform(2, 70), rand.uniform(0.8, 2.2)
            pen.poly([(x, y - r * 2), (x + r * 0.5, y), (x, y + r * 2), (x - r * 0.5, y)], with_alpha(WHITE, 120))
            pen.poly([(x - r * 2, y), (x, y + r * 0.5), (x + r * 2, y), (x, y - r * 0.5)], with_alpha(WHITE, 120))
    else:
        with pen.layer(WHITE, 55) as waves:
            for row in range(9):
                y = row * 12 + 4
                waves.line([(x, y + 1.6 * math.sin(x / 5)) for x in range(-2, 104, 2)], 255, 0.9, caps=False)
    pen.soft(50, 50, 38, 36, WHITE, 120, blur=0.5)
    if table:
        pen.rect(0, 84, 100, 100, with_alpha(hsl(hue + 25, 0.35, 0.62), 70))
        pen.rect(0, 84, 100, 85, with_alpha(WHITE, 60))


def bowl(pen, cx, rim_y, rx, depth, colour, band, contents=None):
    """Draw an Asian bowl seen slightly from above; `contents(pen)` paints what is inside it."""
    rim_ry = rx * 0.24
    pen.ellipse(cx, rim_y, rx, rim_ry, dark(colour, 0.14))
    if contents:
        contents(pen)
    pen.rect(cx - rx * 0.36, rim_y + depth - 3, cx + rx * 0.36, rim_y + depth + 1.8, dark(colour, 0.16), 1)
    pen.poly(arc_points(cx, rim_y, rx, depth, 0, 180) + arc_points(cx, rim_y, rx, rim_ry, 180, 0), colour)
    pen.poly(arc_points(cx, rim_y, rx, depth, 0, 100) + arc_points(cx + rx * 0.18, rim_y, rx * 0.82, depth * 0.86,
                                                                   100, 0), with_alpha(dark(colour, 0.2), 90))
    pen.poly(arc_points(cx, rim_y, rx * 0.92, depth * 0.9, 120, 165)
             + arc_points(cx, rim_y, rx * 0.8, depth * 0.74, 165, 120), with_alpha(WHITE, 90))
    pen.poly(arc_points(cx, rim_y + 2.0, rx * 0.99, rim_ry, 180, 0)
             + arc_points(cx, rim_y + 3.6, rx * 0.975, rim_ry, 0, 180), band)
    pen.line(arc_points(cx, rim_y, rx, rim_ry, 180, 0), light(colour, 0.5), 0.6, caps=False)


def leaf(pen, x, y, length, width, angle, colour):
    """Draw a pointed leaf with a lighter midrib."""
    pen.poly(leaf_points(x, y, length, width, angle), colour)
    tip = (x + length * 0.8 * math.cos(math.radians(angle)), y + length * 0.8 * math.sin(math.radians(angle)))
    pen.line([(x, y), tip], with_alpha(light(colour, 0.45), 200), 0.45)


def flower(pen, cx, cy, radius, petal, centre):
    """Draw a five-petal flower with a dotted centre."""
    for k in range(5):
        a = math.radians(k * 72 - 90)
        pen.circle(cx + math.cos(a) * radius * 0.55, cy + math.sin(a) * radius * 0.55, radius * 0.5, petal)
    pen.circle(cx, cy, radius * 0.32, centre)
    for k in range(8):
        a = math.radians(k * 45)
        pen.circle(cx + math.cos(a) * radius * 0.28, cy + math.sin(a) * radius * 0.28, radius * 0.07,
                   dark(centre, 0.3))


def steam(pen, x, y, height):
    """Draw three wavy wisps of steam rising from (x, y)."""
    for dx in (-3.5, 0, 3.5):
        pts = [(x + dx + 1.4 * math.sin(t / 2.2), y - t) for t in range(0, int(height))]
        pen.line(pts, with_alpha(WHITE, 150), 1.1)


def bottle_outline(cx, top, neck_w, body_w, shoulder, bottom, corner=4.0):
    """Return the outline of a bottle: neck down to the shoulder, straight body, round bottom corners."""
    nw, bw = neck_w / 2, body_w / 2
    left = [(cx - nw, top)]
    left += bezier((cx - nw, shoulder - 9), (cx - nw, shoulder - 3), (cx - bw, shoulder - 4), (cx - bw, shoulder + 2))
    left += arc_points(cx - bw + corner, bottom - corner, corner, corner, 180, 90, 8)
    right = [(2 * cx - x, y) for x, y in left]
    return left + right[::-1]


def label(pen, x0, y0, x1, y1, paper, accent):
    """Draw a text-free label: paper, an accent band and a small emblem."""
    pen.rect(x0, y0, x1, y1, paper, 1.2)
    pen.rect(x0, y0 + (y1 - y0) * 0.72, x1, y0 + (y1 - y0) * 0.86, accent)
    cx, cy = (x0 + x1) / 2, y0 + (y1 - y0) * 0.38
    r = (y1 - y0) * 0.2
    pen.circle(cx, cy, r, accent)
    pen.circle(cx, cy, r * 0.72, paper)
    leaf(pen, cx - r * 0.35, cy + r * 0.35, r * 1.1, r * 0.55, -50, accent)


def gingham(pen, draw_shape, base, colour, cell=2.4):
    """Fill the shapes drawn by `draw_shape(mask_pen)` with a gingham check of `colour` on `base`."""
    shape = Image.new("L", pen.image.size, 0)
    draw_shape(Pen(shape, pen.rand))
    box = shape.getbbox()
    if box is None:
        return
    shape = shape.crop(box)
    pen.image.paste(base[:3], box, shape)
    step = cell * pen.unit
    rows, cols = Image.new("L", shape.size, 0), Image.new("L", shape.size, 0)
    for k in range(0, int(pen.size / step) + 1, 2):
        start = k * step
        if box[1] - step <= start <= box[3]:
            ImageDraw.Draw(rows).rectangle([0, start - box[1], shape.width, start + step - box[1]], fill=110)
        if box[0] - step <= start <= box[2]:
            ImageDraw.Draw(cols).rectangle([start - box[0], 0, start + step - box[0], shape.height], fill=110)
    pen.image.paste(colour[:3], box, ImageChops.multiply(shape, ImageChops.add(rows, cols)))


def fish_shape(pen, x, y, length, height, body, belly):
    """Draw a stylised fish facing left, its nose at (x, y)."""
    top = bezier((x, y), (x + length * 0.25, y - height * 0.75), (x + length * 0.7, y - height * 0.55),
                  (x + length * 0.85, y))
    bottom = bezier((x + length * 0.85, y), (x + length * 0.65, y + height * 0.6),
                     (x + length * 0.25, y + height * 0.65), (x, y))
    tail_x = x + length * 0.82
    pen.poly([(tail_x, y), (tail_x + length * 0.2, y - height * 0.45), (tail_x + length * 0.14, y),
              (tail_x + length * 0.2, y + height * 0.45)], dark(body, 0.1))
    pen.poly([(x + length * 0.38, y - height * 0.48), (x + length * 0.52, y - height * 0.85),
              (x + length * 0.62, y - height * 0.4)], dark(body, 0.12))
    pen.poly(top + bottom, body)
    pen.poly(bottom, belly)
    for row in range(2):
        for i in range(5):
            sx, sy = x + length * (0.32 + i * 0.09 + row * 0.045), y - height * (0.12 - row * 0.22)
            pen.arc(sx, sy, length * 0.035, height * 0.12, -60, 60, with_alpha(light(body, 0.4), 170), 0.45)
    pen.arc(x + length * 0.2, y, length * 0.05, height * 0.3, -70, 70, with_alpha(dark(body, 0.3), 200), 0.7)
    pen.circle(x + length * 0.1, y - height * 0.12, height * 0.09, WHITE)
    pen.circle(x + length * 0.1, y - height * 0.12, height * 0.05, (30, 40, 50))
