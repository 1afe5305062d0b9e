"""Small real images made with Pillow, for the logo tests."""

import io

from PIL import Image


def image_bytes(image_format: str = "PNG", size: tuple[int, int] = (40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 90, 160)).save(buffer, format=image_format)
    return buffer.getvalue()
