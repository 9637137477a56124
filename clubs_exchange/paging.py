"""The one way lists page: ?page= read by the one parser, and a page past the end shows the last page.

"Page 8 of 7" is never shown; 10²⁰, "²" or "abc" are never a 500. A page within the list costs the same two
queries as before (the items and the count; one when the caller knows the count); only a page past the end
costs two more.
"""

import sqlalchemy as sa
from flask import current_app, request
from flask_sqlalchemy.pagination import Pagination, SelectPagination

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


class IdsFirstPagination(SelectPagination):
    """The page's rows in one query as before, but picked by their ids first: `ids` selects the primary key in
    the query's order, which the database sorts from an index alone; only the page's rows are then read with
    their joins (the query's own sort of joined wide rows read every matching row)."""

    def _query_items(self) -> list:
        select, ids, key = self._query_args["select"], self._query_args["ids"], self._query_args["key"]
        chosen = ids.limit(self.per_page).offset(self._query_offset).scalar_subquery()
        return list(self._query_args["session"].execute(select.where(key.in_(chosen))).unique().scalars())


def paginate(query, *, per_page: int | None = None, total: int | None = None, ids: sa.Select | None = None,
             key=None) -> Pagination:
    """A page of the query as the address asks (PAGE_SIZE a page unless told); past the end, the last page.

    `total`: the number of rows of the query when the caller already knows it (the review queue's kept counts
    per state), so the count query is left out. `ids` (with `key`, the column it selects): the same rows'
    primary keys in the same order, for IdsFirstPagination; the same number of queries."""
    per_page = per_page or current_app.config["PAGE_SIZE"]

    def page_of(number: int) -> Pagination:
        options = dict(page=number, per_page=per_page, max_per_page=per_page, error_out=False, count=total is None)
        if ids is None:
            page = db.paginate(query, **options)
        else:
            page = IdsFirstPagination(select=query, ids=ids, key=key, session=db.session(), **options)
        if total is not None:
            page.total = total
        return page

    page = page_of(requested_page())
    if page.page > page.pages >= 1:
        page = page_of(page.pages)
    return page
