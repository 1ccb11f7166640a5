"""The readiness report's picture: element scores against the pass lines.

Drawn with Pillow rather than matplotlib: the picture is ten bars, two lines and
some text, and importing and laying out matplotlib took longer than writing all
eight documents (about 0.7 s of a 2 s `docs`).
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

GREEN, AMBER, RED, NAVY = "#2E7D32", "#F9A825", "#C62828", "#1F4E79"
GREY, AXIS, GRID = "#888888", "#444444", "#E6E6E6"
WIDTH, HEIGHT = 1125, 585  # 7.5 x 3.9 inches at 150 dpi, as the report places it 16 cm wide

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@functools.cache
def _font(size: int, bold: bool = False) -> Font:
    """DejaVu Sans (shipped with matplotlib, found without importing it), else Pillow's own."""
    spec = importlib.util.find_spec("matplotlib")
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "mpl-data" / "fonts" / "ttf" / name
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _width(draw: ImageDraw.ImageDraw, text: str, font: Font) -> float:
    return draw.textlength(text, font=font)


def _vline(draw: ImageDraw.ImageDraw, x: float, top: float, bottom: float, colour: str,
           dash: int, gap: int, width: int = 2) -> None:
    y = top
    while y < bottom:
        draw.line([(x, y), (x, min(y + dash, bottom))], fill=colour, width=width)
        y += dash + gap


def element_chart(score: Mapping[str, Any], out: Path) -> Path:
    """A horizontal bar per element, coloured by the pass rule, saved as PNG at `out`.

    An element that does not apply gets no bar and the words "n/a": a 0 bar would say it
    failed. One below the element minimum is red and says "fails" after its value, so a
    failing 0 % and an n/a never look alike.
    """
    rule = score["rule"]
    elements = list(score["elements"])
    names = [f"{e['id']} {e['name']}" for e in elements]
    values: list[float | None] = [
        max(0.0, min(100.0, float(e["score"]))) if e.get("applicable", True) else None
        for e in elements]
    colours = [GREY if v is None else GREEN if v >= rule["overall_min"]
               else AMBER if v >= rule["element_min"] else RED for v in values]
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    title, label, small, value_font = _font(23), _font(17), _font(15), _font(16, bold=True)

    draw.text((20, 12), f"Readiness by element: {float(score['overall']):.1f} % overall",
              fill=NAVY, font=title)
    left = 30 + max((_width(draw, n, label) for n in names), default=0.0)
    right, top, bottom = WIDTH - 30.0, 60.0, HEIGHT - 125.0
    span = right - left

    def x_of(value: float) -> float:
        return left + span * value / 100

    for tick in range(0, 101, 20):  # grid, ticks and their labels
        x = x_of(tick)
        draw.line([(x, top), (x, bottom)], fill=GRID, width=1)
        draw.line([(x, bottom), (x, bottom + 6)], fill=AXIS, width=1)
        text = str(tick)
        draw.text((x - _width(draw, text, small) / 2, bottom + 9), text, fill=AXIS, font=small)
    axis_label = "Score (%)"
    draw.text((left + span / 2 - _width(draw, axis_label, label) / 2, bottom + 32), axis_label,
              fill=AXIS, font=label)

    slot = (bottom - top) / max(len(values), 1)
    middles = [top + slot * (index + 0.5) for index in range(len(values))]
    for middle, value, colour in zip(middles, values, colours, strict=True):
        if value is not None and value > 0:
            half = slot * 0.4
            draw.rectangle([(left, middle - half), (x_of(value), middle + half)], fill=colour)
    draw.line([(left, top), (left, bottom)], fill=AXIS, width=1)
    draw.line([(left, bottom), (right, bottom)], fill=AXIS, width=1)
    overall_min, element_min = float(rule["overall_min"]), float(rule["element_min"])
    _vline(draw, x_of(overall_min), top, bottom, NAVY, 10, 6, 3)
    _vline(draw, x_of(element_min), top, bottom, GREY, 3, 4, 3)
    for name, middle, value in zip(names, middles, values, strict=True):  # text on top
        draw.text((left - 10 - _width(draw, name, label), middle), name, fill="black",
                  font=label, anchor="lm")
        if value is None:
            draw.text((x_of(0) + 8, middle), "n/a (does not apply)", fill=GREY, font=small,
                      anchor="lm")
            continue
        fails = value < element_min
        text = f"{value:.1f}" + (" fails" if fails else "")
        if value >= 15 and not fails:  # inside the bar's end, in white
            draw.text((x_of(value) - 8, middle), text, fill="white", font=value_font,
                      anchor="rm")
        else:
            draw.text((x_of(value) + 8, middle), text, fill=RED if fails else "black",
                      font=value_font if fails else small, anchor="lm")

    legend = [(f"pass line {overall_min:g} %", NAVY, 10, 6),
              (f"element minimum {element_min:g} %", GREY, 3, 4)]
    widths = [50 + _width(draw, text, small) for text, *_ in legend]
    x = WIDTH / 2 - (sum(widths) + 40) / 2
    y = HEIGHT - 30.0
    for (text, colour, dash, gap), width in zip(legend, widths, strict=True):
        start = x
        while start < x + 36:
            draw.line([(start, y), (min(start + dash, x + 36), y)], fill=colour, width=3)
            start += dash + gap
        draw.text((x + 44, y), text, fill="black", font=small, anchor="lm")
        x += width + 40
    image.save(out, format="PNG", optimize=False)
    return out
