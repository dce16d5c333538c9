"""Scanned copies of a PDF: pages rendered to images at a chosen dpi, the marks of an office scanner
added (a slight skew, sensor noise and dust, uneven exposure, JPEG artefacts), and the images
wrapped into an image-only PDF with no text layer. The noise is drawn from a seeded generator, so
the same page gives the same scan."""

from __future__ import annotations

import io
import random
import time
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image, ImageFilter


def scan_page(image: Image.Image, rng: random.Random) -> Image.Image:
    gray = image.convert("L")
    angle = rng.uniform(-0.9, 0.9)
    gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    pixels = np.asarray(gray, dtype=np.float32)
    noise = np.random.default_rng(rng.randrange(2**32))
    height, width = pixels.shape
    # exposure falling off towards one edge, sensor noise, a little dust
    ramp = np.linspace(0, rng.uniform(6, 18), width, dtype=np.float32)[None, :]
    pixels = pixels - ramp + noise.normal(0, rng.uniform(4, 9), pixels.shape).astype(np.float32)
    dust = noise.random(pixels.shape) < 0.0004
    pixels[dust] = noise.uniform(0, 120, int(dust.sum()))
    gray = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    if rng.random() < 0.5:
        gray = gray.filter(ImageFilter.GaussianBlur(radius=0.5))
    buffer = io.BytesIO()
    gray.save(buffer, "JPEG", quality=rng.randint(55, 80))
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def scan_pdf(source: Path, target: Path, dpi: int, seed: str) -> None:
    rng = random.Random(seed)
    pdf = pypdfium2.PdfDocument(str(source))
    pages = []
    for i in range(len(pdf)):
        image = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil()
        pages.append(scan_page(image, rng))
    pdf.close()
    first, rest = pages[0], pages[1:]
    stamp = time.gmtime(1_751_274_000)  # 2025-06-30 09:00 UTC
    first.save(
        target,
        "PDF",
        save_all=True,
        append_images=rest,
        resolution=float(dpi),
        title="",
        producer="",
        creationDate=stamp,
        modDate=stamp,
    )
