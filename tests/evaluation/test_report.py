"""The cohort report, its CSV exports and the network, for advisers only."""

import csv
import datetime
import io

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import reverse
from django.utils import timezone

from accounts.factories import CohortFactory, make_fellow
from cohorts.factories import MeetingFactory
from cohorts.models import LearningSet, LearningSetMember
from evaluation.factories import WaveFactory, make_framework
from evaluation.models import Answer, Response, Wave
from tests.evaluation.conftest import all_statements, answered_cohort, bulk_answers
from tests.matrix import WRONG_METHOD, adviser_only, assert_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(world):
    """Four fellows. Baseline answers 1, 2, 3, 4 (scores 0, 25, 50, 75); at the end
    the first three answer 3, 3, 5 (50, 50, 100) and the fourth does not answer."""
    framework = make_framework(programme=world.programme)
    late = make_fellow(world.cohort, user__name="=HYPERLINK(evil)")
    fellows = [world.owner, world.fellow, make_fellow(world.cohort), late]
    baseline = WaveFactory(cohort=world.cohort, framework=framework, kind=Wave.Kind.BASELINE)
    bulk_answers(baseline, fellows, lambda i, _: [1, 2, 3, 4][i])
    end = WaveFactory(cohort=world.cohort, framework=framework, kind=Wave.Kind.END)
    bulk_answers(end, fellows[:3], lambda i, _: [3, 3, 5][i])
    return {"fellows": fellows, "late": late, "framework": framework}


def report_url(world, **query):
    url = reverse("evaluation:report", args=[world.cohort.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_report_matrix(world, answered):
    assert_matrix(world, report_url(world), adviser_only())
    assert_matrix(world, report_url(world), WRONG_METHOD, method="post")


def test_response_rate_and_who_has_not_answered(client, world, answered):
    client.force_login(world.adviser)

    page = client.get(report_url(world))

    rates = [(r.wave.kind, r.answered, r.fellows, r.rate) for r in page.context["report"].responses]
    assert rates == [("baseline", 4, 4, 100.0), ("end", 3, 4, 75.0)]
    assert [m.user for m in page.context["report"].responses[1].not_answered] == [answered["late"]]


def test_domain_statistics_worked_by_hand(client, world, answered):
    client.force_login(world.adviser)

    page = client.get(report_url(world))

    stats = {(s.domain_key, s.wave_kind): s for s in page.context["report"].stats}
    baseline = stats[("skilled", "baseline")]
    # 0, 25, 50, 75: mean 37.5, sample SD sqrt(3125 / 3) = 32.27, median 37.5.
    assert (baseline.n, baseline.mean, baseline.median) == (4, 37.5, 37.5)
    assert baseline.sd == pytest.approx(32.2749, abs=1e-4)
    end = stats[("skilled", "end")]
    assert (end.n, end.mean, end.median) == (3, pytest.approx(66.6667, abs=1e-4), 50.0)


def test_change_from_baseline_to_end_worked_by_hand(client, world, answered):
    client.force_login(world.adviser)

    page = client.get(report_url(world))

    row = next(r for r in page.context["report"].change if r.domain_key == "skilled")
    # Changes +50, +25, +50: mean 41.67, SD 14.43, d_z 2.89; t(0.975, 2) = 4.303,
    # so the 95% CI is 41.67 -/+ 4.303 * 14.43 / sqrt(3) = 5.81 to 77.52.
    change = row.change
    assert change.n == 3
    assert change.mean == pytest.approx(41.6667, abs=1e-4)
    assert change.sd == pytest.approx(14.4338, abs=1e-4)
    assert change.d_z == pytest.approx(2.8868, abs=1e-4)
    assert (change.ci_low, change.ci_high) == (
        pytest.approx(5.8106, abs=1e-3),
        pytest.approx(77.5227, abs=1e-3),
    )
    # Baseline SD of the pairs (0, 25, 50) is 25: threshold 1.96 * sqrt(2) * 25 * sqrt(0.2)
    # = 30.99, so +50 and +50 are beyond noise and +25 is not.
    assert row.threshold == pytest.approx(30.9903, abs=1e-3)
    assert (row.improved, row.declined, row.within_noise) == (2, 0, 1)
    assert "5.8 to 77.5" in page.text


def test_report_compares_with_another_cohort_of_the_programme(client, world, answered):
    other = CohortFactory(programme=world.programme, name="Cohort 1")
    fellows = [make_fellow(other) for _ in range(3)]
    wave = WaveFactory(cohort=other, framework=answered["framework"], kind=Wave.Kind.BASELINE)
    bulk_answers(wave, fellows, lambda i, _: 5)
    client.force_login(world.adviser)

    page = client.get(report_url(world, compare=other.pk))

    assert page.context["report"].compare == other
    label, mine, theirs = page.context["comparison"][0]
    assert (label, mine.mean, theirs.mean, theirs.n) == ("Skilled, baseline", 37.5, 100.0, 3)
    assert "Cohort 2 against Cohort 1" in page.text


def test_another_programmes_cohort_cannot_be_compared(client, world, answered):
    client.force_login(world.adviser)

    for value in [world.other_cohort.pk, "not-a-number"]:
        page = client.get(report_url(world, compare=value))

        assert page.status_code == 200
        assert "Choose a cohort from the list." in page.text
        assert page.context["report"].compare is None


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "table", ["responses", "not-answered", "domains", "change", "scores", "answers"]
)
def test_every_report_table_exports_to_csv_for_advisers_only(world, answered, table):
    url = reverse("evaluation:report_csv", args=[world.cohort.pk, table])

    assert_matrix(world, url, adviser_only())


def test_change_csv_has_the_numbers_of_the_table(client, world, answered):
    client.force_login(world.adviser)

    response = client.get(reverse("evaluation:report_csv", args=[world.cohort.pk, "change"]))

    rows = csv_rows(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0][:4] == ["cohort", "domain", "fellows with both", "mean change"]
    assert rows[1][:8] == ["Cohort 2", "Skilled", "3", "41.67", "14.43", "5.81", "77.52", "2.89"]


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client, world, answered):
    client.force_login(world.adviser)

    response = client.get(reverse("evaluation:report_csv", args=[world.cohort.pk, "not-answered"]))

    assert csv_rows(response)[1][1] == "'=HYPERLINK(evil)"


