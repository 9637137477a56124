"""The fit score of a partner candidate: each factor on its own, the weights, and the explanation shown."""

import pytest

from clubs_exchange.candidates.scoring import Municipality, club_vocabulary, fit

HOME = Municipality(population=50_000, structure="mixed", languages=("German", "English"))
CLUBS = club_vocabulary([("sports_club", "football"), ("choir_music", "chamber choir"), ("school", "secondary school")])
EVEN = {"size": 1, "structure": 1, "club_life": 1, "ties": 1, "language": 1}


def score(candidate, ties=(), weights=EVEN, home=HOME):
    return fit(home, candidate, home_clubs=CLUBS, tie_strengths=ties, weights=weights)


def factor(result, key):
    return next(f for f in result.factors if f.key == key)


@pytest.fixture(autouse=True)
def request_context(app):
    # Explanations are translated text: they need the app's Babel.
    with app.test_request_context():
        yield


def test_size_is_the_ratio_of_the_populations_either_way():
    assert factor(score(Municipality(25_000, None)), "size").value == 0.5
    assert factor(score(Municipality(100_000, None)), "size").value == 0.5
    same = factor(score(Municipality(50_000, None)), "size")
    assert same.value == 1.0 and "100%" in same.explanation


def test_unknown_population_gives_no_size_points_and_says_why():
    size = factor(score(Municipality(None, None)), "size")
    assert size.value == 0 and "not known" in size.explanation


@pytest.mark.parametrize(
    ("structure", "value"),
    [("mixed", 1.0), ("rural", 0.5), ("urban", 0.5), ("industrial", 0.0), (None, 0.0)],
)
def test_structure_same_neighbouring_or_far(structure, value):
    assert factor(score(Municipality(None, structure)), "structure").value == value


def test_club_life_is_the_share_of_candidate_activities_found_among_our_organisations():
    candidate = Municipality(None, None, activities=("Football", "choir", "rowing", "schools"))
    club_life = factor(score(candidate), "club_life")
    # football (a discipline), choir (a word of "chamber choir"), schools (the school kind); not rowing.
    assert club_life.value == 0.75
    assert "3 of 4" in club_life.explanation and "football" in club_life.explanation
    assert "rowing" not in club_life.explanation


def test_club_life_without_activities_is_zero():
    assert factor(score(Municipality(None, None)), "club_life").value == 0


def test_ties_count_by_strength_up_to_full_marks():
    candidate = Municipality(None, None)
    assert factor(score(candidate), "ties").value == 0
    assert factor(score(candidate, ties=["loose"]), "ties").value == pytest.approx(1 / 6)
    two = factor(score(candidate, ties=["regular", "close"]), "ties")
    assert two.value == pytest.approx(5 / 6) and "2 known ties" in two.explanation
    assert factor(score(candidate, ties=["close", "close", "close"]), "ties").value == 1.0


def test_a_shared_language_counts_whatever_the_case():
    assert factor(score(Municipality(None, None, languages=("english", "Polish"))), "language").value == 1.0
    none = factor(score(Municipality(None, None, languages=("Polish",))), "language")
    assert none.value == 0 and "No language in common" in none.explanation


def test_score_is_the_weighted_mean_in_percent():
    perfect = Municipality(50_000, "mixed", languages=("German",), activities=("football",))
    assert score(perfect, ties=["close", "close"]).score == 100
    # Only the language fits: with even weights that is a fifth.
    assert score(Municipality(None, None, languages=("German",))).score == 20


def test_weights_change_the_score():
    only_language = Municipality(None, None, languages=("German",))
    heavy = dict(EVEN, language=6)
    assert score(only_language, weights=heavy).score == 60
    assert score(only_language, weights=dict(EVEN, language=0)).score == 0
    # Every factor keeps its weight beside it for the explanation.
    assert [f.weight for f in score(only_language, weights=heavy).factors] == [1, 1, 1, 1, 6]


def test_no_weights_at_all_give_zero_not_an_error():
    assert score(Municipality(50_000, "mixed"), weights={}).score == 0
