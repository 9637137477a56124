"""What the statements say that comes from the settings: the city's contacts, the retention periods (read at
render time, so the notice says what `flask purge` does), the date of the accessibility statement."""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import ngettext

# Settings the city fills in with its own names and addresses: data, like the database's (the crawler's language
# check reads them so).
CONTACT_SETTINGS = (
    "CITY_CONTROLLER_NAME", "CITY_CONTROLLER_ADDRESS", "CITY_CONTROLLER_EMAIL", "DATA_PROTECTION_OFFICER_EMAIL",
    "SUPERVISORY_AUTHORITY_NAME", "SUPERVISORY_AUTHORITY_URL", "ACCESSIBILITY_CONTACT_EMAIL",
    "ACCESSIBILITY_ENFORCEMENT_BODY_NAME", "ACCESSIBILITY_ENFORCEMENT_BODY_URL",
)
# Where a setting of another area is not there (yet), the period its purger would use.
FALLBACKS = {"FUNDING_LIST_RETENTION_MONTHS": 24}


@dataclass(frozen=True)
class Period:
    what: str
    how_long: str
    setting: str


def _setting(name: str) -> int | None:
    value = current_app.config.get(name, FALLBACKS.get(name))
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def retention_periods() -> list[Period]:
    """Each purpose whose period is a setting, in words; a setting the app does not have is left out."""
    from flask_babel import gettext as _

    periods = []

    def add(setting: str, what: str, say) -> None:
        value = _setting(setting)
        if value is not None:
            periods.append(Period(what, say(value), setting))

    add("HOSTING_RETENTION_MONTHS", _("Guests of incoming events"), lambda n: ngettext(
        "%(num)d month after the end of the event", "%(num)d months after the end of the event", n))
    add("FUNDING_LIST_RETENTION_MONTHS", _("Participant lists for funding applications"), lambda n: ngettext(
        "%(num)d month after the end of the event, or longer where the funding scheme requires it",
        "%(num)d months after the end of the event, or longer where the funding scheme requires it", n))
    add("HOSTING_VIEW_LOG_RETENTION_MONTHS", _("The log of who viewed the data of guests and host households"),
        lambda n: ngettext("%(num)d month", "%(num)d months", n))
    add("OUTBOX_RETENTION_DAYS", _("Mails sent by the app"), lambda n: ngettext(
        "%(num)d day after they were delivered", "%(num)d days after they were delivered", n))
    add("NOTIFICATION_RETENTION_DAYS", _("Notifications in the app"), lambda n: ngettext(
        "%(num)d day after they were read", "%(num)d days after they were read", n))
    add("UNCONFIRMED_ACCOUNT_DAYS", _("Registrations whose e-mail address was never confirmed"), lambda n: ngettext(
        "%(num)d day after registering", "%(num)d days after registering", n))
    add("DISABLED_ACCOUNT_RETENTION_MONTHS", _("Disabled accounts"), lambda n: ngettext(
        "%(num)d month after they were disabled; then the name and address are removed",
        "%(num)d months after they were disabled; then the name and address are removed", n))
    add("ACCESSIBILITY_FEEDBACK_RETENTION_MONTHS", _("Feedback on accessibility problems"), lambda n: ngettext(
        "%(num)d month after it came in", "%(num)d months after it came in", n))
    return periods


def contacts() -> dict[str, str]:
    """The contact settings by lower-case name; without a controller's name, the footer's (city · office)."""
    from flask_babel import gettext as _

    found = {name.lower(): str(current_app.config.get(name) or "") for name in CONTACT_SETTINGS}
    if not found["city_controller_name"]:
        found["city_controller_name"] = f"{current_app.config['CITY_NAME']} · {_('Twinning office')}"
    return found


def statement_date() -> date | None:
    value = current_app.config.get("ACCESSIBILITY_STATEMENT_DATE")
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def privacy_context() -> dict:
    return {"contacts": contacts(), "periods": retention_periods(),
            "reviewed": bool(current_app.config.get("PRIVACY_NOTICE_REVIEWED"))}


def accessibility_context() -> dict:
    return {"contacts": contacts(), "statement_date": statement_date()}
