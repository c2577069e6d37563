"""Checks that a figure file is a non-blank image of the stated size."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
from matplotlib import image as mpimg

from tests.export.conftest import small_graph  # noqa: F401  (the fixture)


def check_png(path: Path, width: float, height: float, dpi: int) -> None:
    """Pixel size = inches x dpi, and not every pixel the same colour."""
    pixels = mpimg.imread(path)
    assert pixels.shape[:2] == (round(height * dpi), round(width * dpi))
    flat = pixels.reshape(-1, pixels.shape[2])
    assert len(np.unique(flat, axis=0)) > 10


def check_svg(path: Path, width: float, height: float) -> None:
    """Width and height in points = inches x 72, and drawn paths inside."""
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert float(root.get("width").removesuffix("pt")) == width * 72
    assert float(root.get("height").removesuffix("pt")) == height * 72
    assert len(list(root.iter("{http://www.w3.org/2000/svg}path"))) > 10


def check_pdf(path: Path, width: float, height: float) -> None:
    """A PDF whose MediaBox is inches x 72 points, with content."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert box and (float(box.group(1)), float(box.group(2))) == (width * 72, height * 72)
    assert len(data) > 2000
