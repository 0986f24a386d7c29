// The facilitator guide's "Print this guide" button. It is hidden until this script runs;
// without scripts the page tells readers to use the browser's Print command instead.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
