/* The moderation workspace: keyboard-first, and acting without a reload on the queue pages.
 *
 * j/k move the selection, a approves, d opens the decline form (1-9 choose the rule, Enter confirms), e edits
 * (Ctrl+Enter saves), x selects for a bulk action, o opens the comment, / searches, ? shows the help, Esc closes.
 * Every form still works without this script (post/redirect/get); with it, the actions on a queue page are sent
 * one after the other with fetch, the item leaves the list and the next one is already selected.
 */
(() => {
  "use strict";

  const list = document.querySelector("[data-queue-list]");
  const status = document.getElementById("ws-status");
  const help = document.getElementById("ws-help");
  const search = document.querySelector("[data-search]");
  const selectAll = document.querySelector("[data-select-all]");
  const selectedCount = document.querySelector("[data-selected-count]");
  const HEADERS = { Accept: "application/json", "X-Requested-With": "fetch" };
  const LEAVING = new Set(["approve", "decline", "delete"]);

  let current = null;
  let chain = Promise.resolve();
  let inFlight = 0;
  let statusTimer = 0;

  const items = () => Array.from(document.querySelectorAll(".item"));

  function say(text, isError = false) {
    if (!status) return;
    status.textContent = text || "";
    status.classList.toggle("is-error", isError);
    clearTimeout(statusTimer);
    if (text) statusTimer = setTimeout(() => { status.textContent = ""; }, isError ? 8000 : 2500);
  }

  function select(item, { focus = true } = {}) {
    if (current && current !== item) {
      current.classList.remove("is-selected");
      current.removeAttribute("aria-current");
    }
    current = item || null;
    if (!item) return;
    item.classList.add("is-selected");
    item.setAttribute("aria-current", "true");
    if (focus) {
      item.focus({ preventScroll: true });
      item.scrollIntoView({ block: "nearest" });
    }
  }

  /** The item to select when ``item`` leaves: the next one not already on its way out, else the previous. */
  function neighbour(item) {
    const all = items();
    const at = all.indexOf(item);
    const free = (candidate) => candidate && !candidate.classList.contains("is-busy");
    for (let i = at + 1; i < all.length; i += 1) if (free(all[i])) return all[i];
    for (let i = at - 1; i >= 0; i -= 1) if (free(all[i])) return all[i];
    return null;
  }

  function move(step) {
    const all = items();
    if (!all.length) return;
    const at = current ? all.indexOf(current) : -1;
    select(all[Math.min(all.length - 1, Math.max(0, at + step))]);
  }

  function closePanels(item) {
    item.querySelectorAll("details.panel[open]").forEach((panel) => { panel.open = false; });
  }

  function openPanel(item, name) {
    const panel = item.querySelector(`details.panel[data-panel="${name}"]`);
    if (!panel) {
      say(name === "edit" ? "This comment cannot be edited." : "This comment cannot be declined.", true);
      return;
    }
    closePanels(item);
    panel.open = true;
    if (name === "decline") {
      const radio = panel.querySelector("input[name=rule]:checked") || panel.querySelector("input[name=rule]");
      if (radio) radio.focus();
    } else if (name === "edit") {
      const text = panel.querySelector("textarea[name=text]");
      text.focus();
      text.setSelectionRange(text.value.length, text.value.length);
    }
  }

  function showFormError(form, message) {
    const slot = form.querySelector(".form-error");
    if (slot) {
      slot.textContent = message;
      slot.hidden = !message;
    }
  }

  function updateCounts(counts) {
    if (!counts) return;
    Object.entries(counts).forEach(([name, count]) => {
      const badge = document.querySelector(`[data-count="${name}"]`);
      if (badge) badge.textContent = count;
    });
  }

  function updateSelected() {
    const boxes = document.querySelectorAll(".item-check");
    const checked = document.querySelectorAll(".item-check:checked").length;
    if (selectedCount) selectedCount.textContent = `${checked} selected`;
    if (selectAll) {
      selectAll.checked = boxes.length > 0 && checked === boxes.length;
      selectAll.indeterminate = checked > 0 && checked < boxes.length;
    }
  }

  function pageDone() {
    if (items().length || inFlight) return;
    say("This page is done; loading the next comments…");
    window.location.replace(window.location.pathname + window.location.search);
  }

  async function send(form, item) {
    let response = null;
    let data = null;
    try {
      response = await fetch(form.action, {
        method: "POST", body: new FormData(form), headers: HEADERS, credentials: "same-origin",
      });
      data = await response.json().catch(() => null);
    } catch (error) {
      response = null;
    }
    inFlight -= 1;
    if (!response || !response.ok || !data || !data.ok) {
      let message = "The server could not be reached; nothing was changed.";
      if (data && (data.detail || data.message)) message = data.detail || data.message;
      else if (response && response.redirected) message = "You are signed out: reload the page and sign in again.";
      else if (response) message = `That did not work (error ${response.status}); reload the page and try again.`;
      if (item) {
        item.classList.remove("is-busy");
        item.classList.add("has-error");
      }
      showFormError(form, message);
      say(message, true);
      return;
    }
    say(data.message);
    updateCounts(data.counts);
    if (!item || !item.isConnected) return;
    if (data.left_queue) {
      if (item === current) select(neighbour(item));
      item.remove();
      updateSelected();
      pageDone();
    } else if (data.item_html) {
      const template = document.createElement("template");
      template.innerHTML = data.item_html.trim();
      const fresh = template.content.firstElementChild;
      const wasCurrent = item === current;
      item.replaceWith(fresh);
      if (wasCurrent) {
        current = null;
        select(fresh);
      }
      updateSelected();
    }
  }

  /** Send ``form`` with fetch, after the ones already on their way (the server sees them in order). */
  function submit(form) {
    const item = form.closest(".item");
    if (item) {
      item.classList.remove("has-error");
      item.classList.add("is-busy");
      if (LEAVING.has(form.dataset.action) && item === current) {
        const next = neighbour(item);
        if (next) select(next);
      }
    }
    showFormError(form, "");
    inFlight += 1;
    chain = chain.then(() => send(form, item)).catch(() => {
      say("Something went wrong on this page; reload it to see where things stand.", true);
    });
  }

  const TEXT_INPUT = /^(text|search|email|number|date|url|password|tel)$/;
  function typing(element) {
    if (!element || !element.tagName) return false;
    if (element.isContentEditable || element.tagName === "TEXTAREA" || element.tagName === "SELECT") return true;
    return element.tagName === "INPUT" && TEXT_INPUT.test(element.type);
  }

  function onPanelKey(event, panel) {
    const form = panel.querySelector("form");
    const target = event.target;
    const item = panel.closest(".item");
    if (event.key === "Escape") {
      event.preventDefault();
      panel.open = false;
      if (item) select(item);
      return;
    }
    if (!form) return;
    const action = form.dataset.action;
    if (action === "decline" && target.type === "radio" && /^[1-9]$/.test(event.key)) {
      event.preventDefault();
      const radio = form.querySelectorAll("input[name=rule]")[Number(event.key) - 1];
      if (radio) {
        radio.checked = true;
        radio.focus();
      }
      return;
    }
    const confirmKey = event.key === "Enter" && !event.isComposing
      && (target.type === "radio" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
    if (action === "decline" && confirmKey && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    } else if ((action === "edit" || action === "delete") && confirmKey && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  }

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || (help && help.open)) return;
    const target = event.target;
    const panel = target.closest ? target.closest("details.panel") : null;
    if (panel && panel.open && !target.matches("summary")) {
      onPanelKey(event, panel);
      return;
    }
    if (typing(target)) {
      if (event.key === "Escape") {
        event.preventDefault();
        target.blur();
        if (current) select(current);
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const item = current;
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": {
        if (!item || item.classList.contains("is-busy")) return;
        const form = item.querySelector("form[data-action=approve]");
        if (form) form.requestSubmit();
        else say("There is nothing to approve on this comment.", true);
        break;
      }
      case "d": if (item) openPanel(item, "decline"); break;
      case "e": if (item) openPanel(item, "edit"); break;
      case "x": {
        const box = item && item.querySelector(".item-check");
        if (!box) return;
        box.checked = !box.checked;
        updateSelected();
        break;
      }
      case "o": {
        const link = item && item.querySelector("a[data-open]");
        if (link) window.location.href = link.href;
        break;
      }
      case "/":
        if (!search) return;
        search.focus();
        search.select();
        break;
      case "?": if (help) help.showModal(); break;
      case "Escape": if (item) closePanels(item); break;
      default: return;
    }
    event.preventDefault();
  });

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!list || !form.matches("form[data-js]") || !list.contains(form)) return;
    event.preventDefault();
    submit(form);
  });

  document.addEventListener("click", (event) => {
    const item = event.target.closest(".item");
    if (item && item !== current) {
      select(item, { focus: !event.target.closest("a, button, input, textarea, select, summary, label") });
    }
  });

  document.addEventListener("focusin", (event) => {
    const item = event.target.closest && event.target.closest(".item");
    if (item && item !== current) select(item, { focus: false });
  });

  document.addEventListener("change", (event) => {
    if (event.target === selectAll) {
      document.querySelectorAll(".item-check").forEach((box) => { box.checked = selectAll.checked; });
    }
    if (event.target === selectAll || event.target.matches(".item-check")) updateSelected();
  });

  if (help) help.addEventListener("close", () => { if (current) select(current); });

  const fromHash = window.location.hash.startsWith("#c") ? document.getElementById(window.location.hash.slice(1)) : null;
  const first = fromHash && fromHash.classList.contains("item") ? fromHash : items()[0];
  const open = document.querySelector(".item details.panel[open]");
  if (first) select(first, { focus: !open });
  if (open) openPanel(open.closest(".item"), open.dataset.panel);
  updateSelected();
})();
