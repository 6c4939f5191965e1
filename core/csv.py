"""CSV downloads, streamed row by row so a large table never sits in memory.

Every export goes through `csv_response`: text a person typed cannot run as a
spreadsheet formula, and the file name is made safe whatever a cohort is called.
"""

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse
from django.utils.text import slugify

CHUNK_ROWS = 500

# A cell starting with one of these could run as a formula in a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write returns the line, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def cell(value):
    """A value as a spreadsheet should see it: text never as a formula, figures to 2 places."""
    if type(value) is int:  # the commonest cell in a big export: nothing to do
        return value
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_response(
    name: str, header: list[str], rows: Iterable[Iterable], *, about=None, people=None
) -> StreamingHttpResponse:
    """A download called `<name, slugified>.csv` with a header row and then `rows`.
    `about` (the programme, cohort, session or person whose data it holds) and `people`
    (a queryset of one column, the ids of those people, when they are not the members of
    `about`) go with the response, so the audit trail records whose data was downloaded."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # so Excel reads the file as UTF-8
        yield writer.writerow([cell(value) for value in header])
        # Rows go out in chunks: a chunk a row costs more to send than the row to write.
        chunk = []
        for row in rows:
            chunk.append(writer.writerow([cell(value) for value in row]))
            if len(chunk) == CHUNK_ROWS:
                yield "".join(chunk)
                chunk = []
        if chunk:
            yield "".join(chunk)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "export"}.csv"'
    response.about, response.people = about, people
    return response
