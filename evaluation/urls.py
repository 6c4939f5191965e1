from django.urls import path

from evaluation.views import answering, frameworks, network, reports, scorecards, waves

app_name = "evaluation"

urlpatterns = [
    path("", waves.index, name="index"),
    path("how-scores-are-worked-out/", scorecards.how_scores_work, name="how_scores_work"),
    path("my-scorecard/", scorecards.my_scorecard, name="my_scorecard"),
    path("scorecards/<int:pk>/", scorecards.scorecard, name="scorecard"),
    path("scores/<int:pk>/", scorecards.score_detail, name="score"),
    path("waves/<int:pk>/answer/", answering.answer, name="answer"),
    path("cohorts/<int:pk>/waves/new/", waves.wave_new, name="wave_new"),
    path("waves/<int:pk>/", waves.wave_detail, name="wave"),
    path("waves/<int:pk>/dates/", waves.wave_edit, name="wave_edit"),
    path("waves/<int:pk>/recompute/", waves.wave_recompute, name="wave_recompute"),
    path("waves/<int:pk>/ratings/<int:fellow_id>/", waves.wave_ratings, name="ratings"),
    path("cohorts/<int:pk>/report/", reports.cohort_report, name="report"),
    path("cohorts/<int:pk>/export/<slug:table>.csv", reports.report_csv, name="report_csv"),
    path("cohorts/<int:pk>/network/", network.network, name="network"),
    path(
        "cohorts/<int:pk>/network/export/<slug:table>.csv",
        network.network_csv,
        name="network_csv",
    ),
    path("frameworks/", frameworks.framework_list, name="frameworks"),
    path("frameworks/<int:pk>/", frameworks.framework_detail, name="framework"),
    path("frameworks/<int:pk>/copy/", frameworks.framework_copy, name="framework_copy"),
    path("domains/<int:pk>/indicators/new/", frameworks.indicator_new, name="indicator_new"),
    path("indicators/<int:pk>/", frameworks.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/delete/", frameworks.indicator_delete, name="indicator_delete"),
]
