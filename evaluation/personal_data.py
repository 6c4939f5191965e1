"""The personal data evaluation holds: a fellow's answers, ratings of them and scores.
Scores' evidence names the people a fellow is tied to, so it is searched for names too."""

from core.personal_data import Holds

HOLDS = (
    Holds("evaluation.Response", by={"fellow": {}}),
    Holds("evaluation.Answer", by={"response__fellow": {}}),
    Holds("evaluation.LookingBack", by={"response__fellow": {}}),
    Holds("evaluation.AdviserRating", by={"fellow": {}, "rated_by": {}}),
    Holds("evaluation.Score", by={"fellow": {}}, mentions=("evidence",)),
)
