// The demo page: the client's phone (Telegram or WhatsApp) and the managers' group, drawn from
// what the in-process stand-ins hold, kept live by server-sent events. No build step.
"use strict";

const S = {
  seq: 0, texts: {}, clients: [], manager: {}, group: 0, chats: {}, wa: [], clock: "", busy: false,
  samples: [], tour: [], tz: "UTC", lang: "ru",
  client: 0, thread: null, unread: {}, reply: { client: null, manager: null },
  picked: { client: [], manager: [] }, uploads: { client: [], manager: [] }, uploadFor: null,
  tourOpen: false, tourStep: 0, tourRunning: false,
};
const $ = (id) => document.getElementById(id);
const t = (key, args) => {
  let text = S.texts[key] || key;
  for (const [name, value] of Object.entries(args || {})) text = text.split(`{${name}}`).join(value);
  return text;
};
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

// -- state ------------------------------------------------------------------------------------

function chat(id) {
  const key = String(id);
  if (!S.chats[key]) S.chats[key] = { messages: [], topics: {}, pinned: {}, keyboard: null };
  return S.chats[key];
}

function apply(event) {
  if (event.seq <= S.seq) return;
  S.seq = event.seq;
  const kind = event.type;
  if (kind === "message" || kind === "edit") {
    const c = chat(event.chat);
    const at = c.messages.findIndex((m) => m.message_id === event.message.message_id);
    if (at >= 0) c.messages[at] = event.message; else c.messages.push(event.message);
    if (kind === "message" && event.chat === S.group) {
      const thread = threadOf(event.message);
      if (thread !== S.thread) S.unread[thread] = (S.unread[thread] || 0) + 1;
    }
  } else if (kind === "topic") {
    chat(event.chat).topics[String(event.thread)] = event.topic;
  } else if (kind === "pin") {
    chat(event.chat).pinned[String(event.thread)] = event.message_id;
  } else if (kind === "keyboard") {
    chat(event.chat).keyboard = event.keyboard;
  } else if (kind === "answer") {
    toast(event.text, event.alert);
  } else if (kind === "wa") {
    S.wa.push(event.message);
  } else if (kind === "clock") {
    S.clock = event.now; S.busy = event.busy;
  } else if (kind === "tour") {
    S.tourRunning = event.running;
    if (event.running) S.client = 0;
    if (!event.running && event.thread) { S.thread = String(event.thread); S.unread[S.thread] = 0; }
    if (event.failed) toast(t("demo-failed", { reason: event.failed }), true);
  }
  render();
}

function threadOf(message) {
  return message.message_thread_id ? String(message.message_thread_id) : "general";
}

// -- formatting -------------------------------------------------------------------------------

const TAGS = { bold: "b", italic: "i", underline: "u", strikethrough: "s", code: "code", pre: "pre",
  spoiler: "span", blockquote: "blockquote" };

function formatted(text, entities) {
  if (!text) return "";
  const opens = {}, closes = {};
  for (const e of entities || []) {
    (opens[e.offset] = opens[e.offset] || []).push(e);
    (closes[e.offset + e.length] = closes[e.offset + e.length] || []).unshift(e);
  }
  let html = "";
  for (let i = 0; i <= text.length; i++) {
    for (const e of closes[i] || []) html += e.type === "text_link" ? "</a>" : TAGS[e.type] ? `</${TAGS[e.type]}>` : "";
    if (i === text.length) break;
    for (const e of (opens[i] || []).sort((a, b) => b.length - a.length)) {
      if (e.type === "text_link") html += `<a href="${esc(e.url)}" target="_blank" rel="noopener">`;
      else if (TAGS[e.type]) html += `<${TAGS[e.type]}>`;
    }
    html += esc(text[i]);
  }
  return html;
}

