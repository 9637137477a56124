"""Routes for partner candidates: city staff only; organisation members never see them."""

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from clubs_exchange.candidates import bp
from clubs_exchange.candidates.forms import CandidateForm, FilterForm, ImportForm, TieForm
from clubs_exchange.candidates.importing import MAX_BYTES, import_candidates
from clubs_exchange.candidates.listing import score_of, scored_candidates
from clubs_exchange.candidates.models import Candidate, Tie, TieKind, TieStrength
from clubs_exchange.candidates.registry import CandidateError, add_tie, promote, save_candidate
from clubs_exchange.csv_io import CsvError, CsvProblem
from clubs_exchange.errors import DomainError, done, refuse, show_at_field
from clubs_exchange.extensions import db
from clubs_exchange.forms import form_status
from clubs_exchange.htmx import redirect_after_post, render
from clubs_exchange.partners.models import CityStructure
from clubs_exchange.permissions import get_or_404, staff_only

# Candidates are the twinning office's working list, not for organisations.
staff_only(bp)


@bp.get("/")
def index():
    form = FilterForm(request.args)
    valid = form.validate()
    rows = scored_candidates(
        min_score=(form.min_score.data or 0) if valid else 0,
        sort=form.sort.data if valid and form.sort.data else "score",
        search=(form.q.data or "") if valid else "",
    )
    return render("candidates/index.html", "results", form=form, rows=rows)


def _edit_page(candidate: Candidate | None):
    form = CandidateForm(obj=candidate)
    if form.validate_on_submit():
        try:
            saved = save_candidate(
                candidate, name=form.name.data, country=form.country.data, region=form.region.data,
                population=form.population.data,
                structure=CityStructure(form.structure.data) if form.structure.data else None,
                languages=form.languages.data, activities=form.activities.data, notes=form.notes.data,
                source=_("Entered by %(name)s", name=current_user.name),
            )
        except CandidateError as error:
            show_at_field(form, error)
        else:
            db.session.flush()  # a new one's id, for the address of its page
            return done(_("%(name)s is saved.", name=saved.name), "candidates.show", candidate_id=saved.id)
    return render("candidates/edit.html", form=form, candidate=candidate, status=form_status(form))


@bp.route("/new", methods=["GET", "POST"])
def new():
    return _edit_page(None)


@bp.route("/<id:candidate_id>/edit", methods=["GET", "POST"])
def edit(candidate_id):
    return _edit_page(get_or_404(Candidate, candidate_id))


def _show(candidate: Candidate, tie_form: TieForm, status: int = 200):
    return render("candidates/show.html", candidate=candidate, fit=score_of(candidate), tie_form=tie_form,
                  status=status)


@bp.get("/<id:candidate_id>")
def show(candidate_id):
    return _show(get_or_404(Candidate, candidate_id), TieForm(formdata=None))


@bp.post("/<id:candidate_id>/ties")
def new_tie(candidate_id):
    """Record a tie; the page comes back with the tie listed and the score recomputed."""
    candidate = get_or_404(Candidate, candidate_id)
    form = TieForm()
    if form.validate_on_submit():
        try:
            add_tie(candidate, kind=TieKind(form.kind.data), ours=form.ours.data, theirs=form.theirs.data,
                    since=form.since.data, strength=TieStrength(form.strength.data))
        except CandidateError as error:
            show_at_field(form, error)
        else:
            return done(_("The tie is recorded."), "candidates.show", candidate_id=candidate.id, _anchor="ties-heading")
    return _show(candidate, form, form_status(form))


@bp.post("/<id:candidate_id>/ties/<id:tie_id>/remove")
def remove_tie(candidate_id, tie_id):
    tie = get_or_404(Tie, tie_id)
    if str(tie.candidate_id) != str(candidate_id):
        abort(404)
    db.session.delete(tie)
    db.session.commit()
    flash(_("The tie is removed."), "success")
    return redirect_after_post(url_for("candidates.show", candidate_id=tie.candidate_id) + "#ties-heading")


@bp.post("/<id:candidate_id>/promote")
def promote_to_partner(candidate_id):
    candidate = get_or_404(Candidate, candidate_id)
    try:
        partner = promote(candidate, actor=current_user)
    except CandidateError as error:
        show_at_field(None, error)
        return redirect_after_post(url_for("candidates.show", candidate_id=candidate.id))
    db.session.commit()
    flash(_("%(name)s is a partner city now, at the level of a town contact.", name=partner.name), "success")
    return redirect_after_post(url_for("partners.show", partner_id=partner.id))


@bp.route("/import", methods=["GET", "POST"])
def import_csv():
    form = ImportForm()
    problems: list[CsvProblem] = []
    if form.validate_on_submit():
        try:
            result = import_candidates(form.file.data.read(MAX_BYTES + 1), source=form.source.data or "")
        except CsvError as error:
            return refuse(form, error, "candidates/import.html", problems=problems)
        if result.errors:
            problems = result.errors
            show_at_field(form, DomainError(
                _("Nothing was imported: please correct the rows below and upload the file again."), "file"))
        else:
            db.session.commit()
            count = len(result.imported)
            flash(ngettext("%(num)d candidate imported.", "%(num)d candidates imported.", count), "success")
            return redirect_after_post(url_for("candidates.index"))
    return render("candidates/import.html", form=form, problems=problems, status=form_status(form))
