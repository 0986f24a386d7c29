from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("people/", views.directory, name="directory"),
    path("people/<str:username>/", views.profile, name="profile"),
    path("me/", views.me, name="me"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("partnerships/", views.partnerships, name="partnerships"),
    path("partnerships/new/", views.partnership_create, name="partnership_create"),
    path("partnerships/<slug:slug>/", views.partnership, name="partnership"),
    path("partnerships/<slug:slug>/edit/", views.partnership_edit, name="partnership_edit"),
    path("partnerships/<slug:slug>/join/", views.partnership_join, name="partnership_join"),
    path("partnerships/<slug:slug>/leave/", views.partnership_leave, name="partnership_leave"),
    path(
        "partnerships/<slug:slug>/members/",
        views.partnership_members,
        name="partnership_members",
    ),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("institutes/", views.institutes, name="institutes"),
    path("institutes/<slug:slug>/", views.institute, name="institute"),
    path("institutes/<slug:slug>/staff/", views.institute_staff, name="institute_staff"),
]
