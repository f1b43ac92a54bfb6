"""Bottles, jars and drinks: a teapot with a cup, a bottle with a cup, a jar of floss, oil, honey, fish sauce."""
from shop.demo.drawings.geometry import arc_points, bezier
from shop.demo.drawings.palette import WHITE, dark, hsl, light, with_alpha
from shop.demo.drawings.scenery import backdrop, bottle_outline, fish_shape, flower, gingham, label, leaf, steam


def draw_tea(pen):
    """Draw a teapot and a cup of golden tea on a bamboo tray, with tea leaves (and a camellia for `hoa`)."""
    rand = pen.rand
    backdrop(pen, rand.choice((90, 100, 40, 150)))
    ware = rand.choice(((214, 232, 220), (246, 240, 226), (226, 236, 246), (236, 214, 190)))
    accent = rand.choice(((58, 110, 160), (70, 130, 100), (170, 90, 60)))
    tea = rand.choice(((214, 160, 40), (190, 150, 50), (160, 170, 70)))
    pen.shadow(50, 86, 40, 4.5)
    # bamboo tray
    pen.rect(10, 78, 90, 87, (186, 140, 86), 3)
    pen.rect(10, 78, 90, 82, (206, 164, 108), 3)
    for x in range(14, 90, 5):
        pen.line([(x, 78.6), (x, 86.4)], with_alpha((150, 106, 60), 110), 0.4, caps=False)
    # teapot
    px, py = 38, 63
    pen.arc(px + 16, py - 1, 8.5, 9, -80, 80, dark(ware, 0.12), 3.2)
    spout = bezier((px - 12, py + 4), (px - 20, py + 2), (px - 24, py - 8), (px - 28, py - 13), 12)
    spout += bezier((px - 25, py - 15), (px - 22, py - 10), (px - 18, py - 6), (px - 10, py - 4), 12)
    pen.poly(spout, dark(ware, 0.06))
    pen.ellipse(px, py + 1, 17, 14.5, ware)
    pen.poly(arc_points(px, py + 1, 17, 14.5, 10, 170), with_alpha(dark(ware, 0.12), 120))
    pen.line(arc_points(px, py - 3, 16.3, 6, 10, 170), accent, 1.4, caps=False)
    pen.ellipse(px - 6, py - 5, 5, 3, with_alpha(WHITE, 110))
    pen.rect(px - 9, py + 14, px + 9, py + 16.5, dark(ware, 0.15), 1)
    pen.ellipse(px, py - 12.5, 10, 3.2, dark(ware, 0.1))
    pen.ellipse(px, py - 13.5, 8.5, 2.6, light(ware, 0.2))
    pen.circle(px, py - 16.5, 2.3, accent)
    # cup of golden tea
    cx, cy = 72, 67
    pen.rect(cx - 5, cy + 9, cx + 5, cy + 12.5, dark(ware, 0.15), 1)
    pen.poly(arc_points(cx, cy, 10.5, 11, 0, 180), ware)
    pen.line(arc_points(cx, cy, 10.4, 6.5, 15, 165), accent, 1.1, caps=False)
    pen.ellipse(cx, cy, 10.5, 2.8, light(ware, 0.3))
    pen.ellipse(cx, cy + 0.3, 9.2, 2.1, tea)
    pen.ellipse(cx - 2.5, cy, 3.5, 0.7, with_alpha(light(tea, 0.5), 200))
    steam(pen, cx, cy - 4, 13)
    # leaves and a golden camellia flower in front
    green = hsl(rand.uniform(95, 125), 0.45, 0.36)
    leaf(pen, 62, 92, 12, 5.5, -15, green)
    leaf(pen, 64, 93, 10, 4.6, 20, light(green, 0.15))
    leaf(pen, 18, 92, 10, 4.6, -160, light(green, 0.1))
    if pen.hint((("hoa", True),), False):
        flower(pen, 24, 90, 6.5, (246, 200, 50), (232, 150, 40))
    else:
        leaf(pen, 26, 93, 11, 5, -120, green)
        leaf(pen, 27, 93, 9, 4.2, -40, light(green, 0.2))


