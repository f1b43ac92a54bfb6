"""Flat-style demo product pictures, drawn with Pillow alone (no network, no fonts, no text).

Every picture is deterministic: colours and small variations come from a SHA-256 of the
seed (the product slug), so re-seeding the demo draws the very same image. A few whole
words of the slug steer a drawing towards the product (`tahiti` gives a dark pearl, `lut`
brown rice, `nam` mushrooms instead of herbs, `ga`/`vit` a whole bird); any other slug
simply gets seeded colours.

Try it: `python shop/demo/images.py /tmp/demo_pics` writes one sample of every kind.
"""
import colorsys
import hashlib
import math
import sys
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

SCALE = 2  # draw at twice the size, then downscale with LANCZOS for antialiasing

WHITE = (255, 255, 255)
BLACK = (0, 0, 0)


# --- colour and randomness helpers ------------------------------------------------------

class _Rand:
    """A deterministic stream of numbers derived from a seed with SHA-256."""

    def __init__(self, seed):
        self._key = hashlib.sha256(seed.encode("utf-8")).digest()
        self._counter = 0
        self._buffer = b""

    def random(self):
        """Return the next float in [0, 1)."""
        if len(self._buffer) < 8:
            self._buffer += hashlib.sha256(self._key + self._counter.to_bytes(8, "big")).digest()
            self._counter += 1
        chunk, self._buffer = self._buffer[:8], self._buffer[8:]
        return int.from_bytes(chunk, "big") / 2**64

    def uniform(self, low, high):
        """Return a float between `low` and `high`."""
        return low + (high - low) * self.random()

    def choice(self, options):
        """Return one item of `options`."""
        return options[int(self.random() * len(options)) % len(options)]


def _hsl(hue, saturation, lightness):
    """Return an RGB tuple for a hue in degrees and saturation/lightness in 0–1."""
    red, green, blue = colorsys.hls_to_rgb((hue % 360) / 360, max(0, min(1, lightness)), max(0, min(1, saturation)))
    return round(red * 255), round(green * 255), round(blue * 255)


def _mix(first, second, amount):
    """Blend two RGB colours; `amount` 0 gives `first`, 1 gives `second`."""
    return tuple(round(a + (b - a) * amount) for a, b in zip(first[:3], second[:3]))


def _light(colour, amount):
    return _mix(colour, WHITE, amount)


def _dark(colour, amount):
    return _mix(colour, BLACK, amount)


def _alpha(colour, alpha):
    return (*colour[:3], alpha)


# --- geometry helpers (all coordinates are in a 0–100 square) ---------------------------

def _bezier(p0, p1, p2, p3, steps=18):
    """Return points along a cubic Bézier curve."""
    points = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        points.append((
            u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
            u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
        ))
    return points


def _arc_points(cx, cy, rx, ry, start, end, steps=32):
    """Return points along an ellipse from angle `start` to `end` (degrees, y pointing down)."""
    return [(cx + rx * math.cos(math.radians(start + (end - start) * i / steps)),
             cy + ry * math.sin(math.radians(start + (end - start) * i / steps))) for i in range(steps + 1)]


def _along(points, spacing):
    """Return points spaced `spacing` apart along a polyline."""
    result, carry = [points[0]], 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        length = math.hypot(x1 - x0, y1 - y0)
        position = spacing - carry
        while position <= length:
            t = position / length
            result.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
            position += spacing
        carry = (carry + length) % spacing
    return result


def _leaf_points(x, y, length, width, angle):
    """Return a pointed leaf outline growing from (x, y) towards `angle` degrees."""
    side_a, side_b = [], []
    for i in range(13):
        t = i / 12
        half = width / 2 * math.sin(math.pi * t) ** 0.8 * (1 - 0.25 * t)
        side_a.append((t * length, -half))
        side_b.append((t * length, half))
    outline = side_a + side_b[::-1]
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return [(x + px * cos - py * sin, y + px * sin + py * cos) for px, py in outline]


def _oval_points(cx, cy, rx, ry, angle, steps=28):
    """Return the outline of an ellipse rotated by `angle` degrees."""
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return [(cx + rx * math.cos(a) * cos - ry * math.sin(a) * sin, cy + rx * math.cos(a) * sin + ry * math.sin(a) * cos)
            for a in [2 * math.pi * i / steps for i in range(steps)]]


def _stroke(draw, pixels, fill, thickness, caps):
    """Draw a polyline in pixel coordinates, with round ends when `caps`."""
    draw.line(pixels, fill=fill, width=thickness, joint="curve")
    if caps:
        radius = thickness / 2
        for x, y in (pixels[0], pixels[-1]):
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=fill)


