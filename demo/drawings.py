"""Pictures of the demo, drawn with Pillow shapes so the demo fetches no files: the event pages' illustrations
and the receipts of the costs. What a picture shows (a banner's words, where the wind turbines stand, which
flags are on the table) is described in the data files (`demo/data/press.toml`); how it is drawn lives here.
"""

import io
import math

from PIL import Image, ImageDraw, ImageFont

SIZE = (1600, 1067)
KLEVE_BLUE = (0, 84, 147)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # DejaVu ships with Debian; elsewhere Pillow's own bundled font keeps the banner legible.
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _vertical_gradient(draw: ImageDraw.ImageDraw, box, top, bottom) -> None:
    left, upper, right, lower = box
    height = lower - upper
    for row in range(height):
        share = row / max(height - 1, 1)
        colour = tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))
        draw.line([(left, upper + row), (right, upper + row)], fill=colour)


def _colour(value: str) -> tuple[int, int, int]:
    """A colour written as in CSS, "#0057b7"."""
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def stage(*, banner: str) -> Image.Image:
    """A stage with curtains, a lectern and a banner with the given words, seen from the audience."""
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    _vertical_gradient(draw, (0, 0, width, height), (20, 24, 48), (48, 40, 70))
    # Stage floor and its front edge.
    draw.polygon([(120, 760), (1480, 760), (1600, 900), (0, 900)], fill=(122, 82, 48))
    draw.rectangle([0, 900, width, 940], fill=(80, 52, 30))
    # Curtains, folds drawn as darker stripes.
    for left in (0, 1340):
        draw.rectangle([left, 0, left + 260, 800], fill=(150, 20, 40))
        for fold in range(left + 20, left + 260, 45):
            draw.rectangle([fold, 0, fold + 12, 800], fill=(115, 12, 30))
    draw.rectangle([0, 0, width, 90], fill=(130, 16, 34))
    # Spotlights: translucent cones over the lectern.
    light = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    light_draw = ImageDraw.Draw(light)
    for x_top, x_bottom in ((520, 760), (1080, 860)):
        light_draw.polygon(
            [(x_top - 30, 90), (x_top + 30, 90), (x_bottom + 170, 880), (x_bottom - 170, 880)],
            fill=(255, 240, 190, 55),
        )
    image.paste(light, (0, 0), light)
    draw = ImageDraw.Draw(image)
    # The banner with the anniversary.
    draw.rectangle([330, 150, 1270, 390], fill=(250, 250, 245), outline=KLEVE_BLUE, width=10)
    text = banner
    size = 96
    while True:  # the largest type that leaves a margin inside the banner, whatever font this machine has
        font = _font(size)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        if right - left <= 820 or size <= 24:
            break
        size -= 4
    draw.text(
        ((width - (right - left)) / 2, 270 - (bottom - top) / 2 - top), text, fill=KLEVE_BLUE, font=font
    )
    # Lectern with a small microphone.
    draw.polygon([(740, 560), (900, 560), (880, 800), (760, 800)], fill=(92, 60, 36))
    draw.rectangle([720, 540, 920, 575], fill=(110, 74, 44))
    draw.line([(820, 540), (850, 470)], fill=(40, 40, 40), width=6)
    draw.ellipse([840, 455, 866, 481], fill=(30, 30, 30))
    # Flowers at the edge of the stage.
    for x in (300, 1300):
        draw.rectangle([x - 40, 800, x + 40, 880], fill=(60, 60, 70))
        for dx, dy, colour in (
            (-30, -20, (240, 200, 40)),
            (0, -45, (230, 90, 120)),
            (30, -20, (250, 250, 250)),
        ):
            draw.ellipse([x + dx - 28, 790 + dy - 28, x + dx + 28, 790 + dy + 28], fill=colour)
    # Heads of the audience in the foreground.
    for row, (y, radius) in enumerate(((950, 44), (1010, 50))):
        for x in range(60 + row * 60, width, 120):
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(12, 12, 22))
            draw.rectangle([x - radius - 10, y + radius - 8, x + radius + 10, height], fill=(12, 12, 22))
    return image


def _wind_turbine(draw: ImageDraw.ImageDraw, x: int, ground: int, height: int, angle: float) -> None:
    hub = (x, ground - height)
    draw.polygon([(x - 14, ground), (x + 14, ground), (x + 6, hub[1]), (x - 6, hub[1])], fill=(238, 240, 242))
    blade = height * 0.45
    for index in range(3):
        theta = math.radians(angle + index * 120)
        tip = (hub[0] + blade * math.cos(theta), hub[1] + blade * math.sin(theta))
        side = math.radians(angle + index * 120 + 90)
        root_a = (hub[0] + 9 * math.cos(side), hub[1] + 9 * math.sin(side))
        root_b = (hub[0] - 9 * math.cos(side), hub[1] - 9 * math.sin(side))
        draw.polygon([root_a, tip, root_b], fill=(250, 250, 252), outline=(190, 196, 204))
    draw.rectangle([hub[0] - 10, hub[1] - 12, hub[0] + 34, hub[1] + 12], fill=(225, 228, 232))
    draw.ellipse([hub[0] - 14, hub[1] - 14, hub[0] + 14, hub[1] + 14], fill=(205, 210, 216))


