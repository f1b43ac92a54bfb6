"""Food plates: a bowl of rice, peanut candy bars, a bowl of noodle soup, roast meat or a whole bird on a board."""
import math

from shop.demo.drawings.geometry import arc_points, bezier, leaf_points, oval_points
from shop.demo.drawings.palette import WHITE, dark, light, with_alpha
from shop.demo.drawings.scenery import backdrop, bowl, leaf, steam


def draw_rice(pen):
    """Draw a bowl heaped with rice (brown for `lut`), a rice ear and chopsticks."""
    rand = pen.rand
    backdrop(pen, rand.choice((45, 35, 60)))
    grain = pen.hint((("lut", (176, 100, 84)), ("nep", (250, 248, 240))),
                     rand.choice(((250, 248, 240), (246, 240, 224))))
    china = rand.choice(((244, 242, 236), (220, 232, 244), (236, 224, 206)))
    band = rand.choice(((48, 90, 160), (160, 60, 50), (60, 120, 90)))
    pen.shadow(52, 86, 34, 4.5)
    # a rice ear leaning behind the bowl
    stalk = (214, 170, 70)
    stem = bezier((24, 84), (20, 60), (24, 36), (36, 22), 20)
    pen.line(stem, dark(stalk, 0.15), 0.9)
    for i, (x, y) in enumerate(stem[7:], start=7):
        side = 1 if i % 2 else -1
        pen.poly(leaf_points(x, y, 4.4, 2.3, -60 + side * 48), stalk)
    pen.poly(leaf_points(24, 74, 22, 3.2, -118), (120, 160, 80))

    def rice(p):
        p.ellipse(52, 60, 26, 6, grain)
        p.poly(arc_points(52, 60.5, 25, 13, 180, 360), grain)
        for _ in range(90):
            x, y = rand.uniform(28, 76), rand.uniform(47, 65)
            if ((x - 52) / 24) ** 2 + ((y - 60) / 12.5) ** 2 < 0.92:
                p.poly(leaf_points(x, y, 2.3, 1.1, rand.uniform(0, 180)), dark(grain, rand.uniform(0.05, 0.14)))
        p.ellipse(45, 53, 8, 3, with_alpha(WHITE, 100))
    bowl(pen, 52, 60, 27, 23, china, band, rice)
    pen.line([(60, 92), (94, 74)], (150, 96, 50), 1.4)
    pen.line([(63, 94.5), (96, 77.5)], (170, 112, 60), 1.4)
    for _ in range(4):
        x, y = rand.uniform(30, 58), rand.uniform(88, 95)
        pen.poly(leaf_points(x, y, 2.3, 1.1, rand.uniform(0, 180)), dark(grain, 0.05))


def draw_cake(pen):
    """Draw three peanut candy bars stacked on a wooden board."""
    rand = pen.rand
    backdrop(pen, rand.choice((330, 20, 40)))
    candy = rand.choice(((214, 150, 70), (200, 128, 60), (226, 170, 90)))
    nut = (150, 62, 50)
    pen.shadow(50, 87, 38, 4.5)
    pen.rect(12, 74, 88, 88, (150, 98, 56), 3)
    pen.rect(12, 72, 88, 84, (188, 132, 80), 3)
    for y in (75.5, 78.5, 81.5):
        pen.line([(16, y), (84, y + rand.uniform(-0.6, 0.6))], with_alpha((150, 98, 56), 120), 0.4, caps=False)

    def bar(x, y, w, h, depth=6):
        pen.poly([(x, y), (x + depth, y - depth * 0.6), (x + w + depth, y - depth * 0.6), (x + w, y)],
                 light(candy, 0.15))
        pen.poly([(x + w, y), (x + w + depth, y - depth * 0.6), (x + w + depth, y + h - depth * 0.6),
                  (x + w, y + h)], dark(candy, 0.2))
        pen.rect(x, y, x + w, y + h, candy)
        for _ in range(9):
            px, py = rand.uniform(x + 2, x + w - 2), rand.uniform(y + 1.8, y + h - 1.8)
            pen.ellipse(px, py, 1.5, 1.0, nut)
            pen.ellipse(px - 0.3, py - 0.3, 0.7, 0.4, with_alpha(WHITE, 120))
        for _ in range(5):
            px, py = rand.uniform(x + depth * 0.3 + 2, x + w + depth * 0.5 - 2), y - depth * 0.3
            pen.ellipse(px, py, 1.4, 0.6, dark(nut, 0.1))
    bar(20, 62, 28, 12)
    bar(50, 62, 28, 12)
    bar(34, 48, 28, 12)
    for x, y in ((20, 84), (80, 86), (86, 80)):
        pen.ellipse(x, y, 2.2, 1.5, nut)
        pen.ellipse(x - 0.5, y - 0.4, 0.9, 0.5, with_alpha(WHITE, 110))


