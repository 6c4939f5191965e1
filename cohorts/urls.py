from django.urls import path

from cohorts import views

app_name = "cohorts"

urlpatterns = [
    path("<int:pk>/", views.cohort_detail, name="detail"),
]
