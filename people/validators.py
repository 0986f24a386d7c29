from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# A few kilobytes of PNG can declare a huge canvas; decoding it would take gigabytes. 24
# megapixels covers ordinary phone photos (larger JPEGs decode at reduced size anyway).
MAX_IMAGE_PIXELS = 24_000_000


def validate_image_upload(file):
    """Refuse oversized and non-image uploads with a message that says what to do."""
    # Only a new upload is checked: a stored file is not re-read from storage on every save
    # (and a missing one must not make the whole form fail).
    if not file or not (
        isinstance(file, UploadedFile) or getattr(file, "_committed", True) is False
    ):
        return
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if file.size and file.size > limit:
        raise ValidationError(
            _("This image is %(size)s; the limit is %(limit)s. Please upload a smaller one.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)}
        )
    image = getattr(file, "image", None)
    if image is not None and image.format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF image."))
    if image is not None and image.width * image.height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("This image is %(width)s × %(height)s pixels; please upload a smaller one.")
            % {"width": image.width, "height": image.height}
        )
