"""CSV downloads: text a person typed cannot run as a formula, and the file is what
Python's csv writer makes of the escaped rows, however many chunks it streams in."""

import csv
import io

from core.csv import CHUNK_ROWS, cell, csv_response


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_every_cell_not_named_safe_is_escaped_and_figures_keep_2_places():
    rows = [
        ["=1+1", "+44 7700", 7, "-x"],
        ["@SUM(A1)", "\tx", 1.239, "\rx"],
        [None, 'say "hi", then go', 2.5, ""],
    ]

    response = csv_response("people", ["name", "phone", "score", "note"], rows)

    assert body(response) == (
        "\ufeffname,phone,score,note\r\n"
        "'=1+1,'+44 7700,7,'-x\r\n"
        "'@SUM(A1),'\tx,1.24,\"'\rx\"\r\n"
        ',"say ""hi"", then go",2.5,\r\n'
    )


def test_safe_columns_go_out_as_they_are_and_the_others_are_still_escaped():
    rows = [["=cmd", "Baseline", 3, "+statement"], ["-x", "End", 4, "@y"]]

    response = csv_response("answers", ["name", "wave", "answer", "statement"], rows, safe={1, 2})

    assert body(response) == (
        "\ufeffname,wave,answer,statement\r\n'=cmd,Baseline,3,'+statement\r\n'-x,End,4,'@y\r\n"
    )


def test_a_table_with_no_rows_is_its_header():
    response = csv_response("empty", ["fellow", "=sum"], iter([]))

    assert body(response) == "\ufefffellow,'=sum\r\n"


def test_many_chunks_make_the_same_file_as_one_writer():
    rows = [
        [f"fellow {n}", "=x" if n % 7 == 0 else "a,b", n, n / 3] for n in range(CHUNK_ROWS * 2 + 3)
    ]
    expected = io.StringIO()
    csv.writer(expected).writerows([[cell(value) for value in row] for row in rows])

    response = csv_response("many", ["a", "b", "c", "d"], iter(rows))

    assert body(response) == "\ufeffa,b,c,d\r\n" + expected.getvalue()
