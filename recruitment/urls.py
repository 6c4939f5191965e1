from django.urls import path

from recruitment.views import (
    applying,
    assignments,
    decisions,
    equality,
    interviews,
    offers,
    questions,
    ranking,
    reviews,
    rounds,
    support,
)

app_name = "recruitment"

urlpatterns = [
    # Rounds, forms and questions (advisers).
    path("", rounds.round_list, name="rounds"),
    path("programmes/<int:pk>/rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("rounds/<int:pk>/criteria/", rounds.criterion_add, name="criterion_add"),
    path("rounds/<int:pk>/equality/", equality.equality_summary, name="equality_summary"),
    path("criteria/<int:pk>/edit/", rounds.criterion_edit, name="criterion_edit"),
    path("forms/<int:pk>/", questions.form_detail, name="form"),
    path("forms/<int:pk>/copy/", questions.form_copy, name="form_copy"),
    path("forms/<int:pk>/questions/new/", questions.question_add, name="question_add"),
    path("questions/<int:pk>/edit/", questions.question_edit, name="question_edit"),
    path("questions/<int:pk>/delete/", questions.question_delete, name="question_delete"),
    path("questions/<int:pk>/move/", questions.question_move, name="question_move"),
    # Applying, support and equality monitoring (applicants, line managers).
    path("open/<int:pk>/", applying.round_public, name="round_public"),
    path("open/<int:pk>/apply/", applying.apply, name="apply"),
    path("mine/", applying.my_applications, name="mine"),
    path("applications/<int:pk>/", applying.application_detail, name="application"),
    path("applications/<int:pk>/edit/", applying.application_edit, name="application_edit"),
    path("applications/<int:pk>/support/", support.support_request, name="support"),
    path("applications/<int:pk>/support/remind/", support.support_remind, name="support_remind"),
    path("applications/<int:pk>/equality/", equality.equality_form, name="equality"),
    # Tokens are URL-safe base64 (secrets.token_urlsafe).
    path("support/<slug:token>/", support.support_respond, name="support_respond"),
    # Review: assignments, reviews, ranking and decisions (the adviser's side).
    path("rounds/<int:pk>/assignments/", assignments.round_assignments, name="assignments"),
    path(
        "rounds/<int:pk>/assignments/suggest/",
        assignments.assignments_suggest,
        name="assignments_suggest",
    ),
    path("rounds/<int:pk>/ranking/", ranking.ranking, name="ranking"),
    path("rounds/<int:pk>/ranking.csv", ranking.ranking_csv, name="ranking_csv"),
    path(
        "applications/<int:pk>/reviewers/",
        assignments.application_reviewers,
        name="application_reviewers",
    ),
    path("applications/<int:pk>/decision/", decisions.decision, name="decision"),
    path("assignments/<int:pk>/remove/", assignments.assignment_remove, name="assignment_remove"),
    # Review: the reviewer's side.
    path("reviews/", reviews.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", reviews.review, name="review"),
    path("reviews/<int:pk>/conflict/", reviews.conflict, name="conflict"),
    # Interviews and offers.
    path("rounds/<int:pk>/interviews/", interviews.round_interviews, name="round_interviews"),
    path(
        "rounds/<int:pk>/interviews/invite/",
        interviews.interview_invitations_send,
        name="interview_invitations_send",
    ),
    path(
        "interview-slots/<int:pk>/remove/",
        interviews.interview_slot_remove,
        name="interview_slot_remove",
    ),
    path("applications/<int:pk>/interview/", interviews.interview_book, name="interview_book"),
    path("applications/<int:pk>/interview/move/", interviews.interview_move, name="interview_move"),
    path(
        "applications/<int:pk>/interview/cancel/",
        interviews.interview_cancel,
        name="interview_cancel",
    ),
    path("applications/<int:pk>/panel/", interviews.interview_panel, name="interview_panel"),
    path("rounds/<int:pk>/offers/", offers.round_offers, name="round_offers"),
    path("rounds/<int:pk>/offers/send/", offers.offers_send, name="offers_send"),
    path("rounds/<int:pk>/offers/next/", offers.offer_next, name="offer_next"),
    path("rounds/<int:pk>/unsuccessful/send/", offers.unsuccessful_send, name="unsuccessful_send"),
    path("rounds/<int:pk>/emails/<str:kind>/", offers.email_template_edit, name="email_template"),
    path("applications/<int:pk>/feedback/", offers.feedback_edit, name="feedback_edit"),
    path("offers/<slug:token>/", offers.offer_respond, name="offer_respond"),
]
