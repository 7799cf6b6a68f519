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

  // A mention names its entry (data-ar-entry, "actor-putin"), whose card is
  // #ar-card-actor-putin.  The first mention of an entry in the text is a link around it
  // (focusable, the card is its description); later mentions are plain text whose card
  // opens on hover or tap.
  const MENTION = "[data-ar-entry]";
  const OPEN_DELAY = 120;
  const OPEN_DELAY_PLAIN = 400; // plain text: only when the pointer rests on it
  const CLOSE_DELAY = 300;

  const cardOf = (mention) => document.getElementById(`ar-card-${mention.getAttribute("data-ar-entry")}`);
  const linkOf = (mention) => (mention.parentElement && mention.parentElement.matches("a[href]") ? mention.parentElement : null);

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
  let tapMention = null;
  let tapWasOpen = false;

  function place(mention) {
    const rects = mention.getClientRects();
    const anchor = rects.length ? rects[0] : mention.getBoundingClientRect();
    const viewport = document.documentElement.clientWidth;
    const width = popover.offsetWidth;
    const height = popover.offsetHeight;
    const left = Math.max(8, Math.min(anchor.left, viewport - width - 8));
    let top = anchor.bottom + 6;
    if (top + height > window.innerHeight && anchor.top - height - 6 > 0) top = anchor.top - height - 6;
    popover.style.left = `${left + window.scrollX}px`;
    popover.style.top = `${top + window.scrollY}px`;
  }

  function open(mention) {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (mention === suppressed) return;
    const card = cardOf(mention);
    if (!card) return;
    if (current !== mention) {
      const copy = card.cloneNode(true);
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach((element) => element.removeAttribute("id"));
      copy.querySelectorAll("a, button, input, [tabindex]").forEach((element) => {
        element.setAttribute("tabindex", "-1");
      });
      popover.replaceChildren(...copy.childNodes);
      const more = card.getAttribute("data-ar-more");
      if (more) {
        // The card's link to its entry: in the popover only (the mention links there too).
        const paragraph = document.createElement("p");
        const link = document.createElement("a");
        paragraph.className = "ar-card-more";
        link.href = more;
        link.tabIndex = -1;
        link.textContent = card.id.startsWith("ar-card-term-") ? strings.glossaryEntry : strings.registerEntry;
        paragraph.append(link);
        popover.append(paragraph);
      }
      if (current) current.classList.remove("ar-open");
      current = mention;
    }
    popover.hidden = false;
    place(mention);
    mention.classList.add("ar-open");
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

  document.querySelectorAll(MENTION).forEach((mention) => {
    const card = cardOf(mention);
    const link = linkOf(mention);
    if (!card || !link) return;
    link.setAttribute("aria-describedby", card.id);
    // The card replaces the browser's own tooltip, which would cover it.
    link.removeAttribute("title");
  });

  // The mention at an event's target: the span, or the span inside a mention's link.
  function mentionAt(target) {
    if (!(target instanceof Element) || popover.contains(target)) return null;
    const mention = target.closest(MENTION);
    if (mention) return cardOf(mention) ? mention : null;
    const inside = target.matches("a[href]") ? target.querySelector(`:scope > ${MENTION}`) : null;
    return inside && cardOf(inside) ? inside : null;
  }

  document.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType || "mouse";
    tapMention = mentionAt(event.target);
    tapWasOpen = tapMention !== null && tapMention === current;
    if (!tapMention && !popover.contains(event.target)) close();
  });

  document.addEventListener("pointerover", (event) => {
    if (event.pointerType !== "mouse") return;
    if (popover.contains(event.target)) {
      clearTimeout(closeTimer);
      return;
    }
    const mention = mentionAt(event.target);
    if (!mention) return;
    clearTimeout(closeTimer);
    clearTimeout(openTimer);
    const delay = mention === current ? 0 : linkOf(mention) ? OPEN_DELAY : OPEN_DELAY_PLAIN;
    openTimer = setTimeout(() => open(mention), delay);
  });

  document.addEventListener("pointerout", (event) => {
    if (event.pointerType !== "mouse") return;
    const from = mentionAt(event.target) || (popover.contains(event.target) ? popover : null);
    if (!from) return;
    const to = event.relatedTarget;
    const fromBox = from === popover ? popover : linkOf(from) || from;
    if (to instanceof Node && (fromBox.contains(to) || popover.contains(to) || (current && (linkOf(current) || current).contains(to)))) {
      return;
    }
    if (from === suppressed) suppressed = null;
    scheduleClose();
  });

  document.addEventListener("focusin", (event) => {
    const mention = mentionAt(event.target);
    if (mention) open(mention);
    else if (current && !popover.contains(event.target)) close();
  });

  document.addEventListener("focusout", (event) => {
    const mention = mentionAt(event.target);
    if (!mention) return;
    if (mention === suppressed) suppressed = null;
    if (mention === current) scheduleClose();
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !current) return;
    suppressed = current;
    close();
    event.stopPropagation();
  });

  // Touch: the first tap shows the card, a second tap on a linked mention (or a tap on the
  // card's link) follows the link; a second tap on plain text closes the card.
  document.addEventListener("click", (event) => {
    const mention = mentionAt(event.target);
    if (!mention || lastPointer === "mouse" || mention !== tapMention) return;
    if (!tapWasOpen) {
      event.preventDefault();
      suppressed = null;
      open(mention);
    } else if (!linkOf(mention)) {
      close();
    }
  });

  window.addEventListener("resize", () => {
    if (current) place(current);
  });

  /* --- highlighting mentions by type ------------------------------------------------ */

  // The checkboxes work without script (CSS :has()); the script only remembers them.
  const HIGHLIGHT_KEY = "annotated-reader:highlight";
  const highlightBoxes = [...document.querySelectorAll("input[name='ar-highlight']")];
  if (highlightBoxes.length) {
    let saved = null;
    try {
      saved = JSON.parse(window.localStorage.getItem(HIGHLIGHT_KEY) || "null");
    } catch {
      saved = null; // storage off (private mode, file://): the page still works
    }
    if (Array.isArray(saved)) highlightBoxes.forEach((box) => (box.checked = saved.includes(box.value)));
    highlightBoxes.forEach((box) =>
      box.addEventListener("change", () => {
        try {
          const on = highlightBoxes.filter((b) => b.checked).map((b) => b.value);
          window.localStorage.setItem(HIGHLIGHT_KEY, JSON.stringify(on));
        } catch {
          // not remembered; the choice holds for this page
        }
      }),
    );
  }

  /* --- margin notes ----------------------------------------------------------------- */

  // On wide screens each note stands in the margin, level with the line of its mark, or as
  // close below as the note before it allows.  The notes are the footnotes themselves (one
  // copy in the page), placed by this script; the text never moves.  A long note shows its
  // head and first sentence and opens in place.  Elsewhere (narrow screens, print, no
  // script) they are the list under "Anmerkungen" at the end of the text.
  // furo sets its third column from just above 82em (its "max-width: 82em" includes 82em).
  const WIDE = window.matchMedia("screen and (min-width: 82.0625em)");
  const NOTE_GAP = 10; // px between two notes
  const MARGIN_GAP = 32; // px between the text and the notes
  const MAX_WIDTH = 384; // px: about 60 characters of the notes' type
  const MIN_WIDTH = 200;
  const article = document.querySelector("article");
  const noteList = article && article.querySelector("aside.footnote-list");
  const notes = [];

  function previousText(mark) {
    // The last visible character before the mark: the line the mark stands on.
    const block = mark.closest("p, h1, h2, h3, h4, li") || mark.parentElement;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    walker.currentNode = mark;
    for (let node = walker.previousNode(); node; node = walker.previousNode()) {
      const text = node.textContent;
      let end = text.length;
      while (end > 0 && /\s/.test(text[end - 1])) end -= 1;
      if (end > 0 && !node.parentElement.closest(".ar-pnum, .ar-cite")) return [node, end];
    }
    return null;
  }

  function lineTop(mark) {
    const found = previousText(mark);
    if (found) {
      const range = document.createRange();
      range.setStart(found[0], found[1] - 1);
      range.setEnd(found[0], found[1]);
      const rects = range.getClientRects();
      if (rects.length) return rects[rects.length - 1].top;
    }
    return mark.getBoundingClientRect().top;
  }

  // German sentence ends: not after a digit ("24. Februar") or a one-letter or common
  // abbreviation ("D. C.", "z. B.", "Nr."), and followed by a capital or an opening quote.
  const ABBREVIATION = /(?:^|[\s(])(?:\p{L}|bzw|ca|Dr|etc|Nr|Prof|St|usw|vgl|Mio|Mrd|Jh|Chr)$/u;
  function firstSentenceEnd(text) {
    const end = /[.!?…](?:[“”"»«’')])?(?=\s+[„"»«(\p{Lu}\d])/gu;
    for (let match = end.exec(text); match; match = end.exec(text)) {
      const before = text.slice(0, match.index);
      if (match[0][0] === "." && (/\d$/.test(before) || ABBREVIATION.test(before))) continue;
      return match.index + match[0].length;
    }
    return -1;
  }

  // Wraps what follows the first sentence of ``paragraph`` in span.ar-note-rest.
  function markFirstSentence(paragraph) {
    const cut = firstSentenceEnd(paragraph.textContent);
    if (cut < 0) return;
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent.length;
      if (offset + length >= cut) {
        const range = document.createRange();
        range.setStart(node, cut - offset);
        range.setEndAfter(paragraph.lastChild);
        const rest = document.createElement("span");
        rest.className = "ar-note-rest";
        rest.append(range.extractContents());
        paragraph.append(rest);
        return;
      }
      offset += length;
    }
  }

  const marginMode = () => document.documentElement.classList.contains("ar-margin-notes");

  function setOpen(entry, open) {
    entry.note.classList.toggle("ar-note-open", open);
    entry.button.setAttribute("aria-expanded", String(open));
  }

  if (noteList) {
    noteList.querySelectorAll(":scope > aside.footnote").forEach((note) => {
      const mark = article.querySelector(`a.footnote-reference[href="#${CSS.escape(note.id)}"]`);
      if (!mark) return;
      const number = (note.querySelector(".label a") || mark).textContent.replace(/[[\]]/g, "").trim();
      note.tabIndex = -1;
      if (strings.note) note.setAttribute("aria-label", format(strings.note, { number }));
      const back = note.querySelector(".label a[role='doc-backlink']");
      if (back && strings.backToText) back.setAttribute("aria-label", format(strings.backToText, { number }));
      const head = note.querySelector(":scope > .ar-note-head");
      const lead = [...note.querySelectorAll(":scope > p")].find((p) => p !== head);
      if (lead) {
        lead.classList.add("ar-note-lead");
        markFirstSentence(lead);
      }
      const button = document.createElement("button");
      button.type = "button";
      button.className = "ar-note-toggle";
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", note.id);
      if (strings.noteToggle) button.setAttribute("aria-label", format(strings.noteToggle, { number }));
      button.innerHTML =
        '<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">' +
        '<path d="M3.5 6l4.5 4.5L12.5 6" fill="none" stroke="currentColor" stroke-width="1.6"/></svg>';
      (head || note.querySelector(":scope > .label") || note).after(button);
      const entry = { note, mark, button };
      notes.push(entry);
      button.addEventListener("click", () => {
        setOpen(entry, !note.classList.contains("ar-note-open"));
        layoutSoon();
      });
      // A click on a closed note (not on a link) opens it, as its button does.
      note.addEventListener("click", (event) => {
        if (!marginMode() || note.classList.contains("ar-note-open")) return;
        if (event.target instanceof Element && event.target.closest("a, button")) return;
        setOpen(entry, true);
        layoutSoon();
      });
      mark.addEventListener("click", (event) => {
        if (!marginMode()) return;
        event.preventDefault();
        activate(entry);
      });
      if (back) {
        back.addEventListener("click", (event) => {
          if (!marginMode()) return;
          event.preventDefault();
          mark.focus({ preventScroll: true });
          showMinimally(mark, note);
        });
      }
      const pair = (on) => {
        note.classList.toggle("ar-note-hover", on);
        mark.classList.toggle("ar-mark-hover", on);
      };
      for (const element of [note, mark]) {
        element.addEventListener("pointerenter", () => pair(true));
        element.addEventListener("pointerleave", () => pair(false));
      }
    });
  }

  // Scroll as little as needed to show ``element``: not at all when it is in view, and
  // never so far that ``keep`` (the mark the reader clicked) leaves the window.
  function showMinimally(element, keep) {
    const box = element.getBoundingClientRect();
    const room = window.innerHeight;
    let by = 0;
    if (box.top < 0) by = box.top - 8;
    else if (box.bottom > room) by = Math.min(box.bottom - room + 8, box.top - 8);
    if (keep && by > 0) by = Math.min(by, Math.max(0, keep.getBoundingClientRect().top - 8));
    if (keep && by < 0) by = Math.max(by, Math.min(0, keep.getBoundingClientRect().bottom - room + 8));
    if (Math.abs(by) >= 1) window.scrollBy({ top: by, behavior: "instant" });
  }

  function activate(entry) {
    notes.forEach((other) => {
      other.note.classList.toggle("ar-note-active", other === entry);
      other.mark.classList.toggle("ar-mark-active", other === entry);
    });
    setOpen(entry, true);
    layout();
    entry.note.focus({ preventScroll: true });
    showMinimally(entry.note, entry.mark);
  }

  // A closed note shows its head and as many lines of its first sentence (up to
  // LEAD_LINES) as fit before the line of the next note's mark; where notes crowd, the head
  // alone.  Heights are measured once with every lead at full length, then computed.
  const LEAD_LINES = 3;

  function layout() {
    if (!noteList || !notes.length) return;
    const root = document.documentElement;
    const box = article.getBoundingClientRect();
    const width = Math.min(MAX_WIDTH, root.clientWidth - box.right - MARGIN_GAP - 12);
    const wide = WIDE.matches && width >= MIN_WIDTH;
    root.classList.toggle("ar-margin-notes", wide);
    if (!wide) {
      notes.forEach(({ note }) => {
        note.style.top = "";
        note.classList.remove("ar-note-brief");
      });
      noteList.style.removeProperty("--ar-note-width");
      return;
    }
    noteList.style.setProperty("--ar-note-width", `${Math.floor(width)}px`);
    noteList.style.setProperty("--ar-note-left", `${Math.round(box.width + MARGIN_GAP)}px`);
    notes.forEach(({ note }) => {
      note.classList.remove("ar-note-brief");
      note.style.setProperty("--ar-lead-lines", String(LEAD_LINES));
    });
    // Read everything first (one layout), then write.
    const origin = article.getBoundingClientRect().top;
    const wanted = notes.map(({ mark }) => Math.round(lineTop(mark) - origin));
    const sizes = notes.map(({ note }) => {
      const lead = note.querySelector(":scope > .ar-note-lead");
      if (!lead || note.classList.contains("ar-note-open")) return { full: note.offsetHeight, line: 0, lines: 0, lead: 0 };
      const line = parseFloat(getComputedStyle(lead).lineHeight) || 18;
      const leadHeight = lead.offsetHeight + parseFloat(getComputedStyle(lead).marginTop || "0");
      const hasHead = Boolean(note.querySelector(":scope > .ar-note-head"));
      return {
        full: note.offsetHeight,
        line,
        lines: Math.round(lead.offsetHeight / line),
        lead: leadHeight,
        least: hasHead ? 0 : 1,
      };
    });
    let floor = -Infinity;
    notes.forEach(({ note }, index) => {
      const size = sizes[index];
      const top = Math.max(wanted[index], floor);
      let height = size.full;
      if (size.line) {
        const room = index + 1 < notes.length ? wanted[index + 1] - NOTE_GAP - top : Infinity;
        const heightWith = (lines) =>
          lines === 0 ? size.full - size.lead : size.full - (size.lines - Math.min(lines, size.lines)) * size.line;
        let lines = LEAD_LINES;
        while (lines > size.least && heightWith(lines) > room) lines -= 1;
        height = heightWith(lines);
        note.classList.toggle("ar-note-brief", lines === 0);
        note.style.setProperty("--ar-lead-lines", String(Math.max(lines, 1)));
      }
      note.style.top = `${top}px`;
      floor = top + height + NOTE_GAP;
    });
  }

  let pending = 0;
  function layoutSoon() {
    if (pending) return;
    pending = requestAnimationFrame(() => {
      pending = 0;
      layout();
    });
  }

  if (notes.length) {
    layout();
    WIDE.addEventListener("change", layoutSoon);
    window.addEventListener("resize", layoutSoon);
    if (document.fonts) document.fonts.ready.then(layoutSoon);
    if (window.ResizeObserver) {
      const observer = new ResizeObserver(layoutSoon);
      observer.observe(article);
      notes.forEach(({ note }) => observer.observe(note));
    }
    const target = notes.find(({ note }) => `#${note.id}` === window.location.hash);
    if (target && marginMode()) activate(target);
  }

  // Print shows the summary and provenance the screen folds away.
  const folded = [...document.querySelectorAll("details.ar-ti-about")];
  window.addEventListener("beforeprint", () =>
    folded.forEach((details) => {
      details.dataset.arWasOpen = String(details.open);
      details.open = true;
    }),
  );
  window.addEventListener("afterprint", () =>
    folded.forEach((details) => {
      details.open = details.dataset.arWasOpen === "true";
    }),
  );

  /* --- copying: the author's words ------------------------------------------------------ */

  // A selection of the text copies as the text: without paragraph numbers, note marks,
  // buttons or cards (they are not selectable either, see the stylesheet).
  const APPARATUS = ".ar-pnum, .ar-cite, a.footnote-reference, a.headerlink, .ar-note-toggle, .ar-cards, .ar-popover, .ar-status, script, style";
  const BLOCK = /^(P|H[1-6]|LI|DT|DD|ASIDE|DIV|SECTION|BLOCKQUOTE|UL|OL|DL|TABLE|TR|FIGURE|DETAILS|FIELDSET|ARTICLE)$/;

  function blocksOf(node, blocks) {
    let line = "";
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        line += child.textContent;
      } else if (child.nodeType === Node.ELEMENT_NODE && BLOCK.test(child.nodeName)) {
        if (line.trim()) blocks.push(line);
        line = "";
        blocksOf(child, blocks);
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        line += inlineText(child);
      }
    }
    if (line.trim()) blocks.push(line);
  }

  function inlineText(element) {
    const blocks = [];
    blocksOf(element, blocks);
    return blocks.join("\n\n");
  }

  if (article && document.querySelector(".ar-para")) {
    document.addEventListener("copy", (event) => {
      const selection = window.getSelection();
      if (!selection || selection.isCollapsed || !event.clipboardData) return;
      const ranges = [];
      for (let index = 0; index < selection.rangeCount; index += 1) ranges.push(selection.getRangeAt(index));
      if (!ranges.some((range) => range.intersectsNode(article))) return;
      const parts = ranges.map((range) => {
        const fragment = range.cloneContents();
        fragment.querySelectorAll(APPARATUS).forEach((element) => element.remove());
        const blocks = [];
        blocksOf(fragment, blocks);
        return blocks.join("\n\n");
      });
      event.clipboardData.setData("text/plain", parts.join("\n\n"));
      event.preventDefault();
    });
  }

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
