"""A map sketch drawn by the application itself: one place among others, with a scale, as inline SVG.

No tiles and no third party: the places are dots in Web Mercator (so north is up and angles are true), the
scale bar is a round number of kilometres, and a text alternative names the coordinates.
"""

import dataclasses
import math

from .maplinks import Point

WIDTH, HEIGHT, MARGIN = 480, 320, 24
EARTH_CIRCUMFERENCE_KM = 40075.016686
# The least width a sketch shows, so a lone place or a close group is not blown up to a street's scale.
MIN_SPAN_KM = 2.0


@dataclasses.dataclass(frozen=True)
class Place:
    name: str
    point: Point


@dataclasses.dataclass(frozen=True)
class Dot:
    name: str
    x: float
    y: float


@dataclasses.dataclass(frozen=True)
class Sketch:
    width: int
    height: int
    here: Dot
    others: list[Dot]
    scale_km: float
    scale_px: float

    @property
    def scale_label(self) -> str:
        return f"{self.scale_km:g} km"

    @property
    def scale_y(self) -> float:
        return self.height - 12

    @property
    def scale_end(self) -> float:
        return 12 + self.scale_px

    @property
    def north_x(self) -> int:
        return self.width - 16


def _mercator(point: Point) -> tuple[float, float]:
    """The point in world units: x from 0 (180° W) to 1, y from 0 (north) to 1."""
    latitude = math.radians(max(min(float(point.latitude), 85.05), -85.05))
    x = (float(point.longitude) + 180) / 360
    y = (1 - math.log(math.tan(latitude) + 1 / math.cos(latitude)) / math.pi) / 2
    return x, y


def _round_length(km: float) -> float:
    """The largest of 1, 2, 5 times a power of ten not above `km`."""
    power = 10 ** math.floor(math.log10(km))
    return next(step * power for step in (5, 2, 1) if step * power <= km)


def sketch(here: Place, others: list[Place]) -> Sketch:
    """`here` among `others`, fitted into the drawing with a margin; the scale bar about a quarter wide."""
    points = [_mercator(place.point) for place in (here, *others)]
    km_per_unit = EARTH_CIRCUMFERENCE_KM * math.cos(math.radians(float(here.point.latitude)))
    min_span = MIN_SPAN_KM / km_per_unit
    xs, ys = [x for x, _ in points], [y for _, y in points]
    centre_x, centre_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    span_x, span_y = max(max(xs) - min(xs), min_span), max(max(ys) - min(ys), min_span)
    pixels_per_unit = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)

    def dot(place: Place, xy: tuple[float, float]) -> Dot:
        return Dot(
            place.name,
            round(WIDTH / 2 + (xy[0] - centre_x) * pixels_per_unit, 1),
            round(HEIGHT / 2 + (xy[1] - centre_y) * pixels_per_unit, 1),
        )

    pixels_per_km = pixels_per_unit / km_per_unit
    scale_km = _round_length(WIDTH / 4 / pixels_per_km)
    return Sketch(
        width=WIDTH,
        height=HEIGHT,
        here=dot(here, points[0]),
        others=[dot(place, xy) for place, xy in zip(others, points[1:], strict=True)],
        scale_km=scale_km,
        scale_px=round(scale_km * pixels_per_km, 1),
    )
