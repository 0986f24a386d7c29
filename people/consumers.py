"""A signed-in person's own websocket: the live notification badge listens here.

Other apps send `{"type": "notify", ...}` to the group `person.<id>` through the channel layer
(see `person_group`); the consumer forwards it to every open tab of that person.
"""

from channels.generic.websocket import AsyncJsonWebsocketConsumer


def person_group(user_id):
    return f"person.{int(user_id)}"


class NotificationConsumer(AsyncJsonWebsocketConsumer):
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
