"""Uploaded photos and logos, made light and private before they are stored.

People upload phone photos of several megabytes with GPS positions in their EXIF data; the
directory shows two dozen of them on a page read over slow connections. Every upload is
turned upright, scaled to fit 512 px and re-encoded, which also drops all metadata.
"""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps

MAX_SIDE = 512


def normalise(upload):
    """Return a new upload: upright, at most MAX_SIDE px, WebP (PNG for a logo with
    transparency is kept as WebP with alpha), without metadata."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        out = io.BytesIO()
        image.save(out, "WEBP", quality=82, method=4)
    name = f"{Path(upload.name).stem[:60] or 'image'}.webp"
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/webp")
