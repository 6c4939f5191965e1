from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("programmes/<int:pk>/", views.programme_trail, name="programme"),
    path("programmes/<int:pk>/trail.csv", views.programme_trail_csv, name="programme_csv"),
]
