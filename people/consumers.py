"""A signed-in person's own websocket: the live notification badge listens here.

Other apps send `{"type": "notify", ...}` to the group `person.<id>` through the channel layer
(see `person_group`); the consumer forwards it to every open tab of that person.
"""

from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncJsonWebsocketConsumer


class DirectDispatch:
    """For consumers whose every database access goes through ``database_sync_to_async``
    (which closes stale connections around each call) or that use no database at all.

    Channels runs ``close_old_connections()`` in the process's one synchronous thread before
    every message a consumer handles. For one doorbell heard by 500 sockets in a process, that
    is 500 hops queued on that thread before the last socket hears it (bench/forums.py)."""

    async def dispatch(self, message):
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)


def person_group(user_id):
    return f"person.{int(user_id)}"


class NotificationConsumer(DirectDispatch, AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=4401)
            return
        self.group = person_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # The socket is for server-to-client events; clients may only ping.
        if content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def notify(self, event):
        await self.send_json({k: v for k, v in event.items() if k != "type"} | {"type": "notify"})
