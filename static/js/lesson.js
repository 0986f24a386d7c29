// Lesson pages: time and reading position saved while the lesson is open, and "Mark as done"
// and quizzes sent without reloading the page. Every form works without this file; the
// server answers the same endpoints with JSON when asked (Accept: application/json).
(function () {
  "use strict";
  var lesson = document.getElementById("lesson");
  if (!lesson || !window.fetch || !window.FormData || !window.URLSearchParams) {
    return;
  }
  var progressUrl = lesson.getAttribute("data-progress-url");
  var csrf = lesson.getAttribute("data-csrf") || cookie("csrftoken");
  var live = document.querySelector("[data-live]");
  var HEARTBEAT_MS = 30000;

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  function announce(text) {
    if (!live || !text) {
      return;
    }
    live.textContent = "";
    // A fresh text node after a pause, so screen readers announce it even when it repeats.
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  // --- Time spent and where the learner is ------------------------------------------------

  var countingSince = document.visibilityState === "visible" ? Date.now() : null;
  var unsentMs = 0;
  var position = "";
  var sentPosition = "";

  function count() {
    if (countingSince !== null) {
      var now = Date.now();
      unsentMs += now - countingSince;
      countingSince = now;
    }
  }

  function beat(leaving) {
    if (!progressUrl) {
      return;
    }
    count();
    var seconds = Math.floor(unsentMs / 1000);
    if (!seconds && position === sentPosition) {
      return;
    }
    unsentMs -= seconds * 1000;
    var data = new URLSearchParams();
    data.append("seconds", String(seconds));
    if (position) {
      data.append("position", position);
    }
    data.append("csrfmiddlewaretoken", csrf);
    sentPosition = position;
    if (leaving && navigator.sendBeacon) {
      navigator.sendBeacon(progressUrl, data);
      return;
    }
    fetch(progressUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      keepalive: !!leaving,
      headers: { "Accept": "application/json", "X-CSRFToken": csrf }
    }).then(function (response) {
      if (!response.ok && response.status >= 500) {
        unsentMs += seconds * 1000; // try again with the next heartbeat
      }
    }, function () {
      unsentMs += seconds * 1000;
    });
  }

  if (progressUrl) {
    window.setInterval(function () {
      if (document.visibilityState === "visible") {
        beat(false);
      }
    }, HEARTBEAT_MS);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        beat(true);
        countingSince = null; // a tab in the background is not study time
      } else {
        countingSince = Date.now();
      }
    });
    window.addEventListener("pagehide", function () { beat(true); });

    // The position is the first block of the lesson on screen.
    var blocks = lesson.querySelectorAll("[data-block-id]");
    if (blocks.length && window.IntersectionObserver) {
      var onScreen = {};
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          onScreen[entry.target.getAttribute("data-block-id")] = entry.isIntersecting;
        });
        for (var i = 0; i < blocks.length; i++) {
          var id = blocks[i].getAttribute("data-block-id");
          if (onScreen[id]) {
            position = id;
            break;
          }
        }
      });
      Array.prototype.forEach.call(blocks, function (block) { observer.observe(block); });
    }
  }

  // --- Updating the page after an action --------------------------------------------------

  function badge(status, label) {
    var icons = { completed: "✓", in_progress: "◐", not_started: "○" };
    var outer = document.createElement("span");
    outer.className = "status-badge status-" + status;
    var icon = document.createElement("span");
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = icons[status] || "";
    outer.appendChild(icon);
    outer.appendChild(document.createTextNode(" " + label));
    return outer;
  }

  function setProgress(kind, percent) {
    if (typeof percent !== "number") {
      return;
    }
    document.querySelectorAll('[data-progress="' + kind + '"]').forEach(function (box) {
      var bar = box.querySelector("progress");
      var text = box.querySelector("[data-progress-text]");
      if (bar) {
        bar.value = percent;
        bar.textContent = percent + "%";
      }
      if (text) {
        text.textContent = (text.getAttribute("data-format") || "{n}%").replace("{n}", percent);
      }
    });
  }

  function update(data) {
    setProgress("module", data.module_percent);
    setProgress("course", data.course_percent);
    if (data.status && data.status_label) {
      document.querySelectorAll("[data-lesson-status], [data-current-status]").forEach(function (box) {
        box.textContent = "";
        box.appendChild(badge(data.status, data.status_label));
      });
    }
    if (data.lesson_completed) {
      document.querySelectorAll('[data-async="complete"], [data-quiz-gate]').forEach(function (node) {
        node.remove();
      });
    }
    if (data.certificate_url) {
      var certificate = document.querySelector("[data-certificate]");
      var link = document.querySelector("[data-certificate-link]");
      if (certificate && link) {
        link.href = data.certificate_url;
        certificate.hidden = false;
      }
    }
  }

  function replaceQuiz(form, html) {
    var quiz = form.closest("[data-quiz]");
    if (!quiz || !html) {
      return;
    }
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var fresh = holder.querySelector("[data-quiz]");
    if (!fresh) {
      return;
    }
    quiz.replaceWith(fresh);
    var focus = fresh.querySelector('[role="alert"]') || fresh.querySelector(".quiz-result");
    if (focus) {
      if (!focus.hasAttribute("tabindex")) {
        focus.setAttribute("tabindex", "-1");
      }
      focus.focus();
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = form.getAttribute && form.getAttribute("data-async");
    if (!kind) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector('button[type="submit"]');
    if (button) {
      button.disabled = true;
    }
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf }
    }).then(function (response) {
      return response.json().then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      }, function () {
        return { unreadable: true };
      });
    }).then(function (result) {
      if (result.unreadable) {
        // The server answered, but not in words we can read (an error page): the form may
        // have been handled, so sending it again could cost a quiz attempt. Show the page as
        // it is now instead.
        window.location.reload();
        return;
      }
      var data = result.data;
      if (result.status === 401 && data.login_url) {
        window.location.assign(data.login_url);
        return;
      }
      if (kind === "quiz") {
        replaceQuiz(form, data.html);
      }
      if (result.ok) {
        update(data);
        announce(data.message);
      } else {
        announce(data.error);
        if (button) {
          button.disabled = false;
        }
      }
    }).catch(function () {
      // No answer at all (offline): send the form the plain way.
      form.submit();
    });
  });
})();