def draw_noodle(pen):
    """Draw a steaming bowl of noodle soup with slices of meat, herbs, chilli and chopsticks lifting strands."""
    rand = pen.rand
    backdrop(pen, rand.choice((15, 30, 200)))
    china = rand.choice(((244, 242, 236), (226, 236, 246), (240, 228, 210)))
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
            tone = rand.choice((noodle, light(noodle, 0.3), dark(noodle, 0.08)))
            p.line(strand, with_alpha(tone, 235), 0.6)
        for x, y in ((37, 56.5), (45, 59.5), (61, 55.5)):
            p.ellipse(x, y, 3.6, 1.7, (224, 130, 120))
            p.ellipse(x, y, 2.3, 1.0, (246, 196, 186))
        for k in range(6):
            leaf(p, 52 + k * 1.2, 58.5, 4.2, 1.9, -170 + k * 36, (70, 150, 60))
        p.circle(66, 59, 1.2, (220, 50, 40))
        p.circle(33, 58.5, 1.0, (220, 50, 40))
        # chopsticks lifting a few strands
        p.line([(86, 16), (54, 52)], (150, 96, 50), 1.5)
        p.line([(90, 20), (58, 54)], (170, 112, 60), 1.5)
        for k in range(8):
            x = 55 + k * 0.8
            p.line([(x + 1.0 * math.sin(t / 1.6 + k), 49 + t * 0.8) for t in range(0, 12)], noodle, 0.5)
    bowl(pen, 50, 58, 29, 24, china, band, soup)
    steam(pen, 40, 50, 15)


def draw_meat(pen):
    """Draw roast pork slices (or a whole bird for `ga`/`vit`) on a wooden board with herbs and chilli."""
    rand = pen.rand
    backdrop(pen, rand.choice((30, 20, 45)))
    pen.shadow(48, 86, 40, 4.5)
    # wooden board with a handle
    pen.rect(76, 68, 95, 74, (150, 100, 60), 3)
    pen.circle(91, 71, 1.4, (120, 80, 50))
    pen.rect(7, 66, 83, 87, (150, 100, 60), 4)
    pen.rect(7, 64, 83, 83, (196, 140, 90), 4)
    for y in (68, 72.5, 77):
        pen.line([(11, y), (79, y + rand.uniform(-0.8, 0.8))], with_alpha((150, 100, 60), 110), 0.45, caps=False)
    poultry = pen.hint((("ga", (240, 192, 90)), ("vit", (200, 116, 62))), None)
    if poultry:
        _poultry(pen, poultry)
    else:
        _roast_and_slices(pen)
    green = (80, 140, 60)
    for k in range(5):
        leaf(pen, 18, 79, 8, 3, -30 + k * 18, green)
    pen.poly(bezier((62, 80), (66, 76), (72, 76), (74, 79)) + bezier((74, 79), (70, 78), (66, 79), (62, 81)),
             (214, 50, 40))


def _roast_and_slices(pen):
    """Draw a glossy roasted piece of pork with slices fanned out in front of it."""
    rand = pen.rand
    crust = rand.choice(((176, 58, 46), (190, 76, 48), (160, 66, 40)))
    inside = rand.choice(((240, 182, 160), (236, 196, 172)))
    pen.rect(12, 53, 46, 71, dark(crust, 0.3), 9)
    pen.rect(12, 51, 46, 68.5, crust, 9)
    pen.rect(17, 53.5, 40, 56.5, with_alpha(light(crust, 0.45), 170), 1.5)
    for _ in range(7):
        x, y = rand.uniform(16, 42), rand.uniform(58, 66)
        pen.line([(x, y), (x + rand.uniform(1.5, 3), y - rand.uniform(0.3, 1))],
                 with_alpha(dark(crust, 0.45), 190), 0.8)
    for i in range(4):
        x, y = 50 + i * 7, 70 - i * 1.4
        pen.poly(oval_points(x, y, 5.2, 9, 22), dark(crust, 0.15))
        pen.poly(oval_points(x + 0.3, y + 0.3, 4.5, 8.2, 22), inside)
        pen.poly(oval_points(x + 0.8, y + 0.8, 3.2, 6.2, 22), light(inside, 0.12))
        pen.poly(oval_points(x - 1.2, y - 2, 0.9, 3, 22), with_alpha(WHITE, 90))


def _poultry(pen, skin):
    """Draw a whole cooked bird resting on the board, with a lime beside it."""
    pen.ellipse(40, 70, 26, 4.5, with_alpha(dark(skin, 0.5), 60))
    pen.ellipse(21, 58, 5.5, 6, dark(skin, 0.1))
    pen.ellipse(38, 59, 20, 12.5, dark(skin, 0.16))
    pen.ellipse(38, 57.5, 19.5, 11.8, skin)
    pen.ellipse(33, 51.5, 11, 3.6, with_alpha(light(skin, 0.4), 170))
    pen.poly(leaf_points(26, 59, 16, 7, 6), dark(skin, 0.07))
    for dx, tone in ((3.5, dark(skin, 0.14)), (0, skin)):
        x, y = 52 + dx, 60 - dx * 0.6
        pen.line([(x + 4, y - 3), (x + 10, y - 8)], (246, 238, 222), 1.7)
        pen.circle(x + 10.6, y - 9.3, 1.4, (246, 238, 222))
        pen.circle(x + 11.6, y - 7.8, 1.4, (246, 238, 222))
        pen.poly(oval_points(x, y, 7.5, 4.8, -38), dark(tone, 0.08))
        pen.poly(oval_points(x - 0.4, y - 0.5, 6.6, 4.0, -38), tone)
        pen.poly(oval_points(x - 1.6, y - 1.6, 3, 1.2, -38), with_alpha(light(tone, 0.4), 160))
    for x, y in ((70, 72), (75, 74)):
        pen.circle(x, y, 4, (120, 170, 60))
        pen.circle(x, y, 3.3, (196, 226, 130))
        for k in range(6):
            a = math.radians(k * 60)
            pen.line([(x, y), (x + math.cos(a) * 3, y + math.sin(a) * 3)], (150, 196, 90), 0.35)
