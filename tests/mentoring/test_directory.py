import pytest
from django.urls import reverse

from accounts.factories import CohortFactory, ProgrammeFactory, make_fellow
from cohorts.models import DevelopmentGoal, IntakeInterview, Theme
from mentoring.factories import BookingFactory, SlotFactory, days_ahead, make_mentor_profile
from mentoring.models import Slot
from mentoring.services import bookings as services
from projects.models import Project

pytestmark = pytest.mark.django_db


def directory(client, user, **params):
    client.force_login(user)
    return client.get(reverse("mentoring:directory"), params)


def names(response):
    return [profile.user.name for profile in response.context["page"].object_list]


def test_fellow_sees_mentors_of_their_programme_with_next_free_slot(client, mentoring):
    world = mentoring.world
    make_mentor_profile(world.other_programme)
    later = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(9))

    response = directory(client, world.owner)

    assert response.status_code == 200
    profiles = list(response.context["page"].object_list)
    assert [p.user for p in profiles] == [world.mentor]
    assert profiles[0].next_free_at == mentoring.slot.starts_at
    assert "Next free slot: Thursday 5 February at 10:00" in response.text
    assert later.starts_at > profiles[0].next_free_at


def test_next_free_slot_skips_booked_and_too_soon_slots(client, mentoring):
    world = mentoring.world
    SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(0, 20))
    services.booking_create(slot=mentoring.slot, fellow=world.fellow, agenda="Procurement")
    later = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(6))

    response = directory(client, world.owner)

    assert response.context["page"].object_list[0].next_free_at == later.starts_at


def test_filter_by_expertise_and_free_slots_in_the_next_two_weeks(client, mentoring):
    world = mentoring.world
    design = Theme.objects.create(programme=world.programme, name="User-centred design")
    designer = make_mentor_profile(world.programme, expertise=[design])
    idle = make_mentor_profile(world.programme, expertise=[design])
    SlotFactory(mentor=designer.user, programme=world.programme, starts_at=days_ahead(2))
    SlotFactory(mentor=idle.user, programme=world.programme, starts_at=days_ahead(20))

    by_theme = directory(client, world.owner, expertise=design.pk)
    soon = directory(client, world.owner, free_soon="on")
    both = directory(client, world.owner, expertise=design.pk, free_soon="on")

    assert sorted(names(by_theme)) == sorted([designer.user.name, idle.user.name])
    assert sorted(names(soon)) == sorted([world.mentor.name, designer.user.name])
    assert names(both) == [designer.user.name]


def test_a_theme_id_that_is_not_the_programmes_gets_a_message_not_a_500(client, mentoring):
    stranger = Theme.objects.create(programme=mentoring.world.other_programme, name="Other")

    response = directory(client, mentoring.world.owner, expertise=stranger.pk)

    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def give_goals(world, fellow, *themes):
    interview = IntakeInterview.objects.create(
        cohort=world.cohort,
        fellow=fellow,
        interviewer=world.adviser,
        held_on=days_ahead(-100).date(),
        hopes="To lead our trust's shared care record work",
        motivation=IntakeInterview.Motivation.OWN_ACCORD,
        starting_skilled=2,
        starting_connected=2,
        starting_inspired=3,
    )
    goal = DevelopmentGoal.objects.create(interview=interview, text="Make the case with data")
    goal.themes.set(themes)


def test_suggestions_match_goals_and_project_and_skip_mentors_already_met(client, mentoring):
    world = mentoring.world
    data = mentoring.data_theme
    interop = Theme.objects.create(programme=world.programme, name="Interoperability")
    give_goals(world, world.owner, data)
    project = Project.objects.create(
        cohort=world.cohort, fellow=world.owner, title="Shared care record", summary="..."
    )
    project.themes.set([interop])
    integrator = make_mentor_profile(world.programme, expertise=[interop])
    met = make_mentor_profile(world.programme, expertise=[data])
    past = SlotFactory(mentor=met.user, programme=world.programme, starts_at=days_ahead(-7))
    BookingFactory(slot=past, fellow=world.owner, cohort=world.cohort, status="held")
    make_mentor_profile(world.programme)  # no matching expertise

    response = directory(client, world.owner)

    suggestions = [(s.profile.user, s.reason) for s in response.context["suggestions"]]
    assert sorted(suggestions, key=lambda s: s[1]) == [
        (world.mentor, "Matches your goals: Data and analytics"),
        (integrator.user, "Matches your project: Interoperability"),
    ]
    assert "Matches your goals: Data and analytics" in response.text


