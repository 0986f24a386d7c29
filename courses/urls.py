from django.urls import path

from . import certificates, cohort_views, views

app_name = "courses"

urlpatterns = [
    # The catalogue (the course index page, wherever editors put it).
    path("courses/", views.index, name="index"),
    # What a learner does; every action is a plain form, and answers JSON to fetch().
    path("courses/<int:course_id>/enroll/", views.enroll, name="enroll"),
    path("courses/<int:course_id>/leave/", views.leave, name="leave"),
    path(
        "courses/lessons/<int:lesson_id>/complete/", views.lesson_complete, name="lesson_complete"
    ),
    path(
        "courses/lessons/<int:lesson_id>/progress/", views.lesson_progress, name="lesson_progress"
    ),
    path(
        "courses/lessons/<int:lesson_id>/quiz/<str:quiz_id>/",
        views.quiz_submit,
        name="quiz_submit",
    ),
    path("me/learning/", views.dashboard, name="dashboard"),
    path("me/learning/record.json", views.my_record, name="my_record"),
    # Certificates: the learner's PDF, and the public verification page.
    path("me/certificates/<str:code>.pdf", certificates.certificate_pdf, name="certificate_pdf"),
    path("certificates/<str:code>/", certificates.certificate_verify, name="certificate_verify"),
    # Cohorts an institute runs, and what their facilitators see.
    path("me/cohorts/", cohort_views.my_cohorts, name="my_cohorts"),
    path("institutes/<slug:slug>/cohorts/new/", cohort_views.cohort_create, name="cohort_create"),
    path("cohorts/<int:cohort_id>/", cohort_views.cohort_detail, name="cohort"),
    path("cohorts/<int:cohort_id>/edit/", cohort_views.cohort_edit, name="cohort_edit"),
    path("cohorts/<int:cohort_id>/invite/", cohort_views.cohort_invite, name="cohort_invite"),
    path("cohorts/<int:cohort_id>/learners.csv", cohort_views.cohort_csv, name="cohort_csv"),
    path(
        "cohorts/<int:cohort_id>/statements.json",
        cohort_views.cohort_statements,
        name="cohort_statements",
    ),
    path(
        "cohorts/invitation/<str:token>/",
        cohort_views.cohort_invitation,
        name="cohort_invitation",
    ),
]