def test_named_scores_export_lists_every_fellow_wave_and_domain(client, world, answered):
    client.force_login(world.adviser)

    response = client.get(reverse("evaluation:report_csv", args=[world.cohort.pk, "scores"]))

    rows = csv_rows(response)
    assert len(rows) == 1 + 4 * 4 + 3 * 4
    assert {row[2] for row in rows[1:]} == {"Baseline", "End"}


def test_unknown_table_is_not_found(client, world, answered):
    client.force_login(world.adviser)

    response = client.get(reverse("evaluation:report_csv", args=[world.cohort.pk, "secrets"]))

    assert response.status_code == 404


# The network.


@pytest.fixture
def thames(world):
    learning_set = LearningSet.objects.create(cohort=world.cohort, name="Thames")
    for fellow in [world.owner, world.fellow]:
        LearningSetMember.objects.create(
            learning_set=learning_set, cohort=world.cohort, fellow=fellow
        )
    # A set's ties count from its first meeting.
    MeetingFactory(
        cohort=world.cohort,
        learning_set=learning_set,
        starts_at=timezone.now() - datetime.timedelta(days=30),
    )
    return learning_set


def test_network_matrix(world, thames):
    url = reverse("evaluation:network", args=[world.cohort.pk])

    assert_matrix(world, url, adviser_only())
    assert_matrix(world, url, WRONG_METHOD, method="post")
    for table in ["people", "ties"]:
        csv_url = reverse("evaluation:network_csv", args=[world.cohort.pk, table])
        assert_matrix(world, csv_url, adviser_only())


def test_network_shows_people_and_learning_set_ties_as_of_a_wave(client, world, thames, wave):
    client.force_login(world.adviser)

    page = client.get(reverse("evaluation:network", args=[world.cohort.pk]) + f"?wave={wave.pk}")

    assert page.context["wave"] == wave
    assert len(page.context["picture"].nodes) == 2
    assert [(a.pk, b.pk, t.via) for a, b, t in page.context["ties"]] == [
        (world.owner.pk, world.fellow.pk, "learning set Thames")
    ]
    assert "<svg" in page.text


def test_network_of_an_unknown_wave_is_not_found(client, world, thames, wave):
    client.force_login(world.adviser)

    for value in ["abc", "999999"]:
        page = client.get(reverse("evaluation:network", args=[world.cohort.pk]) + f"?wave={value}")
        assert page.status_code == 404


def test_network_ties_export(client, world, thames):
    client.force_login(world.adviser)

    response = client.get(reverse("evaluation:network_csv", args=[world.cohort.pk, "ties"]))

    rows = csv_rows(response)
    assert rows[0] == ["person", "organisation", "tied to", "organisation", "through"]
    assert [rows[1][0], rows[1][2], rows[1][4]] == [
        world.owner.name,
        world.fellow.name,
        "learning set Thames",
    ]


