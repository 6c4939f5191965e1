from django.urls import path  # noqa: F401

app_name = "recruitment"

urlpatterns: list = [
    # Rounds, forms and questions (advisers).
    # Applying, support and equality monitoring (applicants, line managers).
    # Review: assignments, reviews, ranking and decisions.
    # Interviews and offers.
]
