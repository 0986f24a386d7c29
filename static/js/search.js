// The search page: titles suggested while typing, and filters applied as soon as they change.
// The page is a plain GET form that works without this file; this only saves a click.
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  if (!form) {
    return;
  }
  var input = form.querySelector("input[name=q]");
  var list = input && document.getElementById(input.getAttribute("list"));
  var suggestUrl = input && input.getAttribute("data-suggest-url");
  var DELAY_MS = 200;
  var MIN_LENGTH = 2;

  // --- Filters and sort: submit on change -------------------------------------------------

  // Controls tied to the form by form="search-form" live outside it, so listen on the
  // document and check which form a control belongs to.
  document.addEventListener("change", function (event) {
    var control = event.target;
    if (control.form !== form || control === input) {
      return;
    }
    if (control.type === "checkbox" || control.tagName === "SELECT") {
      if (form.requestSubmit) {
        form.requestSubmit();
      } else {
        form.submit();
      }
    }
  });
  // The Apply and Sort buttons are only needed without this file.
  document.querySelectorAll("[data-apply]").forEach(function (button) {
    button.hidden = true;
  });

  // --- Suggestions while typing -----------------------------------------------------------

  if (!input || !list || !suggestUrl || !window.fetch || !window.AbortController) {
    return;
  }
  var timer = null;
  var pending = null;
  var offered = {}; // title -> url of the suggestions in the list

  function fill(suggestions) {
    list.textContent = "";
    offered = {};
    suggestions.forEach(function (suggestion) {
      var option = document.createElement("option");
      option.value = suggestion.title;
      if (suggestion.type_label) {
        option.label = suggestion.type_label;
      }
      list.appendChild(option);
      offered[suggestion.title] = suggestion.url;
    });
  }

  function ask(text) {
    if (pending) {
      pending.abort(); // an answer to an older prefix would overwrite a newer one
    }
    pending = new AbortController();
    var signal = pending.signal;
    fetch(suggestUrl + "?q=" + encodeURIComponent(text), {
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
      signal: signal
    }).then(function (response) {
      return response.ok ? response.json() : { suggestions: [] };
    }).then(function (data) {
      if (!signal.aborted) {
        fill(data.suggestions || []);
      }
    }).catch(function () {
      // Aborted or offline: the box works as a plain search box.
    });
  }

  input.addEventListener("input", function (event) {
    var text = input.value.trim();
    // A suggestion chosen from the list (not typed to the end): open it directly.
    var chosen = !window.InputEvent || !(event instanceof window.InputEvent) ||
      event.inputType === "insertReplacementText";
    if (chosen && Object.prototype.hasOwnProperty.call(offered, input.value)) {
      var target = new URL(offered[input.value], window.location.href);
      if (target.protocol === "https:" || target.protocol === "http:") {
        window.location.assign(target.href);
        return;
      }
    }
    window.clearTimeout(timer);
    if (text.length < MIN_LENGTH) {
      if (pending) {
        pending.abort();
      }
      fill([]);
      return;
    }
    timer = window.setTimeout(function () { ask(text); }, DELAY_MS);
  });
})();
