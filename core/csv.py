"""CSV downloads, streamed row by row so a large table never sits in memory.

Every export goes through `csv_response` (or, for the largest, `query_csv_response`): text
a person typed cannot run as a spreadsheet formula, and the file name is made safe
whatever a cohort is called.
"""

import csv
import io
from collections.abc import Collection, Iterable
from itertools import batched

import psycopg
from django.db import connection
from django.http import StreamingHttpResponse
from django.utils.text import slugify

CHUNK_ROWS = 500
CHUNK_BYTES = 1 << 16
BOM = "\ufeff"  # so Excel reads the file as UTF-8

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
        yield BOM
        writer.writerow([cell(value) for value in header])
        yield written()
        # Rows go out in chunks: a chunk a row costs more to send than the row to write.
        for chunk in batched(rows, CHUNK_ROWS):
            writer.writerows(escaped(chunk) if typed else chunk)
            yield written()

    return _download(name, lines(), about, people)


def query_csv_response(name: str, header: list[str], sql: str, params: list, *, about=None):
    """A download of the rows of `sql`, whose columns are the cells as the CSV shows them
    (text made safe by `formula_safe_sql`, labels, formatted dates): for the largest exports.
    PostgreSQL writes the CSV itself (COPY), three times as fast as Python's writer over a
    million answers; on another database the rows go from the cursor to the writer as they
    are. PostgreSQL ends lines with LF where Python's writer uses CRLF; readers take both."""
    if connection.vendor != "postgresql":
        return csv_response(
            name, header, _fetched(sql, params), about=about, safe=range(len(header))
        )
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([cell(value) for value in header])
    return _download(name, _copied(sql, params, first=BOM + out.getvalue()), about, None)


def _download(name, lines, about, people) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "export"}.csv"'
    response.about, response.people = about, people
    return response


def _fetched(sql: str, params: list, chunk_size: int = 2000):
    """The rows of `sql`, read in chunks from a server-side cursor."""
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            yield from rows


def _copied(sql: str, params: list, *, first: str):
    """`first`, then the rows of `sql` as CSV written by PostgreSQL, in chunks of about
    CHUNK_BYTES (COPY hands over a row at a time). Leaving early (a download stopped)
    cancels the COPY and leaves the connection usable."""
    yield first.encode()
    with connection.cursor() as cursor:
        # COPY takes no bound parameters: the driver's client-side cursor quotes them in.
        query = psycopg.ClientCursor(cursor.cursor.connection).mogrify(sql, params)
        with cursor.cursor.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv)") as copy:
            buffer = bytearray()
            for data in copy:
                buffer += data
                if len(buffer) >= CHUNK_BYTES:
                    yield bytes(buffer)
                    buffer.clear()
            yield bytes(buffer)
