// Live topic pages (docs/realtime.md). Without this file the page works as before: the reply
// form posts, a reload shows new posts.
//
// Reads the posts' section: <section id="posts" data-topic="ID" data-last-seq="N"
// data-last-page="true|false"> holding <article id="post-N" class="post" data-number="N">,
// and the reply form #reply-form (a textarea named "body", optional "reply_to"). Optional
// translated texts on the section: data-text-reading ("%s reading"), data-text-typing
// ("%s is typing…"), data-text-new ("New post #%s"), data-text-newer ("New posts: see the
// last page"), data-text-gone ("This topic is no longer available to you."),
// data-text-sending ("Sending…").
(function () {
  "use strict";
  var section = document.querySelector("section[data-topic][data-last-seq]");
  if (!section || !("WebSocket" in window)) { return; }

  var topicId = section.getAttribute("data-topic");
  var storeKey = "forum-live-seq-" + topicId;
  var lastSeq = parseInt(section.getAttribute("data-last-seq"), 10);
  if (isNaN(lastSeq)) { lastSeq = parseInt(sessionStorage.getItem(storeKey) || "0", 10) || 0; }
  var onLastPage = section.getAttribute("data-last-page") !== "false";
  var pending = {};          // seq -> event, waiting for a gap before it to be filled
  var asked = 0;             // highest seq already asked for with "fetch"
  var socket = null;
  var attempts = 0;
  var stopped = false;
  var lastTyping = 0;
  var unsent = {};           // client_key -> true while a reply awaits its ack
  var form = document.getElementById("reply-form") || document.querySelector("[data-reply-form]");

  function text(name, fallback, value) {
    var found = section.getAttribute("data-text-" + name) || fallback;
    return value === undefined ? found : found.replace("%s", value);
  }

  // Status lines: presence and typing (shown), new posts (announced to screen readers).
  var status = document.createElement("p");
  status.className = "live-status muted";
  status.setAttribute("data-presence", "");
  var typing = document.createElement("span");
  typing.className = "live-typing";
  var reading = document.createElement("span");
  status.appendChild(reading);
  status.appendChild(document.createTextNode(" "));
  status.appendChild(typing);
  section.parentNode.insertBefore(status, section);
  var announcer = document.createElement("p");
  announcer.className = "visually-hidden";
  announcer.setAttribute("role", "status");
  announcer.setAttribute("aria-live", "polite");
  section.parentNode.insertBefore(announcer, section.nextSibling);
  var typingTimer = null;

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  function remember(seq) {
    lastSeq = seq;
    try { sessionStorage.setItem(storeKey, String(seq)); } catch (error) { /* private mode */ }
  }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  function place(post) {
    if (!post || !post.html) { return; }
    var existing = document.getElementById("post-" + post.number);
    var node = fragment(post.html);
    if (!node) { return; }
    if (existing) {           // an edit, a hide, a reaction: the post as it is now
      existing.replaceWith(node);
      return;
    }
    if (!onLastPage) {
      announcer.textContent = text("newer", "New posts: see the last page");
      return;
    }
    var empty = section.querySelector(".empty");
    if (empty) { empty.remove(); }
    // In number order, whatever order events arrive in.
    var after = null;
    var articles = section.querySelectorAll("article[data-number]");
    for (var i = articles.length - 1; i >= 0; i--) {
      if (parseInt(articles[i].getAttribute("data-number"), 10) < post.number) {
        after = articles[i];
        break;
      }
    }
    if (after) { after.after(node); } else { section.insertBefore(node, section.firstChild); }
    announcer.textContent = text("new", "New post #%s", post.number);
    if (document.visibilityState === "visible") { send({ type: "read", number: post.number }); }
  }

  function applyTopic(state) {
    if (!state) { return; }
    var header = document.getElementById("topic-header");
    if (header) {
      header.setAttribute("data-locked", state.locked ? "true" : "false");
      header.setAttribute("data-pinned", state.pinned ? "true" : "false");
      var locked = header.querySelector('[data-state="locked"]');
      if (locked) { locked.hidden = !state.locked; }
      var pinned = header.querySelector('[data-state="pinned"]');
      if (pinned) { pinned.hidden = !state.pinned; }
    }
  }

  function apply(event) {
    place(event.post);
    applyTopic(event.topic);
    remember(event.seq);
  }

  function receiveEvent(event) {
    if (event.seq <= lastSeq || pending[event.seq]) { return; }  // a duplicate
    pending[event.seq] = event;
    while (pending[lastSeq + 1]) {
      var next = pending[lastSeq + 1];
      delete pending[lastSeq + 1];
      apply(next);
    }
    var waiting = Object.keys(pending).map(Number);
    if (waiting.length) {
      var highest = Math.max.apply(null, waiting);
      var lowest = Math.min.apply(null, waiting);
      if (lowest - 1 > asked) {   // a gap: ask for the missing range once
        asked = lowest - 1;
        send({ type: "fetch", from: lastSeq + 1, to: lowest - 1 });
      }
      if (highest <= lastSeq) { pending = {}; }
    }
  }

  function showError(message) {
    if (!form) { return; }
    var box = form.querySelector("[data-live-error]");
    if (!box) {
      box = document.createElement("p");
      box.className = "errorlist";
      box.setAttribute("role", "alert");
      box.setAttribute("data-live-error", "");
      form.insertBefore(box, form.firstChild);
    }
    box.textContent = message || "";
    box.hidden = !message;
  }

  function receive(message) {
    var data;
    try { data = JSON.parse(message.data); } catch (error) { return; }
    if (data.type === "event") {
      receiveEvent(data);
    } else if (data.type === "presence") {
      reading.textContent = data.reading > 1 ? text("reading", "%s reading", data.reading) : "";
    } else if (data.type === "typing") {
      typing.textContent = text("typing", "%s is typing…", data.name);
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { typing.textContent = ""; }, 4000);
    } else if (data.type === "posted" && unsent[data.client_key]) {
      delete unsent[data.client_key];
      if (form) {
        form.elements.body.value = "";   // kept until the server says it has the post
        // A new key for the next reply. Until this ack, a resend (by the socket or by the
        // plain form after a disconnect) carries the same key: the server never posts twice.
        if (form.elements.client_key) { form.elements.client_key.value = ""; }
        showError("");
        busy(false);
      }
    } else if (data.type === "error" && unsent[data.client_key]) {
      delete unsent[data.client_key];
      showError(data.message);           // the text stays in the textarea
      busy(false);
    } else if (data.type === "gone") {
      stopped = true;
      status.textContent = text("gone", "This topic is no longer available to you.");
    }
  }

  function busy(on) {
    var button = form && form.querySelector('[type="submit"]');
    if (button) { button.disabled = on; }
  }

  function connect() {
    if (stopped) { return; }
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var lang = encodeURIComponent(document.documentElement.lang || "");
    socket = new WebSocket(
      scheme + location.host + "/ws/forums/topics/" + topicId + "/?after=" + lastSeq + "&lang=" + lang
    );
    socket.onopen = function () { attempts = 0; asked = lastSeq; };
    socket.onmessage = receive;
    socket.onclose = function (event) {
      socket = null;
      // Replies waiting for an ack: the form posts them the ordinary way next time.
      if (Object.keys(unsent).length) { unsent = {}; busy(false); }
      if (event.code === 4403 || event.code === 4404) { stopped = true; return; }
      attempts += 1;
      var delay = Math.min(30000, 500 * Math.pow(2, attempts)) * (0.5 + Math.random());
      setTimeout(connect, delay);
    };
  }

  if (form && form.elements.body) {
    form.addEventListener("submit", function (event) {
      var files = form.querySelector('input[type="file"]');
      if (files && files.files && files.files.length) { return; }   // attachments: plain POST
      if (!socket || socket.readyState !== WebSocket.OPEN) { return; }
      var key = form.elements.client_key;
      if (!key) {
        key = document.createElement("input");
        key.type = "hidden";
        key.name = "client_key";
        form.appendChild(key);
      }
      if (!key.value) {
        key.value = Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
      }
      var replyTo = form.elements.reply_to ? parseInt(form.elements.reply_to.value, 10) : NaN;
      event.preventDefault();
      unsent[key.value] = true;
      busy(true);
      send({
        type: "post",
        body: form.elements.body.value,
        reply_to: isNaN(replyTo) ? null : replyTo,
        client_key: key.value
      });
    });
    form.elements.body.addEventListener("input", function () {
      var now = Date.now();
      if (now - lastTyping > 3000) { lastTyping = now; send({ type: "typing" }); }
    });
  }

  setInterval(function () { send({ type: "ping" }); }, 25000);
  connect();
})();
