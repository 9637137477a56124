"""What the placement rules are called on pages: a broken rule, a reason a guest is unplaced, an unmet wish."""

from flask_babel import gettext as _

from clubs_exchange.hosting.placement import Preference, Rule, Unplaced


def violation_text(rule: Rule, guest: str, host: str) -> str:
    texts = {
        Rule.NO_CONSENT: lambda: _("%(guest)s is a minor and no parental consent is recorded.", guest=guest),
        Rule.NO_BEDS: lambda: _("%(host)s has no bed left.", host=host),
        Rule.BUSY: lambda: _("%(host)s hosts guests of another event at the same time.", host=host),
        Rule.UNAVAILABLE: lambda: _("%(host)s is not available on these dates.", host=host),
        Rule.PETS: lambda: _("%(host)s keeps pets and %(guest)s has a pet allergy.", host=host, guest=guest),
        Rule.MINORS: lambda: _("%(host)s cannot take minors and %(guest)s is a minor.", host=host, guest=guest),
        Rule.ACCESSIBILITY: lambda: _(
            "%(guest)s needs a home without stairs and %(host)s does not have one.", guest=guest, host=host
        ),
    }
    return texts[rule]()


def reason_text(rule: Rule, n: int, total: int) -> str:
    texts = {
        Rule.NO_CONSENT: lambda: _("a minor can only be placed once a parental consent is recorded"),
        Rule.NO_BEDS: lambda: _("%(n)s of %(total)s households have no bed left", n=n, total=total),
        Rule.BUSY: lambda: _("%(n)s of %(total)s host guests of another event then", n=n, total=total),
        Rule.UNAVAILABLE: lambda: _("%(n)s of %(total)s are not available on these dates", n=n, total=total),
        Rule.PETS: lambda: _("%(n)s of %(total)s keep pets (the guest has a pet allergy)", n=n, total=total),
        Rule.MINORS: lambda: _("%(n)s of %(total)s cannot take minors", n=n, total=total),
        Rule.ACCESSIBILITY: lambda: _(
            "%(n)s of %(total)s have stairs (the guest needs a home without stairs)", n=n, total=total
        ),
    }
    return texts[rule]()


def unplaced_text(unplaced: Unplaced) -> str:
    if unplaced.hosts_total == 0:
        return _("No confirmed host household is registered.")
    reasons = "; ".join(reason_text(rule, n, unplaced.hosts_total) for rule, n in unplaced.reasons)
    return _("No household fits: %(reasons)s.", reasons=reasons)


def preference_text(preference: Preference) -> str:
    texts = {
        Preference.LANGUAGE: lambda: _("no shared language"),
        Preference.COMPANIONS: lambda: _("not with every wished companion"),
        Preference.DIET: lambda: _("dietary needs not catered for"),
    }
    return texts[preference]()
