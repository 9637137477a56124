"""A partner city's coat of arms or photo: raster images only, recognised by their first bytes, kept in instance/."""

import secrets
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

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


def save_image(partner: PartnerCity, upload, *, max_bytes: int) -> None:
    """Store the uploaded file (a werkzeug FileStorage) under a name of our own; replaces the previous one."""
    data = upload.read(max_bytes + 1)
    if not data:
        raise PartnerError(_("The file is empty."), "image")
    if len(data) > max_bytes:
        raise PartnerError(_("The file is larger than %(size)s kB.", size=max_bytes // 1000), "image")
    kind = sniff(data[:16])
    if kind is None:
        raise PartnerError(_("Only PNG, JPEG, GIF or WebP pictures can be uploaded."), "image")
    content_type, extension = kind
    folder = image_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{partner.id}-{secrets.token_hex(8)}.{extension}"
    (folder / name).write_bytes(data)
    old = image_path(partner)
    partner.image_filename, partner.image_type = name, content_type
    if old is not None:
        old.unlink(missing_ok=True)
