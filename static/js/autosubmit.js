// Submits a form as soon as a control marked data-autosubmit changes (the month and branch pickers),
// instead of an inline onchange handler, which the Content-Security-Policy forbids.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var control = event.target;
    if (control && control.form && control.hasAttribute("data-autosubmit")) {
      control.form.submit();
    }
  });
})();

// A button marked data-copy copies the text of the element it names (the summary to share) to the clipboard.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (!button) {
      return;
    }
    var source = document.getElementById(button.dataset.copy);
    if (!source) {
      return;
    }
    source.select();
    var done = function () { button.textContent = button.dataset.copied || button.textContent; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });
})();
