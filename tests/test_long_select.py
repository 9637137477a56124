"""LongSelect writes the very HTML of WTForms' Select, only faster: compared option for option."""

import pytest
from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectChoice, SelectField, widgets

from clubs_exchange.forms import LongSelect, select_choices


def both(choices, data=None, **render):
    class Fields(Form):
        theirs = SelectField("Organisation", widget=widgets.Select())
        ours = SelectField("Organisation", widget=LongSelect())

    form = Fields(data={"theirs": data, "ours": data})
    for field in (form.theirs, form.ours):
        field.choices = choices
    theirs = str(form.theirs(**render)).replace('id="theirs" name="theirs"', 'id="x" name="x"')
    ours = str(form.ours(**render)).replace('id="ours" name="ours"', 'id="x" name="x"')
    return theirs, ours


@pytest.mark.parametrize("data", [None, "", "2", "<b>"])
def test_plain_options_are_written_as_wtforms_writes_them(app, data):
    choices = select_choices([("", "All organisations"), (1, "Chor & Orchester"), (2, 'Club "Nord"'),
                              ("<b>", "<script>x</script>"), (3, "")])
    with app.test_request_context():
        theirs, ours = both(choices, data, aria_describedby="organisation-help", class_="wide")
    assert ours == theirs
    assert "&lt;script&gt;" in ours and "<script>" not in ours


def test_lazy_labels_and_required_flags_too(app):
    class Fields(Form):
        theirs = SelectField("Partner", widget=widgets.Select(), render_kw={"required": True})
        ours = SelectField("Partner", widget=LongSelect(), render_kw={"required": True})

    with app.test_request_context():
        form = Fields()
        for field in (form.theirs, form.ours):
            field.choices = select_choices([("", _l("All partner cities")), (7, "Saint-Lô")])
        assert str(form.ours()).replace("ours", "x") == str(form.theirs()).replace("theirs", "x")


def test_options_with_attributes_of_their_own_are_left_to_wtforms(app):
    choices = [SelectChoice(value="1", label="One", render_kw={"disabled": True}), SelectChoice(value="2", label="Two")]
    with app.test_request_context():
        theirs, ours = both(choices, "2")
    assert ours == theirs and "disabled" in ours


def test_options_written_once_and_kept_give_the_same_select(app):
    """RenderedOptions: the tag from the field as it is now, the options as option_tags() wrote them."""
    from clubs_exchange.forms import RenderedOptions, option_tags

    choices = select_choices([("", "All organisations"), (1, "Chor & Orchester"), (2, 'Club "Nord"')])
    with app.test_request_context():
        theirs, _ours = both(choices, "2", aria_describedby="organisation-help")

        class Fields(Form):
            kept = SelectField("Organisation", widget=LongSelect())

        form = Fields(data={"kept": "2"})
        form.kept.choices = choices
        form.kept.widget = RenderedOptions(option_tags(form.kept))
        kept = str(form.kept(aria_describedby="organisation-help")).replace('id="kept" name="kept"', 'id="x" name="x"')
    assert kept == theirs
    assert "&lt;option" not in kept
