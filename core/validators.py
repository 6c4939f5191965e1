"""Checks on what people type, shared by every app's models and forms."""

import unicodedata

from django.core.exceptions import ValidationError

# Control characters (C0 and C1: tab, line feed, carriage return, escape...) and
# Unicode's own line and paragraph separators.
BREAKS_AND_CONTROLS = {"Cc", "Zl", "Zp"}
# The explicit direction controls: embeddings and overrides (U+202A to U+202E) and
# isolates (U+2066 to U+2069). Hidden in a name, they make the text after it read in
# another order. The direction marks (U+200E, U+200F) are allowed: a name written in
# Arabic or Hebrew may need them, and they cannot reorder letters.
DIRECTION_CONTROLS = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}

ONE_LINE = "Use letters, numbers and punctuation only, on one line"
NO_DIRECTION_CONTROLS = (
    "Remove the hidden characters that change the direction of the text, then type it again"
)


def single_line(value: str) -> None:
    """Refuse line breaks, control characters and hidden direction controls in a name or
    title: it is shown in headings, lists, file names and email subjects."""
    if any(unicodedata.category(character) in BREAKS_AND_CONTROLS for character in value):
        raise ValidationError(ONE_LINE, code="control_characters")
    if any(unicodedata.bidirectional(character) in DIRECTION_CONTROLS for character in value):
        raise ValidationError(NO_DIRECTION_CONTROLS, code="direction_characters")
