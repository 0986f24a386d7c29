from django.urls import path

from . import exports, feeds, submissions, views

app_name = "knowledge"

urlpatterns = [
    path("case-studies/", views.case_studies, name="case_studies"),
    path("curricula/", views.curricula, name="curricula"),
    # Feeds of new case studies, all or per theme.
    path("feeds/case-studies/", feeds.CaseStudyFeed(), name="case_study_feed"),
    path("feeds/case-studies/<slug:theme>/", feeds.CaseStudyFeed(), name="case_study_theme_feed"),
    # A practitioner's guided case-study submission, and their submissions' review status.
    path("submit/case-study/", submissions.submit, name="submit"),
    path("submit/case-study/<int:page_id>/", submissions.submit, name="submit_edit"),
    path("me/submissions/", submissions.my_submissions, name="my_submissions"),
    # A curriculum for reuse: the Common Cartridge package and the printable facilitator guide.
    path("curricula/<int:page_id>/package.imscc", exports.cartridge, name="curriculum_package"),
    path("curricula/<int:page_id>/guide/", exports.facilitator_guide, name="facilitator_guide"),
]
