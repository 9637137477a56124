"""Web addresses that come from data (a partner city's website): only http(s) ones are taken or made links."""

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
