"""The fit of a partner candidate with the home city: a plain function, every factor shown and explained.

Each factor is worth 0..1; the score is the weighted mean of the factors, as a percentage. Weights are
settings (FIT_WEIGHTS), so the twinning office decides what matters more: size, structure, club life,
existing ties or a shared language.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _

from clubs_exchange.partners.models import CityStructure

STRUCTURE_ORDER = list(CityStructure)
# What each strength of a tie counts; ties worth TIES_FOR_FULL_MARKS together give the whole factor.
TIE_POINTS = {"loose": 1, "regular": 2, "close": 3}
TIES_FOR_FULL_MARKS = 6
# Words that stand for a kind of organisation when a candidate lists its activities.
KIND_WORDS = {
    "sports_club": {"sport", "sports"},
    "choir_music": {"music", "choir", "choirs", "band", "orchestra"},
    "school": {"school", "schools", "education", "pupils"},
    "association": {"culture", "association", "associations", "arts"},
}
FACTORS = ("size", "structure", "club_life", "ties", "language")


@dataclass(frozen=True)
class Municipality:
    """What the score compares: the home city and a candidate alike."""

    population: int | None
    structure: str | None
    languages: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Factor:
    key: str
    label: str
    value: float  # 0..1
    weight: float
    explanation: str

    @property
    def points(self) -> float:
        return self.value * self.weight


@dataclass(frozen=True)
class Fit:
    factors: list[Factor] = field(default_factory=list)

    @property
    def score(self) -> int:
        """0..100, the weighted mean of the factors."""
        total = sum(f.weight for f in self.factors)
        return round(100 * sum(f.points for f in self.factors) / total) if total else 0


def _norm(words: Iterable[str]) -> set[str]:
    return {w.strip().lower() for w in words if w and w.strip()}


def size_factor(home: Municipality, candidate: Municipality, weight: float) -> Factor:
    label = _("Size")
    if not home.population or not candidate.population:
        return Factor("size", label, 0.0, weight, _("The population is not known, so size cannot count."))
    small, large = sorted((home.population, candidate.population))
    ratio = small / large
    return Factor(
        "size", label, ratio, weight,
        _("%(candidate)s inhabitants against %(home)s: the smaller is %(percent)s%% of the larger.",
          candidate=format_decimal(candidate.population), home=format_decimal(home.population),
          percent=round(ratio * 100)),
    )


def structure_factor(home: Municipality, candidate: Municipality, weight: float) -> Factor:
    label = _("Structure")
    known = {s.value: s for s in STRUCTURE_ORDER}
    if home.structure not in known or candidate.structure not in known:
        return Factor("structure", label, 0.0, weight, _("The structure is not known, so it cannot count."))
    ours, theirs = known[home.structure], known[candidate.structure]
    distance = abs(STRUCTURE_ORDER.index(ours) - STRUCTURE_ORDER.index(theirs))
    if distance == 0:
        return Factor("structure", label, 1.0, weight, _("Both are %(structure)s.", structure=ours.label.lower()))
    if distance == 1:
        return Factor(
            "structure", label, 0.5, weight,
            _("%(theirs)s and %(ours)s are neighbouring structures: half the points.",
              theirs=theirs.label, ours=ours.label.lower()),
        )
    return Factor(
        "structure", label, 0.0, weight,
        _("%(theirs)s is far from %(ours)s.", theirs=theirs.label, ours=ours.label.lower()),
    )


def club_vocabulary(organisations: Iterable[tuple[str, str]]) -> set[str]:
    """The words that describe the home city's club life, from (kind, discipline) of its organisations."""
    words: set[str] = set()
    for kind, discipline in organisations:
        words |= KIND_WORDS.get(str(kind), set())
        discipline = (discipline or "").strip().lower()
        if discipline:
            words.add(discipline)
            words |= set(discipline.split())
    return words


def club_life_factor(candidate: Municipality, home_clubs: set[str], weight: float) -> Factor:
    label = _("Club life")
    activities = sorted(_norm(candidate.activities))
    if not activities:
        return Factor("club_life", label, 0.0, weight, _("No activities are known for the candidate."))
    matched = [a for a in activities if a in home_clubs or set(a.split()) & home_clubs]
    value = len(matched) / len(activities)
    if not matched:
        text = _("None of its activities (%(activities)s) is found among our organisations.",
                 activities=", ".join(activities))
    else:
        text = _("%(matched)s of %(total)s activities are found among our organisations: %(names)s.",
                 matched=len(matched), total=len(activities), names=", ".join(matched))
    return Factor("club_life", label, value, weight, text)


def ties_factor(strengths: Iterable[str], weight: float) -> Factor:
    label = _("Existing ties")
    strengths = [str(s) for s in strengths]
    if not strengths:
        return Factor("ties", label, 0.0, weight, _("No private contacts are known yet."))
    points = sum(TIE_POINTS.get(s, 0) for s in strengths)
    value = min(1.0, points / TIES_FOR_FULL_MARKS)
    text = ngettext(
        "%(num)s known tie worth %(points)s of the %(full)s points that give full marks.",
        "%(num)s known ties worth %(points)s of the %(full)s points that give full marks.",
        len(strengths), points=points, full=TIES_FOR_FULL_MARKS,
    )
    return Factor("ties", label, value, weight, text)


def language_factor(home: Municipality, candidate: Municipality, weight: float) -> Factor:
    label = _("Shared language")
    shared = sorted(_norm(home.languages) & _norm(candidate.languages))
    if shared:
        return Factor("language", label, 1.0, weight,
                      _("Both speak %(languages)s.", languages=", ".join(s.capitalize() for s in shared)))
    if not candidate.languages:
        return Factor("language", label, 0.0, weight, _("The candidate's languages are not known."))
    return Factor("language", label, 0.0, weight, _("No language in common."))


def fit(
    home: Municipality,
    candidate: Municipality,
    *,
    home_clubs: set[str],
    tie_strengths: Iterable[str],
    weights: Mapping[str, float],
) -> Fit:
    """The candidate's fit with the home city, factor by factor."""
    w = {key: max(0.0, float(weights.get(key, 0))) for key in FACTORS}
    return Fit([
        size_factor(home, candidate, w["size"]),
        structure_factor(home, candidate, w["structure"]),
        club_life_factor(candidate, home_clubs, w["club_life"]),
        ties_factor(tie_strengths, w["ties"]),
        language_factor(home, candidate, w["language"]),
    ])
