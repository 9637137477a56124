"""The core imports no area: areas register their globals, badges, access rules and commands with it.

Read from the source (ast), so an import inside a function counts as much as one at the top.
"""

import ast
from pathlib import Path

import pytest

import clubs_exchange

PACKAGE = Path(clubs_exchange.__file__).parent
AREAS = {
    "accounts", "audit", "auth", "awards", "calendar", "candidates", "exports", "hosting", "interests", "mail",
    "main", "notifications", "organisations", "partners", "proposals", "review", "localised", "funding", "ops",
    "privacy", "statements", "public",
}
# The modules that span the whole app on purpose: every model in one place, the demo and scale data sets, the
# warm start that renders the key pages before gunicorn forks.
WHOLE_APP = {"models.py", "demo.py", "scale.py", "warmup.py"}
CORE = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in WHOLE_APP)


def area_imports(source: str) -> list[str]:
    """Every area an import in `source` names, wherever in the module the import stands."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [f"clubs_exchange.{node.module or alias.name}" for alias in node.names]
        elif (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None))
              in ("import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant)):
            names = [str(node.args[0].value)]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if len(parts) > 1 and parts[0] == "clubs_exchange" and parts[1] in AREAS:
                found.append(name)
    return found


def test_the_core_modules_are_the_ones_the_card_names_and_more():
    assert {"permissions.py", "templating.py", "cli.py", "__init__.py"} <= set(CORE)


@pytest.mark.parametrize("module", CORE)
def test_a_core_module_imports_no_area(module):
    assert area_imports((PACKAGE / module).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "from clubs_exchange.proposals.workflow import CALENDAR_STATES",
        "import clubs_exchange.notifications.models",
        "from clubs_exchange import auth",
        "def f():\n    from clubs_exchange.organisations.models import Organisation\n",
        "class C:\n    def m(self):\n        import clubs_exchange.hosting.cli as c\n",
        "from importlib import import_module\nimport_module('clubs_exchange.mail.commands')\n",
    ],
)
def test_the_check_sees_an_area_import_wherever_it_stands(source):
    assert area_imports(source) != []


def test_the_check_lets_the_core_import_the_core():
    source = "from clubs_exchange.extensions import db\nimport clubs_exchange.models\nfrom clubs_exchange import htmx\n"
    assert area_imports(source) == []


# --- what the areas register instead ---------------------------------------------------------------------------


def test_the_navigation_badges_the_areas_register_are_one_query(app, db, make_user, make_proposal):
    import sqlalchemy as sa
    from flask_login import login_user

    from clubs_exchange import templating
    from clubs_exchange.auth.models import UserRole
    from clubs_exchange.proposals.models import ProposalState

    assert {"unread", "pending"} <= set(templating._BADGES)
    staff = make_user(role=UserRole.STAFF)
    make_proposal(state=ProposalState.SUBMITTED)
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    templating.navigation_badge("three", lambda user: sa.select(sa.literal(3)).scalar_subquery())
    try:
        with app.test_request_context("/"):
            login_user(staff)
            sa.event.listen(db.engine, "before_cursor_execute", record)
            try:
                counts = templating.navigation_counts()
                assert templating.navigation_counts() is counts
            finally:
                sa.event.remove(db.engine, "before_cursor_execute", record)
    finally:
        del templating._BADGES["three"]
    assert counts == {"unread": 0, "pending": 1, "three": 3}
    assert len(statements) == 1


def test_a_member_gets_no_review_badge_and_no_count_for_it(app, db, make_user):
    from flask_login import login_user

    from clubs_exchange import templating

    with app.test_request_context("/"):
        login_user(make_user())
        assert "pending" not in templating.navigation_counts()
        assert app.jinja_env.globals["pending_review_count"]() is None


def test_every_command_keeps_its_name_whoever_registers_it(app):
    assert {"create-admin", "seed-demo", "seed-scale", "purge-guests", "send-mail", "send-digest"} <= set(
        app.cli.commands
    )
