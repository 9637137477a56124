"""The funding schemes pages: the twinning office keeps the schemes; organisations never edit them."""

import sqlalchemy as sa
from flask_babel import gettext as _

from clubs_exchange import clock
from clubs_exchange.errors import done
from clubs_exchange.extensions import db
from clubs_exchange.forms import form_status
from clubs_exchange.funding import bp
from clubs_exchange.funding.applications import refresh_scheme
from clubs_exchange.funding.forms import INT_FIELDS, MONEY_FIELDS, SchemeForm, bands_text, rates_text
from clubs_exchange.funding.labels import (
    DAY_COUNTING_LABELS,
    DIRECTION_LABELS,
    KIND_LABELS,
    ROUNDING_LABELS,
    SCHEME_FIELD_LABELS,
    label_of,
)
from clubs_exchange.funding.models import FundingScheme
from clubs_exchange.funding.terms import AmountKind, DayCounting, Rounding
from clubs_exchange.htmx import render
from clubs_exchange.permissions import get_or_404, staff_only

staff_only(bp)


@bp.get("/schemes")
def schemes():
    rows = db.session.scalars(sa.select(FundingScheme).order_by(FundingScheme.active.desc(), FundingScheme.funder,
                                                                FundingScheme.name)).all()
    return render("funding/schemes.html", schemes=rows, kind_labels=KIND_LABELS, label_of=label_of)


@bp.get("/schemes/<id:scheme_id>")
def show(scheme_id):
    scheme = db.session.scalar(sa.select(FundingScheme).where(FundingScheme.id == scheme_id).options(
        sa.orm.selectinload(FundingScheme.rates), sa.orm.selectinload(FundingScheme.bands)))
    if scheme is None:
        get_or_404(FundingScheme, None)
    return render("funding/show.html", scheme=scheme, labels=SCHEME_FIELD_LABELS, label_of=label_of,
                  kind_labels=KIND_LABELS, day_labels=DAY_COUNTING_LABELS, rounding_labels=ROUNDING_LABELS,
                  direction_labels=DIRECTION_LABELS, int_fields=INT_FIELDS, money_fields=MONEY_FIELDS,
                  band_unit_km=scheme.kind == AmountKind.BY_DISTANCE_BAND)


def _save(scheme: FundingScheme, form: SchemeForm) -> None:
    scheme.name, scheme.funder = form.name.data.strip(), form.funder.data.strip()
    scheme.kind = AmountKind(form.kind.data)
    scheme.day_counting = DayCounting(form.day_counting.data)
    scheme.rounding = Rounding(form.rounding.data)
    scheme.active, scheme.eu_member_required = form.active.data, form.eu_member_required.data
    scheme.invited_up_to_home = form.invited_up_to_home.data
    for key in (*INT_FIELDS, *MONEY_FIELDS):
        setattr(scheme, key, form[key].data)
    scheme.source_url, scheme.notes = (form.source_url.data or "").strip(), form.notes.data or ""
    # Rates and bands are the table as typed: the rows before are replaced.
    scheme.set_tables(form.rates.parsed, form.bands.parsed)


def _initial(scheme: FundingScheme) -> dict:
    """The stored scheme as the form shows it: enums by value, rates and bands as their lines."""
    values = {key: getattr(scheme, key) for key in (*INT_FIELDS, *MONEY_FIELDS)}
    return {**values, "name": scheme.name, "funder": scheme.funder, "kind": scheme.kind.value,
            "day_counting": scheme.day_counting.value, "rounding": scheme.rounding.value, "active": scheme.active,
            "eu_member_required": scheme.eu_member_required, "invited_up_to_home": scheme.invited_up_to_home,
            "source_url": scheme.source_url, "notes": scheme.notes,
            "rates": rates_text(scheme.rates), "bands": bands_text(scheme.bands)}


def _edit_page(scheme: FundingScheme | None):
    form = SchemeForm(data=_initial(scheme)) if scheme is not None else SchemeForm()
    if form.validate_on_submit():
        saved = scheme or FundingScheme()
        _save(saved, form)
        db.session.add(saved)
        db.session.flush()
        # The terms feed the deadlines of the scheme's open applications.
        refresh_scheme(saved, today=clock.today())
        return done(_("%(name)s is saved.", name=saved.name), "funding.show", scheme_id=saved.id)
    return render("funding/edit.html", form=form, scheme=scheme, status=form_status(form))


@bp.route("/schemes/new", methods=["GET", "POST"])
def new():
    return _edit_page(None)


@bp.route("/schemes/<id:scheme_id>/edit", methods=["GET", "POST"])
def edit(scheme_id):
    return _edit_page(get_or_404(FundingScheme, scheme_id))