def wind_farm(*, turbines: list[dict]) -> Image.Image:
    """Wind turbines over the flat fields of the Lower Rhine under a wide sky.

    Each turbine: `x` (where it stands), `height` (of the hub above the ground, in pixels) and `angle` (of the
    first blade, in degrees).
    """
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    width = SIZE[0]
    horizon = 700
    _vertical_gradient(draw, (0, 0, width, horizon), (86, 150, 214), (196, 226, 244))
    for cx, cy, scale in ((260, 180, 1.0), (980, 120, 1.3), (1380, 260, 0.8)):
        for dx, dy, r in ((0, 0, 60), (60, -25, 70), (130, 0, 55), (65, 20, 60)):
            r = r * scale
            draw.ellipse(
                [cx + dx * scale - r, cy + dy * scale - r, cx + dx * scale + r, cy + dy * scale + r],
                fill=(250, 252, 255),
            )
    # Fields in strips, darker towards the viewer.
    stripes = [(120, 170, 70), (150, 190, 80), (104, 150, 60), (176, 160, 90), (90, 140, 56), (130, 176, 72)]
    y = horizon
    for index, depth in enumerate((30, 45, 65, 90, 120, 130)):
        draw.rectangle([0, y, width, y + depth], fill=stripes[index % len(stripes)])
        y += depth
    # A row of poplars along a farm track.
    for x in range(40, width, 95):
        draw.ellipse([x - 16, horizon - 70, x + 16, horizon + 4], fill=(58, 100, 48))
    # The farther a turbine (the lower it is drawn), the closer its foot to the horizon.
    for turbine in sorted(turbines, key=lambda t: -t["height"]):
        ground = horizon + max(5, round(turbine["height"] / 24))
        _wind_turbine(draw, turbine["x"], ground, turbine["height"], turbine["angle"])
    return image


def _flag(draw: ImageDraw.ImageDraw, x: int, y: int, colours: list[tuple[int, int, int]]) -> None:
    draw.line([(x, y), (x, y + 230)], fill=(180, 180, 186), width=8)
    stripe = 130 // len(colours)
    for index, colour in enumerate(colours):
        draw.rectangle([x + 4, y + index * stripe, x + 200, y + (index + 1) * stripe], fill=colour)
    draw.ellipse([x - 40, y + 220, x + 40, y + 245], fill=(150, 150, 156))


def meeting_table(*, flags: list[list[str]]) -> Image.Image:
    """A meeting table with table flags in front of a bright window; each flag its stripes, top to bottom."""
    image = Image.new("RGB", SIZE, (226, 222, 212))
    draw = ImageDraw.Draw(image)
    height = SIZE[1]
    # Window with a view of green and sky.
    draw.rectangle([400, 90, 1200, 520], fill=(255, 255, 255))
    _vertical_gradient(draw, (420, 110, 1180, 500), (150, 196, 236), (206, 230, 246))
    draw.rectangle([420, 420, 1180, 500], fill=(110, 160, 84))
    draw.line([(800, 110), (800, 500)], fill=(255, 255, 255), width=14)
    draw.line([(420, 300), (1180, 300)], fill=(255, 255, 255), width=14)
    # Table.
    draw.polygon([(140, 700), (1460, 700), (1600, height), (0, height)], fill=(126, 86, 52))
    draw.rectangle([140, 680, 1460, 706], fill=(146, 102, 64))
    for index, stripes in enumerate(flags):
        x = 710 - 150 * (len(flags) - 1) + 300 * index
        _flag(draw, x, 470, [_colour(stripe) for stripe in stripes])
    # Glasses, notepads and a name card without a name.
    for x in (300, 1240):
        draw.rectangle([x, 760, x + 200, 900], fill=(250, 250, 246))
        for line in range(785, 890, 22):
            draw.line([(x + 20, line), (x + 180, line)], fill=(180, 190, 210), width=3)
    for x in (520, 1080):
        draw.rectangle([x, 740, x + 50, 830], fill=(214, 232, 240), outline=(170, 190, 200), width=3)
    draw.polygon([(700, 880), (900, 880), (880, 820), (720, 820)], fill=(245, 245, 240))
    return image


SCENES = {"stage": stage, "wind_farm": wind_farm, "meeting_table": meeting_table}


def draw(drawing: dict) -> Image.Image:
    """The picture a photo's `drawing` describes: its `scene` and that scene's particulars."""
    particulars = {name: value for name, value in drawing.items() if name != "scene"}
    return SCENES[drawing["scene"]](**particulars)


def receipt_png(*, payee: str, spent_on, description: str, amount) -> bytes:
    """A small till receipt: payee, date, what and how much."""
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 16)
    except OSError:
        font = ImageFont.load_default(size=16)
    image = Image.new("RGB", (420, 260), "white")
    pen = ImageDraw.Draw(image)
    lines = [
        payee,
        f"{spent_on:%d.%m.%Y}",
        "",
        description[:44],
        description[44:88],
        "",
        f"Summe EUR {amount:.2f}".replace(".", ","),
        "Demo-Beleg",
    ]
    for row, text in enumerate(lines):
        pen.text((16, 14 + row * 28), text, fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def as_jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=86, optimize=True)
    return buffer.getvalue()