function whatsappText(body) {  // *bold* _italic_ ~strike~ as WhatsApp shows them
  return esc(body).replace(/\*([^*\n]+)\*/g, "<b>$1</b>").replace(/(^|\s)_([^_\n]+)_/g, "$1<i>$2</i>")
    .replace(/~([^~\n]+)~/g, "<s>$1</s>");
}

function clockText(iso, withDay) {
  const options = { timeZone: S.tz, hour: "2-digit", minute: "2-digit" };
  if (withDay) Object.assign(options, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
  return new Intl.DateTimeFormat(S.lang, options).format(new Date(iso));
}

function time(unix) { return clockText(new Date(unix * 1000).toISOString(), false); }

function snippet(m) {
  if (!m) return "";
  if (m.text) return m.text;
  if (m.caption) return m.caption;
  if (m.photo) return "🖼";
  if (m.document) return "📄 " + m.document.file_name;
  if (m.contact) return "👤 " + m.contact.phone_number;
  if (m.forum_topic_created) return t("demo-topic-created", { name: m.forum_topic_created.name });
  return "…";
}

// -- drawing ----------------------------------------------------------------------------------

function messageHtml(m, side, options) {
  if (m.forum_topic_created) return `<div class="service">${esc(t("demo-topic-created", { name: m.forum_topic_created.name }))}</div>`;
  if (m.forum_topic_edited) return `<div class="service">${esc(t("demo-topic-renamed", { name: m.forum_topic_edited.name }))}</div>`;
  let body = "";
  const quoted = m.reply_to_message;
  if (quoted && !quoted.forum_topic_created) body += `<div class="quote">${esc(snippet(quoted))}</div>`;
  if (options.who) body += `<div class="who">${esc(m.from.first_name)}</div>`;
  if (options.album) body += `<div class="album">${options.album.map(photoHtml).join("")}</div>`;
  else if (m.photo) body += photoHtml(m);
  if (m.document) body += `<a class="doc" href="/api/file/${m.document.file_id}" target="_blank">📄 ${esc(m.document.file_name)}</a>`;
  if (m.contact) body += `<div class="text">👤 ${esc(m.contact.first_name)} +${esc(m.contact.phone_number.replace(/^\+/, ""))}</div>`;
  if (m.location) body += `<div class="text">📍 ${m.location.latitude}, ${m.location.longitude}</div>`;
  const caption = options.album ? options.album.map((a) => a.caption).find(Boolean) : m.caption;
  const captionEntities = options.album ? (options.album.find((a) => a.caption) || {}).caption_entities : m.caption_entities;
  if (m.text) body += `<div class="text">${formatted(m.text, m.entities)}</div>`;
  else if (caption) body += `<div class="text">${formatted(caption, captionEntities)}</div>`;
  const rows = (m.reply_markup && m.reply_markup.inline_keyboard) || [];
  if (rows.length) {
    body += `<div class="inline">` + rows.map((row) => `<div class="row">` + row.map((b) => b.url
      ? `<a href="${esc(b.url)}" target="_blank" rel="noopener">${esc(b.text)} ↗</a>`
      : `<button data-press="${esc(b.callback_data)}" data-message="${m.message_id}" data-chat="${m.chat.id}">${esc(b.text)}</button>`
    ).join("") + `</div>`).join("") + `</div>`;
  }
  const edited = m.edit_date ? ` · ${esc(t("demo-edited"))}` : "";
  const reply = options.replyable ? `<button class="reply-btn" data-reply="${m.message_id}" title="${esc(t("demo-reply"))}">↩</button>` : "";
  return `<div class="msg ${side}" data-id="${m.message_id}">${reply}${body}<div class="meta">${time(m.date)}${edited}</div></div>`;
}

function photoHtml(m) {
  const best = m.photo[m.photo.length - 1];
  return `<a href="/api/file/${best.file_id}" target="_blank"><img src="/api/file/${best.file_id}" alt=""></a>`;
}

function listHtml(messages, outgoing, options) {
  const parts = [];
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    const side = outgoing(m) ? "out" : "in";
    if (m.media_group_id) {  // an album: its messages in one bubble
      const album = [m];
      while (i + 1 < messages.length && messages[i + 1].media_group_id === m.media_group_id) album.push(messages[++i]);
      parts.push(messageHtml(album[album.length - 1], side, { ...options, album }));
    } else {
      parts.push(messageHtml(m, side, options));
    }
  }
  return parts.join("");
}

