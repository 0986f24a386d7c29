// Small enhancements only: every page works without this file.
(function () {
  "use strict";
  // Change the interface language as soon as one is picked; the button stays for no-JS use.
  var select = document.getElementById("language-select");
  if (select && select.form) {
    select.addEventListener("change", function () { select.form.submit(); });
  }
})();
