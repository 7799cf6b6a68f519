/* sphinx-annotated-reader: cards, sidenotes and citations.
 *
 * Progressive enhancement: without this script every mention is still a link to its
 * register entry, every note a footnote and every paragraph number a permalink.
 * The page's strings (German or English) come from the build, in #ar-reader-data.
 */
"use strict";
(() => {
  const dataElement = document.getElementById("ar-reader-data");
  const data = dataElement ? JSON.parse(dataElement.textContent) : { strings: {} };
  const strings = data.strings || {};
  const format = (template, values) =>
    template.replace(/%\((\w+)\)s/g, (_match, key) => String(values[key] ?? ""));

  // Sphinx's search: our translations of strings its catalog leaves empty, and a plural
  // index that is a number (the catalog's expression gives true/false).
  // eslint-disable-next-line no-undef -- doctools.js declares it with const, not on window
  if (data.sphinx && typeof Documentation !== "undefined" && Documentation.TRANSLATIONS) {
    Object.assign(Documentation.TRANSLATIONS, data.sphinx);
    const plural = Documentation.PLURAL_EXPR;
    Documentation.PLURAL_EXPR = (n) => Number(plural(n));
  }

  /* --- cards ------------------------------------------------------------------------ */

  const MENTION = "a:has(> .ar-mention)";
  const OPEN_DELAY = 120;
  const CLOSE_DELAY = 300;

  function cardOf(link) {
    const match = /#(actor|term)-([^#]+)$/.exec(link.getAttribute("href") || "");
    return match ? document.getElementById(`ar-card-${match[1]}-${decodeURIComponent(match[2])}`) : null;
  }

  // One popover for the page, filled with a copy of the card the build put in the page.
  // Screen readers get the card as the link's description (aria-describedby points at the
  // card itself), so the visible copy is hidden from them and its link is not a tab stop:
  // the mention is already a link to the same entry.
  const popover = document.createElement("div");
  popover.className = "ar-popover";
  popover.hidden = true;
  popover.setAttribute("aria-hidden", "true");
  document.body.append(popover);

  let current = null; // the mention whose card is open
  let openTimer = 0;
  let closeTimer = 0;
  let suppressed = null; // closed with Escape: stays closed until the pointer or focus leaves
  let lastPointer = "mouse";
  let tapLink = null;
  let tapWasOpen = false;

  function place(link) {
    const rects = link.getClientRects();
    const anchor = rects.length ? rects[0] : link.getBoundingClientRect();
    const viewport = document.documentElement.clientWidth;
    const width = popover.offsetWidth;
    const height = popover.offsetHeight;
    const left = Math.max(8, Math.min(anchor.left, viewport - width - 8));
    let top = anchor.bottom + 6;
    if (top + height > window.innerHeight && anchor.top - height - 6 > 0) top = anchor.top - height - 6;
    popover.style.left = `${left + window.scrollX}px`;
    popover.style.top = `${top + window.scrollY}px`;
  }

  function open(link) {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (link === suppressed) return;
    const card = cardOf(link);
    if (!card) return;
    if (current !== link) {
      const copy = card.cloneNode(true);
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach((element) => element.removeAttribute("id"));
      copy.querySelectorAll("a, button, input, [tabindex]").forEach((element) => {
        element.setAttribute("tabindex", "-1");
      });
      popover.replaceChildren(...copy.childNodes);
      if (current) current.classList.remove("ar-open");
      current = link;
    }
    popover.hidden = false;
    place(link);
    link.classList.add("ar-open");
  }

  function close() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (!current) return;
    current.classList.remove("ar-open");
    popover.hidden = true;
    current = null;
  }

  const scheduleClose = () => {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    closeTimer = setTimeout(close, CLOSE_DELAY);
  };

  document.querySelectorAll(MENTION).forEach((link) => {
    const card = cardOf(link);
    if (!card) return;
    link.setAttribute("aria-describedby", card.id);
    // The card replaces the browser's own tooltip, which would cover it.
    link.removeAttribute("title");
  });

  const mentionAt = (target) =>
    target instanceof Element ? target.closest(MENTION) : null;

  document.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType || "mouse";
    tapLink = mentionAt(event.target);
    tapWasOpen = tapLink !== null && tapLink === current;
    if (!tapLink && !popover.contains(event.target)) close();
  });

  document.addEventListener("pointerover", (event) => {
    if (event.pointerType !== "mouse") return;
    if (popover.contains(event.target)) {
      clearTimeout(closeTimer);
      return;
    }
    const link = mentionAt(event.target);
    if (!link || !cardOf(link)) return;
    clearTimeout(closeTimer);
    clearTimeout(openTimer);
    openTimer = setTimeout(() => open(link), link === current ? 0 : OPEN_DELAY);
  });

  document.addEventListener("pointerout", (event) => {
    if (event.pointerType !== "mouse") return;
    const from = mentionAt(event.target) || (popover.contains(event.target) ? popover : null);
    if (!from) return;
    const to = event.relatedTarget;
    if (to instanceof Node && (from.contains(to) || popover.contains(to) || (current && current.contains(to)))) {
      return;
    }
    if (from === suppressed) suppressed = null;
    scheduleClose();
  });

  document.addEventListener("focusin", (event) => {
    const link = mentionAt(event.target);
    if (link && cardOf(link)) open(link);
    else if (current && !popover.contains(event.target)) close();
  });

  document.addEventListener("focusout", (event) => {
    const link = mentionAt(event.target);
    if (!link) return;
    if (link === suppressed) suppressed = null;
    if (link === current) scheduleClose();
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !current) return;
    suppressed = current;
    close();
    event.stopPropagation();
  });

  // Touch: the first tap shows the card, a second tap on the mention (or a tap on the
  // card's link) follows the link.  Pointer events tell a tap from a click.
  document.addEventListener("click", (event) => {
    const link = mentionAt(event.target);
    if (!link || lastPointer === "mouse" || !cardOf(link)) return;
    if (link === tapLink && !tapWasOpen) {
      event.preventDefault();
      suppressed = null;
      open(link);
    }
  });

  window.addEventListener("resize", () => {
    if (current) place(current);
  });

  /* --- sidenotes -------------------------------------------------------------------- */

  // Each note is copied next to its mark; CSS floats the copy into the margin on wide
  // screens and hides it elsewhere, where the footnote below the text is the note.
  const wide = window.matchMedia("(min-width: 82em)");
  const marks = document.querySelectorAll("a.footnote-reference[href^='#']");
  marks.forEach((mark) => {
    const note = document.getElementById(decodeURIComponent(mark.hash.slice(1)));
    if (!note || !note.matches("aside.footnote")) return;
    const side = document.createElement("span");
    side.className = "ar-sidenote";
    side.id = `side-${note.id}`;
    side.tabIndex = -1;
    side.setAttribute("role", "note");
    const number = (note.querySelector(".label a") || mark).textContent.replace(/[[\]]/g, "").trim();
    if (strings.note) side.setAttribute("aria-label", format(strings.note, { number }));
    const label = document.createElement("span");
    label.className = "ar-sidenote-number";
    label.textContent = number;
    side.append(label);
    for (const child of note.children) {
      if (child.classList.contains("label")) continue;
      const block = document.createElement("span");
      block.className = "ar-sidenote-block";
      const copy = child.cloneNode(true);
      copy.querySelectorAll("[id]").forEach((element) => element.removeAttribute("id"));
      block.append(...copy.childNodes);
      side.append(block);
    }
    mark.after(side);
    mark.addEventListener("click", (event) => {
      if (!wide.matches) return;
      event.preventDefault();
      side.focus({ preventScroll: true });
      side.scrollIntoView({ block: "nearest" });
    });
  });
  if (marks.length) document.documentElement.classList.add("ar-has-sidenotes");

  /* --- citations -------------------------------------------------------------------- */

  const status = document.createElement("div");
  status.className = "ar-status";
  status.setAttribute("role", "status");
  document.body.append(status);
  let statusTimer = 0;

  function announce(message) {
    status.textContent = message;
    status.classList.add("ar-visible");
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => status.classList.remove("ar-visible"), 4000);
  }

  function pageUrl(anchor) {
    const canonical = document.querySelector("link[rel='canonical']");
    const base = canonical ? canonical.href : window.location.href;
    return `${base.split("#")[0]}#${anchor}`;
  }

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // file:// pages and older browsers: the selection-based fallback.
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "ar-offscreen";
      document.body.append(area);
      area.select();
      let done = false;
      try {
        done = document.execCommand("copy");
      } catch {
        done = false;
      }
      area.remove();
      return done;
    }
  }

  const text = data.text;
  if (text && strings.citation) {
    document.querySelectorAll("a.ar-pnum").forEach((permalink) => {
      const anchor = permalink.hash.slice(1);
      const number = permalink.textContent.replace(/\D+/g, "");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "ar-cite";
      button.setAttribute("aria-label", format(strings.cite, { paragraph: number }));
      button.title = format(strings.cite, { paragraph: number });
      button.innerHTML =
        '<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">' +
        '<path d="M5 2h7a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1zm0 1v8h7V3H5z' +
        'M2 5h1v8h7v1H3a1 1 0 0 1-1-1V5z" fill="currentColor"/></svg>';
      button.addEventListener("click", async () => {
        const citation = format(strings.citation, {
          title: text.title,
          date: text.date,
          paragraph: number,
          url: pageUrl(anchor),
        });
        const done = await copy(citation);
        announce(done ? strings.copied : format(strings.copyThis, { citation }));
      });
      permalink.after(button);
    });
  }

  // Wide tables and code blocks scroll sideways: keyboard users must be able to reach them
  // (WCAG 2.1.1). Only regions that really overflow become tab stops.
  function reachable() {
    document.querySelectorAll(".table-wrapper, div.highlight pre").forEach((region) => {
      const scrolls = region.scrollWidth > region.clientWidth + 1;
      if (scrolls && !region.hasAttribute("tabindex")) {
        region.setAttribute("tabindex", "0");
      } else if (!scrolls && region.getAttribute("tabindex") === "0") {
        region.removeAttribute("tabindex");
      }
    });
  }
  reachable();
  window.addEventListener("resize", reachable);
})();