def test_a_suggestion_gives_the_goal_themes_and_the_project_themes_it_matches(client, mentoring):
    world = mentoring.world
    interop = Theme.objects.create(programme=world.programme, name="Interoperability")
    safety = Theme.objects.create(programme=world.programme, name="Clinical safety")
    give_goals(world, world.owner, mentoring.data_theme, safety)
    project = Project.objects.create(
        cohort=world.cohort, fellow=world.owner, title="Shared care record", summary="..."
    )
    project.themes.set([interop, safety])
    both = make_mentor_profile(world.programme, expertise=[mentoring.data_theme, interop, safety])

    response = directory(client, world.owner)

    suggestions = [(s.profile.user, s.reason) for s in response.context["suggestions"]]
    # A theme in both the goals and the project is given once, as a goal.
    assert suggestions[0] == (
        both.user,
        "Matches your goals: Clinical safety, Data and analytics; "
        "matches your project: Interoperability",
    )


def test_a_mentor_the_fellow_has_booked_is_not_suggested_again(client, mentoring):
    world = mentoring.world
    give_goals(world, world.owner, mentoring.data_theme)
    services.booking_create(slot=mentoring.slot, fellow=world.owner, agenda="Dashboards")

    response = directory(client, world.owner)

    assert response.context["suggestions"] == []


def test_another_fellows_goals_do_not_shape_my_suggestions(client, mentoring):
    world = mentoring.world
    give_goals(world, world.fellow, mentoring.data_theme)

    response = directory(client, world.owner)

    assert response.context["suggestions"] == []


def grow(size: int):
    """A programme with `size` mentors, each with expertise and four slots, and a fellow."""
    programme = ProgrammeFactory()
    cohort = CohortFactory(programme=programme)
    fellow = make_fellow(cohort)
    themes = [Theme.objects.create(programme=programme, name=f"Theme {n}") for n in range(3)]
    slots = []
    for n in range(size):
        profile = make_mentor_profile(programme, expertise=themes[: 1 + n % 3])
        slots += [
            Slot(
                mentor=profile.user,
                programme=programme,
                starts_at=days_ahead(day),
                ends_at=days_ahead(day, 10, 30),
                location="Bush House",
            )
            for day in (2, 5, 9, 16)
        ]
    Slot.objects.bulk_create(slots)
    give_goals_in(cohort, fellow, themes[0])
    return fellow


def give_goals_in(cohort, fellow, theme):
    interview = IntakeInterview.objects.create(
        cohort=cohort,
        fellow=fellow,
        held_on=days_ahead(-100).date(),
        hopes="Lead change",
        motivation=IntakeInterview.Motivation.SENT,
        starting_skilled=2,
        starting_connected=2,
        starting_inspired=2,
    )
    DevelopmentGoal.objects.create(interview=interview, text="Goal").themes.set([theme])


def test_directory_queries_do_not_grow_with_mentors(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    small = grow(5)
    client.force_login(small)
    with django_assert_max_num_queries(16) as small_run:
        client.get(reverse("mentoring:directory"))

    large = grow(100)
    client.force_login(large)
    with django_assert_num_queries(len(small_run.captured_queries)):
        response = client.get(reverse("mentoring:directory"))

    print(f"\ndirectory queries: 5 mentors {len(small_run.captured_queries)}, 100 mentors same")
    assert response.context["page"].paginator.count == 100
    assert len(response.context["page"].object_list) == 24
    assert "100 mentors" in response.text
    assert len(response.context["suggestions"]) == 3
    with django_assert_num_queries(len(small_run.captured_queries)):
        last = client.get(reverse("mentoring:directory"), {"page": 5})
    assert len(last.context["page"].object_list) == 4


def test_the_mentor_list_pagination_is_not_repeated_under_the_suggestions(client, mentoring):
    world = mentoring.world
    give_goals(world, world.owner, mentoring.data_theme)  # so there are suggestions
    for _ in range(30):  # more than a page of 24
        make_mentor_profile(world.programme)
    client.force_login(world.owner)

    response = client.get(reverse("mentoring:directory"))

    assert response.context["suggestions"]
    text = response.text
    suggestions = text[text.index("Suggested for you") : text.index("Filter mentors")]
    assert 'aria-label="Pages of mentors"' not in suggestions
    assert text.count('aria-label="Pages of mentors"') == 1
