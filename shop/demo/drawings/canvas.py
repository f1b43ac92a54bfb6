"""The canvas the demo drawings paint on: a seeded random stream and a pen addressed in 0–100 units."""
import hashlib
from contextlib import contextmanager

from PIL import Image, ImageDraw, ImageFilter

from shop.demo.drawings.geometry import arc_points


class Rand:
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


def _stroke(draw, pixels, fill, thickness, caps):
    """Draw a polyline in pixel coordinates, with round ends when `caps`."""
    draw.line(pixels, fill=fill, width=thickness, joint="curve")
    if caps:
        radius = thickness / 2
        for x, y in (pixels[0], pixels[-1]):
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=fill)


class Pen:
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
        """Fill an ellipse centred on (cx, cy) with radii `rx` and `ry`."""
        u = self.unit
        self.draw.ellipse([(cx - rx) * u, (cy - ry) * u, (cx + rx) * u, (cy + ry) * u], fill=fill)

    def circle(self, cx, cy, radius, fill):
        """Fill a circle centred on (cx, cy)."""
        self.ellipse(cx, cy, radius, radius, fill)

    def rect(self, x0, y0, x1, y1, fill, radius=0.0):
        """Fill a rectangle, with rounded corners of `radius` when given."""
        u = self.unit
        box = [x0 * u, y0 * u, x1 * u, y1 * u]
        if radius:
            self.draw.rounded_rectangle(box, radius=radius * u, fill=fill)
        else:
            self.draw.rectangle(box, fill=fill)

    def poly(self, points, fill):
        """Fill a polygon through `points`."""
        self.draw.polygon(self._xy(points), fill=fill)

    def line(self, points, fill, width, caps=True):
        """Draw a polyline `width` units thick, with round ends when `caps`."""
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
        yield Pen(mask, self.rand)
        if alpha < 255:
            mask = mask.point(lambda value: value * alpha // 255)
        self.image.paste(colour[:3], (0, 0, self.size, self.size), mask)

    def arc(self, cx, cy, rx, ry, start, end, fill, width):
        """Draw an elliptic arc from angle `start` to `end` (degrees)."""
        self.line(arc_points(cx, cy, rx, ry, start, end), fill, width)

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
        """Paint a soft brown shadow under an object."""
        self.soft(cx, cy, rx, ry, (60, 40, 30), alpha, blur=0.45)
