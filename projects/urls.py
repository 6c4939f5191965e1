from django.urls import path

from projects.views import board, entries, projects, showcase

app_name = "projects"

urlpatterns = [
    path("", board.index, name="index"),
    path("cohorts/", board.cohorts, name="cohorts"),
    path("mine/", projects.mine, name="mine"),
    path("gallery/", showcase.my_gallery, name="my_gallery"),
    path("cohorts/<int:pk>/start/", projects.start, name="start"),
    path("cohorts/<int:pk>/board/", board.board, name="board"),
    path("cohorts/<int:pk>/board.csv", board.board_csv, name="board_csv"),
    path("cohorts/<int:pk>/gallery/", showcase.gallery, name="gallery"),
    path("cohorts/<int:pk>/showcase/", showcase.showcase, name="showcase"),
    path("cohorts/<int:pk>/showcase/print/", showcase.showcase_print, name="showcase_print"),
    path("cohorts/<int:pk>/showcase/order/", showcase.showcase_order, name="showcase_order"),
    path("<int:pk>/", projects.detail, name="detail"),
    path("<int:pk>/edit/", projects.edit, name="edit"),
    path("<int:pk>/entries/new/", entries.entry_add, name="entry_add"),
    path("<int:pk>/milestones/new/", projects.milestone_add, name="milestone_add"),
    path("<int:pk>/impact/<slug:kind>/", projects.impact_edit, name="impact_edit"),
    path("entries/<int:pk>/", entries.entry_detail, name="entry"),
    path("entries/<int:pk>/edit/", entries.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/comments/", entries.comment_add, name="comment_add"),
    path("comments/<int:pk>/replies/", entries.reply_add, name="reply_add"),
    path("milestones/<int:pk>/edit/", projects.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/delete/", projects.milestone_delete, name="milestone_delete"),
    path("sets/<int:pk>/", showcase.set_projects, name="set_projects"),
]
