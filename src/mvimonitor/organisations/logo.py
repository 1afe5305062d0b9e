"""The organisation's logo: which images are accepted, and the logo as a `data:` URI
for documents that must carry it inside them (the PDF)."""

import base64
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

from mvimonitor.organisations.models import Organisation

LOGO_MAX_BYTES = 500 * 1024
LOGO_MAX_PIXELS = 2000
# Pillow's format name -> the content type the logo is served with. Raster images only:
# an SVG can carry script.
LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


def _not_an_image() -> ValidationError:
    return ValidationError(
        {"logo": _("The logo must be a PNG or JPEG image; this file is not one.")}
    )


def logo_content_type(content: bytes) -> str:
    """The content type of `content` if it is a PNG or JPEG within the limits;
    otherwise a ValidationError (on the field "logo") that says what is wrong."""
    if not content:
        raise ValidationError({"logo": _("Choose an image file for the logo.")})
    if len(content) > LOGO_MAX_BYTES:
        raise ValidationError(
            {"logo": _("The logo may be at most %(size)s kB.") % {"size": LOGO_MAX_BYTES // 1024}}
        )
    try:
        with Image.open(io.BytesIO(content)) as image:
            image_format, (width, height) = image.format, image.size
            image.verify()  # reads the whole file: catches damaged images
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise _not_an_image() from error
    if image_format not in LOGO_FORMATS:
        raise _not_an_image()
    if width > LOGO_MAX_PIXELS or height > LOGO_MAX_PIXELS:
        raise ValidationError(
            {
                "logo": _("The logo may be at most %(max)s by %(max)s pixels.")
                % {"max": LOGO_MAX_PIXELS}
            }
        )
    return LOGO_FORMATS[image_format]


def logo_data_uri(organisation: Organisation) -> str:
    """The logo as a base64 `data:` URI, or "" without a logo. Reads the image only
    when there is one (it may be deferred)."""
    if not organisation.has_logo:
        return ""
    encoded = base64.b64encode(bytes(organisation.logo)).decode("ascii")
    return f"data:{organisation.logo_content_type};base64,{encoded}"