function nearBottom(element) { return element.scrollHeight - element.scrollTop - element.clientHeight < 60; }

function keepBottom(element, html) {
  const atBottom = nearBottom(element);
  if (element.innerHTML !== html) element.innerHTML = html;
  if (atBottom || element.dataset.fresh !== "1") { element.scrollTop = element.scrollHeight; element.dataset.fresh = "1"; }
  element.dataset.stick = nearBottom(element) ? "1" : "0";
}

// A picture that loads after the list was drawn keeps a list that was at its end at its end.
document.addEventListener("load", (event) => {
  const box = event.target.tagName === "IMG" && event.target.closest(".messages");
  if (box && box.dataset.stick === "1") box.scrollTop = box.scrollHeight;
}, true);
for (const id of ["client-messages", "group-messages"]) {
  document.getElementById(id).addEventListener("scroll", (event) => {
    event.target.dataset.stick = nearBottom(event.target) ? "1" : "0";
  });
}

function render() {
  renderClock();
  renderClients();
  renderGroup();
  renderTour();
}

function renderClock() {
  if (!S.clock) return;
  $("now").textContent = clockText(S.clock, true) + (S.busy ? " · " + t("demo-clock-moving") : "");
  $("clock").classList.toggle("moving", S.busy);
  for (const b of document.querySelectorAll("#clock button")) b.disabled = S.busy;
}

function renderClients() {
  $("clients").innerHTML = S.clients.map((p, i) =>
    `<button class="${i === S.client ? "on" : ""} ${p.channel === "whatsapp" ? "wa" : ""}" data-client="${i}">` +
    `${p.channel === "whatsapp" ? "🟢" : "✈️"} ${esc(p.name)}</button>`).join("");
  const person = S.clients[S.client];
  if (!person) return;
  const wa = person.channel === "whatsapp";
  document.querySelector(".screen").classList.toggle("wa", wa);
  const list = $("client-messages");
  if (list.dataset.person !== person.key) { list.dataset.person = person.key; list.dataset.fresh = "0"; }
  if (wa) {
    $("chat-head").innerHTML = `CarCare <small>WhatsApp · ${esc(person.phone)} · ${esc(t("demo-whatsapp-hint"))}</small>`;
    const mine = S.wa.filter((m) => m.address === person.address);
    keepBottom(list, mine.map(waHtml).join(""));
    $("keyboard").innerHTML = "";
  } else {
    $("chat-head").innerHTML = `CarCare <small>${esc(t("demo-online"))} · Telegram · ${esc(person.name)}</small>`;
    const c = chat(person.chat);
    $("keyboard").innerHTML = (c.keyboard && c.keyboard.keyboard || []).map((row) => `<div class="row">` + row.map((b) =>
      `<button data-key="${esc(b.text)}" ${b.request_contact ? 'data-contact="1"' : ""}>${esc(b.text)}</button>`
    ).join("") + `</div>`).join("");
    const html = c.messages.length ? listHtml(c.messages, (m) => !m.from.is_bot, {})
      : `<button class="big-start" id="start-bot">${esc(t("demo-start"))}</button>`;
    keepBottom(list, html);
  }
  $("client-text").placeholder = t("demo-placeholder");
  renderPicker("client");
}

