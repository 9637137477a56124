"""The EU check of a partnership: on the partnership page (which fetches it with htmx) and as a page of its own."""

from clubs_exchange.funding import bp
from clubs_exchange.funding.eu_check import MAX_SHOWN, eu_check
from clubs_exchange.htmx import render
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.permissions import get_or_404


@bp.get("/partners/<id:partner_id>/eu-check")
def eu_check_page(partner_id):
    partner = get_or_404(PartnerCity, partner_id)
    return render("funding/eu_check.html", "eu_check", partner=partner, check=eu_check(partner.id),
                  max_shown=MAX_SHOWN)
