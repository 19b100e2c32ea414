"""Draw the app icon and write the PNG set, the Windows .ico and the macOS .icns into resources/icons.

Run from the repo root: ``uv run --with pillow python packaging/make_icons.py``. The output is committed;
run this only when the design changes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64.0
    # rounded tile with a blue-teal gradient
    tile = QRectF(3 * s, 3 * s, 58 * s, 58 * s)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomRight())
    gradient.setColorAt(0.0, QColor("#2f6fde"))
    gradient.setColorAt(1.0, QColor("#18a999"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(gradient))
    p.drawRoundedRect(tile, 13 * s, 13 * s)
    # a contact card
    card = QRectF(12 * s, 17 * s, 40 * s, 30 * s)
    p.setBrush(QColor("#ffffff"))
    p.drawRoundedRect(card, 5 * s, 5 * s)
    # person: head and shoulders
    p.setBrush(QColor("#2f6fde"))
    p.drawEllipse(QPointF(23 * s, 28 * s), 4.6 * s, 4.6 * s)
    shoulders = QPainterPath()
    shoulders.moveTo(15.5 * s, 42 * s)
    shoulders.cubicTo(16 * s, 34.5 * s, 30 * s, 34.5 * s, 30.5 * s, 42 * s)
    shoulders.closeSubpath()
    p.drawPath(shoulders)
    # text lines
    if size >= 24:
        p.setPen(QPen(QColor("#9fb3c8"), max(1.0, 2.6 * s), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for y, length in ((26, 14), (32, 11), (38, 13)):
            p.drawLine(QPointF(34 * s, y * s), QPointF((34 + length) * s, y * s))
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        draw(size).save(str(OUT / f"cuedesk-contacts-{size}.png"))
    from PIL import Image

    big = Image.open(OUT / "cuedesk-contacts-1024.png")
    big.save(OUT / "cuedesk-contacts.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(OUT / "cuedesk-contacts.icns")
    (OUT / "cuedesk-contacts-1024.png").unlink()  # only needed as the source of .icns
    print(f"Icons written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
