from django.urls import path

from evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.index, name="index"),
    path("how-scores-are-worked-out/", views.how_scores_work, name="how_scores_work"),
    path("my-scorecard/", views.my_scorecard, name="my_scorecard"),
    path("scorecards/<int:pk>/", views.scorecard, name="scorecard"),
    path("scores/<int:pk>/", views.score_detail, name="score"),
    path("waves/<int:pk>/answer/", views.answer, name="answer"),
    path("cohorts/<int:pk>/waves/new/", views.wave_new, name="wave_new"),
    path("waves/<int:pk>/", views.wave_detail, name="wave"),
    path("waves/<int:pk>/dates/", views.wave_edit, name="wave_edit"),
    path("waves/<int:pk>/recompute/", views.wave_recompute, name="wave_recompute"),
    path("waves/<int:pk>/ratings/<int:fellow_id>/", views.wave_ratings, name="ratings"),
    path("cohorts/<int:pk>/report/", views.cohort_report, name="report"),
    path("cohorts/<int:pk>/export/<slug:table>.csv", views.report_csv, name="report_csv"),
    path("cohorts/<int:pk>/network/", views.network, name="network"),
    path("cohorts/<int:pk>/network/export/<slug:table>.csv", views.network_csv, name="network_csv"),
    path("frameworks/", views.framework_list, name="frameworks"),
    path("frameworks/<int:pk>/", views.framework_detail, name="framework"),
    path("frameworks/<int:pk>/copy/", views.framework_copy, name="framework_copy"),
    path("domains/<int:pk>/indicators/new/", views.indicator_new, name="indicator_new"),
    path("indicators/<int:pk>/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
]
