from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# A few kilobytes of PNG can declare a huge canvas; decoding it would take gigabytes. 40
# megapixels is more than any phone camera.
MAX_IMAGE_PIXELS = 40_000_000


def validate_image_upload(file):
    """Refuse oversized and non-image uploads with a message that says what to do."""
    if not file or not hasattr(file, "size"):
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
