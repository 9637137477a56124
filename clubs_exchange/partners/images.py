"""A partner city's coat of arms or photo, and the home city's coat of arms: raster images only, recognised by their
first bytes, kept in instance/."""

import secrets
import warnings
from io import BytesIO
from pathlib import Path

from flask import current_app
from flask_babel import format_decimal
from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError

from clubs_exchange.partners.errors import PartnerError
from clubs_exchange.partners.models import PartnerCity

# The file's own signature decides, not its name or the browser's word: no SVG (it can carry scripts).
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
)


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a PNG, JPEG, GIF or WebP file from its first bytes, else None."""
    for signature, content_type, extension in SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", "webp"
    return None


def image_folder() -> Path:
    return Path(current_app.instance_path) / "partner_images"


def image_path(partner: PartnerCity) -> Path | None:
    if not partner.image_filename:
        return None
    path = image_folder() / partner.image_filename
    return path if path.is_file() else None


def image_size(data: bytes, *, max_pixels: int) -> tuple[int, int]:
    """(width, height) from the file's header, without decoding a pixel; a PartnerError if Pillow cannot read
    the picture or it has more than max_pixels pixels (the file may be tiny: pixels of one colour compress to
    nothing, and every browser that shows it decodes them all)."""
    Image.MAX_IMAGE_PIXELS = max_pixels  # anything that would decode a picture later refuses such a one too
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as picture:
                width, height = picture.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        width, height = _header_size(data)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise PartnerError(_("This file is not a picture that can be read."), "image") from None
    if width * height > max_pixels:
        raise PartnerError(_(
            "The picture is %(width)s × %(height)s pixels; at most %(pixels)s million pixels are taken. Make it "
            "smaller and upload it again.",
            width=format_decimal(width), height=format_decimal(height), pixels=format_decimal(max_pixels / 1e6),
        ), "image")
    return width, height


def _header_size(data: bytes) -> tuple[int, int]:
    """The size Pillow refused to open beyond Image.MAX_IMAGE_PIXELS, read again with the limit lifted: opening
    reads the header only."""
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        with Image.open(BytesIO(data)) as picture:
            return picture.size
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def read_image(upload, *, max_bytes: int) -> tuple[bytes, str, str]:
    """(data, content type, extension) of an uploaded picture (a werkzeug FileStorage), or a PartnerError."""
    data = upload.read(max_bytes + 1)
    if not data:
        raise PartnerError(_("The file is empty."), "image")
    if len(data) > max_bytes:
        raise PartnerError(_("The file is larger than %(size)s kB.", size=max_bytes // 1000), "image")
    kind = sniff(data[:16])
    if kind is None:
        raise PartnerError(_("Only PNG, JPEG, GIF or WebP pictures can be uploaded."), "image")
    image_size(data, max_pixels=current_app.config["PARTNER_IMAGE_MAX_PIXELS"])
    return data, *kind


def save_image(partner: PartnerCity, upload, *, max_bytes: int) -> None:
    """Store the uploaded file under a name of our own; replaces the previous one."""
    data, content_type, extension = read_image(upload, max_bytes=max_bytes)
    folder = image_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{partner.id}-{secrets.token_hex(8)}.{extension}"
    (folder / name).write_bytes(data)
    old = image_path(partner)
    partner.image_filename, partner.image_type = name, content_type
    if old is not None:
        old.unlink(missing_ok=True)


# The home city has one coat of arms: a file of that name (whatever its kind) beside the partners' pictures.
CITY_IMAGE = "home-city-arms"


def city_image() -> tuple[Path, str] | None:
    """(path, content type) of the home city's coat of arms, if one was uploaded."""
    for path in sorted(image_folder().glob(f"{CITY_IMAGE}.*")):
        with path.open("rb") as file:
            kind = sniff(file.read(16))
        if kind is not None:
            return path, kind[0]
    return None


def save_city_image(upload, *, max_bytes: int) -> None:
    data, _content_type, extension = read_image(upload, max_bytes=max_bytes)
    folder = image_folder()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{CITY_IMAGE}.*"):
        old.unlink(missing_ok=True)
    (folder / f"{CITY_IMAGE}.{extension}").write_bytes(data)
