"""Plain-English wording for text Pioneer does not write itself, such as allauth's pages."""

import re

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Words that keep their capital inside a sentence.
PROPER = frozenset(["I", "Pioneer", "NHS", "Google", "Microsoft", "Apple"])
_TAG_OR_WORD = re.compile(r"<[^>]*>|[A-Za-z][\w']*")


@register.filter(is_safe=True)
def sentence_case(text):
    """Lower-case each capitalised word after a text's first: "Make Primary" -> "Make primary".

    Tags are left alone, and so are acronyms (TOTP) and names that keep their capital.
    """
    first = True

    def lower(match):
        nonlocal first
        word = match.group(0)
        if word.startswith("<"):
            first = True  # each piece of text between tags is its own label or heading
            return word
        if first:
            first = False
            return word
        if word in PROPER or (len(word) > 1 and not word[1:].islower()):
            return word
        return word.lower()

    result = _TAG_OR_WORD.sub(lower, str(text))
    return mark_safe(result) if isinstance(text, SafeString) else result
