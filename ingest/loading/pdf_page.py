"""Reading one PDF page with pdfium: its characters, ruling segments and images.

Coordinates are those of the page as displayed (points, origin top-left, y down), in pdfplumber's
conventions, so that pdfplumber's table finder can work on the ruling segments.

Every character keeps two vertical positions:
- its box (``top``, ``bottom``): pdfium's loose box, from the font's ascent to its descent. Some
  fonts carry no usable metrics and pdfium then gives the box of the ink, tight around the glyph:
  一, ：, 、, the dash of 二 and the decimal point are then a sliver high in the line or low at
  its foot;
- its ``baseline``: where the glyph stands, from the text matrix, whatever its ink or metrics.
  Lines are grouped by baseline (pdf_text.py), so a thin glyph stays on its line in every font.
A character's ``x0`` is where it starts (its origin), never the left edge of its ink.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

STRAIGHT = 0.5  # a path segment within this of horizontal/vertical is a ruling line (points)


@dataclass
class PageContent:
    """What a page holds, in pdfplumber's conventions (points, origin top-left; dicts as pdfplumber's)."""

    chars: list[dict]  # text, x0, x1, top, bottom, baseline
    edges: list[dict]  # horizontal and vertical ruling segments
    images: float  # area the page's images cover (square points; 0 when it has none)
    unmapped: int  # glyphs the font does not map to Unicode
    rotated: int  # glyphs not upright on the page (a stamp, a watermark, or a page printed sideways)
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True)
class _View:
    """Page space (PDF units, y up) -> the page as displayed (y down from its top-left corner).

    /Rotate turns the displayed page clockwise by 0/90/180/270 degrees: a landscape table is often
    a portrait page with /Rotate 90 whose text is drawn sideways so that it reads upright.
    """

    rotation: int
    left: float
    bottom: float
    width: float  # of the unrotated page
    height: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.left, y - self.bottom
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.width - x, y
        if self.rotation == 270:
            return self.height - y, self.width - x
        return x, self.height - y

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) on the displayed page of a page-space rectangle."""
        (ax, ay), (bx, by) = self.point(x0, y0), self.point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    def upright(self, angle: float) -> bool:
        """Whether a glyph at pdfium's angle (radians, clockwise in page space) reads upright when displayed."""
        expected = math.radians((360 - self.rotation) % 360)
        difference = abs(angle - expected) % (2 * math.pi)
        return min(difference, 2 * math.pi - difference) < 0.01

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        if self.rotation in (90, 270):
            return 0.0, 0.0, self.height, self.width
        return 0.0, 0.0, self.width, self.height


def read_page(pdf: pdfium.PdfDocument, index: int) -> PageContent:
    page = pdf[index]
    try:
        left, bottom, right, top = page.get_bbox()
        view = _View(page.get_rotation() % 360, left, bottom, right - left, top - bottom)
        textpage = page.get_textpage()
        try:
            chars, unmapped, rotated = _chars(textpage, view)
        finally:
            textpage.close()
        edges: list[dict] = []
        images = _walk_objects(page, edges, view)
        return PageContent(chars, edges, images, unmapped, rotated, view.bbox)
    finally:
        page.close()


def _chars(textpage: pdfium.PdfTextPage, view: _View) -> tuple[list[dict], int, int]:
    """Printed characters with their boxes and baselines on the displayed page, upright text only."""
    raw = textpage.raw
    chars: list[dict] = []
    unmapped = rotated = 0
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
            continue  # spaces and line breaks pdfium infers; we infer our own from positions
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if pdfium_c.FPDFText_HasUnicodeMapError(raw, i) == 1 or code in (0, 0xFFFD):
            unmapped += 1
            continue
        if code < 32 or 0xD800 <= code <= 0xDFFF:
            continue
        if not view.upright(pdfium_c.FPDFText_GetCharAngle(raw, i)):
            rotated += 1
            continue
        x0, top, x1, bottom = view.box(*textpage.get_charbox(i, loose=True))
        pdfium_c.FPDFText_GetCharOrigin(raw, i, origin_x, origin_y)
        x, baseline = view.point(origin_x.value, origin_y.value)
        chars.append(
            {"text": chr(code), "x0": min(x0, x), "x1": x1, "top": top, "bottom": bottom, "baseline": baseline}
        )
    return chars, unmapped, rotated


def _walk_objects(page: pdfium.PdfPage, edges: list[dict], view: _View) -> float:
    """Collect the ruling segments of every path (inside forms too); return the area images cover."""
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    objects = [pdfium_c.FPDFPage_GetObject(page.raw, i) for i in range(count)]
    return _walk(objects, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), edges, view)


def _walk(objects: list, outer: tuple[float, ...], edges: list[dict], view: _View) -> float:
    images = 0.0
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            a, b, c, d, _, _ = _compose(_matrix(obj), outer)  # an image fills the unit square
            images += max(abs(a * d - b * c), 1.0)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_edges(obj, _compose(_matrix(obj), outer), edges, view)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            inner = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
            images += _walk(inner, _compose(_matrix(obj), outer), edges, view)
    return images


def _matrix(obj) -> tuple[float, ...]:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying `inner` then `outer` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_edges(obj, matrix: tuple[float, ...], edges: list[dict], view: _View) -> None:
    """Straight horizontal and vertical segments of a path, as pdfplumber's edge dicts."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    start = prev = None
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = view.point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
            _add_edge(prev, point, edges)
        prev = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            _add_edge(point, start, edges)
            prev = start


def _add_edge(p: tuple[float, float], q: tuple[float, float], edges: list[dict]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) <= STRAIGHT and abs(x1 - x0) > STRAIGHT:
        x0, x1 = min(x0, x1), max(x0, x1)
        edges.append(
            {"x0": x0, "x1": x1, "top": y0, "bottom": y0, "width": x1 - x0, "height": 0.0}
            | {"orientation": "h", "object_type": "line"}
        )
    elif abs(x1 - x0) <= STRAIGHT and abs(y1 - y0) > STRAIGHT:
        top, bottom = min(y0, y1), max(y0, y1)
        edges.append(
            {"x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top}
            | {"orientation": "v", "object_type": "line"}
        )
