"""Memory of the answers CSV export over every answer in the database.

Streams `evaluation`'s named answers export (the same rows and CSV writer as the cohort
report's download) over all answers, reading the response as a client would, and prints
JSON: rows, megabytes written, seconds, megabytes a second (issue 16 asks for 20 or more),
and the process's peak resident memory before and after. At scale 1.0 that is the
1,000,000-answer export of issue 7. Run by bench/run.py with the bench database's settings.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fellowship.settings")

import django

django.setup()

from core.csv import query_csv_response  # noqa: E402
from evaluation import exports, report  # noqa: E402
from evaluation.models import Response  # noqa: E402


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main():
    before = peak_mb()
    started = time.perf_counter()
    sql, params = report.answers_query(Response.objects.all())
    response = query_csv_response("all answers", exports.ANSWERS_HEADER, sql, params)
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")  # LF from PostgreSQL, CRLF from Python's writer
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "rows": lines - 1,  # less the header
                "mb_written": round(size / 1e6, 1),
                "seconds": round(seconds, 1),
                "mb_per_s": round(size / 1e6 / seconds, 1),
                "peak_rss_mb_before": before,
                "peak_rss_mb_after": peak_mb(),
            }
        )
    )


if __name__ == "__main__":
    main()