class _Pen:
    """Drawing helpers on a square canvas addressed in 0–100 units."""

    def __init__(self, image, rand, seed=""):
        self.image = image
        self.rand = rand
        self.words = f"-{seed.lower()}-"
        self.size = image.size[0]
        self.unit = self.size / 100
        self.draw = ImageDraw.Draw(image, "RGBA" if image.mode == "RGB" else None)

    def hint(self, table, default):
        """Return the value for the first keyword of `table` that is a whole word group of the seed slug."""
        for keyword, value in table:
            if f"-{keyword}-" in self.words:
                return value
        return default

    def _xy(self, points):
        return [(x * self.unit, y * self.unit) for x, y in points]

    def ellipse(self, cx, cy, rx, ry, fill):
        u = self.unit
        self.draw.ellipse([(cx - rx) * u, (cy - ry) * u, (cx + rx) * u, (cy + ry) * u], fill=fill)

    def circle(self, cx, cy, radius, fill):
        self.ellipse(cx, cy, radius, radius, fill)

    def rect(self, x0, y0, x1, y1, fill, radius=0.0):
        u = self.unit
        box = [x0 * u, y0 * u, x1 * u, y1 * u]
        if radius:
            self.draw.rounded_rectangle(box, radius=radius * u, fill=fill)
        else:
            self.draw.rectangle(box, fill=fill)

    def poly(self, points, fill):
        self.draw.polygon(self._xy(points), fill=fill)

    def line(self, points, fill, width, caps=True):
        pixels = self._xy(points)
        thickness = max(1, round(width * self.unit))
        if isinstance(fill, tuple) and len(fill) == 4 and fill[3] < 255 and (caps or len(pixels) > 2):
            # Translucent polylines are drawn through a mask, so joints and caps are not blended twice.
            pad = thickness + 2
            left, top = int(min(x for x, _ in pixels) - pad), int(min(y for _, y in pixels) - pad)
            right, bottom = int(max(x for x, _ in pixels) + pad), int(max(y for _, y in pixels) + pad)
            mask = Image.new("L", (right - left, bottom - top), 0)
            _stroke(ImageDraw.Draw(mask), [(x - left, y - top) for x, y in pixels], fill[3], thickness, caps)
            self.image.paste(fill[:3], (left, top, right, bottom), mask)
        else:
            _stroke(self.draw, pixels, fill, thickness, caps)

    @contextmanager
    def layer(self, colour, alpha):
        """Yield a pen on a mask (draw with fill=255); paste `colour` through it at `alpha` on exit."""
        mask = Image.new("L", self.image.size, 0)
        yield _Pen(mask, self.rand)
        if alpha < 255:
            mask = mask.point(lambda value: value * alpha // 255)
        self.image.paste(colour[:3], (0, 0, self.size, self.size), mask)

    def arc(self, cx, cy, rx, ry, start, end, fill, width):
        self.line(_arc_points(cx, cy, rx, ry, start, end), fill, width)

    def soft(self, cx, cy, rx, ry, colour, alpha, blur=0.35):
        """Paint a blurred ellipse (a shadow or a glow) cheaply: blur a small mask of its area only."""
        u, reduce = self.unit, 8
        margin = min(rx, ry) * blur * 3 + 1
        left, top = max(0, int((cx - rx - margin) * u)), max(0, int((cy - ry - margin) * u))
        right = min(self.size, int((cx + rx + margin) * u) + 1)
        bottom = min(self.size, int((cy + ry + margin) * u) + 1)
        if right <= left or bottom <= top:
            return
        width, height = right - left, bottom - top
        mask = Image.new("L", (max(1, width // reduce), max(1, height // reduce)), 0)
        sx, sy = mask.width / width, mask.height / height
        ImageDraw.Draw(mask).ellipse([((cx - rx) * u - left) * sx, ((cy - ry) * u - top) * sy,
                                      ((cx + rx) * u - left) * sx, ((cy + ry) * u - top) * sy], fill=alpha)
        mask = mask.filter(ImageFilter.GaussianBlur(min(rx, ry) * u * blur / reduce))
        self.image.paste(colour, (left, top, right, bottom), mask.resize((width, height), Image.BILINEAR))

    def gradient(self, top, bottom):
        """Fill the canvas with a vertical gradient from `top` to `bottom`."""
        ramp = Image.linear_gradient("L").resize((1, 256))
        strip = Image.composite(Image.new("RGB", (1, 256), bottom), Image.new("RGB", (1, 256), top), ramp)
        self.image.paste(strip.resize((self.size, self.size), Image.BILINEAR))

    def shadow(self, cx, cy, rx, ry, alpha=70):
        self.soft(cx, cy, rx, ry, (60, 40, 30), alpha, blur=0.45)


# --- shared scenery -----------------------------------------------------------------------

def _backdrop(pen, hue, table=True):
    """Paint a soft gradient, a faint pattern, a glow behind the object and a table edge."""
    rand = pen.rand
    hue += rand.uniform(-14, 14)
    top = _hsl(hue, rand.uniform(0.45, 0.65), 0.93)
    bottom = _hsl(hue + 18, rand.uniform(0.40, 0.60), 0.83)
    pen.gradient(top, bottom)
    ink = _alpha(_light(_hsl(hue, 0.5, 0.7), 0.2), 40)
    pattern = rand.choice(("dots", "diagonal", "sparkles", "waves"))
    if pattern == "dots":
        for row in range(11):
            for col in range(11):
                pen.circle(col * 10 + (5 if row % 2 else 0), row * 10, 0.9, ink)
    elif pattern == "diagonal":
        for i in range(-10, 21):
            pen.line([(i * 7, 0), (i * 7 + 60, 100)], _alpha(WHITE, 45), 1.6, caps=False)
    elif pattern == "sparkles":
        for _ in range(22):
            x, y, r = rand.uniform(2, 98), rand.uniform(2, 70), rand.uniform(0.8, 2.2)
            pen.poly([(x, y - r * 2), (x + r * 0.5, y), (x, y + r * 2), (x - r * 0.5, y)], _alpha(WHITE, 120))
            pen.poly([(x - r * 2, y), (x, y + r * 0.5), (x + r * 2, y), (x, y - r * 0.5)], _alpha(WHITE, 120))
    else:
        with pen.layer(WHITE, 55) as waves:
            for row in range(9):
                y = row * 12 + 4
                waves.line([(x, y + 1.6 * math.sin(x / 5)) for x in range(-2, 104, 2)], 255, 0.9, caps=False)
    pen.soft(50, 50, 38, 36, WHITE, 120, blur=0.5)
    if table:
        pen.rect(0, 84, 100, 100, _alpha(_hsl(hue + 25, 0.35, 0.62), 70))
        pen.rect(0, 84, 100, 85, _alpha(WHITE, 60))


def _pearl(pen, cx, cy, radius, base):
    """Draw one lustrous pearl."""
    pen.circle(cx, cy, radius, _dark(base, 0.22))
    pen.circle(cx - radius * 0.1, cy - radius * 0.1, radius * 0.88, base)
    pen.circle(cx - radius * 0.28, cy - radius * 0.3, radius * 0.5, _alpha(_light(base, 0.45), 170))
    pen.ellipse(cx - radius * 0.38, cy - radius * 0.45, radius * 0.22, radius * 0.14, _alpha(WHITE, 235))


def _bowl(pen, cx, rim_y, rx, depth, colour, band, contents=None):
    """Draw an Asian bowl seen slightly from above; `contents(pen)` paints what is inside it."""
    rim_ry = rx * 0.24
    pen.ellipse(cx, rim_y, rx, rim_ry, _dark(colour, 0.14))
    if contents:
        contents(pen)
    pen.rect(cx - rx * 0.36, rim_y + depth - 3, cx + rx * 0.36, rim_y + depth + 1.8, _dark(colour, 0.16), 1)
    pen.poly(_arc_points(cx, rim_y, rx, depth, 0, 180) + _arc_points(cx, rim_y, rx, rim_ry, 180, 0), colour)
    pen.poly(_arc_points(cx, rim_y, rx, depth, 0, 100) + _arc_points(cx + rx * 0.18, rim_y, rx * 0.82, depth * 0.86,
                                                                   100, 0), _alpha(_dark(colour, 0.2), 90))
    pen.poly(_arc_points(cx, rim_y, rx * 0.92, depth * 0.9, 120, 165)
             + _arc_points(cx, rim_y, rx * 0.8, depth * 0.74, 165, 120), _alpha(WHITE, 90))
    pen.poly(_arc_points(cx, rim_y + 2.0, rx * 0.99, rim_ry, 180, 0)
             + _arc_points(cx, rim_y + 3.6, rx * 0.975, rim_ry, 0, 180), band)
    pen.line(_arc_points(cx, rim_y, rx, rim_ry, 180, 0), _light(colour, 0.5), 0.6, caps=False)


def _leaf(pen, x, y, length, width, angle, colour):
    pen.poly(_leaf_points(x, y, length, width, angle), colour)
    tip = (x + length * 0.8 * math.cos(math.radians(angle)), y + length * 0.8 * math.sin(math.radians(angle)))
    pen.line([(x, y), tip], _alpha(_light(colour, 0.45), 200), 0.45)


def _flower(pen, cx, cy, radius, petal, centre):
    for k in range(5):
        a = math.radians(k * 72 - 90)
        pen.circle(cx + math.cos(a) * radius * 0.55, cy + math.sin(a) * radius * 0.55, radius * 0.5, petal)
    pen.circle(cx, cy, radius * 0.32, centre)
    for k in range(8):
        a = math.radians(k * 45)
        pen.circle(cx + math.cos(a) * radius * 0.28, cy + math.sin(a) * radius * 0.28, radius * 0.07,
                   _dark(centre, 0.3))


def _steam(pen, x, y, height):
    for dx in (-3.5, 0, 3.5):
        pts = [(x + dx + 1.4 * math.sin(t / 2.2), y - t) for t in range(0, int(height))]
        pen.line(pts, _alpha(WHITE, 150), 1.1)


def _bottle_outline(cx, top, neck_w, body_w, shoulder, bottom, corner=4.0):
    """Return the outline of a bottle: neck down to the shoulder, straight body, round bottom corners."""
    nw, bw = neck_w / 2, body_w / 2
    left = [(cx - nw, top)]
    left += _bezier((cx - nw, shoulder - 9), (cx - nw, shoulder - 3), (cx - bw, shoulder - 4), (cx - bw, shoulder + 2))
    left += _arc_points(cx - bw + corner, bottom - corner, corner, corner, 180, 90, 8)
    right = [(2 * cx - x, y) for x, y in left]
    return left + right[::-1]


def _label(pen, x0, y0, x1, y1, paper, accent):
    """Draw a text-free label: paper, an accent band and a small emblem."""
    pen.rect(x0, y0, x1, y1, paper, 1.2)
    pen.rect(x0, y0 + (y1 - y0) * 0.72, x1, y0 + (y1 - y0) * 0.86, accent)
    cx, cy = (x0 + x1) / 2, y0 + (y1 - y0) * 0.38
    r = (y1 - y0) * 0.2
    pen.circle(cx, cy, r, accent)
    pen.circle(cx, cy, r * 0.72, paper)
    _leaf(pen, cx - r * 0.35, cy + r * 0.35, r * 1.1, r * 0.55, -50, accent)


def _gingham(pen, draw_shape, base, colour, cell=2.4):
    """Fill the shapes drawn by `draw_shape(mask_pen)` with a gingham check of `colour` on `base`."""
    shape = Image.new("L", pen.image.size, 0)
    draw_shape(_Pen(shape, pen.rand))
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


# --- one drawer per kind ------------------------------------------------------------------

def _draw_pearl(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((200, 215, 260, 185)))
    base = pen.hint((("tahiti", (96, 104, 122)), ("den", (96, 104, 122)), ("south-sea", (236, 212, 160))),
                    rand.choice(((246, 240, 232), (248, 232, 232), (236, 234, 240), (240, 228, 206))))
    shell = _hsl(rand.uniform(12, 30), 0.55, 0.84)
    pen.shadow(50, 84, 38, 5)
    # back valve of a scallop shell, opened like a fan
    ribs = 11
    for i in range(ribs):
        start, end = 195 + 150 * i / ribs, 195 + 150 * (i + 1) / ribs
        colour = shell if i % 2 else _light(shell, 0.25)
        pen.poly([(50, 80)] + _arc_points(50, 80, 34, 36, start, end, 6), colour)
        mid = math.radians((start + end) / 2)
        pen.circle(50 + 34 * math.cos(mid), 80 + 36 * math.sin(mid), 4.35, colour)
    pen.poly([(44, 86), (56, 86), (53, 79), (47, 79)], _dark(shell, 0.08))
    # lower valve with mother-of-pearl inside
    pen.ellipse(50, 80, 27, 7.5, _dark(shell, 0.06))
    pen.ellipse(50, 79.3, 24, 6, _light(_hsl(rand.uniform(180, 300), 0.35, 0.85), 0.3))
    pen.ellipse(45, 78.2, 12, 2.2, _alpha(WHITE, 120))
    _pearl(pen, 50, 71, 9.5, base)
    # a pearl strand draped in front
    strand = _bezier((12, 77), (24, 99), (76, 99), (88, 77), 60)
    for x, y in _along(strand, 4.7)[1:-1]:
        _pearl(pen, x, y, 2.35, base)
    pen.circle(12, 77, 1.2, (196, 196, 206))
    pen.circle(88, 77, 1.2, (196, 196, 206))


def _draw_tea(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((90, 100, 40, 150)))
    ware = rand.choice(((214, 232, 220), (246, 240, 226), (226, 236, 246), (236, 214, 190)))
    accent = rand.choice(((58, 110, 160), (70, 130, 100), (170, 90, 60)))
    tea = rand.choice(((214, 160, 40), (190, 150, 50), (160, 170, 70)))
    pen.shadow(50, 86, 40, 4.5)
    # bamboo tray
    pen.rect(10, 78, 90, 87, (186, 140, 86), 3)
    pen.rect(10, 78, 90, 82, (206, 164, 108), 3)
    for x in range(14, 90, 5):
        pen.line([(x, 78.6), (x, 86.4)], _alpha((150, 106, 60), 110), 0.4, caps=False)
    # teapot
    px, py = 38, 63
    pen.arc(px + 16, py - 1, 8.5, 9, -80, 80, _dark(ware, 0.12), 3.2)
    spout = _bezier((px - 12, py + 4), (px - 20, py + 2), (px - 24, py - 8), (px - 28, py - 13), 12)
    spout += _bezier((px - 25, py - 15), (px - 22, py - 10), (px - 18, py - 6), (px - 10, py - 4), 12)
    pen.poly(spout, _dark(ware, 0.06))
    pen.ellipse(px, py + 1, 17, 14.5, ware)
    pen.poly(_arc_points(px, py + 1, 17, 14.5, 10, 170), _alpha(_dark(ware, 0.12), 120))
    pen.line(_arc_points(px, py - 3, 16.3, 6, 10, 170), accent, 1.4, caps=False)
    pen.ellipse(px - 6, py - 5, 5, 3, _alpha(WHITE, 110))
    pen.rect(px - 9, py + 14, px + 9, py + 16.5, _dark(ware, 0.15), 1)
    pen.ellipse(px, py - 12.5, 10, 3.2, _dark(ware, 0.1))
    pen.ellipse(px, py - 13.5, 8.5, 2.6, _light(ware, 0.2))
    pen.circle(px, py - 16.5, 2.3, accent)
    # cup of golden tea
    cx, cy = 72, 67
    pen.rect(cx - 5, cy + 9, cx + 5, cy + 12.5, _dark(ware, 0.15), 1)
    pen.poly(_arc_points(cx, cy, 10.5, 11, 0, 180), ware)
    pen.line(_arc_points(cx, cy, 10.4, 6.5, 15, 165), accent, 1.1, caps=False)
    pen.ellipse(cx, cy, 10.5, 2.8, _light(ware, 0.3))
    pen.ellipse(cx, cy + 0.3, 9.2, 2.1, tea)
    pen.ellipse(cx - 2.5, cy, 3.5, 0.7, _alpha(_light(tea, 0.5), 200))
    _steam(pen, cx, cy - 4, 13)
    # leaves and a golden camellia flower in front
    green = _hsl(rand.uniform(95, 125), 0.45, 0.36)
    _leaf(pen, 62, 92, 12, 5.5, -15, green)
    _leaf(pen, 64, 93, 10, 4.6, 20, _light(green, 0.15))
    _leaf(pen, 18, 92, 10, 4.6, -160, _light(green, 0.1))
    if pen.hint((("hoa", True),), False):
        _flower(pen, 24, 90, 6.5, (246, 200, 50), (232, 150, 40))
    else:
        _leaf(pen, 26, 93, 11, 5, -120, green)
        _leaf(pen, 27, 93, 9, 4.2, -40, _light(green, 0.2))


def _draw_bottle(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((30, 20, 200, 340)))
    liquid = pen.hint((("nuoc", (160, 204, 232)), ("khoang", (160, 204, 232)), ("chanh", (214, 222, 120)),
                       ("sim", (112, 36, 72)), ("ba-kich", (150, 42, 58)), ("dong-trung", (226, 148, 48)),
                       ("lim-xanh", (180, 112, 40))),
                      rand.choice(((176, 60, 70), (196, 120, 40), (120, 40, 70), (226, 166, 60))))
    paper = (250, 244, 228)
    accent = rand.choice(((170, 40, 40), (40, 90, 80), (120, 70, 30), (40, 60, 120)))
    pen.shadow(50, 87, 30, 4)
    outline = _bottle_outline(44, 20, 8, 26, 40, 86, 4.5)
    glass = _light(liquid, 0.72)
    pen.poly(outline, _alpha(glass, 235))
    pen.poly([(x, max(y, 42)) for x, y in outline], liquid)
    pen.poly([(x, max(y, 42)) for x, y in outline if x > 44], _alpha(_dark(liquid, 0.25), 90))
    pen.ellipse(44, 42, 12.6, 1.2, _alpha(_light(liquid, 0.35), 200))
    pen.rect(38.5, 17, 49.5, 23, accent, 1.2)
    pen.rect(39.5, 12, 48.5, 18, _dark(accent, 0.2), 1.5)
    pen.rect(40, 25, 48, 27.5, _alpha(accent, 180))
    _label(pen, 33.5, 52, 54.5, 74, paper, accent)
    pen.rect(34, 36, 36.2, 82, _alpha(WHITE, 90), 1.1)
    pen.rect(41.5, 20, 42.8, 33, _alpha(WHITE, 110), 0.6)
    # a small cup beside the bottle
    cx, cy = 71, 76
    pen.shadow(cx, 87, 10, 2.5)
    pen.poly([(cx - 8, cy), (cx + 8, cy), (cx + 6, cy + 10), (cx - 6, cy + 10)], (248, 246, 240))
    pen.ellipse(cx, cy, 8, 2, (236, 232, 226))
    pen.ellipse(cx, cy + 0.4, 6.8, 1.5, liquid)
    pen.line([(cx - 7, cy + 3), (cx + 7, cy + 3)], _alpha(accent, 180), 0.9, caps=False)


def _draw_jar(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((35, 45, 15)))
    filling = rand.choice(((222, 170, 90), (210, 140, 80), (230, 190, 120)))
    lid = rand.choice(((196, 50, 50), (200, 150, 40), (60, 110, 80)))
    pen.shadow(48, 87, 26, 4)
    pen.rect(28, 38, 66, 87, _alpha((230, 240, 244), 220), 7)
    pen.rect(30, 44, 64, 85, filling, 6)
    for _ in range(140):
        x, y = rand.uniform(32, 62), rand.uniform(46, 83)
        pen.line([(x, y), (x + rand.uniform(-1.5, 1.5), y + rand.uniform(-0.8, 0.8))],
                 _alpha(rand.choice((_light(filling, 0.35), _dark(filling, 0.18))), 200), 0.6)
    _label(pen, 30, 55, 64, 73, (250, 245, 232), lid)
    pen.rect(30.5, 42, 33, 84, _alpha(WHITE, 100), 1.2)
    pen.rect(30, 35, 64, 40, _dark((230, 240, 244), 0.1), 1.5)
    pen.rect(26, 27, 68, 37, lid, 2.5)
    for x in range(29, 67, 3):
        pen.line([(x, 28.5), (x, 35.5)], _alpha(_dark(lid, 0.2), 160), 0.7, caps=False)
    pen.rect(26, 27, 68, 29.5, _alpha(_light(lid, 0.3), 200), 2)
    # a little dish with a heap of floss
    pen.shadow(78, 87, 12, 2.5)
    pen.ellipse(78, 83, 12, 3.6, (244, 240, 232))
    pen.ellipse(78, 79.5, 8, 4.5, filling)
    for _ in range(30):
        x, y = rand.uniform(71.5, 84.5), rand.uniform(76.5, 82)
        pen.line([(x, y), (x + rand.uniform(-1.2, 1.2), y + 0.5)], _alpha(_dark(filling, 0.2), 180), 0.5)


def _fish_shape(pen, x, y, length, height, body, belly):
    """Draw a stylised fish facing left, its nose at (x, y)."""
    top = _bezier((x, y), (x + length * 0.25, y - height * 0.75), (x + length * 0.7, y - height * 0.55),
                  (x + length * 0.85, y))
    bottom = _bezier((x + length * 0.85, y), (x + length * 0.65, y + height * 0.6),
                     (x + length * 0.25, y + height * 0.65), (x, y))
    tail_x = x + length * 0.82
    pen.poly([(tail_x, y), (tail_x + length * 0.2, y - height * 0.45), (tail_x + length * 0.14, y),
              (tail_x + length * 0.2, y + height * 0.45)], _dark(body, 0.1))
    pen.poly([(x + length * 0.38, y - height * 0.48), (x + length * 0.52, y - height * 0.85),
              (x + length * 0.62, y - height * 0.4)], _dark(body, 0.12))
    pen.poly(top + bottom, body)
    pen.poly(bottom, belly)
    for row in range(2):
        for i in range(5):
            sx, sy = x + length * (0.32 + i * 0.09 + row * 0.045), y - height * (0.12 - row * 0.22)
            pen.arc(sx, sy, length * 0.035, height * 0.12, -60, 60, _alpha(_light(body, 0.4), 170), 0.45)
    pen.arc(x + length * 0.2, y, length * 0.05, height * 0.3, -70, 70, _alpha(_dark(body, 0.3), 200), 0.7)
    pen.circle(x + length * 0.1, y - height * 0.12, height * 0.09, WHITE)
    pen.circle(x + length * 0.1, y - height * 0.12, height * 0.05, (30, 40, 50))


def _draw_fish(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((195, 205, 180)), table=False)
    body = rand.choice(((90, 140, 180), (226, 140, 70), (150, 170, 190)))
    pen.shadow(50, 80, 34, 4, alpha=50)
    _fish_shape(pen, 18, 52, 66, 28, body, _light(body, 0.55))
    for i, (x, y, r) in enumerate(((22, 36, 2.2), (26, 30, 1.4), (20, 25, 1.0))):
        pen.circle(x, y, r, _alpha(WHITE, 150 - i * 20))
        pen.circle(x - r * 0.3, y - r * 0.3, r * 0.35, _alpha(WHITE, 220))
    water = _hsl(rand.uniform(190, 205), 0.5, 0.55)
    for row in range(3):
        y = 80 + row * 5
        pen.line([(x, y + 1.5 * math.sin((x + row * 7) / 4)) for x in range(4, 97, 2)],
                 _alpha(water, 170 - row * 35), 1.4)


def _draw_squid(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((18, 30, 195)))
    skin = rand.choice(((244, 196, 186), (240, 210, 196), (236, 186, 190)))
    pen.shadow(52, 86, 36, 4.5)
    # the squid, peeking from behind the plate
    sx, sy = 66, 40
    for k in range(6):
        dx = -8 + k * 3.2
        pts = [(sx + dx + 2.5 * math.sin(t / 3 + k), sy + 10 + t) for t in range(0, 26, 2)]
        pen.line(pts, _dark(skin, 0.06), 2.1)
    pen.poly([(sx - 9, sy - 12), (sx - 19, sy - 18), (sx - 8, sy - 21)], _dark(skin, 0.05))
    pen.poly([(sx + 9, sy - 12), (sx + 19, sy - 18), (sx + 8, sy - 21)], _dark(skin, 0.05))
    pen.poly(_bezier((sx - 10, sy + 10), (sx - 12, sy - 10), (sx - 6, sy - 28), (sx, sy - 32))
             + _bezier((sx, sy - 32), (sx + 6, sy - 28), (sx + 12, sy - 10), (sx + 10, sy + 10)), skin)
    pen.ellipse(sx, sy + 9, 10.5, 4.5, skin)
    for _ in range(14):
        pen.circle(sx + rand.uniform(-7, 7), sy + rand.uniform(-20, 6), rand.uniform(0.4, 1.0),
                   _alpha(_dark(skin, 0.25), 170))
    pen.ellipse(sx - 4, sy - 10, 2, 9, _alpha(WHITE, 90))
    for ex in (-4, 4):
        pen.circle(sx + ex, sy + 6, 2.4, WHITE)
        pen.circle(sx + ex + 0.4, sy + 6.3, 1.3, (40, 40, 50))
    # plate of golden squid cakes
    plate = rand.choice(((250, 250, 246), (236, 244, 250)))
    pen.ellipse(46, 76, 36, 11, _dark(plate, 0.1))
    pen.ellipse(46, 75, 35, 10, plate)
    pen.ellipse(46, 75, 27, 7, _dark(plate, 0.04))
    gold = (222, 158, 66)
    for cx, cy, r in ((34, 71, 8.5), (50, 73, 9), (43, 66, 7.5), (60, 69, 7)):
        pen.ellipse(cx, cy + 1.2, r, r * 0.62, _dark(gold, 0.25))
        pen.ellipse(cx, cy, r, r * 0.6, gold)
        pen.ellipse(cx - r * 0.15, cy - r * 0.12, r * 0.6, r * 0.3, _alpha(_light(gold, 0.35), 200))
        for _ in range(6):
            pen.circle(cx + rand.uniform(-r * 0.6, r * 0.6), cy + rand.uniform(-r * 0.3, r * 0.35), 0.5,
                       _alpha(_dark(gold, 0.4), 200))
    green = (80, 140, 60)
    for k in range(5):
        _leaf(pen, 22, 78, 7, 2.6, -150 + k * 22, green)
    pen.poly(_bezier((66, 78), (70, 74), (75, 74), (78, 77)) + _bezier((78, 77), (74, 76), (70, 77), (66, 79)),
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

    shell, belly = _dark(body, 0.08), _light(body, 0.25)
    # tail fan, continuing the curl
    tx, ty = at(1.0)
    for spread in (-0.45, 0.0, 0.45):
        pen.poly(_leaf_points(tx, ty, radius * 0.55, radius * 0.3, math.degrees(tangent(1.0) + spread)), shell)
    # legs on the inner side
    for i in range(6):
        t = 0.18 + i * 0.07
        x, y = at(t, -width(t) * 0.42)
        ex, ey = at(t + 0.03, -width(t) * 0.42 - radius * 0.28)
        pen.line([(x, y), (ex, ey)], _dark(body, 0.2), 0.45)
    ts = [i / 40 for i in range(41)]
    outer = [at(t, width(t) / 2) for t in ts]
    inner = [at(t, -width(t) / 2) for t in ts]
    pen.poly(outer + inner[::-1], body)
    pen.poly(inner + [at(t, -width(t) * 0.1) for t in ts[::-1]], _alpha(belly, 200))
    pen.line([at(t, width(t) * 0.28) for t in ts[10:38]], _alpha(_light(body, 0.45), 200), radius * 0.06)
    for k in range(6):
        t = 0.32 + k * 0.11
        pen.line(_bezier(at(t, width(t) / 2), at(t + 0.025, width(t) * 0.2), at(t + 0.025, -width(t) * 0.2),
                         at(t, -width(t) / 2), 8), _alpha(_dark(body, 0.25), 200), 0.5, caps=False)
    # head: a carapace with a pointed rostrum, an eye and long antennae
    hx, hy = at(0.0)
    back = tangent(0.0) + math.pi
    tip = (hx + math.cos(back) * radius * 0.75, hy + math.sin(back) * radius * 0.75)
    pen.poly([at(0.0, width(0) / 2), tip, at(0.0, -width(0) * 0.1)], shell)
    pen.poly([at(t, width(t) / 2 * 1.04) for t in ts[:11]] + [at(t, -width(t) / 2 * 1.04) for t in ts[10::-1]], shell)
    pen.line(_bezier(at(0.26, width(0.26) / 2), at(0.2, 0), at(0.2, 0), at(0.24, -width(0.24) / 2), 8),
             _alpha(_dark(body, 0.3), 200), 0.6, caps=False)
    ex, ey = at(0.06, width(0.06) * 0.18)
    pen.circle(ex, ey, radius * 0.075, (30, 30, 40))
    pen.circle(ex - radius * 0.02, ey - radius * 0.02, radius * 0.025, WHITE)
    for lift, reach in ((1.0, 2.2), (0.6, 1.8)):
        start = at(0.02, width(0) * 0.3)
        far = (start[0] + math.cos(back) * radius * reach * 0.6, start[1] - radius * reach)
        pen.line(_bezier(start, (start[0] + math.cos(back) * radius * 1.2, start[1] - radius * 0.2 * lift),
                         (far[0], far[1] + radius * 0.6), far, 16), _dark(body, 0.25), 0.35)


def _draw_shrimp(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((190, 200, 170)))
    body = rand.choice(((240, 120, 80), (236, 104, 72), (246, 140, 90)))
    pen.shadow(50, 86, 38, 4.5)
    pen.ellipse(50, 77, 40, 12, (226, 226, 222))
    pen.ellipse(50, 76, 39, 11, (250, 249, 245))
    pen.ellipse(50, 76, 31, 8, (242, 240, 234))
    leaf = _hsl(rand.uniform(100, 130), 0.45, 0.4)
    _leaf(pen, 20, 78, 24, 9, -12, leaf)
    _leaf(pen, 80, 78, 24, 9, -168, _light(leaf, 0.12))
    _shrimp(pen, 31, 60, 12, 275, 215, body)
    _shrimp(pen, 69, 60, 12, 265, -215, _light(body, 0.06))
    pen.circle(50, 80, 5.5, (250, 214, 70))
    pen.circle(50, 80, 4.6, (252, 236, 150))
    for k in range(6):
        a = math.radians(k * 60)
        pen.line([(50, 80), (50 + math.cos(a) * 4.3, 80 + math.sin(a) * 4.3)], (250, 214, 70), 0.45)


def _draw_rice(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((45, 35, 60)))
    grain = pen.hint((("lut", (176, 100, 84)), ("nep", (250, 248, 240))),
                     rand.choice(((250, 248, 240), (246, 240, 224))))
    bowl = rand.choice(((244, 242, 236), (220, 232, 244), (236, 224, 206)))
    band = rand.choice(((48, 90, 160), (160, 60, 50), (60, 120, 90)))
    pen.shadow(52, 86, 34, 4.5)
    # a rice ear leaning behind the bowl
    stalk = (214, 170, 70)
    stem = _bezier((24, 84), (20, 60), (24, 36), (36, 22), 20)
    pen.line(stem, _dark(stalk, 0.15), 0.9)
    for i, (x, y) in enumerate(stem[7:], start=7):
        side = 1 if i % 2 else -1
        pen.poly(_leaf_points(x, y, 4.4, 2.3, -60 + side * 48), stalk)
    pen.poly(_leaf_points(24, 74, 22, 3.2, -118), (120, 160, 80))

    def rice(p):
        p.ellipse(52, 60, 26, 6, grain)
        p.poly(_arc_points(52, 60.5, 25, 13, 180, 360), grain)
        for _ in range(90):
            x, y = rand.uniform(28, 76), rand.uniform(47, 65)
            if ((x - 52) / 24) ** 2 + ((y - 60) / 12.5) ** 2 < 0.92:
                p.poly(_leaf_points(x, y, 2.3, 1.1, rand.uniform(0, 180)), _dark(grain, rand.uniform(0.05, 0.14)))
        p.ellipse(45, 53, 8, 3, _alpha(WHITE, 100))
    _bowl(pen, 52, 60, 27, 23, bowl, band, rice)
    pen.line([(60, 92), (94, 74)], (150, 96, 50), 1.4)
    pen.line([(63, 94.5), (96, 77.5)], (170, 112, 60), 1.4)
    for _ in range(4):
        x, y = rand.uniform(30, 58), rand.uniform(88, 95)
        pen.poly(_leaf_points(x, y, 2.3, 1.1, rand.uniform(0, 180)), _dark(grain, 0.05))


def _draw_cake(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((330, 20, 40)))
    candy = rand.choice(((214, 150, 70), (200, 128, 60), (226, 170, 90)))
    nut = (150, 62, 50)
    pen.shadow(50, 87, 38, 4.5)
    pen.rect(12, 74, 88, 88, (150, 98, 56), 3)
    pen.rect(12, 72, 88, 84, (188, 132, 80), 3)
    for y in (75.5, 78.5, 81.5):
        pen.line([(16, y), (84, y + rand.uniform(-0.6, 0.6))], _alpha((150, 98, 56), 120), 0.4, caps=False)

    def bar(x, y, w, h, depth=6):
        pen.poly([(x, y), (x + depth, y - depth * 0.6), (x + w + depth, y - depth * 0.6), (x + w, y)],
                 _light(candy, 0.15))
        pen.poly([(x + w, y), (x + w + depth, y - depth * 0.6), (x + w + depth, y + h - depth * 0.6),
                  (x + w, y + h)], _dark(candy, 0.2))
        pen.rect(x, y, x + w, y + h, candy)
        for _ in range(9):
            px, py = rand.uniform(x + 2, x + w - 2), rand.uniform(y + 1.8, y + h - 1.8)
            pen.ellipse(px, py, 1.5, 1.0, nut)
            pen.ellipse(px - 0.3, py - 0.3, 0.7, 0.4, _alpha(WHITE, 120))
        for _ in range(5):
            px, py = rand.uniform(x + depth * 0.3 + 2, x + w + depth * 0.5 - 2), y - depth * 0.3
            pen.ellipse(px, py, 1.4, 0.6, _dark(nut, 0.1))
    bar(20, 62, 28, 12)
    bar(50, 62, 28, 12)
    bar(34, 48, 28, 12)
    for x, y in ((20, 84), (80, 86), (86, 80)):
        pen.ellipse(x, y, 2.2, 1.5, nut)
        pen.ellipse(x - 0.5, y - 0.4, 0.9, 0.5, _alpha(WHITE, 110))


def _draw_herb(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((110, 90, 140)))
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
        pen.ellipse(x, y, 3.2, 1.7, _dark(slice_colour, 0.12))
        pen.ellipse(x, y - 0.2, 2.8, 1.4, slice_colour)


def _herb_bundle(pen):
    """Draw a bundle of leafy sprigs tied with twine."""
    rand = pen.rand
    greens = [_hsl(rand.uniform(90, 140), rand.uniform(0.35, 0.55), rand.uniform(0.3, 0.45)) for _ in range(4)]
    tie = (46, 78)
    for k in range(7):
        angle = -150 + k * 20 + rand.uniform(-4, 4)
        length = rand.uniform(34, 44)
        end = (tie[0] + math.cos(math.radians(angle)) * length, tie[1] + math.sin(math.radians(angle)) * length)
        mid = (tie[0] + (end[0] - tie[0]) * 0.5 + rand.uniform(-3, 3), tie[1] + (end[1] - tie[1]) * 0.5)
        stem = _bezier(tie, mid, mid, end, 12)
        pen.line(stem, _dark(greens[k % 4], 0.2), 0.7)
        for j, (x, y) in enumerate(stem[4:], start=4):
            side = 1 if j % 2 else -1
            size = 5 + 4 * (j / 12)
            _leaf(pen, x, y, size, size * 0.5, angle + side * 50, greens[(k + j) % 4])
        _leaf(pen, end[0], end[1], 7, 3.6, angle, greens[k % 4])
    pen.line([(42, 90), (44, 78)], _dark(greens[0], 0.3), 1.2)
    pen.line([(50, 90), (48, 78)], _dark(greens[1], 0.3), 1.2)
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
            pen.line(_bezier((x0, 80), (x0, 70), (x1, y1 + 10), (x1, y1), 12), _dark(stem, 0.04 + 0.05 * (k % 3)), 1.4)
            pen.ellipse(x1, y1, 2.0, 1.5, (238, 224, 186))
            pen.ellipse(x1 - 0.5, y1 - 0.5, 0.8, 0.5, _alpha(WHITE, 200))
        pen.rect(37, 76, 55, 86, (206, 186, 150), 2)
        pen.rect(36, 75, 56, 79, (90, 140, 90), 1)
        return
    cap = rand.choice(((176, 132, 90), (160, 120, 84), (190, 150, 110)))
    for x, base, height, width in ((33, 84, 26, 8), (47, 86, 34, 9.5), (61, 84, 28, 8.5)):
        top = base - height
        body = [(x - width * 0.42, base)] + _bezier((x - width * 0.42, base), (x - width * 0.62, base - height * 0.5),
                                                    (x - width * 0.4, top + 3), (x - width * 0.34, top + 1), 10)
        body += [(2 * x - px, py) for px, py in body[::-1]]
        pen.poly(body, (246, 240, 224))
        pen.poly([(px, py) for px, py in body if px >= x], _alpha((220, 206, 180), 150))
        pen.line([(x - width * 0.15, base - 3), (x - width * 0.12, top + 5)], _alpha(WHITE, 160), 0.8)
        pen.ellipse(x, top + 1.2, width * 0.82, width * 0.3, _dark(cap, 0.3))
        pen.ellipse(x, top, width * 0.8, width * 0.42, cap)
        pen.ellipse(x - width * 0.2, top - width * 0.14, width * 0.36, width * 0.13, _alpha(_light(cap, 0.4), 200))


def _draw_oil(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((55, 45, 80)))
    oil = rand.choice(((226, 180, 50), (214, 160, 40), (200, 190, 70)))
    pen.shadow(46, 87, 26, 4)
    pen.ellipse(46, 66, 20, 20, _alpha((236, 240, 230), 230))
    pen.rect(41, 30, 51, 50, _alpha((236, 240, 230), 230), 2)
    pen.poly(_arc_points(46, 66, 18.6, 18.6, -15, 195), oil)
    pen.poly(_arc_points(46, 66, 18.6, 18.6, 20, 160), _alpha(_dark(oil, 0.2), 100))
    pen.ellipse(46, 61.3, 18, 2, _alpha(_light(oil, 0.4), 220))
    pen.ellipse(38, 60, 3.5, 9, _alpha(WHITE, 110))
    pen.rect(40, 23, 52, 31, (170, 120, 70), 2)
    pen.rect(39, 29.5, 53, 32, (150, 100, 56), 1)
    pen.line([(52, 30), (60, 42), (58, 50)], (120, 90, 60), 0.5)
    pen.rect(54, 48, 64, 56, (250, 244, 228), 1)
    pen.circle(59, 52, 2, oil)
    pen.poly(_bezier((77, 50), (80, 56), (82, 60), (77, 62), 10) + _bezier((77, 62), (72, 60), (74, 56), (77, 50), 10),
             oil)
    pen.circle(76, 58.5, 1, _alpha(WHITE, 180))
    green = (110, 140, 60)
    _leaf(pen, 70, 86, 14, 5, -20, green)
    _leaf(pen, 70, 86, 11, 4.5, -60, _light(green, 0.15))
    for x, y in ((82, 82), (86, 86), (78, 88)):
        pen.ellipse(x, y, 3, 2.3, (130, 140, 50))
        pen.ellipse(x - 0.8, y - 0.7, 1, 0.6, _alpha(WHITE, 120))


def _draw_craft(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((28, 15, 45)))
    cane = rand.choice(((206, 160, 96), (190, 140, 80), (218, 176, 110)))
    cloth = rand.choice(((200, 60, 60), (60, 110, 170), (70, 140, 90)))
    pen.shadow(50, 87, 34, 4.5)
    pen.arc(50, 50, 22, 24, 180, 360, _dark(cane, 0.25), 3.4)
    pen.arc(50, 50, 22, 24, 190, 350, _light(cane, 0.15), 1.4)
    drape = _bezier((28, 48), (27, 57), (31, 66), (37, 70), 10) + _bezier((37, 70), (43, 66), (46, 57), (47, 48), 10)

    def mound(p):
        p.ellipse(50, 48, 26, 7.5, 255)

    def corner(p):
        p.poly(drape, 255)

    _gingham(pen, mound, (250, 248, 242), cloth)
    pen.ellipse(42, 45.5, 9, 2.4, _alpha(WHITE, 90))
    top, bottom = 50, 84
    rows = 8
    for r in range(rows):
        y0 = top + (bottom - top) * r / rows
        y1 = top + (bottom - top) * (r + 1) / rows
        half0 = 28 - 7 * r / rows
        half1 = 28 - 7 * (r + 1) / rows
        pen.poly([(50 - half0, y0), (50 + half0, y0), (50 + half1, y1), (50 - half1, y1)],
                 _dark(cane, 0.08 if r % 2 else 0.0))
        cells = 10
        for c in range(cells):
            if (c + r) % 2:
                continue
            xa0, xa1 = 50 - half0 + 2 * half0 * c / cells, 50 - half0 + 2 * half0 * (c + 1) / cells
            xb0, xb1 = 50 - half1 + 2 * half1 * c / cells, 50 - half1 + 2 * half1 * (c + 1) / cells
            pen.poly([(xa0 + 0.3, y0 + 0.4), (xa1 - 0.3, y0 + 0.4), (xb1 - 0.3, y1 - 0.4), (xb0 + 0.3, y1 - 0.4)],
                     _light(cane, 0.18))
    pen.poly([(21, 84), (79, 84), (76, 87), (24, 87)], _dark(cane, 0.3))
    pen.rect(19, 47, 81, 53, _dark(cane, 0.18), 3)
    pen.rect(19, 47, 81, 49.5, _light(cane, 0.2), 2)
    for x in (23, 77):
        pen.ellipse(x, 50, 2.6, 3.2, _dark(cane, 0.3))
    # the cloth's corner hanging over the rim
    pen.shadow(39, 60, 8, 9, alpha=40)
    _gingham(pen, corner, (250, 248, 242), cloth)
    pen.poly(drape[:11] + [(37, 70), (38, 50)], _alpha(_dark(cloth, 0.3), 50))


def _draw_plant(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((150, 120, 30)))
    pot = rand.choice(((200, 110, 70), (214, 130, 90), (90, 120, 150), (236, 230, 216)))
    greens = [_hsl(rand.uniform(100, 150), rand.uniform(0.35, 0.55), rand.uniform(0.28, 0.45)) for _ in range(3)]
    pen.shadow(50, 87, 24, 4)
    for k in range(9):
        angle = -160 + k * 17.5 + rand.uniform(-4, 4)
        length = rand.uniform(26, 36) * (1.0 if 2 < k < 6 else 0.85)
        _leaf(pen, 50, 60, length, length * 0.36, angle, greens[k % 3])
    if rand.random() < 0.6:
        bloom = rand.choice(((240, 120, 140), (250, 200, 60), (250, 250, 250)))
        for x, y in ((42, 30), (60, 34)):
            _flower(pen, x, y, 4.5, bloom, (240, 190, 60))
    pen.poly([(34, 62), (66, 62), (62, 86), (38, 86)], pot)
    pen.poly([(50, 62), (66, 62), (62, 86), (50, 86)], _alpha(_dark(pot, 0.2), 110))
    pen.rect(31, 58, 69, 65, _light(pot, 0.1), 1.5)
    pen.rect(31, 63, 69, 65, _alpha(_dark(pot, 0.2), 120))
    pen.line([(37, 74), (63, 74)], _alpha(_light(pot, 0.3), 180), 1.2, caps=False)


def _draw_seafood(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((185, 200, 20)))
    shell = _hsl(rand.uniform(12, 32), 0.55, 0.8)
    pen.shadow(50, 87, 42, 5)
    pen.ellipse(50, 74, 44, 15, (220, 226, 232))
    pen.ellipse(50, 73, 43, 14, (250, 251, 252))
    pen.ellipse(50, 73, 35, 10.5, (238, 242, 246))

    def scallop(cx, cy, r, colour):
        for i in range(9):
            start, end = 195 + 150 * i / 9, 195 + 150 * (i + 1) / 9
            tone = colour if i % 2 else _light(colour, 0.22)
            pen.poly([(cx, cy)] + _arc_points(cx, cy, r, r * 0.95, start, end, 5), tone)
            mid = math.radians((start + end) / 2)
            pen.circle(cx + r * math.cos(mid), cy + r * 0.95 * math.sin(mid), r * 0.15, tone)
        pen.poly([(cx - r * 0.3, cy + r * 0.22), (cx + r * 0.3, cy + r * 0.22), (cx + r * 0.16, cy - r * 0.1),
                  (cx - r * 0.16, cy - r * 0.1)], _dark(colour, 0.12))

    def oyster(cx, cy, r):
        def blob(scale, wobble):
            return [(cx + r * scale * (1 + wobble * math.sin(3 * a + 1)) * math.cos(a) * (1.35 + 0.3 * math.cos(a)),
                     cy + r * scale * (1 + wobble * math.sin(4 * a)) * math.sin(a) * 0.75)
                    for a in [i * math.pi / 24 for i in range(48)]]
        pen.poly(blob(1.0, 0.1), (128, 122, 112))
        pen.poly(blob(0.86, 0.06), (176, 170, 160))
        pen.poly(blob(0.74, 0.04), (238, 236, 244))
        pen.poly([(x + r * 0.12, y + r * 0.05) for x, y in blob(0.48, 0.12)], (214, 200, 182))
        pen.poly([(x + r * 0.2, y + r * 0.1) for x, y in blob(0.22, 0.2)], _alpha((190, 176, 160), 200))
        pen.ellipse(cx - r * 0.35, cy - r * 0.2, r * 0.3, r * 0.1, _alpha(WHITE, 200))

    scallop(38, 64, 15, shell)
    scallop(62, 62, 13, _light(shell, 0.08))
    oyster(28, 75, 9)
    oyster(54, 77, 8)
    for x, y in ((72, 72), (77, 76)):
        pen.ellipse(x, y, 4.8, 3.4, (200, 170, 130))
        pen.ellipse(x, y - 0.4, 4.0, 2.6, (226, 200, 160))
        pen.arc(x, y + 1.6, 3.4, 2.2, 200, 340, (176, 146, 110), 0.35)
    pen.poly(_arc_points(70, 83, 7, 7, 180, 360, 16), (250, 214, 70))
    pen.poly(_arc_points(70, 83, 6, 6, 180, 360, 16), (252, 238, 160))
    for k in range(1, 4):
        a = math.radians(180 + 45 * k)
        pen.line([(70, 83), (70 + math.cos(a) * 5.6, 83 + math.sin(a) * 5.6)], (250, 214, 70), 0.5)
    green = (80, 140, 70)
    for k in range(5):
        _leaf(pen, 42, 84, 8, 3, 150 + k * 15, green)


def _draw_fruit(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((80, 60, 30)))
    skin = _hsl(rand.uniform(58, 88), rand.uniform(0.5, 0.6), 0.53)
    flesh = rand.choice(((246, 150, 140), (248, 172, 140), (250, 206, 140)))
    pen.shadow(50, 86, 38, 4.5)
    # whole fruit with leaves
    pen.circle(40, 60, 22, _dark(skin, 0.12))
    pen.circle(38.8, 58.8, 20.8, skin)
    pen.circle(33, 52, 8, _alpha(_light(skin, 0.4), 150))
    pen.ellipse(31, 49, 3, 2, _alpha(WHITE, 170))
    for _ in range(40):
        a, d = rand.uniform(0, 2 * math.pi), rand.uniform(0, 18)
        pen.circle(39 + math.cos(a) * d, 59 + math.sin(a) * d, 0.35, _alpha(_dark(skin, 0.25), 120))
    pen.line([(40, 38), (42, 32)], (110, 80, 50), 1.2)
    _leaf(pen, 42, 33, 17, 7.5, -20, (70, 130, 60))
    _leaf(pen, 41, 34, 13, 6, -150, (90, 150, 70))
    # a cut half in front: a guava shows white flesh and seeds, a pomelo juicy segments
    cx, cy = 68, 76
    pen.ellipse(cx, cy + 1.8, 18, 10, _dark(skin, 0.2))
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
        tone = flesh if k % 2 else _light(flesh, 0.12)
        pen.poly([(cx, cy)] + _arc_points(cx, cy, 14.2, 7.2, a0, a1, 6), tone)
    for _ in range(30):
        a, d = rand.uniform(0, 2 * math.pi), rand.uniform(0.3, 0.9)
        pen.ellipse(cx + math.cos(a) * d * 13, cy + math.sin(a) * d * 6.6, 0.9, 0.35, _alpha(_light(flesh, 0.55), 210))
    pen.ellipse(cx, cy, 2.0, 1.1, (252, 246, 230))


def _draw_noodle(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((15, 30, 200)))
    bowl = rand.choice(((244, 242, 236), (226, 236, 246), (240, 228, 210)))
    band = rand.choice(((44, 84, 150), (170, 60, 50), (50, 110, 90)))
    noodle = rand.choice(((190, 140, 100), (204, 168, 130), (176, 124, 96)))
    broth = (230, 186, 120)
    pen.shadow(50, 86, 36, 4.5)

    def soup(p):
        p.ellipse(50, 58, 26.5, 6, broth)
        for k in range(18):
            scale = 0.25 + 0.7 * k / 17
            start = rand.uniform(150, 200)
            strand = [(50 + 25 * scale * math.cos(math.radians(a)) + 0.5 * math.sin(a / 9 + k),
                       58 + 5.4 * scale * math.sin(math.radians(a)) + 0.45 * math.sin(a / 7 + k))
                      for a in range(int(start), int(start + rand.uniform(120, 200)), 4)]
            tone = rand.choice((noodle, _light(noodle, 0.3), _dark(noodle, 0.08)))
            p.line(strand, _alpha(tone, 235), 0.6)
        for x, y in ((37, 56.5), (45, 59.5), (61, 55.5)):
            p.ellipse(x, y, 3.6, 1.7, (224, 130, 120))
            p.ellipse(x, y, 2.3, 1.0, (246, 196, 186))
        for k in range(6):
            _leaf(p, 52 + k * 1.2, 58.5, 4.2, 1.9, -170 + k * 36, (70, 150, 60))
        p.circle(66, 59, 1.2, (220, 50, 40))
        p.circle(33, 58.5, 1.0, (220, 50, 40))
        # chopsticks lifting a few strands
        p.line([(86, 16), (54, 52)], (150, 96, 50), 1.5)
        p.line([(90, 20), (58, 54)], (170, 112, 60), 1.5)
        for k in range(8):
            x = 55 + k * 0.8
            p.line([(x + 1.0 * math.sin(t / 1.6 + k), 49 + t * 0.8) for t in range(0, 12)], noodle, 0.5)
    _bowl(pen, 50, 58, 29, 24, bowl, band, soup)
    _steam(pen, 40, 50, 15)


def _draw_meat(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((30, 20, 45)))
    pen.shadow(48, 86, 40, 4.5)
    # wooden board with a handle
    pen.rect(76, 68, 95, 74, (150, 100, 60), 3)
    pen.circle(91, 71, 1.4, (120, 80, 50))
    pen.rect(7, 66, 83, 87, (150, 100, 60), 4)
    pen.rect(7, 64, 83, 83, (196, 140, 90), 4)
    for y in (68, 72.5, 77):
        pen.line([(11, y), (79, y + rand.uniform(-0.8, 0.8))], _alpha((150, 100, 60), 110), 0.45, caps=False)
    poultry = pen.hint((("ga", (240, 192, 90)), ("vit", (200, 116, 62))), None)
    if poultry:
        _poultry(pen, poultry)
    else:
        _roast_and_slices(pen)
    green = (80, 140, 60)
    for k in range(5):
        _leaf(pen, 18, 79, 8, 3, -30 + k * 18, green)
    pen.poly(_bezier((62, 80), (66, 76), (72, 76), (74, 79)) + _bezier((74, 79), (70, 78), (66, 79), (62, 81)),
             (214, 50, 40))


def _roast_and_slices(pen):
    """Draw a glossy roasted piece of pork with slices fanned out in front of it."""
    rand = pen.rand
    crust = rand.choice(((176, 58, 46), (190, 76, 48), (160, 66, 40)))
    inside = rand.choice(((240, 182, 160), (236, 196, 172)))
    pen.rect(12, 53, 46, 71, _dark(crust, 0.3), 9)
    pen.rect(12, 51, 46, 68.5, crust, 9)
    pen.rect(17, 53.5, 40, 56.5, _alpha(_light(crust, 0.45), 170), 1.5)
    for _ in range(7):
        x, y = rand.uniform(16, 42), rand.uniform(58, 66)
        pen.line([(x, y), (x + rand.uniform(1.5, 3), y - rand.uniform(0.3, 1))], _alpha(_dark(crust, 0.45), 190), 0.8)
    for i in range(4):
        x, y = 50 + i * 7, 70 - i * 1.4
        pen.poly(_oval_points(x, y, 5.2, 9, 22), _dark(crust, 0.15))
        pen.poly(_oval_points(x + 0.3, y + 0.3, 4.5, 8.2, 22), inside)
        pen.poly(_oval_points(x + 0.8, y + 0.8, 3.2, 6.2, 22), _light(inside, 0.12))
        pen.poly(_oval_points(x - 1.2, y - 2, 0.9, 3, 22), _alpha(WHITE, 90))


def _poultry(pen, skin):
    """Draw a whole cooked bird resting on the board, with a lime beside it."""
    pen.ellipse(40, 70, 26, 4.5, _alpha(_dark(skin, 0.5), 60))
    pen.ellipse(21, 58, 5.5, 6, _dark(skin, 0.1))
    pen.ellipse(38, 59, 20, 12.5, _dark(skin, 0.16))
    pen.ellipse(38, 57.5, 19.5, 11.8, skin)
    pen.ellipse(33, 51.5, 11, 3.6, _alpha(_light(skin, 0.4), 170))
    pen.poly(_leaf_points(26, 59, 16, 7, 6), _dark(skin, 0.07))
    for dx, tone in ((3.5, _dark(skin, 0.14)), (0, skin)):
        x, y = 52 + dx, 60 - dx * 0.6
        pen.line([(x + 4, y - 3), (x + 10, y - 8)], (246, 238, 222), 1.7)
        pen.circle(x + 10.6, y - 9.3, 1.4, (246, 238, 222))
        pen.circle(x + 11.6, y - 7.8, 1.4, (246, 238, 222))
        pen.poly(_oval_points(x, y, 7.5, 4.8, -38), _dark(tone, 0.08))
        pen.poly(_oval_points(x - 0.4, y - 0.5, 6.6, 4.0, -38), tone)
        pen.poly(_oval_points(x - 1.6, y - 1.6, 3, 1.2, -38), _alpha(_light(tone, 0.4), 160))
    for x, y in ((70, 72), (75, 74)):
        pen.circle(x, y, 4, (120, 170, 60))
        pen.circle(x, y, 3.3, (196, 226, 130))
        for k in range(6):
            a = math.radians(k * 60)
            pen.line([(x, y), (x + math.cos(a) * 3, y + math.sin(a) * 3)], (150, 196, 90), 0.35)


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
    pen.poly(outline[:21] + [(x + width * lean * 0.5, base)], _alpha(_light(colour, 0.16), 140))
    streak = _alpha(_dark(colour, 0.18), 110)
    for _ in range(4):
        u = rand.uniform(-0.7, 0.7)
        top = base - height * max(0.0, 1 - abs(u) ** 2.6) ** 0.45 * rand.uniform(0.55, 0.8)
        pen.line([(x + width / 2 * u, top), (x + width / 2 * u, base - height * rand.uniform(0.05, 0.2))], streak,
                 0.5)
    pen.poly([(px, base + (base - py) * 0.3) for px, py in outline], _alpha(colour, 55))


def _junk_boat(pen, bx, by, sail):
    """Draw a Ha Long junk with batten sails, its keel at (bx, by)."""
    hull = (110, 66, 40)
    pen.soft(bx, by + 4, 20, 2.2, (20, 60, 70), 90)
    for mast, height, width in ((bx - 9, 20, 11), (bx + 3, 27, 14)):
        pen.line([(mast, by - 2), (mast, by - height - 2)], (80, 50, 30), 0.6, caps=False)
        outline = _bezier((mast, by - height), (mast + width * 0.4, by - height - 1.5),
                          (mast + width * 0.8, by - height + 1), (mast + width, by - height + 3), 8)
        outline += [(mast + width * 1.06, by - 4), (mast + 0.5, by - 4)]
        pen.poly(outline, sail)
        pen.poly([(mast + width * 0.55, by - height - 0.2), (mast + width, by - height + 3),
                  (mast + width * 1.06, by - 4), (mast + width * 0.55, by - 4)], _alpha(_dark(sail, 0.15), 140))
        for k in range(1, 5):
            y = by - height + 1 + (height - 5) * k / 5
            pen.line([(mast, y), (mast + width * 1.03, y + 0.6)], _alpha(_dark(sail, 0.4), 200), 0.35, caps=False)
    hull_pts = _bezier((bx - 21, by - 5.5), (bx - 14, by - 2.8), (bx + 4, by - 2.4), (bx + 17, by - 4), 10)
    hull_pts += _bezier((bx + 17, by - 4), (bx + 15, by + 1), (bx + 12, by + 3), (bx + 9, by + 3.2), 6)
    hull_pts += _bezier((bx - 11, by + 3.2), (bx - 15, by + 2.5), (bx - 18, by), (bx - 21, by - 5.5), 6)
    pen.poly(hull_pts, hull)
    pen.line(hull_pts[:11], (170, 120, 76), 0.9, caps=False)
    pen.rect(bx - 7, by - 7.2, bx + 8, by - 3, (236, 226, 206), 0.6)
    pen.rect(bx - 7.6, by - 8, bx + 8.6, by - 6.8, (150, 70, 40), 0.4)
    for k in range(4):
        pen.rect(bx - 5.6 + k * 3.4, by - 6.1, bx - 3.6 + k * 3.4, by - 4.4, (100, 140, 170))


def _draw_tour(pen):
    rand = pen.rand
    warm = rand.random() < 0.5
    top = _hsl(rand.uniform(195, 210), 0.6, 0.72)
    horizon_colour = _hsl(rand.uniform(25, 40), 0.8, 0.87) if warm else _hsl(190, 0.5, 0.91)
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
    far = _hsl(rand.uniform(195, 215), 0.22, 0.7)
    mid = _hsl(rand.uniform(180, 200), 0.2, 0.55)
    near = _hsl(rand.uniform(150, 170), 0.3, 0.36)
    sea = _hsl(rand.uniform(182, 196), 0.55, 0.45)
    pen.rect(0, horizon, 100, 100, sea)
    pen.rect(0, horizon, 100, horizon + 7, _alpha(_light(sea, 0.35), 140))
    for x, w, h in ((8, 17, 15), (24, 15, 21), (46, 17, 13), (62, 14, 18), (79, 17, 14)):
        _karst(pen, x + rand.uniform(-2, 2), horizon, w, h * rand.uniform(0.9, 1.1), far, rand)
    for x, w, h in ((33, 17, 24), (71, 15, 20)):
        _karst(pen, x + rand.uniform(-2, 2), horizon + 0.3, w, h * rand.uniform(0.9, 1.1), mid, rand)
    for x, w, h in ((4, 24, 36), (19, 15, 23), (93, 26, 40)):
        _karst(pen, x + rand.uniform(-2, 2), horizon + 0.6, w, h * rand.uniform(0.92, 1.08), near, rand)
    for k in range(16):
        y = horizon + 4 + k * 2.3
        x = rand.uniform(5, 90)
        pen.line([(x, y), (x + rand.uniform(4, 10), y)], _alpha(WHITE, 90), 0.5, caps=False)
    _junk_boat(pen, rand.uniform(46, 56), 79, rand.choice(((214, 110, 50), (196, 90, 50), (230, 150, 70))))
    for _ in range(3):
        x, y = rand.uniform(15, 85), rand.uniform(28, 45)
        pen.line([(x - 1.6, y - 0.8), (x, y), (x + 1.6, y - 0.8)], (70, 80, 90), 0.35)


def _draw_honey(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((45, 40, 30)))
    honey = rand.choice(((232, 160, 30), (220, 140, 30), (240, 180, 60)))
    cloth = rand.choice(((200, 60, 60), (60, 120, 170), (90, 150, 90)))
    pen.shadow(46, 87, 28, 4.5)
    pen.rect(26, 40, 66, 87, _alpha((246, 240, 220), 230), 9)
    pen.rect(28, 44, 64, 85, honey, 8)
    pen.rect(28, 66, 64, 85, _alpha(_dark(honey, 0.2), 130), 8)
    pen.ellipse(34, 60, 2.5, 12, _alpha(WHITE, 110))
    _label(pen, 33, 58, 59, 76, (250, 245, 230), cloth)
    pen.rect(28, 34, 64, 42, (200, 170, 110), 2)
    # gingham cover tied with string
    cover = _bezier((22, 44), (22, 30), (70, 30), (70, 44), 16) + [(66, 40), (26, 40)]
    _gingham(pen, lambda p: p.poly(cover, 255), (250, 250, 246), cloth, cell=2.2)
    pen.line([(24, 40.5), (68, 40.5)], (150, 110, 70), 0.8, caps=False)
    # honey dipper and a drop
    pen.line([(70, 40), (80, 70)], (170, 120, 70), 1.6)
    pen.ellipse(81, 74, 5, 6.5, (190, 140, 80))
    for k in range(4):
        pen.line([(76.4, 70 + k * 2.2), (85.6, 70 + k * 2.2)], (150, 100, 60), 0.5, caps=False)
    pen.poly(_bezier((81, 80.5), (83, 84), (83.5, 86), (81, 87), 8) + _bezier((81, 87), (78.5, 86), (79, 84),
                                                                             (81, 80.5), 8), honey)
    # a small bee
    bee = (rand.uniform(72, 84), rand.uniform(22, 30))
    pen.ellipse(bee[0] - 1.8, bee[1] - 3, 2.2, 3, _alpha(WHITE, 200))
    pen.ellipse(bee[0] + 1.8, bee[1] - 3, 2.2, 3, _alpha(WHITE, 200))
    pen.ellipse(bee[0], bee[1], 4, 2.8, (246, 200, 40))
    for dx in (-1.2, 1.2):
        pen.line([(bee[0] + dx, bee[1] - 2.6), (bee[0] + dx, bee[1] + 2.6)], (50, 40, 30), 0.8, caps=False)


def _draw_sauce(pen):
    rand = pen.rand
    _backdrop(pen, rand.choice((25, 15, 190)))
    sauce = rand.choice(((170, 90, 30), (150, 70, 30), (190, 110, 40)))
    cap = rand.choice(((200, 40, 40), (220, 160, 40), (40, 90, 140)))
    pen.shadow(40, 87, 24, 4)
    outline = _bottle_outline(38, 22, 9, 24, 38, 86, 4)
    pen.poly(outline, _alpha((236, 232, 220), 235))
    pen.poly([(x, max(y, 38)) for x, y in outline], sauce)
    pen.poly([(x, max(y, 38)) for x, y in outline if x > 38], _alpha(_dark(sauce, 0.25), 90))
    pen.rect(32.5, 15, 43.5, 24, cap, 1.5)
    for x in range(34, 43, 2):
        pen.line([(x, 16), (x, 23)], _alpha(_dark(cap, 0.25), 160), 0.5, caps=False)
    pen.rect(28, 50, 48, 72, (250, 245, 230), 1.2)
    pen.rect(28, 66, 48, 69, cap)
    _fish_shape(pen, 32, 58, 13, 6, (80, 120, 160), (170, 200, 220))
    pen.rect(27.5, 35, 29.7, 82, _alpha(WHITE, 90), 1.1)
    # dipping bowl with chilli and garlic
    pen.shadow(72, 87, 16, 3)
    pen.poly(_arc_points(72, 74, 15, 11, 0, 180), (248, 248, 244))
    pen.line(_arc_points(72, 74, 14.9, 6, 10, 170), _alpha(cap, 200), 1.0, caps=False)
    pen.ellipse(72, 74, 15, 3.6, (236, 232, 226))
    pen.ellipse(72, 74.3, 13, 2.8, sauce)
    for x, y in ((67, 74), (71, 75), (75, 73.6), (78, 74.8)):
        pen.circle(x, y, 1.1, (220, 40, 30))
        pen.circle(x, y, 0.45, (250, 200, 120))
    for x, y in ((69, 73.4), (73.5, 74.8)):
        pen.circle(x, y, 0.6, (250, 246, 230))


def _draw_box(pen):
    rand = pen.rand
    _backdrop(pen, rand.uniform(0, 360))
    paper = _hsl(rand.uniform(0, 360), 0.45, 0.6)
    ribbon = _hsl(rand.uniform(0, 360), 0.6, 0.5)
    pen.shadow(50, 87, 30, 4.5)
    pen.poly([(26, 48), (50, 40), (74, 48), (50, 56)], _light(paper, 0.2))
    pen.poly([(26, 48), (50, 56), (50, 86), (26, 78)], paper)
    pen.poly([(74, 48), (50, 56), (50, 86), (74, 78)], _dark(paper, 0.18))
    pen.poly([(37, 52), (41, 53.4), (41, 83), (37, 81.6)], ribbon)
    pen.poly([(63, 52), (59, 53.4), (59, 83), (63, 81.6)], _dark(ribbon, 0.15))
    pen.poly([(37, 44), (61, 52), (65, 50.6), (41, 42.6)], _light(ribbon, 0.1))
    pen.poly([(63, 44), (39, 52), (35, 50.6), (59, 42.6)], _light(ribbon, 0.1))
    pen.ellipse(45, 42, 6, 3.5, ribbon)
    pen.ellipse(55, 42, 6, 3.5, ribbon)
    pen.circle(50, 45, 2.5, _dark(ribbon, 0.1))


DRAWERS = {
    "pearl": _draw_pearl,
    "tea": _draw_tea,
    "bottle": _draw_bottle,
    "jar": _draw_jar,
    "fish": _draw_fish,
    "squid": _draw_squid,
    "shrimp": _draw_shrimp,
    "rice": _draw_rice,
    "cake": _draw_cake,
    "herb": _draw_herb,
    "oil": _draw_oil,
    "craft": _draw_craft,
    "plant": _draw_plant,
    "seafood": _draw_seafood,
    "fruit": _draw_fruit,
    "noodle": _draw_noodle,
    "meat": _draw_meat,
    "tour": _draw_tour,
    "honey": _draw_honey,
    "sauce": _draw_sauce,
}
KINDS = tuple(DRAWERS)


def draw_picture(kind: str, seed: str, size: int = 800) -> Image.Image:
    """Draw a square RGB illustration of a product `kind`, varied deterministically by `seed`."""
    canvas = Image.new("RGB", (size * SCALE, size * SCALE), WHITE)
    pen = _Pen(canvas, _Rand(f"{kind}\n{seed}"), seed)
    DRAWERS.get(kind, _draw_box)(pen)
    return canvas.resize((size, size), Image.LANCZOS)


def main(argv):
    """Write one sample PNG of every kind (and the fallback box) into the folder given as argument."""
    if len(argv) != 2:
        print("usage: python shop/demo/images.py OUTPUT_FOLDER", file=sys.stderr)
        return 2
    folder = Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for kind in (*KINDS, "box"):
        draw_picture(kind, f"sample-{kind}").save(folder / f"{kind}.png")
    print(f"wrote {len(KINDS) + 1} pictures to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
