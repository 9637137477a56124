"""The Europe Prize ladder's rules, called directly: order, one award a year, twin towns, deadline, reminder."""

from datetime import date

import pytest

from clubs_exchange.awards import ladder
from clubs_exchange.awards.ladder import Award, LadderError, TwinTown
from clubs_exchange.awards.models import ApplicationState, AwardStage

D, F, P, E = (AwardStage.EUROPEAN_DIPLOMA, AwardStage.FLAG_OF_HONOUR, AwardStage.PLAQUE_OF_HONOUR,
              AwardStage.EUROPE_PRIZE)
ANNECY = TwinTown("Annecy", is_twinning=True)
TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _app_context(app):
    """Messages are translated: they need the app's Babel."""


def refusal(**kwargs) -> LadderError:
    values = {"stage": D, "year": 2027, "twin_towns": [ANNECY], "previous_award_year": None, "awards": [],
              "today": TODAY}
    with pytest.raises(LadderError) as caught:
        ladder.check_application(**{**values, **kwargs})
    return caught.value


def allowed(**kwargs) -> None:
    values = {"stage": D, "year": 2027, "twin_towns": [ANNECY], "previous_award_year": None, "awards": [],
              "today": TODAY}
    ladder.check_application(**{**values, **kwargs})


def test_the_stages_in_order():
    assert ladder.STAGES == (D, F, P, E)
    assert [ladder.previous_stage(s) for s in ladder.STAGES] == [None, D, F, P]
    assert [s.label for s in ladder.STAGES] == ["European Diploma", "Flag of Honour", "Plaque of Honour",
                                                "Europe Prize"]


def test_the_first_stage_needs_nothing_before_it():
    allowed()


def test_the_flag_of_honour_before_the_diploma_is_refused_with_the_reason():
    error = refusal(stage=F, previous_award_year=2024)
    assert str(error.message) == (
        "The Flag of Honour can only be applied for once the European Diploma has been awarded."
    )
    assert error.field == "stage"


@pytest.mark.parametrize("stage, held, missing", [
    (P, [Award(D, 2020)], "Flag of Honour"),
    (E, [Award(D, 2020), Award(F, 2022)], "Plaque of Honour"),
    (E, [Award(D, 2020)], "Plaque of Honour"),
])
def test_no_stage_can_be_skipped(stage, held, missing):
    error = refusal(stage=stage, awards=held, previous_award_year=2024)
    assert f"once the {missing} has been awarded" in str(error.message)


def test_each_stage_follows_the_one_awarded_before_it():
    allowed(stage=F, awards=[Award(D, 2022)], previous_award_year=2022)
    allowed(stage=P, awards=[Award(D, 2018), Award(F, 2021)], previous_award_year=2021)
    allowed(stage=E, awards=[Award(D, 2015), Award(F, 2018), Award(P, 2022)], previous_award_year=2022)


def test_a_stage_already_awarded_cannot_be_applied_for_again():
    error = refusal(stage=D, awards=[Award(D, 2022)])
    assert str(error.message) == "The European Diploma was already awarded in 2022."


def test_at_most_one_award_a_year():
    # The Diploma of 2027 is on record (say, decided early): no second award in 2027.
    error = refusal(stage=F, year=2027, awards=[Award(D, 2027)], previous_award_year=2027)
    assert "can be applied for from 2028 on" in str(error.message)
    assert error.field == "year"
    with pytest.raises(LadderError, match="at most one award a year"):
        ladder.check_stage(P, 2025, [Award(D, 2019), Award(F, 2022), Award(E, 2025)])


def test_the_next_stage_not_in_the_year_of_the_previous_award():
    with pytest.raises(LadderError, match="from 2027 on"):
        ladder.check_stage(F, 2026, [Award(D, 2026)])
    ladder.check_stage(F, 2027, [Award(D, 2026)])


def test_the_year_of_the_previous_award_is_required_and_checked():
    awards = [Award(D, 2022)]
    error = refusal(stage=F, awards=awards, previous_award_year=None)
    assert str(error.message) == "Please give the year the European Diploma was awarded."
    assert error.field == "previous_award_year"
    error = refusal(stage=F, awards=awards, previous_award_year=2023)
    assert str(error.message) == "The European Diploma was awarded in 2022, not in 2023."


