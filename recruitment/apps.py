from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    label = "recruitment"
    verbose_name = "Recruitment"
