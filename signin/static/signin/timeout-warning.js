// The GOV.UK timeout warning: before the session ends, a modal dialog says so and offers to
// stay signed in; when time runs out the browser goes to the signed-out page. Without
// JavaScript the server still ends the session and the next page says why (signin/middleware.py).
const dialog = document.getElementById("timeout-warning");

if (dialog && typeof dialog.showModal === "function") {
  const countdown = dialog.querySelector(".app-timeout-dialog__countdown");
  const announcement = document.getElementById("timeout-warning-announcement");
  const stay = dialog.querySelector(".app-timeout-dialog__stay");
  const form = stay.form;
  const warning = Number(dialog.dataset.warningSeconds) * 1000;
  const signedOutUrl = dialog.dataset.signedOutUrl;
  let idleEnds = Date.now() + Number(dialog.dataset.idleSeconds) * 1000;
  const limitEnds = Date.now() + Number(dialog.dataset.absoluteSeconds) * 1000;
  let ticker = null;
  let lastAnnounced = "";
  let returnFocus = null;

  const ends = () => Math.min(idleEnds, limitEnds);
  const words = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60);
      return `${minutes} minute${minutes === 1 ? "" : "s"}`;
    }
    return `${seconds} second${seconds === 1 ? "" : "s"}`;
  };

  const tick = () => {
    const left = ends() - Date.now();
    if (left <= 0) {
      window.location.href = signedOutUrl;
      return;
    }
    if (!dialog.open) {
      if (left > warning) return;
      returnFocus = document.activeElement;
      // At the session's limit, staying signed in is not possible: say so.
      stay.hidden = limitEnds <= idleEnds;
      dialog.showModal();
    }
    const text = words(left);
    countdown.textContent = text;
    // Screen readers hear the time when the warning opens, each minute, then at 30 and 10 s.
    const seconds = Math.ceil(left / 1000);
    if (text !== lastAnnounced && (lastAnnounced === "" || seconds > 60 || [60, 30, 10].includes(seconds))) {
      announcement.textContent = `We will sign you out in ${text}.`;
      lastAnnounced = text;
    }
  };

  const close = () => {
    dialog.close();
    lastAnnounced = "";
    announcement.textContent = "";
    if (returnFocus && typeof returnFocus.focus === "function") returnFocus.focus();
  };

  form.addEventListener("submit", (event) => {
    if (event.submitter !== stay) return; // "Sign out" submits its own form
    event.preventDefault();
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then((response) => (response.ok ? response.json() : Promise.reject(response)))
      .then((remaining) => {
        idleEnds = Date.now() + remaining.idle * 1000;
        close();
      })
      .catch(() => {
        window.location.href = signedOutUrl;
      });
  });

  // Escape would only hide the warning; treat it as "Stay signed in".
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    if (!stay.hidden) stay.click();
  });

  ticker = window.setInterval(tick, 1000);
  tick();
  window.addEventListener("pagehide", () => window.clearInterval(ticker));
}
