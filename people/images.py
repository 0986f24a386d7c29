"""Uploaded photos and logos, made light and private before they are stored.

People upload phone photos of several megabytes with GPS positions in their EXIF data; the
directory shows two dozen of them on a page read over slow connections. Every upload is
scaled to fit 512 px, turned upright and re-encoded as WebP, which also drops all metadata.
"""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps

MAX_SIDE = 512


def normalise(upload):
    """Return a new upload: at most MAX_SIDE px, upright, WebP, without metadata."""
    upload.seek(0)
    with Image.open(upload) as image:
        # Scale first: JPEGs then decode at reduced size (draft), so a 40-megapixel photo
        # costs a few megabytes of memory, not hundreds.
        image.draft("RGB", (MAX_SIDE * 2, MAX_SIDE * 2))
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "RGBA"):
            transparent = "A" in image.getbands() or "transparency" in image.info
            image = image.convert("RGBA" if transparent else "RGB")
        out = io.BytesIO()
        image.save(out, "WEBP", quality=82, method=4)
    name = f"{Path(upload.name).stem[:60] or 'image'}.webp"
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/webp")
