// The live notification badge: every [data-live-badge] shows the unread count sent on /ws/me/
// as {"type": "notify", "unread": n}. Without this file the count is the one of the last page.
(function () {
  "use strict";
  var badges = document.querySelectorAll("[data-live-badge]");
  if (!badges.length || !("WebSocket" in window)) { return; }
  var attempts = 0;

  function show(unread) {
    for (var i = 0; i < badges.length; i++) {
      badges[i].textContent = unread > 0 ? String(unread) : "";
    }
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/ws/me/");
    socket.onopen = function () { attempts = 0; };
    socket.onmessage = function (message) {
      var data;
      try { data = JSON.parse(message.data); } catch (error) { return; }
      if (data.type === "notify" && typeof data.unread === "number") { show(data.unread); }
    };
    socket.onclose = function (event) {
      if (event.code === 4401) { return; } // signed out: nothing to listen to
      attempts += 1;
      var delay = Math.min(30000, 1000 * Math.pow(2, attempts)) * (0.5 + Math.random());
      setTimeout(connect, delay);
    };
  }
  connect();
})();
