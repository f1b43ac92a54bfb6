"""Point lists for the demo drawings, in the 0–100 square: Bézier curves, arcs, leaves and rotated ovals."""
import math


def bezier(p0, p1, p2, p3, steps=18):
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


def arc_points(cx, cy, rx, ry, start, end, steps=32):
    """Return points along an ellipse from angle `start` to `end` (degrees, y pointing down)."""
    return [(cx + rx * math.cos(math.radians(start + (end - start) * i / steps)),
             cy + ry * math.sin(math.radians(start + (end - start) * i / steps))) for i in range(steps + 1)]


def along(points, spacing):
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


def leaf_points(x, y, length, width, angle):
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


def oval_points(cx, cy, rx, ry, angle, steps=28):
    """Return the outline of an ellipse rotated by `angle` degrees."""
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return [(cx + rx * math.cos(a) * cos - ry * math.sin(a) * sin, cy + rx * math.cos(a) * sin + ry * math.sin(a) * cos)
            for a in [2 * math.pi * i / steps for i in range(steps)]]
