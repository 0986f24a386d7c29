"""Checking an uploaded attachment: what it really is (read from its bytes, not its name),
and its size. Images must decode with Pillow; documents must be one of a few office and
text formats. The content type stored is the one we determined, and it is what the file is
served with."""

import os

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
TEXT_TYPES = {"txt": "text/plain", "csv": "text/csv"}
MAX_PIXELS = 24_000_000


def check(upload):
    """(kind, content type) of an acceptable upload; ValidationError with a message that
    says what to do otherwise."""
    limit = settings.FORUM_MAX_ATTACHMENT_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("%(name)s is %(size)s; the limit is %(limit)s per file.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            }
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            fmt, width, height = image.format, image.width, image.height
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("%(name)s has too many pixels; please upload a smaller image.")
                    % {"name": upload.name}
                )
            image.verify()
        upload.seek(0)
        if fmt in IMAGE_TYPES:
            return "image", IMAGE_TYPES[fmt]
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001, S110 - not an image: try the document types
        upload.seek(0)
    guess = filetype.guess(head)
    ext = os.path.splitext(upload.name)[1].lower().lstrip(".")
    if guess is not None and guess.extension in DOCUMENT_TYPES:
        return "document", DOCUMENT_TYPES[guess.extension]
    if guess is None and ext in TEXT_TYPES:
        try:
            upload.read().decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            upload.seek(0)
            return "document", TEXT_TYPES[ext]
        upload.seek(0)
    raise ValidationError(
        _(
            "%(name)s is not a file type we accept. Attach a JPEG, PNG, WebP or GIF image, or a "
            "PDF, Word, Excel, PowerPoint, OpenDocument, text or CSV document."
        )
        % {"name": upload.name}
    )
