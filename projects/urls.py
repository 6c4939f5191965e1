from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.index, name="index"),
    path("cohorts/", views.cohorts, name="cohorts"),
    path("mine/", views.mine, name="mine"),
    path("gallery/", views.my_gallery, name="my_gallery"),
    path("cohorts/<int:pk>/start/", views.start, name="start"),
    path("cohorts/<int:pk>/board/", views.board, name="board"),
    path("cohorts/<int:pk>/board.csv", views.board_csv, name="board_csv"),
    path("cohorts/<int:pk>/gallery/", views.gallery, name="gallery"),
    path("cohorts/<int:pk>/showcase/", views.showcase, name="showcase"),
    path("cohorts/<int:pk>/showcase/print/", views.showcase_print, name="showcase_print"),
    path("cohorts/<int:pk>/showcase/order/", views.showcase_order, name="showcase_order"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/entries/new/", views.entry_add, name="entry_add"),
    path("<int:pk>/milestones/new/", views.milestone_add, name="milestone_add"),
    path("<int:pk>/impact/<slug:kind>/", views.impact_edit, name="impact_edit"),
    path("entries/<int:pk>/", views.entry_detail, name="entry"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/delete/", views.milestone_delete, name="milestone_delete"),
    path("sets/<int:pk>/", views.set_projects, name="set_projects"),
]
