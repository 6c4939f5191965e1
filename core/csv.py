"""CSV downloads, streamed row by row so a large table never sits in memory.

Every export goes through `csv_response`: text a person typed cannot run as a
spreadsheet formula, and the file name is made safe whatever a cohort is called.
"""

import csv
import io
from collections.abc import Collection, Iterable
from itertools import batched

from django.http import StreamingHttpResponse
from django.utils.text import slugify

CHUNK_ROWS = 500

# A cell starting with one of these could run as a formula in a spreadsheet.
FORMULA_START = "=+-@\t\r"


def cell(value):
    """A value as a spreadsheet should see it: text never as a formula, figures to 2 places."""
    if isinstance(value, str):
        return "'" + value if value and value[0] in FORMULA_START else value
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 2)
    return value


def formula_safe_sql(column: str) -> tuple[str, list]:
    """`cell` for a text column, in SQL (PostgreSQL and SQLite): for a large export whose
    rows then go from the cursor to the CSV writer untouched."""
    starts = ", ".join(["%s"] * len(FORMULA_START))
    sql = f"CASE WHEN substr({column}, 1, 1) IN ({starts}) THEN %s || {column} ELSE {column} END"
    return sql, [*FORMULA_START, "'"]


def labels_sql(column: str, labels: dict[str, str]) -> tuple[str, list]:
    """The label of each of a column's values, in SQL (a value without one as it is)."""
    cases = " ".join(["WHEN %s THEN %s"] * len(labels))
    return f"CASE {column} {cases} ELSE {column} END", [x for pair in labels.items() for x in pair]


def csv_response(
    name: str,
    header: list[str],
    rows: Iterable[Iterable],
    *,
    about=None,
    people=None,
    safe: Collection[int] = (),
) -> StreamingHttpResponse:
    """A download called `<name, slugified>.csv` with a header row and then `rows`.
    `about` (the programme, cohort, session or person whose data it holds) and `people`
    (a queryset of one column, the ids of those people, when they are not the members of
    `about`) go with the response, so the audit trail records whose data was downloaded.
    `safe` names the positions of columns that hold only what this code wrote (whole
    numbers, its own labels, formatted dates): they skip `cell`, every other column does not.
    """
    typed = [i for i in range(len(header)) if i not in safe]

    def escaped(chunk):
        for row in chunk:
            row = list(row)
            for i in typed:
                row[i] = cell(row[i])
            yield row

    out = io.StringIO()
    writer = csv.writer(out)

    def written() -> str:
        text = out.getvalue()
        out.seek(0)
        out.truncate()
        return text

    def lines():
        yield "\ufeff"  # so Excel reads the file as UTF-8
        writer.writerow([cell(value) for value in header])
        yield written()
        # Rows go out in chunks: a chunk a row costs more to send than the row to write.
        for chunk in batched(rows, CHUNK_ROWS):
            writer.writerows(escaped(chunk) if typed else chunk)
            yield written()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "export"}.csv"'
    response.about, response.people = about, people
    return response
