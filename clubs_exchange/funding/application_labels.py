"""An application's fields in words, as the audit trail names them (audit/display.py)."""

from flask_babel import lazy_gettext as _l

from clubs_exchange.funding.labels import DIRECTION_LABELS, label_of

APPLICATION_FIELD_LABELS = {
    "scheme_id": _l("Funding scheme"),
    "expected_leaders": _l("Leaders among the participants"),
    "travel_cost_cents": _l("Travel cost"),
    "distance_km": _l("Distance to the partner city (km)"),
    "days_in_partner_city": _l("Days spent in the partner city"),
    "estimate_cents": _l("Estimate"),
    "apply_by": _l("Apply by"),
    "report_due_on": _l("Report due"),
    "applied_on": _l("Applied on"),
    "amount_applied_cents": _l("Amount applied for"),
    "decided_on": _l("Decided on"),
    "amount_granted_cents": _l("Amount granted"),
    "reference": _l("Funder's reference"),
    "refusal_reason": _l("Reason for the refusal"),
    "report_submitted_on": _l("Report submitted on"),
    "amount_final_cents": _l("Final amount"),
    "final_arithmetic": _l("How the final amount was computed"),
    "paid_on": _l("Paid on"),
    "amount_paid_cents": _l("Amount paid"),
}

APPLICATION_SHOWN_AS = {
    ("funding_application", "direction"): lambda value: label_of(DIRECTION_LABELS, value),
}
