// The import's page follows its work without reloading: rows done of total from status.json each second;
// when the work ends, the page reloads to show the outcome (the preview, or what was written).
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) {
    return;
  }
  var bar = document.getElementById("job-progress");
  var step = document.getElementById("job-step");
  var state = document.getElementById("job-state");
  var count = document.getElementById("job-count");
  var waiting = document.getElementById("job-waiting");

  function show(data) {
    state.textContent = data.state_label;
    if (data.step_label) {
      step.textContent = data.step_label;
    }
    if (data.total) {
      bar.max = data.total;
      bar.value = Math.min(data.done, data.total);
    } else {
      bar.removeAttribute("value");
    }
    count.textContent = data.count_text;
    waiting.hidden = !(data.state === "queued" && data.waiting_seconds >= 30);
  }

  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) {
          window.setTimeout(poll, 5000);
          return;
        }
        if (data.state !== "queued" && data.state !== "running") {
          window.location.reload();
          return;
        }
        show(data);
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  window.setTimeout(poll, 1000);
})();
