/* Sức Trẻ: the quiz answer sheet. Saves each answer as it is given (so a dropped
   connection or a closed tab loses nothing), retries when the phone is back online, and
   counts down to the server's deadline, submitting the sheet when time is up.
   The form works without this script; texts come from data attributes (translated in the
   template). No dependencies; loaded with defer. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  var text = form.dataset;
  var status = document.querySelector("[data-save-status]");
  var submitButton = form.querySelector("[data-submit]");
  var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var canSave = !!(window.fetch && window.URLSearchParams && tokenInput);
  var queue = [];
  var sending = false;
  var submitting = false;
  var retryDelay = 5000;
  var retryTimer = null;
  var typingTimers = {};

  function say(message, kind) {
    if (!status) return;
    status.textContent = message || "";
    status.className = "save-status" + (kind ? " " + kind : "");
  }
  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }
  function questionOf(el) {
    while (el && el !== form) {
      if (el.hasAttribute && el.hasAttribute("data-position")) return el;
      el = el.parentNode;
    }
    return null;
  }
  function fieldset(position) {
    return form.querySelector('[data-position="' + position + '"]');
  }
  function orderingIncomplete(question) {
    if (question.dataset.kind !== "ordering") return false;
    var selects = question.querySelectorAll("select");
    for (var i = 0; i < selects.length; i++) if (!selects[i].value) return true;
    return false;
  }
  function isAnswered(question) {
    var kind = question.dataset.kind;
    if (kind === "short") return question.querySelector("textarea").value.trim() !== "";
    if (kind === "ordering") return !orderingIncomplete(question);
    return !!question.querySelector("input:checked");
  }

  // --- Saving ------------------------------------------------------------------------
  function enqueue(position) {
    if (!canSave || submitting) return;
    var question = fieldset(position);
    if (!question) return;
    if (orderingIncomplete(question)) {
      var filled = question.querySelectorAll("select option:checked:not([value=''])").length;
      if (filled) say(fill(text.textOrder, { n: position }));
      return;
    }
    if (queue.indexOf(position) < 0) queue.push(position);
    flush();
  }

  function body(position) {
    var data = new URLSearchParams();
    data.append("csrfmiddlewaretoken", tokenInput.value);
    data.append("position", position);
    var fields = fieldset(position).querySelectorAll("input, select, textarea");
    Array.prototype.forEach.call(fields, function (el) {
      if (!el.name) return;
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      data.append(el.name, el.value);
    });
    return data;
  }

  function retryLater() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () {
      retryTimer = null;
      flush();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60000);
  }

  function flush() {
    if (sending || submitting || !queue.length) return;
    var position = queue[0];
    sending = true;
    say(text.textSaving);
    fetch(form.dataset.autosave, {
      method: "POST",
      body: body(position),
      credentials: "same-origin",
      headers: { "X-CSRFToken": tokenInput.value, Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { code: response.status, data: data };
        });
      })
      .then(function (answer) {
        sending = false;
        if (answer.code === 200) {
          queue.shift();
          retryDelay = 5000;
          say(text.textSaved, "ok");
          if (typeof answer.data.seconds_left === "number") timer.sync(answer.data.seconds_left);
        } else if (answer.code === 400) {
          queue.shift();
          say(answer.data.error, "error");
        } else if (answer.code === 409) {
          queue = [];
          say(answer.data.error, "error");
          if (answer.data.result_url) location.href = answer.data.result_url;
          return;
        } else {
          throw new Error("unexpected answer");
        }
        flush();
      })
      .catch(function () {
        sending = false;
        say(text.textUnsaved, "error");
        retryLater();
      });
  }

  form.addEventListener("change", function (event) {
    var question = questionOf(event.target);
    if (question) enqueue(question.dataset.position);
  });
  form.addEventListener("input", function (event) {
    if (event.target.tagName !== "TEXTAREA") return;
    var question = questionOf(event.target);
    if (!question) return;
    var position = question.dataset.position;
    clearTimeout(typingTimers[position]);
    typingTimers[position] = setTimeout(function () {
      enqueue(position);
    }, 1500);
  });
  window.addEventListener("online", function () {
    clearTimeout(retryTimer);
    retryTimer = null;
    flush();
    if (timer.waiting) timer.submitNow();
  });

  // --- Submitting ----------------------------------------------------------------------
  var auto = false;
  form.addEventListener("submit", function (event) {
    if (submitting) {
      event.preventDefault();
      return;
    }
    if (!auto && event.submitter === submitButton) {
      var open = Array.prototype.filter.call(
        form.querySelectorAll("[data-position]"),
        function (question) {
          return !isAnswered(question);
        }
      ).length;
      if (open && !window.confirm(fill(text.textConfirm, { n: open }))) {
        event.preventDefault();
        return;
      }
    }
    submitting = true;
  });

  // --- Countdown -----------------------------------------------------------------------
  var clock = document.querySelector("[data-timer]");
  var timer = {
    endAt: null,
    waiting: false,
    sync: function (seconds) {
      if (clock) this.endAt = Date.now() + seconds * 1000;
    },
    submitNow: function () {
      this.waiting = false;
      auto = true;
      say(text.textTimeout);
      if (form.requestSubmit && submitButton) {
        form.requestSubmit(submitButton);
      } else {
        var action = document.createElement("input");
        action.type = "hidden";
        action.name = "action";
        action.value = "submit";
        form.appendChild(action);
        submitting = true;
        form.submit();
      }
    },
  };
  if (!clock) return;
  var shown = clock.querySelector("[data-countdown]");
  timer.sync(parseInt(clock.dataset.secondsLeft, 10) || 0);

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }
  function tick() {
    var left = Math.max(0, Math.round((timer.endAt - Date.now()) / 1000));
    var hours = Math.floor(left / 3600);
    var minutes = Math.floor((left % 3600) / 60);
    shown.textContent = (hours ? hours + ":" + two(minutes) : minutes) + ":" + two(left % 60);
    clock.classList.toggle("low", left <= 60);
    if (left > 0 || submitting || timer.waiting) return;
    clearInterval(ticking);
    if (navigator.onLine === false) {
      // The server closes the attempt with the answers saved in time; submit when back.
      timer.waiting = true;
      say(text.textUnsaved, "error");
    } else {
      timer.submitNow();
    }
  }
  var ticking = setInterval(tick, 1000);
  tick();
})();