def draw_bottle(pen):
    """Draw a labelled bottle beside a small cup, its liquid coloured by the slug (`sim`, `chanh`, ...)."""
    rand = pen.rand
    backdrop(pen, rand.choice((30, 20, 200, 340)))
    liquid = pen.hint((("nuoc", (160, 204, 232)), ("khoang", (160, 204, 232)), ("chanh", (214, 222, 120)),
                       ("sim", (112, 36, 72)), ("ba-kich", (150, 42, 58)), ("dong-trung", (226, 148, 48)),
                       ("lim-xanh", (180, 112, 40))),
                      rand.choice(((176, 60, 70), (196, 120, 40), (120, 40, 70), (226, 166, 60))))
    paper = (250, 244, 228)
    accent = rand.choice(((170, 40, 40), (40, 90, 80), (120, 70, 30), (40, 60, 120)))
    pen.shadow(50, 87, 30, 4)
    outline = bottle_outline(44, 20, 8, 26, 40, 86, 4.5)
    glass = light(liquid, 0.72)
    pen.poly(outline, with_alpha(glass, 235))
    pen.poly([(x, max(y, 42)) for x, y in outline], liquid)
    pen.poly([(x, max(y, 42)) for x, y in outline if x > 44], with_alpha(dark(liquid, 0.25), 90))
    pen.ellipse(44, 42, 12.6, 1.2, with_alpha(light(liquid, 0.35), 200))
    pen.rect(38.5, 17, 49.5, 23, accent, 1.2)
    pen.rect(39.5, 12, 48.5, 18, dark(accent, 0.2), 1.5)
    pen.rect(40, 25, 48, 27.5, with_alpha(accent, 180))
    label(pen, 33.5, 52, 54.5, 74, paper, accent)
    pen.rect(34, 36, 36.2, 82, with_alpha(WHITE, 90), 1.1)
    pen.rect(41.5, 20, 42.8, 33, with_alpha(WHITE, 110), 0.6)
    # a small cup beside the bottle
    cx, cy = 71, 76
    pen.shadow(cx, 87, 10, 2.5)
    pen.poly([(cx - 8, cy), (cx + 8, cy), (cx + 6, cy + 10), (cx - 6, cy + 10)], (248, 246, 240))
    pen.ellipse(cx, cy, 8, 2, (236, 232, 226))
    pen.ellipse(cx, cy + 0.4, 6.8, 1.5, liquid)
    pen.line([(cx - 7, cy + 3), (cx + 7, cy + 3)], with_alpha(accent, 180), 0.9, caps=False)


def draw_jar(pen):
    """Draw a lidded jar of floss with a label, beside a little dish heaped with more."""
    rand = pen.rand
    backdrop(pen, rand.choice((35, 45, 15)))
    filling = rand.choice(((222, 170, 90), (210, 140, 80), (230, 190, 120)))
    lid = rand.choice(((196, 50, 50), (200, 150, 40), (60, 110, 80)))
    pen.shadow(48, 87, 26, 4)
    pen.rect(28, 38, 66, 87, with_alpha((230, 240, 244), 220), 7)
    pen.rect(30, 44, 64, 85, filling, 6)
    for _ in range(140):
        x, y = rand.uniform(32, 62), rand.uniform(46, 83)
        pen.line([(x, y), (x + rand.uniform(-1.5, 1.5), y + rand.uniform(-0.8, 0.8))],
                 with_alpha(rand.choice((light(filling, 0.35), dark(filling, 0.18))), 200), 0.6)
    label(pen, 30, 55, 64, 73, (250, 245, 232), lid)
    pen.rect(30.5, 42, 33, 84, with_alpha(WHITE, 100), 1.2)
    pen.rect(30, 35, 64, 40, dark((230, 240, 244), 0.1), 1.5)
    pen.rect(26, 27, 68, 37, lid, 2.5)
    for x in range(29, 67, 3):
        pen.line([(x, 28.5), (x, 35.5)], with_alpha(dark(lid, 0.2), 160), 0.7, caps=False)
    pen.rect(26, 27, 68, 29.5, with_alpha(light(lid, 0.3), 200), 2)
    # a little dish with a heap of floss
    pen.shadow(78, 87, 12, 2.5)
    pen.ellipse(78, 83, 12, 3.6, (244, 240, 232))
    pen.ellipse(78, 79.5, 8, 4.5, filling)
    for _ in range(30):
        x, y = rand.uniform(71.5, 84.5), rand.uniform(76.5, 82)
        pen.line([(x, y), (x + rand.uniform(-1.2, 1.2), y + 0.5)], with_alpha(dark(filling, 0.2), 180), 0.5)


