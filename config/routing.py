"""Websocket routes of every app, gathered here like config/urls.py gathers HTTP routes."""

from django.urls import path

from forums.consumers import TopicConsumer
from people.consumers import NotificationConsumer

websocket_urlpatterns = [
    path("ws/me/", NotificationConsumer.as_asgi()),
    path("ws/forums/topics/<int:topic_id>/", TopicConsumer.as_asgi()),
]
