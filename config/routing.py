"""Websocket routes of every app, gathered here like config/urls.py gathers HTTP routes."""

from django.urls import path

from people.consumers import NotificationConsumer

websocket_urlpatterns = [
    path("ws/me/", NotificationConsumer.as_asgi()),
]
