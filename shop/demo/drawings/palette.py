"""Colours for the demo drawings: white and black, HSL colours, blends, lighter and darker shades, alpha."""
import colorsys

WHITE = (255, 255, 255)
BLACK = (0, 0, 0)


def hsl(hue, saturation, lightness):
    """Return an RGB tuple for a hue in degrees and saturation/lightness in 0–1."""
    red, green, blue = colorsys.hls_to_rgb((hue % 360) / 360, max(0, min(1, lightness)), max(0, min(1, saturation)))
    return round(red * 255), round(green * 255), round(blue * 255)


def mix(first, second, amount):
    """Blend two RGB colours; `amount` 0 gives `first`, 1 gives `second`."""
    return tuple(round(a + (b - a) * amount) for a, b in zip(first[:3], second[:3]))


def light(colour, amount):
    """Return `colour` blended towards white by `amount`."""
    return mix(colour, WHITE, amount)


def dark(colour, amount):
    """Return `colour` blended towards black by `amount`."""
    return mix(colour, BLACK, amount)


def with_alpha(colour, alpha):
    """Return `colour` as an RGBA tuple with opacity `alpha`."""
    return (*colour[:3], alpha)