def draw_oil(pen):
    """Draw a round flask of oil with a tag and a drop, beside leaves and three small fruits."""
    rand = pen.rand
    backdrop(pen, rand.choice((55, 45, 80)))
    oil = rand.choice(((226, 180, 50), (214, 160, 40), (200, 190, 70)))
    pen.shadow(46, 87, 26, 4)
    pen.ellipse(46, 66, 20, 20, with_alpha((236, 240, 230), 230))
    pen.rect(41, 30, 51, 50, with_alpha((236, 240, 230), 230), 2)
    pen.poly(arc_points(46, 66, 18.6, 18.6, -15, 195), oil)
    pen.poly(arc_points(46, 66, 18.6, 18.6, 20, 160), with_alpha(dark(oil, 0.2), 100))
    pen.ellipse(46, 61.3, 18, 2, with_alpha(light(oil, 0.4), 220))
    pen.ellipse(38, 60, 3.5, 9, with_alpha(WHITE, 110))
    pen.rect(40, 23, 52, 31, (170, 120, 70), 2)
    pen.rect(39, 29.5, 53, 32, (150, 100, 56), 1)
    pen.line([(52, 30), (60, 42), (58, 50)], (120, 90, 60), 0.5)
    pen.rect(54, 48, 64, 56, (250, 244, 228), 1)
    pen.circle(59, 52, 2, oil)
    pen.poly(bezier((77, 50), (80, 56), (82, 60), (77, 62), 10) + bezier((77, 62), (72, 60), (74, 56), (77, 50), 10),
             oil)
    pen.circle(76, 58.5, 1, with_alpha(WHITE, 180))
    green = (110, 140, 60)
    leaf(pen, 70, 86, 14, 5, -20, green)
    leaf(pen, 70, 86, 11, 4.5, -60, light(green, 0.15))
    for x, y in ((82, 82), (86, 86), (78, 88)):
        pen.ellipse(x, y, 3, 2.3, (130, 140, 50))
        pen.ellipse(x - 0.8, y - 0.7, 1, 0.6, with_alpha(WHITE, 120))