function waHtml(m) {
  const media = (m.media || []).map((f) => f.mime.startsWith("image/")
    ? `<a href="/api/wa-file/${f.file_id}" target="_blank"><img src="/api/wa-file/${f.file_id}" alt=""></a>`
    : `<a class="doc" href="/api/wa-file/${f.file_id}" target="_blank">📄 ${esc(f.name)}</a>`).join("");
  const lines = whatsappText(m.body || "").split("\n").map((line) =>
    /^\d{1,2}\. /.test(line) && m.direction === "out" ? `<span class="option" data-option="${line.split(".")[0]}">${line}</span>` : line);
  const ticks = m.direction === "out" ? "" : " ✓✓";
  return `<div class="msg ${m.direction === "in" ? "out" : "in"}">${media}<div class="text">${lines.join("\n")}</div>` +
    `<div class="meta">${time(m.date)}${ticks}</div></div>`;
}

function renderGroup() {
  const g = chat(S.group);
  $("group-title").textContent = t("demo-group-title");
  $("writing-as").textContent = t("demo-writing-as", { name: S.manager.name || "" });
  const last = {};
  for (const m of g.messages) last[threadOf(m)] = m;
  const threads = Object.keys(g.topics).sort((a, b) => ((last[b] || {}).date || 0) - ((last[a] || {}).date || 0) || b - a);
  const item = (key, name, car) => {
    const unread = S.unread[key] ? `<span class="unread">${S.unread[key]}</span>` : "";
    const on = (S.thread === null ? "general" : S.thread) === key ? "on" : "";
    return `<li class="${on}" data-thread="${key}"><span class="name">${esc(name)}</span>${unread}` +
      `<span class="car">${esc(car)}</span><span class="last">${esc(snippet(last[key]).slice(0, 80))}</span></li>`;
  };
  let topics = item("general", "# " + t("demo-general"), "");
  for (const key of threads) topics += item(key, g.topics[key].name, cardLine(g, key));
  if (!threads.length) topics += `<li class="empty">${esc(t("demo-no-topics"))}</li>`;
  $("topics").innerHTML = topics;
  const key = S.thread === null ? "general" : S.thread;
  const messages = g.messages.filter((m) => threadOf(m) === key);
  const list = $("group-messages");
  if (list.dataset.thread !== key) { list.dataset.thread = key; list.dataset.fresh = "0"; }
  keepBottom(list, listHtml(messages, (m) => m.from.id === S.manager.chat, { who: true, replyable: true }));
  const pinnedId = g.pinned[S.thread === null ? "0" : S.thread];
  const pinned = g.messages.find((m) => m.message_id === pinnedId);
  const bar = $("pinned");
  bar.hidden = !pinned;
  if (pinned) bar.innerHTML = `<b>📌 ${esc(t("demo-pinned"))}</b> ${formatted(pinned.text || pinned.caption || "", pinned.entities)}`;
  $("manager-text").placeholder = t("demo-placeholder");
  renderPicker("manager");
}

function cardLine(g, key) {  // the car and the stage, from the topic's pinned request card
  const card = g.messages.find((m) => m.message_id === g.pinned[key]);
  if (!card || !card.text) return "";
  const lines = card.text.split("\n");
  const fields = lines.slice(lines.indexOf("") + 1).filter((l) => /^[^:]+: ./.test(l));
  const car = (fields[1] || "").replace(/^[^:]*:\s*/, "");
  const stage = (lines[1] || "").split(": ").pop();
  return [car, stage].filter(Boolean).join(" · ");
}

function renderPicker(who) {
  const box = $(`${who}-picker`);
  if (box.hidden) return;
  const picked = S.picked[who];
  box.innerHTML = `<div class="hint">${esc(t("demo-samples"))}</div>` + S.samples.map((name) =>
    `<img src="/static/cars/${name}" data-sample="${name}" data-for="${who}" class="${picked.includes(name) ? "on" : ""}">`).join("") +
    `<button type="button" data-upload="${who}">${esc(t("demo-upload"))}</button>` +
    S.uploads[who].map((f) => `<span class="muted">${esc(f.name)}</span>`).join(" ");
  const replying = $(`${who}-replying`);
  replying.hidden = S.reply[who] === null;
}

