"""The forums' pages (under the language prefix)."""

from django.urls import path

from . import views
from .feeds import CategoryFeed

app_name = "forums"

urlpatterns = [
    path("forums/", views.index, name="index"),
    path("forums/new/", views.topic_new, name="topic_new"),
    path("forums/c/<slug:slug>/", views.category, name="category"),
    path("forums/c/<slug:slug>/feed/", CategoryFeed(), name="category_feed"),
    path("forums/c/<slug:slug>/watch/", views.category_watch, name="category_watch"),
    path("forums/t/<int:pk>-<slug:slug>/", views.topic, name="topic"),
    path("forums/t/<int:pk>/reply/", views.reply, name="reply"),
    path("forums/t/<int:pk>/watch/", views.topic_watch, name="topic_watch"),
    path("forums/t/<int:pk>/solution/", views.topic_solution, name="topic_solution"),
    path("forums/t/<int:pk>/moderate/", views.topic_moderate, name="topic_moderate"),
    path("forums/p/<int:pk>/", views.post_redirect, name="post"),
    path("forums/p/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("forums/p/<int:pk>/react/", views.react, name="react"),
    path("forums/p/<int:pk>/flag/", views.post_flag, name="post_flag"),
    path("forums/p/<int:pk>/hide/", views.post_hide, name="post_hide"),
    path("forums/p/<int:pk>/restore/", views.post_restore, name="post_restore"),
    path("forums/attachments/<int:pk>/<str:name>", views.attachment, name="attachment"),
    path("forums/notifications/", views.notifications, name="notifications"),
    path("forums/notifications/read/", views.notifications_read, name="notifications_read"),
    path("forums/notifications/digest/", views.digest_setting, name="digest_setting"),
    path("forums/moderation/", views.moderation, name="moderation"),
    path("forums/moderation/flags/<int:pk>/", views.flag_action, name="flag_action"),
    path("forums/moderation/log/", views.moderation_log, name="moderation_log"),
    path("forums/moderation/suspend/<str:username>/", views.suspend, name="suspend"),
]