def draw_honey(pen):
    """Draw a jar of honey under a gingham cover, a honey dipper with a drop, and a small bee."""
    rand = pen.rand
    backdrop(pen, rand.choice((45, 40, 30)))
    honey = rand.choice(((232, 160, 30), (220, 140, 30), (240, 180, 60)))
    cloth = rand.choice(((200, 60, 60), (60, 120, 170), (90, 150, 90)))
    pen.shadow(46, 87, 28, 4.5)
    pen.rect(26, 40, 66, 87, with_alpha((246, 240, 220), 230), 9)
    pen.rect(28, 44, 64, 85, honey, 8)
    pen.rect(28, 66, 64, 85, with_alpha(dark(honey, 0.2), 130), 8)
    pen.ellipse(34, 60, 2.5, 12, with_alpha(WHITE, 110))
    label(pen, 33, 58, 59, 76, (250, 245, 230), cloth)
    pen.rect(28, 34, 64, 42, (200, 170, 110), 2)
    # gingham cover tied with string
    cover = bezier((22, 44), (22, 30), (70, 30), (70, 44), 16) + [(66, 40), (26, 40)]
    gingham(pen, lambda p: p.poly(cover, 255), (250, 250, 246), cloth, cell=2.2)
    pen.line([(24, 40.5), (68, 40.5)], (150, 110, 70), 0.8, caps=False)
    # honey dipper and a drop
    pen.line([(70, 40), (80, 70)], (170, 120, 70), 1.6)
    pen.ellipse(81, 74, 5, 6.5, (190, 140, 80))
    for k in range(4):
        pen.line([(76.4, 70 + k * 2.2), (85.6, 70 + k * 2.2)], (150, 100, 60), 0.5, caps=False)
    pen.poly(bezier((81, 80.5), (83, 84), (83.5, 86), (81, 87), 8) + bezier((81, 87), (78.5, 86), (79, 84),
                                                                             (81, 80.5), 8), honey)
    # a small bee
    bee = (rand.uniform(72, 84), rand.uniform(22, 30))
    pen.ellipse(bee[0] - 1.8, bee[1] - 3, 2.2, 3, with_alpha(WHITE, 200))
    pen.ellipse(bee[0] + 1.8, bee[1] - 3, 2.2, 3, with_alpha(WHITE, 200))
    pen.ellipse(bee[0], bee[1], 4, 2.8, (246, 200, 40))
    for dx in (-1.2, 1.2):
        pen.line([(bee[0] + dx, bee[1] - 2.6), (bee[0] + dx, bee[1] + 2.6)], (50, 40, 30), 0.8, caps=False)


def draw_sauce(pen):
    """Draw a bottle of fish sauce with a fish label, beside a dipping bowl with chilli and garlic."""
    rand = pen.rand
    backdrop(pen, rand.choice((25, 15, 190)))
    sauce = rand.choice(((170, 90, 30), (150, 70, 30), (190, 110, 40)))
    cap = rand.choice(((200, 40, 40), (220, 160, 40), (40, 90, 140)))
    pen.shadow(40, 87, 24, 4)
    outline = bottle_outline(38, 22, 9, 24, 38, 86, 4)
    pen.poly(outline, with_alpha((236, 232, 220), 235))
    pen.poly([(x, max(y, 38)) for x, y in outline], sauce)
    pen.poly([(x, max(y, 38)) for x, y in outline if x > 38], with_alpha(dark(sauce, 0.25), 90))
    pen.rect(32.5, 15, 43.5, 24, cap, 1.5)
    for x in range(34, 43, 2):
        pen.line([(x, 16), (x, 23)], with_alpha(dark(cap, 0.25), 160), 0.5, caps=False)
    pen.rect(28, 50, 48, 72, (250, 245, 230), 1.2)
    pen.rect(28, 66, 48, 69, cap)
    fish_shape(pen, 32, 58, 13, 6, (80, 120, 160), (170, 200, 220))
    pen.rect(27.5, 35, 29.7, 82, with_alpha(WHITE, 90), 1.1)
    # dipping bowl with chilli and garlic
    pen.shadow(72, 87, 16, 3)
    pen.poly(arc_points(72, 74, 15, 11, 0, 180), (248, 248, 244))
    pen.line(arc_points(72, 74, 14.9, 6, 10, 170), with_alpha(cap, 200), 1.0, caps=False)
    pen.ellipse(72, 74, 15, 3.6, (236, 232, 226))
    pen.ellipse(72, 74.3, 13, 2.8, sauce)
    for x, y in ((67, 74), (71, 75), (75, 73.6), (78, 74.8)):
        pen.circle(x, y, 1.1, (220, 40, 30))
        pen.circle(x, y, 0.45, (250, 200, 120))
    for x, y in ((69, 73.4), (73.5, 74.8)):
        pen.circle(x, y, 0.6, (250, 246, 230))
