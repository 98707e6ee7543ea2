/* Parley comments for a publisher's page.
 *
 *   <div data-parley-article="EXTERNAL_ID"></div>
 *   <script src="https://PARLEY/embed/parley.js" data-parley-site="SLUG" async></script>
 *
 * Each [data-parley-article] element gets a shadow root holding the comments. If the element already holds
 * the server-rendered fragment (/embed/fragment/), that markup is moved in; otherwise it is fetched. The
 * JSON-LD stays in the page. Forms post to the public API; replies, sorting and "more comments" stay inline.
 */
(function () {
  "use strict";

  const script = document.currentScript || document.querySelector('script[src*="/embed/parley.js"]');
  const base = script ? script.src.replace(/\/embed\/parley\.js(?:[?#].*)?$/, "") : "";
  const defaultSite = script ? script.dataset.parleySite : undefined;
  const OUTCOMES = {
    published: "Your comment is published.",
    pending: "Your comment is waiting for a moderator.",
    rejected: "Your comment was not published.",
  };
  const FORM_FIELDS = { parent_id: "parent", terms_version: "accept_terms" };

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function fetchSection(url) {
    let response;
    try {
      response = await fetch(url, { headers: { Accept: "text/html" } });
    } catch (error) {
      throw new Error("Parley could not be reached.");
    }
    const text = await response.text();
    if (!response.ok) throw new Error(text.trim() || "Parley answered with error " + response.status + ".");
    const section = new DOMParser().parseFromString(text, "text/html").querySelector("section.parley");
    if (!section) throw new Error("Parley's answer held no comments.");
    return document.adoptNode(section);
  }

  function hosts() {
    for (const section of document.querySelectorAll("section.parley[data-parley-article]")) {
      if (section.parentElement && section.parentElement.matches("[data-parley-article]")) continue;
      const wrapper = el("div", { "data-parley-article": section.dataset.parleyArticle });
      section.before(wrapper);
      wrapper.append(section);
    }
    return [...document.querySelectorAll("[data-parley-article]")].filter((node) => !node.matches("section.parley"));
  }

  function mount(host) {
    if (host.shadowRoot) return;
    const rendered = host.querySelector(":scope > section.parley");
    const root = host.attachShadow({ mode: "open" });
    root.append(el("link", { rel: "stylesheet", href: base + "/embed/parley.css" }));
    if (rendered) return show(host, root, rendered);
    const site = host.dataset.parleySite || defaultSite;
    const loading = root.appendChild(el("p", { class: "parley-note", role: "status" }, "Loading comments…"));
    if (!site) {
      loading.textContent = "Comments cannot be shown: the page does not say which Parley site it belongs to.";
      return;
    }
    const query = new URLSearchParams({ site: site, article: host.dataset.parleyArticle });
    fetchSection(base + "/embed/fragment/?" + query).then(
      (section) => {
        loading.remove();
        show(host, root, section);
      },
      (error) => {
        loading.className = "parley-error";
        loading.textContent = "Comments could not be loaded. " + error.message;
      }
    );
  }

  function show(host, root, section) {
    const jsonld = section.querySelector('script[type="application/ld+json"]');
    if (jsonld) host.append(jsonld);
    root.append(section);
    const write = section.querySelector(".parley-write");
    const form = makeForm(section, null);
    if (write && form) write.replaceWith(form);
    section.addEventListener("click", (event) => onClick(section, event));
    section.addEventListener("submit", (event) => {
      if (!event.target.matches("form.parley-form")) return;
      event.preventDefault();
      submit(section, event.target);
    });
  }

  function makeForm(section, parentId, author) {
    const template = section.querySelector("template.parley-form-template");
    const form = template && template.content.querySelector("form.parley-form");
    if (!form) return null;
    const copy = form.cloneNode(true);
    if (parentId) {
      const suffix = "-reply-" + parentId;
      copy.querySelectorAll("[id]").forEach((node) => { node.id += suffix; });
      copy.querySelectorAll("label[for]").forEach((label) => { label.htmlFor += suffix; });
      copy.elements.namedItem("parent").value = parentId;
      copy.prepend(el("p", { class: "parley-replying" }, "Your reply to " + author));
      copy.querySelector("button[type=submit]").textContent = "Post reply";
    }
    return copy;
  }

  function onClick(section, event) {
    const link = event.target.closest("a[data-parley-reply], a[data-parley-page]");
    if (!link) return;
    if (link.dataset.parleyReply) {
      const body = link.closest(".parley-body");
      const open = body.nextElementSibling;
      if (open && open.matches("form.parley-form")) {
        event.preventDefault();
        open.remove();
        return;
      }
      const form = makeForm(section, link.dataset.parleyReply, body.querySelector(".parley-author").textContent);
      if (!form) return;
      event.preventDefault();
      body.after(form);
      form.querySelector("textarea").focus();
    } else {
      event.preventDefault();
      loadPage(section, link);
    }
  }

  async function loadPage(section, link) {
    if (link.getAttribute("aria-busy")) return;
    link.setAttribute("aria-busy", "true");
    const label = link.textContent;
    link.textContent = "Loading…";
    try {
      const next = await fetchSection(link.dataset.parleyPage);
      const thread = section.querySelector(".parley-thread");
      if (link.hasAttribute("data-parley-append")) {
        const items = [...next.querySelector(".parley-thread").children];
        thread.append(...items.filter((item) => !item.matches(".parley-empty")));
      } else {
        thread.replaceWith(next.querySelector(".parley-thread"));
        section.querySelector(".parley-sort").replaceWith(next.querySelector(".parley-sort"));
      }
      const more = section.querySelector(".parley-more");
      const nextMore = next.querySelector(".parley-more");
      if (more) more.remove();
      if (nextMore) section.querySelector(".parley-thread").after(nextMore);
    } catch (error) {
      link.textContent = label;
      link.removeAttribute("aria-busy");
      link.after(el("span", { class: "parley-error", role: "alert" }, " " + error.message));
    }
  }

  function formBody(form) {
    const field = (name) => form.elements.namedItem(name);
    const number = (name) => (field(name) && field(name).value ? Number(field(name).value) : null);
    return {
      author_name: field("author_name").value,
      email: field("email").value,
      text: field("text").value,
      accept_terms: field("accept_terms").checked,
      terms_version: number("terms_version"),
      parent_id: number("parent"),
      website: field("website") ? field("website").value : "",
    };
  }

  async function submit(section, form) {
    const button = form.querySelector("button[type=submit]");
    if (button.disabled) return;
    button.disabled = true;
    form.querySelectorAll(".parley-error, .parley-errors").forEach((node) => node.remove());
    form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
    try {
      const response = await fetch(section.dataset.parleyApi, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(formBody(form)),
      });
      const data = await response.json().catch(() => ({}));
      if (response.ok) showOutcome(form, data);
      else showErrors(form, data, response.status);
    } catch (error) {
      showErrors(form, { detail: "Parley could not be reached. Check your connection and try again." });
    } finally {
      button.disabled = false;
    }
  }

  function showErrors(form, problem, status) {
    const general = [];
    for (const error of problem.errors || []) {
      const input = error.field ? form.elements.namedItem(FORM_FIELDS[error.field] || error.field) : null;
      const place = input && input.closest && input.closest(".parley-field");
      if (!place) { general.push(error.message); continue; }
      input.setAttribute("aria-invalid", "true");
      place.append(el("span", { class: "parley-error", role: "alert" }, error.message));
    }
    const marked = form.querySelector("[aria-invalid]");
    const summary = marked && !general.length ? "Please check the fields marked below."
      : problem.detail || problem.title || "Your comment could not be posted (error " + status + ").";
    const box = el("div", { class: "parley-errors", role: "alert" });
    for (const message of [summary, ...general.filter((message) => message !== summary)]) {
      box.append(el("p", {}, message));
    }
    form.prepend(box);
    if (marked) marked.focus();
    else box.scrollIntoView({ block: "nearest" });
  }

  function showOutcome(form, result) {
    const box = el("div", { class: "parley-outcome", role: "status", tabindex: "-1" });
    box.append(el("p", { class: "parley-status parley-status-" + result.status },
      result.message || OUTCOMES[result.status] || "Thank you: your comment was received."));
    if (result.reasons && result.reasons.length) {
      const list = el("ul");
      for (const reason of result.reasons) list.append(el("li", {}, reason));
      box.append(el("p", {}, "Why:"), list);
    }
    if (/^https?:\/\//.test(result.status_url || "")) {
      const note = el("p", { class: "parley-note" });
      const link = el("a", { href: result.status_url, target: "_blank", rel: "noopener" });
      link.textContent = "What happens to your comment";
      note.append(link, " (keep this link: it is the only way back to your comment's status).");
      box.append(note);
    }
    form.replaceWith(box);
    box.focus();
  }

  function start() {
    hosts().forEach(mount);
  }

  window.Parley = { mount: start };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