function renderReplying(who) {
  const box = $(`${who}-replying`);
  const id = S.reply[who];
  box.hidden = id === null;
  if (id === null) return;
  const source = who === "manager" ? chat(S.group).messages : chat(S.clients[S.client].chat).messages;
  const m = source.find((x) => x.message_id === id);
  box.innerHTML = `<b>${esc(t("demo-replying"))}</b><span>${esc(snippet(m))}</span><button type="button" data-unreply="${who}">✕</button>`;
}

function renderTour() {
  const box = $("tour");
  box.hidden = !S.tourOpen;
  $("tour-open").textContent = t("demo-tour");
  if (!S.tourOpen || !S.tour.length) return;
  const step = S.tour[S.tourStep];
  box.innerHTML = `<div class="muted">${esc(t("demo-tour-of", { n: S.tourStep + 1, total: S.tour.length }))}</div>` +
    `<h3>${esc(step.title)}</h3>` +
    `<div class="promise"><b>${esc(t("demo-tour-promise-label"))}:</b> ${esc(step.promise)}</div>` +
    `<div class="buttons"><button class="accent" id="tour-do" ${S.tourRunning ? "disabled" : ""}>` +
    `${esc(S.tourRunning ? t("demo-tour-running") : t("demo-tour-do"))}</button>` +
    `<button id="tour-back" ${S.tourStep === 0 ? "disabled" : ""}>${esc(t("demo-tour-back"))}</button>` +
    `<button id="tour-next" ${S.tourStep >= S.tour.length - 1 ? "disabled" : ""}>${esc(t("demo-tour-next"))}</button>` +
    `<button id="tour-close">${esc(t("demo-tour-close"))}</button></div>` +
    `<ol>${S.tour.map((s, i) => `<li class="${i === S.tourStep ? "on" : ""}">${esc(s.title)}</li>`).join("")}</ol>` +
    `<div class="muted">${esc(t("demo-tour-intro"))}</div>`;
}

let toastTimer = 0;
function toast(text, alert) {
  const box = $("toast");
  box.textContent = text;
  box.className = "toast" + (alert ? " alert" : "");
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, alert ? 5000 : 2500);
}

// -- acting -----------------------------------------------------------------------------------

async function post(path, fields, files) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined) form.append(k, v);
  for (const f of files || []) form.append("upload", f, f.name);
  const answer = await fetch(path, { method: "POST", body: form });
  if (!answer.ok) {
    let reason = answer.statusText;
    try { reason = (await answer.json()).error || reason; } catch (e) { /* not JSON */ }
    toast(t("demo-failed", { reason }), true);
  }
  return answer.ok;
}

function person() { return S.clients[S.client]; }

async function sendClient(text) {
  const p = person();
  const picked = S.picked.client, uploads = S.uploads.client;
  if (!text.trim() && !picked.length && !uploads.length) return;
  S.picked.client = []; S.uploads.client = [];
  $("client-picker").hidden = true;
  const reply = S.reply.client; S.reply.client = null; renderReplying("client");
  await post("/api/client", { person: p.key, text, samples: picked.join(","), reply_to: reply }, uploads);
}

async function sendManager(text) {
  const picked = S.picked.manager, uploads = S.uploads.manager;
  if (!text.trim() && !picked.length && !uploads.length) return;
  S.picked.manager = []; S.uploads.manager = [];
  $("manager-picker").hidden = true;
  const reply = S.reply.manager; S.reply.manager = null; renderReplying("manager");
  await post("/api/manager", { thread: S.thread, text, samples: picked.join(","), reply_to: reply }, uploads);
}

