"""The one way lists page: ?page= read by the one parser, and a page past the end shows the last page.

"Page 8 of 7" is never shown; 10²⁰, "²" or "abc" are never a 500. A page within the list costs the same two
queries as before (the items and the count; one when the caller knows the count); only a page past the end
costs two more.
"""

from flask import current_app, request
from flask_sqlalchemy.pagination import Pagination

from clubs_exchange.extensions import db
from clubs_exchange.ids import MAX_ID, parse_int

# Far beyond any list, yet an OFFSET the databases take (× a page size stays within 64 bits).
MAX_PAGE = 1_000_000


def requested_page() -> int:
    """The ?page= asked for: 1 when it is not a number; a number too large for any list is the last page."""
    text = (request.args.get("page") or "").strip()
    page = parse_int(text, maximum=MAX_ID)
    if page is None:
        too_large = text.isascii() and text.isdigit() and text.strip("0") != ""
        return MAX_PAGE if too_large else 1
    return min(page, MAX_PAGE)


def paginate(query, *, per_page: int | None = None, total: int | None = None) -> Pagination:
    """A page of the query as the address asks (PAGE_SIZE a page unless told); past the end, the last page.

    `total`: the number of rows of the query when the caller already knows it (the review queue's kept counts
    per state), so the count query is left out."""
    per_page = per_page or current_app.config["PAGE_SIZE"]

    def page_of(number: int) -> Pagination:
        page = db.paginate(query, page=number, per_page=per_page, max_per_page=per_page, error_out=False,
                           count=total is None)
        if total is not None:
            page.total = total
        return page

    page = page_of(requested_page())
    if page.page > page.pages >= 1:
        page = page_of(page.pages)
    return page
