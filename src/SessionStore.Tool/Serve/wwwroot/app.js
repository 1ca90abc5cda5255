// The `sessions serve` front end. Every piece of session content is hostile: it reaches the page only as text
// (text nodes and textContent, never innerHTML), links only when they are http(s), images only as data: URIs of
// raster types; control and bidi characters are shown as visible symbols. No inline script, no framework, nothing
// loaded from anywhere but this server (see the Content-Security-Policy the server sends).
"use strict";

(() => {
  const CLIP = 10000;          // characters of one text shown before "show all"
  const FIRST_CHUNK = 200;     // messages rendered before the first paint
  const CHUNK = 5000;          // messages rendered per frame after it (off-screen ones skip layout: content-visibility)
  const TREE_DEPTH = 40;       // levels of a JSON tree before the rest is shown as text
  const TREE_ITEMS = 500;      // children of one node shown before "N more"
  const timings = (window.__viewer = { marks: {} });
  let info = null;
  let view = null;             // the current view's cleanup (closes a live follow)

  // ---- DOM helpers: text only ----------------------------------------------------------------------------------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === "class") node.className = value;
        else if (key === "title") node.title = visible(String(value));
        else if (key === "onclick") node.addEventListener("click", value);
        else if (key === "href") node.setAttribute("href", value); // only our own addresses (see safeLink for content)
        else if (key === "dataset") Object.assign(node.dataset, value);
        else node.setAttribute(key, String(value));
      }
    }
    for (const child of children) append(node, child);
    return node;
  }

  function append(node, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) { for (const c of child) append(node, c); return; }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }

  // Control characters (terminal escapes), bidi overrides and other invisible format characters, as visible symbols.
  const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
  function visible(text) {
    return String(text).replace(INVISIBLE, (c) => {
      const code = c.charCodeAt(0);
      if (code < 0x20) return String.fromCharCode(0x2400 + code);
      if (code === 0x7f) return "\u2421";
      return "\u27e8U+" + code.toString(16).toUpperCase().padStart(4, "0") + "\u27e9";
    });
  }

  // A text of any length: the first CLIP characters, and a button for the rest.
  function text(value, cls) {
    const full = visible(value ?? "");
    const node = el("div", { class: cls || "text" });
    if (full.length <= CLIP) { node.textContent = full; return node; }
    node.textContent = full.slice(0, CLIP) + "…";
    node.appendChild(el("button", { class: "clip-more", onclick: (e) => { e.target.remove(); node.textContent = full; } },
      `show all ${full.length.toLocaleString()} characters`));
    return node;
  }

  function pre(value) {
    const node = text(value, "");
    const p = el("pre");
    while (node.firstChild) p.appendChild(node.firstChild);
    return p;
  }

  // A link only for http(s) addresses; anything else (javascript:, data:, file:) is shown as text.
  function safeLink(uri, label) {
    try {
      const url = new URL(String(uri));
      if (url.protocol === "http:" || url.protocol === "https:") {
        return el("a", { href: url.href, target: "_blank", rel: "noopener noreferrer nofollow" }, visible(label ?? url.href));
      }
    } catch { /* not an address */ }
    return el("span", { class: "id" }, visible(String(uri).slice(0, 500)));
  }

  const RASTER = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$/;
  function safeImage(uri) {
    const s = String(uri);
    return s.length < 20_000_000 && RASTER.test(s) ? el("img", { class: "content", src: s, alt: "image content" }) : null;
  }

  // JSON indented for reading; deep or large JSON compact (indenting 3,000 levels would make megabytes of spaces).
  function pretty(value) {
    if (typeof value === "string") {
      try { value = JSON.parse(value); } catch { return value; }
    }
    try {
      const compact = JSON.stringify(value);
      if (compact === undefined) return String(value);
      return compact.length > 100000 || depthOver(value, 20) ? compact : JSON.stringify(value, null, 2);
    } catch { return String(value); }
  }

  function depthOver(value, limit) {
    let level = [value];
    for (let depth = 0; level.length > 0; depth++) {
      if (depth > limit) return true;
      const next = [];
      for (const v of level) if (v && typeof v === "object") for (const child of Object.values(v)) if (child && typeof child === "object") next.push(child);
      level = next;
    }
    return false;
  }

  function number(n) { return Number(n || 0).toLocaleString("en-US"); }
  function bytes(n) { n = Number(n || 0); return n < 1024 ? n + " B" : n < 1048576 ? (n / 1024).toFixed(1) + " KB" : (n / 1048576).toFixed(1) + " MB"; }
  function ago(iso) {
    const t = Date.parse(iso); if (!t) return "";
    const s = Math.max(0, (Date.now() - t) / 1000);
    return s < 60 ? Math.floor(s) + "s ago" : s < 3600 ? Math.floor(s / 60) + "m ago" : s < 86400 ? Math.floor(s / 3600) + "h ago" : Math.floor(s / 86400) + "d ago";
  }

  // ---- the server ----------------------------------------------------------------------------------------------

  async function api(path, options) {
    const response = await fetch(path, { credentials: "same-origin", ...options });
    let body = null;
    try { body = await response.json(); } catch { body = null; }
    if (!response.ok) {
      const error = new Error(body && typeof body.error === "string" ? body.error : `the viewer answered ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  async function write(path, question, body) {
    if (!window.confirm(question)) return null;
    try {
      return await api(path, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Viewer-Csrf": info.csrfToken },
        body: JSON.stringify(body ?? {}),
      });
    } catch (e) {
      window.alert(e.message);
      return null;
    }
  }

  function failure(error) {
    return el("div", { class: "note error", role: "alert" }, visible(error.message || String(error)));
  }

  // ---- the list ------------------------------------------------------------------------------------------------

  function listView(params) {
    const main = el("div");
    const form = el("form", { class: "filters", role: "search" });
    const fields = {
      q: el("input", { name: "q", type: "search", placeholder: "search the transcripts and titles", "aria-label": "search" }),
      tag: el("input", { name: "tag", placeholder: "tag", "aria-label": "tag", size: 10 }),
      owner: el("input", { name: "owner", placeholder: "owner", "aria-label": "owner", size: 10 }),
      agent: el("input", { name: "agent", placeholder: "agent", "aria-label": "agent", size: 10 }),
      since: el("input", { name: "since", type: "date", "aria-label": "updated since" }),
    };
    for (const [name, input] of Object.entries(fields)) { input.value = params.get(name) || ""; form.appendChild(input); }
    const go = el("button", { type: "submit" }, "search");
    form.appendChild(go);
    main.appendChild(form);
    if (!info.catalog) {
      for (const input of Object.values(fields)) input.disabled = true;
      go.disabled = true;
      main.appendChild(el("p", { class: "note", id: "search-disabled" }, info.searchDisabled));
    }
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const next = new URLSearchParams();
      for (const [name, input] of Object.entries(fields)) if (input.value.trim()) next.set(name, input.value.trim());
      location.hash = "#/" + (next.toString() ? "?" + next : "");
    });

    const searching = !!params.get("q");
    const table = el("table", { id: "sessions" },
      el("thead", null, el("tr", null,
        el("th", null, "title"), el("th", null, "tags"), el("th", null, "owner"), el("th", null, "agent"),
        el("th", { class: "num" }, "messages"), el("th", { class: "num" }, "tokens in / out"), el("th", { class: "num" }, "size"), el("th", null, "updated"))));
    const body = el("tbody");
    table.appendChild(body);
    main.appendChild(table);
    const status = el("p", { class: "faint", id: "list-status" }, "loading…");
    const more = el("button", { class: "more", id: "more", hidden: true }, "more");
    main.appendChild(status);
    main.appendChild(more);

    let token = null;
    let shown = 0;
    async function load() {
      const query = new URLSearchParams();
      for (const name of ["q", "tag", "owner", "agent", "since"]) if (params.get(name)) query.set(name, params.get(name));
      if (token) query.set("page", token);
      more.disabled = true;
      const started = performance.now();
      try {
        const page = await api("/api/sessions?" + query);
        const fragment = document.createDocumentFragment();
        for (const row of page.rows) fragment.appendChild(listRow(row, searching));
        body.appendChild(fragment);
        shown += page.rows.length;
        token = page.next;
        more.hidden = !token;
        more.disabled = false;
        status.textContent = shown === 0 ? (searching ? "nothing matches" : "no sessions") :
          `${shown.toLocaleString()} session(s) shown${token ? "; more below" : ""}`;
        timings.marks.listPage = performance.now() - started;
        if (timings.marks.listFirst === undefined) timings.marks.listFirst = performance.now();
        document.body.dataset.list = "ready";
      } catch (e) {
        status.replaceWith(failure(e));
        document.body.dataset.list = "failed";
      }
    }
    more.addEventListener("click", load);
    load();
    return { node: main };
  }

  function listRow(row, searching) {
    const link = el("a", { href: "#/s/" + encodeURIComponent(row.id) }, visible(row.title || row.id));
    const title = el("td", { class: "title" }, link, row.pinned ? el("span", { class: "pin", title: "pinned" }, " \u{1F4CC}") : null,
      el("div", { class: "id" }, visible(row.id)));
    if (row.problem) title.appendChild(el("div", { class: "problem" }, visible(row.problem)));
    if (searching && row.snippet) title.appendChild(snippet(row.snippet, row.highlights || []));
    return el("tr", { dataset: { id: row.id } },
      title,
      el("td", null, (row.tags || []).map((t) => el("span", { class: "tag" }, visible(t)))),
      el("td", null, visible(row.owner || "")),
      el("td", null, visible(row.agent || "")),
      el("td", { class: "num" }, number(row.messages)),
      el("td", { class: "num" }, `${number(row.inputTokens)} / ${number(row.outputTokens)}`),
      el("td", { class: "num" }, bytes(row.size)),
      el("td", { title: row.updated }, ago(row.updated)));
  }

  function snippet(textValue, highlights) {
    const node = el("div", { class: "snippet" });
    let at = 0;
    for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
      if (h.start < at || h.start + h.length > textValue.length) continue;
      append(node, visible(textValue.slice(at, h.start)));
      node.appendChild(el("mark", null, visible(textValue.slice(h.start, h.start + h.length))));
      at = h.start + h.length;
    }
    append(node, visible(textValue.slice(at)));
    return node;
  }

  // ---- one conversation: messages read from any shape the library writes ----------------------------------------

  const ROLES = ["user", "assistant", "system", "tool", "developer"];

  // A message as parts: text, reasoning, call, result, usage, error, media, json.
  function normalize(message, index) {
    if (typeof message === "string") {
      const trimmed = message.trimStart();
      if (trimmed.startsWith("{")) {
        try {
          const parsed = JSON.parse(message);
          if (parsed && typeof parsed === "object" && typeof parsed.role === "string") return fromChat(parsed, index, message);
        } catch { /* plain text */ }
      }
      for (const role of ROLES) {
        if (message.length > role.length + 1 && message.slice(0, role.length).toLowerCase() === role && message[role.length] === ":") {
          return { index, role, parts: [{ kind: "text", text: message.slice(role.length + 1).trimStart() }], raw: message };
        }
      }
      return { index, role: "message", parts: [{ kind: "text", text: message }], raw: message };
    }
    if (message && typeof message === "object" && !Array.isArray(message)) {
      if (Array.isArray(message.contents)) return fromAI(message, index);
      if (typeof message.role === "string") return fromChat(message, index, message);
    }
    return { index, role: "item", parts: [{ kind: "json", value: message }], raw: message };
  }

  // Microsoft.Extensions.AI ChatMessage: role, authorName, contents tagged by $type.
  function fromAI(message, index) {
    const parts = [];
    for (const c of message.contents) {
      const type = c && c.$type;
      switch (type) {
        case "text": parts.push({ kind: "text", text: c.text ?? "" }); break;
        case "reasoning": parts.push({ kind: "reasoning", text: c.text ?? "" }); break;
        case "functionCall": parts.push({ kind: "call", name: c.name, callId: c.callId, args: c.arguments }); break;
        case "functionResult": parts.push({ kind: "result", callId: c.callId, result: c.result }); break;
        case "usage": parts.push({ kind: "usage", usage: usageOf(c.details) }); break;
        case "error": parts.push({ kind: "error", text: [c.errorCode, c.message].filter(Boolean).join(": ") || pretty(c) }); break;
        case "data": case "uri": case "hostedFile": case "hostedVectorStore":
          parts.push({ kind: "media", type, uri: c.uri, mediaType: c.mediaType, name: c.name || c.fileId || c.vectorStoreId }); break;
        default: parts.push({ kind: "json", value: c });
      }
    }
    return { index, role: String(message.role || "message"), author: message.authorName, parts, raw: message };
  }

  // An OpenAI- or Anthropic-shaped chat message: content as a string or blocks, tool_calls, usage.
  function fromChat(message, index, raw) {
    const parts = [];
    const content = message.content;
    if (typeof content === "string") parts.push({ kind: "text", text: content });
    else if (Array.isArray(content)) {
      for (const block of content) {
        if (!block || typeof block !== "object") { parts.push({ kind: "text", text: String(block) }); continue; }
        switch (block.type) {
          case "text": parts.push({ kind: "text", text: block.text ?? "" }); break;
          case "thinking": parts.push({ kind: "reasoning", text: block.thinking ?? block.text ?? "" }); break;
          case "tool_use": parts.push({ kind: "call", name: block.name, callId: block.id, args: block.input }); break;
          case "tool_result": parts.push({ kind: "result", callId: block.tool_use_id, result: block.content, error: block.is_error }); break;
          case "image_url": parts.push({ kind: "media", type: "uri", uri: block.image_url && block.image_url.url }); break;
          default: parts.push({ kind: "json", value: block });
        }
      }
    }
    if (Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls) {
        const f = (call && call.function) || call || {};
        parts.push({ kind: "call", name: f.name, callId: call && call.id, args: f.arguments });
      }
    }
    if (message.role === "tool" && message.tool_call_id) parts.push({ kind: "result", callId: message.tool_call_id, result: message.content, fromContent: true });
    if (message.usage && typeof message.usage === "object") parts.push({ kind: "usage", usage: usageOf(message.usage) });
    if (message.error) parts.push({ kind: "error", text: typeof message.error === "string" ? message.error : pretty(message.error) });
    return { index, role: message.role, author: message.name, parts, raw };
  }

  function usageOf(u) {
    u = u && typeof u === "object" ? u : {};
    const input = Number(u.inputTokenCount ?? u.input_tokens ?? u.prompt_tokens ?? 0) || 0;
    const output = Number(u.outputTokenCount ?? u.output_tokens ?? u.completion_tokens ?? 0) || 0;
    return { input, output };
  }

  function sessionView(id) {
    const main = el("div", { class: "session" });
    const head = el("div", { class: "session-head" });
    const actions = el("div", { class: "actions" });
    const list = el("div", { id: "messages" });
    const rawBox = el("div", { id: "raw", hidden: true });
    main.append(head, actions, rawBox, list);
    const state = { id, rendered: 0, results: new Map(), calls: new Map(), usage: { input: 0, output: 0, turns: 0 }, source: null, closed: false, session: null };

    async function load(first) {
      const started = performance.now();
      let session;
      try {
        session = await api("/api/sessions/" + encodeURIComponent(id));
      } catch (e) {
        if (first) { head.replaceChildren(failure(e)); document.body.dataset.session = "failed"; }
        else followStatus(visible(e.message), false);
        return;
      }
      if (state.closed) return;
      timings.marks.sessionFetched = performance.now() - started;
      state.session = session;
      const messages = messagesOf(session.document);
      if (messages === null) {
        // A typed session of another shape: a readable tree.
        renderHead(session, null);
        list.replaceChildren(el("div", { class: "tree" }, tree(session.document, "session", 0)));
        done(started);
        follow(session.version);
        return;
      }
      if (messages.length < state.rendered) { // rewritten shorter: start again
        state.rendered = 0; state.results.clear(); state.calls.clear(); state.usage = { input: 0, output: 0, turns: 0 }; list.replaceChildren();
      }
      const normalizing = performance.now();
      const normalized = [];
      for (let i = state.rendered; i < messages.length; i++) normalized.push(normalize(messages[i], i));
      timings.marks.normalize = performance.now() - normalizing;
      for (const m of normalized) for (const p of m.parts) {
        if (p.kind === "result" && p.callId != null) state.results.set(String(p.callId), p);
        if (p.kind === "call" && p.callId != null) state.calls.set(String(p.callId), p);
        if (p.kind === "usage") { state.usage.input += p.usage.input; state.usage.output += p.usage.output; state.usage.turns++; }
      }
      renderHead(session, state.usage);
      const atBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 40;
      state.rendered = messages.length;
      list.classList.toggle("many", messages.length > 500); // off-screen messages skip layout (content-visibility)
      await renderChunks(normalized);
      // Results that arrived after their call: fill the pending slots.
      for (const slot of list.querySelectorAll(".call .pending")) {
        const result = state.results.get(slot.dataset.callId);
        if (result) slot.replaceWith(resultBlock(result));
      }
      if (!first && atBottom) window.scrollTo(0, document.body.scrollHeight);
      if (first) { done(started); follow(session.version); }
      document.body.dataset.messages = String(state.rendered);
    }

    function done(started) {
      timings.marks.sessionComplete = performance.now() - started;
      document.body.dataset.session = "ready";
    }

    async function renderChunks(normalized) {
      timings.marks.build = 0;
      for (let start = 0; start < normalized.length;) {
        const end = Math.min(normalized.length, start + (start === 0 ? FIRST_CHUNK : CHUNK));
        const building = performance.now();
        const fragment = document.createDocumentFragment();
        for (let i = start; i < end; i++) fragment.appendChild(messageNode(normalized[i], state));
        list.appendChild(fragment);
        timings.marks.build += performance.now() - building;
        if (start === 0) timings.marks.sessionFirstChunk = performance.now();
        start = end;
        if (start < normalized.length) await new Promise((r) => requestAnimationFrame(() => r()));
        if (state.closed) return;
      }
    }

    function renderHead(session, usage) {
      const facts = el("div", { class: "facts faint" },
        el("span", null, `${number(session.messages)} message(s)`),
        el("span", null, `${number(session.inputTokens)} input + ${number(session.outputTokens)} output tokens`),
        usage && usage.turns ? el("span", { id: "usage-total" }, `per-turn usage: ${number(usage.input)} in + ${number(usage.output)} out over ${usage.turns} turn(s)`) : null,
        el("span", null, bytes(session.size)),
        el("span", { title: session.updated }, "updated " + ago(session.updated)),
        session.kind === "other" ? el("span", null, "a session of another type") : null,
        session.pinned ? el("span", { class: "pin" }, "pinned") : null);
      const follow = head.querySelector(".follow") || el("span", { class: "follow faint" }, "");
      head.replaceChildren(...[
        el("h1", { id: "session-title" }, visible(session.title || session.id)),
        el("div", { class: "id" }, visible(session.id)),
        facts,
        session.tags && session.tags.length ? el("div", null, session.tags.map((t) => el("span", { class: "tag" }, visible(t)))) : null,
        follow].filter(Boolean));
      renderActions(session);
    }

    function renderActions(session) {
      const raw = el("button", { id: "show-raw", onclick: () => {
        if (rawBox.hidden) rawBox.replaceChildren(pre(pretty(state.session.document)));
        rawBox.hidden = !rawBox.hidden;
      } }, "raw JSON");
      const open = el("a", { href: "/api/sessions/" + encodeURIComponent(session.id) + "/raw", target: "_blank", rel: "noopener" }, "open raw");
      const buttons = [raw, open];
      if (info.allowWrite) {
        const q = (what) => `${what} session '${visible(session.id)}'?`;
        buttons.push(el("button", { id: "pin", onclick: async () => {
          if (await write(`/api/sessions/${encodeURIComponent(session.id)}/${session.pinned ? "unpin" : "pin"}`, q(session.pinned ? "Unpin" : "Pin"))) load(false);
        } }, session.pinned ? "unpin" : "pin"));
        buttons.push(el("button", { id: "trash", onclick: async () => {
          if (await write(`/api/sessions/${encodeURIComponent(session.id)}/trash`, q("Move to the trash"))) location.hash = "#/trash";
        } }, "move to trash"));
        if (info.canEditMetadata) {
          buttons.push(el("button", { id: "edit", onclick: async () => {
            const title = window.prompt("Title (empty: derived from the conversation)", session.title || "");
            if (title === null) return;
            const tags = window.prompt("Tags, separated by spaces (prefix - to remove)", (session.tags || []).join(" "));
            if (tags === null) return;
            const words = tags.split(/\s+/).filter(Boolean);
            const add = words.filter((w) => !w.startsWith("-"));
            const remove = words.filter((w) => w.startsWith("-")).map((w) => w.slice(1))
              .concat((session.tags || []).filter((t) => !words.includes(t)));
            if (await write(`/api/sessions/${encodeURIComponent(session.id)}/metadata`, q("Save the title and tags of"), { title, addTags: add, removeTags: remove })) load(false);
          } }, "edit title and tags"));
        }
      }
      actions.replaceChildren(...buttons);
    }

    function followStatus(textValue, live) {
      const node = head.querySelector(".follow");
      if (node) { node.textContent = textValue; node.classList.toggle("live", live); }
    }

    function follow(version) {
      if (state.source || state.closed) return;
      const source = new EventSource("/api/sessions/" + encodeURIComponent(id) + "/events?version=" + encodeURIComponent(version || ""));
      state.source = source;
      let pending = Promise.resolve();
      source.onopen = () => followStatus("following: new turns appear here", true);
      source.onerror = () => followStatus("reconnecting…", false);
      source.addEventListener("change", (e) => {
        if (e.data === "gone") { followStatus("this session was deleted or moved to the trash", false); return; }
        pending = pending.then(() => load(false));
      });
    }

    load(true);
    return { node: main, close: () => { state.closed = true; if (state.source) state.source.close(); } };
  }

  function messagesOf(document) {
    return document && typeof document === "object" && Array.isArray(document.messages) ? document.messages : null;
  }

  function messageNode(m, state) {
    const role = String(m.role || "message").toLowerCase();
    const node = el("article", { class: "msg " + role.replace(/[^a-z]/g, ""), dataset: { index: String(m.index) } });
    const rawButton = el("button", { class: "raw-toggle", title: "this message as stored" }, "{ }");
    const headNode = el("div", { class: "msg-head" }, el("span", { class: "faint" }, "#" + (m.index + 1)), el("span", { class: "role" }, visible(role)),
      m.author ? el("span", { class: "author" }, visible(m.author)) : null);
    const usage = m.parts.filter((p) => p.kind === "usage");
    for (const u of usage) headNode.appendChild(el("span", { class: "usage" }, `usage: ${number(u.usage.input)} in + ${number(u.usage.output)} out`));
    headNode.appendChild(rawButton);
    node.appendChild(headNode);
    let rawNode = null;
    rawButton.addEventListener("click", () => {
      if (!rawNode) { rawNode = pre(typeof m.raw === "string" ? m.raw : pretty(m.raw)); rawNode.hidden = true; node.appendChild(rawNode); }
      rawNode.hidden = !rawNode.hidden;
    });
    for (const p of m.parts) {
      switch (p.kind) {
        case "text": if (p.text !== "") node.appendChild(text(p.text)); break;
        case "reasoning": node.appendChild(el("details", { class: "reasoning" }, el("summary", null, "reasoning"), text(p.text))); break;
        case "call": node.appendChild(callBlock(p, state)); break;
        case "result": node.appendChild(resultRef(p, state)); break;
        case "usage": break;
        case "error": node.classList.add("has-error"); node.appendChild(el("div", { class: "error-part", role: "alert" }, "error: ", text(p.text, "text"))); break;
        case "media": node.appendChild(media(p)); break;
        default: node.appendChild(el("div", { class: "tree" }, tree(p.value, "content", 0)));
      }
    }
    return node;
  }

  function callBlock(p, state) {
    const result = p.callId != null ? state.results.get(String(p.callId)) : null;
    return el("div", { class: "call", dataset: { callId: String(p.callId ?? "") } },
      el("div", null, el("h4", null, "tool call ", el("code", null, visible(p.name ?? "?")), p.callId != null ? el("span", { class: "id" }, " " + visible(p.callId)) : null),
        pre(pretty(p.args ?? {}))),
      result ? resultBlock(result) : el("div", { class: "pending", dataset: { callId: String(p.callId ?? "") } }, "no result yet"));
  }

  function resultBlock(result) {
    const value = result.result;
    const isError = result.error === true;
    return el("div", { class: "result" + (isError ? " error-part" : "") }, el("h4", null, isError ? "result (error)" : "result"),
      pre(typeof value === "string" ? pretty(value) : pretty(value ?? null)));
  }

  function resultRef(p, state) {
    const call = p.callId != null ? state.calls.get(String(p.callId)) : null;
    if (call) return el("div", { class: "result-ref" }, "result of ", el("code", null, visible(call.name ?? "?")), ` (shown beside its call)`);
    // A result without its call in this conversation: shown here.
    return el("div", { class: "call" }, el("div", { class: "faint" }, "tool result ", el("span", { class: "id" }, visible(p.callId ?? ""))), resultBlock(p));
  }

  function media(p) {
    const box = el("div", { class: "media" });
    const image = p.type === "data" ? safeImage(p.uri) : null;
    if (image) box.appendChild(image);
    const label = `${p.type}${p.mediaType ? " " + p.mediaType : ""}${p.name ? " " + p.name : ""}`;
    box.appendChild(el("span", { class: "faint" }, "[" + visible(label) + "] "));
    if (p.type === "uri" && p.uri) box.appendChild(safeLink(p.uri));
    else if (p.type === "data" && typeof p.uri === "string") box.appendChild(el("span", { class: "faint" }, `${number(p.uri.length)} characters of data`));
    return box;
  }

  // A JSON value as a tree of details elements: keys and values as text, deep levels and long lists cut.
  function tree(value, key, depth) {
    const label = (k) => el("span", { class: "key" }, visible(k) + ": ");
    if (value === null || typeof value !== "object") {
      const cls = typeof value === "string" ? "s" : typeof value === "number" ? "n" : "b";
      const shown = typeof value === "string" ? text(value, "") : document.createTextNode(String(value));
      return el("div", { class: "leaf" }, label(key), el("span", { class: cls }, shown));
    }
    if (depth >= TREE_DEPTH) return el("div", { class: "leaf" }, label(key), text(pretty(value), ""));
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    const node = el("details", depth < 2 ? { open: "" } : null,
      el("summary", null, label(key), el("span", { class: "faint" }, Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`)));
    for (const [k, v] of entries.slice(0, TREE_ITEMS)) node.appendChild(tree(v, k, depth + 1));
    if (entries.length > TREE_ITEMS) node.appendChild(el("div", { class: "leaf faint" }, `… ${entries.length - TREE_ITEMS} more (see raw JSON)`));
    return node;
  }

  // ---- the trash -----------------------------------------------------------------------------------------------

  function trashView() {
    const main = el("div", null, el("h1", null, "trash"));
    const status = el("p", { class: "faint" }, "loading…");
    main.appendChild(status);
    (async () => {
      try {
        const rows = await api("/api/trash");
        const body = el("tbody");
        for (const r of rows) {
          const restore = info.allowWrite ? el("button", { class: "restore", onclick: async () => {
            if (await write(`/api/trash/${encodeURIComponent(r.id)}/restore`, `Restore session '${visible(r.id)}' from the trash?`)) location.hash = "#/s/" + encodeURIComponent(r.id);
          } }, "restore") : null;
          body.appendChild(el("tr", { dataset: { id: r.id } }, el("td", { class: "id" }, visible(r.id)), el("td", { title: r.trashedAt }, "trashed " + ago(r.trashedAt)),
            el("td", { class: "num" }, bytes(r.size)), el("td", null, restore)));
        }
        status.textContent = rows.length ? `${rows.length} session(s) in the trash` : "the trash is empty";
        main.appendChild(el("table", { id: "trash" }, body));
      } catch (e) { status.replaceWith(failure(e)); }
    })();
    return { node: main };
  }

  // ---- routing -------------------------------------------------------------------------------------------------

  function route() {
    if (view && view.close) view.close();
    const hash = location.hash || "#/";
    const main = document.getElementById("main");
    delete document.body.dataset.session;
    delete document.body.dataset.list;
    try {
      if (hash.startsWith("#/s/")) view = sessionView(decodeURIComponent(hash.slice(4)));
      else if (hash.startsWith("#/trash")) view = trashView();
      else view = listView(new URLSearchParams(hash.includes("?") ? hash.slice(hash.indexOf("?") + 1) : ""));
    } catch (e) {
      view = { node: failure(e) };
    }
    main.replaceChildren(view.node);
    window.scrollTo(0, 0);
  }

  async function start() {
    try {
      info = await api("/api/info");
    } catch (e) {
      document.getElementById("main").replaceChildren(failure(e));
      return;
    }
    document.getElementById("backend").textContent = info.backend;
    const mode = document.getElementById("mode");
    mode.textContent = info.allowWrite ? "writes allowed" : "read-only";
    if (info.allowWrite) mode.classList.add("write");
    window.addEventListener("hashchange", route);
    route();
  }

  start();
})();
