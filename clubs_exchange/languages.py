"""The four languages: which one a request is in, the formats each uses, and the switcher that sets the cookie.

The order (issue 12): a language the address asks for where a page takes one (the public calendar's `?lang=de`, so
that a proxy keeps one copy per address and the city's website can link a language); the person's choice stored
on their account; else the `lang` cookie the header's switcher
sets (anonymous visitors, or a person who left "as the browser says"); else the browser's Accept-Language among
the languages offered; else BABEL_DEFAULT_LOCALE. Formats come from the language's format locale: English reads
as in Britain (en_GB: 24-hour times, "1 Jan 2027"), a European city office's English, not the US one.
"""

from flask import Flask, Response, current_app, flash, g, has_request_context, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from clubs_exchange.links import local_path
from clubs_exchange.security_headers import add_vary

COOKIE = "lang"
COOKIE_SECONDS = 365 * 24 * 3600


def offered() -> dict[str, str]:
    """Language code → its name in its own language (never translated: a reader looks for their own name)."""
    return current_app.config["SUPPORTED_LANGUAGES"]


def default_language() -> str:
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def format_locale(language: str | None) -> str:
    """The Babel locale a language's dates, times and numbers are written in (FORMAT_LOCALES, else itself)."""
    language = language if language in offered() else default_language()
    return current_app.config["FORMAT_LOCALES"].get(language, language)


def language_of(user) -> str:
    """The language to write to `user` in outside their requests (mails): their choice, else the default."""
    choice = getattr(user, "language", None)
    return choice if choice in offered() else default_language()


def without_account() -> str | None:
    """The language a request asks for without an account's choice: the cookie, else the browser's."""
    languages = offered()
    cookie = request.cookies.get(COOKIE)
    if cookie in languages:
        return cookie
    return request.accept_languages.best_match(list(languages))


def chosen_language() -> str:
    if not has_request_context():
        return default_language()
    if (asked := g.get("language_in_address")) in offered():
        return asked
    if current_user.is_authenticated and current_user.language in offered():
        return current_user.language
    return without_account() or default_language()


def select_locale() -> str:
    """Flask-Babel's locale selector: the format locale of the chosen language."""
    return format_locale(chosen_language())


def html_lang() -> str:
    """The language of the page for <html lang>: the code of the language read ("en", "de"), the one chosen."""
    return chosen_language() if has_request_context() else default_language()


def cache_key() -> tuple:
    """What the page cache keys on besides the user: the choice a request makes without the account (the account's
    own stored choice is fixed for a user until a write, which empties the cache). Loads no user."""
    cookie = request.cookies.get(COOKIE)
    return (cookie if cookie in offered() else None, browser_language(request.headers.get("Accept-Language")))


def browser_language(header: str | None) -> str | None:
    """The offered language an Accept-Language header prefers most, remembered per header (a browser sends the
    same one with every request; parsing it was a fair part of a page served from the cache)."""
    if not header:
        return None
    found = current_app.extensions.setdefault("browser_languages", {})
    if header not in found:
        if len(found) >= 1000:  # the header is the client's to choose: the memory stays bounded
            found.clear()
        found[header] = parse_accept_header(header, LanguageAccept).best_match(list(offered()))
    return found[header]


def set_language():
    """The header's switcher (a plain POST form, CSRF-checked): the cookie, the account's choice, back to `next`."""
    language = request.form.get("language", "")
    target = local_path(request.form.get("next")) or url_for("main.index")
    response = redirect(target, code=303)
    if language not in offered():
        flash(_("This language is not offered. Choose one of the languages listed."), "error")
        return response
    if current_user.is_authenticated:
        from clubs_exchange.extensions import db

        current_user.language = language
        db.session.commit()
    response.set_cookie(COOKIE, language, max_age=COOKIE_SECONDS, samesite="Lax", httponly=True,
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
    return response


def vary_on_language(response: Response) -> Response:
    """An answer written in a language differs by the cookie and Accept-Language: shared caches must know."""
    context = g.get("_flask_babel")
    if context is not None and getattr(context, "babel_locale", None) is not None:
        add_vary(response, "Accept-Language", "Cookie")
    return response


def language_name(code: str) -> str:
    """A language's name in the language of the page ("Französisch" on a German page), from Babel's data."""
    from babel import Locale
    from flask_babel import get_locale

    return Locale.parse(code).get_language_name(get_locale() or default_language())


def init_app(app: Flask) -> None:
    from clubs_exchange.extensions import babel

    babel.init_app(app, locale_selector=select_locale, timezone_selector=_city_zone)
    app.after_request(vary_on_language)
    app.jinja_env.globals.update(html_lang=html_lang, offered_languages=offered)
    app.jinja_env.filters["language_name"] = language_name


def _city_zone() -> str:
    from clubs_exchange import clock

    return clock.city_tz().key  # a name: Flask-Babel wants pytz zones