@pytest.mark.parametrize("page", ["report", "network"])
def test_report_queries_do_not_grow_with_the_cohort(
    client, page, django_assert_max_num_queries, django_assert_num_queries
):
    adviser, cohort = answered_cohort(5)
    client.force_login(adviser)
    # 15 for the report: its own 14 and the cohort's stamp that keys its cached body.
    with django_assert_max_num_queries(15) as small:
        client.get(reverse(f"evaluation:{page}", args=[cohort.pk]))

    adviser, cohort = answered_cohort(60)
    client.force_login(adviser)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse(f"evaluation:{page}", args=[cohort.pk]))
    assert response.status_code == 200


def test_csv_file_names_are_safe_whatever_the_cohort_is_called(client, world, answered):
    # Saved before names were checked, or through the admin: a line break in the name.
    world.cohort.name = 'Cohort 2\r\nNorth "East"'
    world.cohort.save()
    client.force_login(world.adviser)

    report = client.get(reverse("evaluation:report_csv", args=[world.cohort.pk, "responses"]))
    network = client.get(reverse("evaluation:network_csv", args=[world.cohort.pk, "people"]))

    assert (
        report["Content-Disposition"] == 'attachment; filename="cohort-2-north-east-responses.csv"'
    )
    assert network["Content-Disposition"].startswith(
        'attachment; filename="cohort-2-north-east-network-people-'
    )


def test_answers_csv_names_every_submitted_answer_of_this_cohort_only(client, world, answered):
    framework = answered["framework"]
    draft_wave = WaveFactory(cohort=world.cohort, framework=framework, kind=Wave.Kind.MIDPOINT)
    draft = draft_wave.responses.create(fellow=world.fellow)  # started, never submitted
    draft.answers.create(indicator=framework.domains.first().indicators.first(), value=5)
    other = CohortFactory(programme=world.programme)
    other_wave = WaveFactory(cohort=other, framework=framework)
    bulk_answers(other_wave, [make_fellow(other)], lambda i, _: 2)
    client.force_login(world.adviser)

    response = client.get(reverse("evaluation:report_csv", args=[world.cohort.pk, "answers"]))

    rows = csv_rows(response)
    statements = len(all_statements(framework))
    assert rows[0] == ["fellow", "email", "wave", "domain", "statement", "answer", "submitted"]
    # four fellows at baseline, three at the end; the draft and the other cohort are not there
    assert len(rows) - 1 == (4 + 3) * statements
    assert {row[2] for row in rows[1:]} == {"Baseline", "End"}
    late = [row for row in rows[1:] if row[0] == "'=HYPERLINK(evil)"]
    assert {row[5] for row in late} == {"4"}


def test_answers_csv_escapes_what_people_typed_and_gives_local_submission_times(
    client, world, answered
):
    late = answered["late"]
    late.email = "=cmd@example.org"
    late.save(update_fields=["email"])
    first = all_statements(answered["framework"])[0]
    first.statement = "+1 I can explain how a change will improve care."
    first.save(update_fields=["statement"])
    summer = datetime.datetime(2026, 7, 1, 9, 30, tzinfo=datetime.UTC)
    winter = datetime.datetime(2026, 1, 15, 9, 30, tzinfo=datetime.UTC)
    Response.objects.filter(fellow=late).update(submitted_at=summer)
    Response.objects.filter(fellow=world.fellow, wave__kind=Wave.Kind.BASELINE).update(
        submitted_at=winter
    )
    client.force_login(world.adviser)

    response = client.get(reverse("evaluation:report_csv", args=[world.cohort.pk, "answers"]))

    rows = csv_rows(response)
    late_rows = [row for row in rows[1:] if row[0] == "'=HYPERLINK(evil)"]
    assert {row[1] for row in late_rows} == {"'=cmd@example.org"}
    assert late_rows[0][4] == "'+1 I can explain how a change will improve care."
    assert {row[6] for row in late_rows} == {"2026-07-01 10:30"}  # British Summer Time
    fellow_baseline = [r for r in rows[1:] if r[1] == world.fellow.email and r[2] == "Baseline"]
    assert {row[6] for row in fellow_baseline} == {"2026-01-15 09:30"}


def test_an_answers_download_stopped_part_way_leaves_the_database_usable(transactional_db, client):
    # Committed data and no test transaction: a download streams in autocommit, as served.
    adviser, cohort = answered_cohort(40)  # about 200 KB of answers: several chunks
    client.force_login(adviser)
    url = reverse("evaluation:report_csv", args=[cohort.pk, "answers"])

    whole = csv_rows(client.get(url))
    response = client.get(url)
    chunks = iter(response.streaming_content)
    started = next(chunks) + next(chunks)
    # The browser went away. As the test client does for a response it reads whole, the
    # request's end keeps the connection open, so the next queries prove it usable.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)

    assert len(whole) - 1 == Answer.objects.filter(response__wave__cohort=cohort).count()
    assert started.decode("utf-8-sig").startswith("fellow,email,wave,domain")
    assert csv_rows(client.get(url)) == whole  # the next query on the connection answers
