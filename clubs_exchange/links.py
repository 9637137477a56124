"""Web addresses: those from data (a partner city's website) are taken or made links only if http(s); a path to
go back to after a step (`next`) only if it stays on this site."""

from urllib.parse import urlsplit

from markupsafe import Markup, escape


def web_address(text: str | None) -> bool:
    """An absolute http:// or https:// address with a host: never javascript:, data:, a relative or //host one."""
    text = (text or "").strip()
    if not text or any(c.isspace() or ord(c) < 32 for c in text):
        return False
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


def outside_link(address: str | None, text: str | None = None) -> Markup:
    """A link to another site that learns neither this window (noopener) nor the page it came from
    (noreferrer); an address that is not a web address, stored before it was checked, is shown as text."""
    address = (address or "").strip()
    label = text if text is not None else address
    if not web_address(address):
        return escape(label)
    return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(address, label)


def local_path(target: str | None) -> str | None:
    """`target` if it is a path of this site; None for anything a browser could take to another site
    (//host, /\\host, a scheme, control characters)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if not target.isprintable():
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