document.addEventListener("click", async (event) => {
  const el = event.target.closest("button, img, li, span.option, .pinned");
  if (!el) return;
  const d = el.dataset;
  if (d.client !== undefined) { S.client = Number(d.client); S.reply.client = null; render(); }
  else if (d.press !== undefined) {
    const inGroup = Number(d.chat) === S.group;
    await post("/api/press", { person: inGroup ? "manager" : person().key, chat: d.chat, message_id: d.message, data: d.press });
  }
  else if (d.key !== undefined) {
    if (d.contact) await post("/api/client", { person: person().key, contact: "1" });
    else await post("/api/client", { person: person().key, text: d.key });
  }
  else if (el.id === "start-bot") await post("/api/client", { person: person().key, text: "/start" });
  else if (d.option !== undefined) await post("/api/client", { person: person().key, text: d.option });
  else if (d.thread !== undefined) {
    S.thread = d.thread === "general" ? null : d.thread;
    S.unread[d.thread] = 0; S.reply.manager = null; renderReplying("manager"); render();
  }
  else if (d.sample !== undefined) {
    const list = S.picked[d.for];
    const at = list.indexOf(d.sample);
    if (at >= 0) list.splice(at, 1); else list.push(d.sample);
    renderPicker(d.for);
  }
  else if (d.upload !== undefined) { S.uploadFor = d.upload; $("upload").click(); }
  else if (d.reply !== undefined) { S.reply.manager = Number(d.reply); renderReplying("manager"); $("manager-text").focus(); }
  else if (d.unreply !== undefined) { S.reply[d.unreply] = null; renderReplying(d.unreply); }
  else if (d.span !== undefined) await post("/api/clock", { span: d.span });
  else if (el.id === "client-attach") { $("client-picker").hidden = !$("client-picker").hidden; renderPicker("client"); }
  else if (el.id === "manager-attach") { $("manager-picker").hidden = !$("manager-picker").hidden; renderPicker("manager"); }
  else if (el.id === "pinned") el.classList.toggle("open");
  else if (el.id === "tour-open") { S.tourOpen = !S.tourOpen; renderTour(); }
  else if (el.id === "tour-close") { S.tourOpen = false; renderTour(); }
  else if (el.id === "tour-next") { S.tourStep++; renderTour(); }
  else if (el.id === "tour-back") { S.tourStep--; renderTour(); }
  else if (el.id === "tour-do") {
    const step = S.tour[S.tourStep];
    if (step.client !== undefined) { S.client = step.client; }
    if (step.thread !== undefined) S.thread = step.thread;
    S.tourRunning = true; render();
    if (!(await post("/api/tour", { step: S.tourStep }))) { S.tourRunning = false; renderTour(); }
  }
});

$("upload").addEventListener("change", (event) => {
  const who = S.uploadFor || "client";
  S.uploads[who].push(...event.target.files);
  event.target.value = "";
  renderPicker(who);
});

$("client-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("client-text").value;
  $("client-text").value = "";
  sendClient(text);
});

$("manager-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("manager-text").value;
  $("manager-text").value = "";
  sendManager(text);
});

$("manager-text").addEventListener("keydown", (event) => {  // Enter sends, Shift+Enter breaks the line
  if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); $("manager-form").requestSubmit(); }
});

// -- start ------------------------------------------------------------------------------------

async function load() {
  const buffered = [];
  let ready = false;
  const events = new EventSource("/api/events");
  events.onmessage = (message) => { const e = JSON.parse(message.data); if (ready) apply(e); else buffered.push(e); };
  events.onerror = () => { /* the browser reconnects by itself */ };
  const state = await (await fetch("/api/state")).json();
  Object.assign(S, { seq: state.seq, texts: state.texts, clients: state.clients, manager: state.manager,
    group: state.group, chats: state.chats, wa: state.wa, clock: state.clock, busy: state.busy,
    samples: state.samples, tour: state.tour, tz: state.tz, lang: state.lang });
  document.documentElement.lang = state.lang;
  document.title = t("demo-page-title");
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  ready = true;
  render();
  for (const e of buffered) apply(e);
  document.body.dataset.ready = "1";
}

load();