def test_the_diploma_has_no_previous_award():
    error = refusal(stage=D, previous_award_year=2020)
    assert "first stage" in str(error.message)
    assert error.field == "previous_award_year"


def test_an_application_names_at_least_one_twin_town():
    error = refusal(twin_towns=[])
    assert str(error.message) == "Please name at least one twin town."
    assert error.field == "twin_towns"


def test_only_twinnings_count_as_twin_towns():
    error = refusal(twin_towns=[ANNECY, TwinTown("Girona", is_twinning=False)])
    assert str(error.message) == "Girona is not a twin town: only partner cities with a twinning can be named."


def test_one_application_per_stage_and_year():
    error = refusal(taken=True)
    assert str(error.message) == "There is an application for the European Diploma in 2027 already."


@pytest.mark.parametrize("today, due", [
    (date(2026, 1, 1), date(2026, 1, 15)),
    (date(2026, 1, 15), date(2026, 1, 15)),
    (date(2026, 1, 16), date(2027, 1, 15)),
    (date(2026, 11, 25), date(2027, 1, 15)),
    (date(2026, 12, 31), date(2027, 1, 15)),
])
def test_applications_are_due_on_15_january(today, due):
    assert ladder.next_due_date(today) == due
    assert ladder.due_date(due.year) == due


def test_an_application_after_its_due_date_is_refused():
    allowed(year=2027, today=date(2027, 1, 15))
    error = refusal(year=2027, today=date(2027, 1, 16))
    assert str(error.message) == "Applications for 2027 were due on 15 January 2027; apply for 2028 instead."
    assert error.field == "year"


@pytest.mark.parametrize("today, reminder", [
    (date(2026, 11, 30), None),
    (date(2026, 12, 1), date(2027, 1, 15)),
    (date(2026, 12, 31), date(2027, 1, 15)),
    (date(2027, 1, 1), date(2027, 1, 15)),
    (date(2027, 1, 15), date(2027, 1, 15)),
    (date(2027, 1, 16), None),
    (date(2027, 6, 1), None),
])
def test_the_reminder_runs_from_1_december_until_the_due_date(today, reminder):
    assert ladder.reminder_due_date(today) == reminder


def test_the_next_stage_to_apply_for():
    assert ladder.next_stage([]) == D
    assert ladder.next_stage([Award(D, 2020)]) == F
    assert ladder.next_stage([Award(D, 2020), Award(F, 2022), Award(P, 2024)]) == E
    assert ladder.next_stage([Award(s, 2020 + i) for i, s in enumerate(ladder.STAGES)]) is None


S = ApplicationState


@pytest.mark.parametrize("state, step, target", [
    (S.DRAFT, "submit", S.SUBMITTED),
    (S.SUBMITTED, "reopen", S.DRAFT),
    (S.SUBMITTED, "award", S.AWARDED),
    (S.SUBMITTED, "not_award", S.NOT_AWARDED),
])
def test_the_steps_of_an_application(state, step, target):
    assert ladder.check_step(step, state).target == target


@pytest.mark.parametrize("state, step", [
    (S.DRAFT, "award"), (S.DRAFT, "not_award"), (S.AWARDED, "reopen"), (S.NOT_AWARDED, "submit"),
    (S.AWARDED, "award"),
])
def test_steps_that_do_not_follow_are_refused_with_the_reason(state, step):
    with pytest.raises(LadderError, match="cannot take the step"):
        ladder.check_step(step, state)


def test_an_unknown_step_is_refused():
    with pytest.raises(LadderError, match="not a step"):
        ladder.check_step("promote", S.DRAFT)


def test_a_decided_application_takes_no_further_step():
    assert ladder.steps_from(S.AWARDED) == []
    assert ladder.steps_from(S.NOT_AWARDED) == []
    assert [s.name for s in ladder.steps_from(S.DRAFT)] == ["submit"]
