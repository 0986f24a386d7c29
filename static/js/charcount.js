// A live count of the characters left, for fields with a limit (the limit itself is the
// field's maxlength, which works without this script).
(function () {
  "use strict";
  var outputs = document.querySelectorAll("[data-count-for]");
  Array.prototype.forEach.call(outputs, function (output) {
    var field = document.getElementById(output.getAttribute("data-count-for"));
    var max = field && parseInt(field.getAttribute("maxlength"), 10);
    if (!max) { return; }
    var update = function () {
      output.textContent = output.getAttribute("data-count-label") + " " + (max - field.value.length);
    };
    output.hidden = false;
    field.addEventListener("input", update);
    update();
  });
})();
