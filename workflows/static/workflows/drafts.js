// Autosaves a draft of the form's long text boxes while the person types: about 10 seconds
// after a change, and when the page is hidden or left (sendBeacon, which outlives the page).
// The draft is kept on the server (workflows/views/drafts.py), never in the browser's storage,
// so nothing is left behind on a shared computer. Without JavaScript the page works as before:
// nothing is drafted, and Save saves.
const status = document.querySelector(".app-draft-status[data-draft-url]");
const form = status && status.closest("form");

if (form) {
  const url = status.dataset.draftUrl;
  const page = status.dataset.draftPage;
  const DELAY = 10000;
  let changed = false;
  let timer = null;
  let submitting = false;

  const body = () => {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    data.append("page", page);
    if (form.elements.seen) data.append("seen", form.elements.seen.value);
    form.querySelectorAll("textarea[name]").forEach((box) => data.append(box.name, box.value));
    return data;
  };

  const say = (text) => {
    status.textContent = text;
  };

  const save = () => {
    timer = null;
    if (!changed || submitting) return;
    changed = false;
    fetch(url, {
      method: "POST",
      body: body(),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((response) => response.json().catch(() => ({ message: "" })))
      .then((answer) => {
        // The server's words: "Draft saved at 14:32", or why the draft was refused.
        say(answer.message || "The draft could not be saved. Your text is still on this page.");
      })
      .catch(() => {
        changed = true;
        say("The draft could not be saved just now. Your text is still on this page.");
      });
  };

  const saveNow = () => {
    if (!changed || submitting) return;
    changed = false;
    if (timer) window.clearTimeout(timer);
    timer = null;
    const data = body();
    if (!(navigator.sendBeacon && navigator.sendBeacon(url, data))) {
      fetch(url, { method: "POST", body: data, credentials: "same-origin", keepalive: true });
    }
  };

  form.addEventListener("input", (event) => {
    if (!event.target.matches("textarea")) return;
    changed = true;
    if (!timer) timer = window.setTimeout(save, DELAY);
  });
  // Saving the page deletes the draft: nothing more is drafted once it is on its way.
  form.addEventListener("submit", () => {
    submitting = true;
    if (timer) window.clearTimeout(timer);
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") saveNow();
  });
  window.addEventListener("pagehide", saveNow);
}
