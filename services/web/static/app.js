// State, filters, the event list, selection and live updates (server-sent events from /api/stream).
"use strict";
(function (NF) {
  const el = NF.el;
  const state = {records: new Map(), filters: {}, day: null, selected: null, fresh: new Map(), fit: true};
  const form = document.getElementById("filters");

  function sorted() {
    return [...state.records.values()].sort((a, b) =>
      (b.event_date || "").localeCompare(a.event_date || "") || b.num_mentions - a.num_mentions ||
      a.event_id.localeCompare(b.event_id));
  }

  function matches(r) {  // the server's filters, for records that arrive live (services/cli/query.py)
    const f = state.filters;
    if (f.since && !(r.event_date && r.event_date >= f.since)) return false;
    if (f.until && !(r.event_date && r.event_date <= f.until)) return false;
    if (f.country && !(r.location && r.location.country === f.country)) return false;
    if (f.type && r.event_type.plover !== f.type) return false;
    if (f.q) {
      const loc = r.location || {};
      const words = [...(r.actors || []).flatMap((a) => [a.name, ...(a.surface_forms || [])]),
                     loc.name, loc.admin1, ...(loc.surface_forms || [])];
      if (!words.some((w) => w && String(w).toLowerCase().includes(f.q.toLowerCase()))) return false;
    }
    return true;
  }

  function shownRecords() {
    const all = sorted();
    return state.day ? all.filter((r) => (r.event_date || "undated") === state.day) : all;
  }

  function render() {  // timeline, map and list; a selection alone redraws only the list (renderList)
    NF.drawTimeline(sorted(), state.day, (day) => { state.day = day; state.fit = true; render(); });
    NF.drawMarkers(shownRecords(), state.selected, state.fit);
    state.fit = false;
    renderList();
  }

  function renderList() {
    const shown = shownRecords();
    document.getElementById("day-note").textContent = state.day ? "(showing " + state.day + " only)" : "";
    const chosen = state.records.get(state.selected);
    for (const bar of document.querySelectorAll("#timeline .day")) {  // the chosen event's day, on the timeline
      bar.classList.toggle("current", Boolean(chosen) && bar.dataset.day === (chosen.event_date || "undated"));
    }
    document.getElementById("count").textContent = "(" + shown.length + (state.more ? "+" : "") + ")";
    const list = document.getElementById("events");
    list.replaceChildren(...shown.map((r) => {
      const mark = state.fresh.get(r.event_id);
      const dot = el("span", {class: "swatch", "aria-hidden": "true"});
      dot.style.background = NF.colour(r.event_type.plover);
      return el("li", {"data-event-id": r.event_id, class: mark ? "fresh" : null},
        el("button", {type: "button", "aria-current": r.event_id === state.selected ? "true" : null,
                      onclick: () => select(r.event_id)},
          dot, el("span", {class: "when"}, r.event_date || "undated"), " ",
          el("strong", {}, NF.typeLabel(r)), " ", el("span", {class: "where"}, NF.place(r)), " ",
          el("span", {class: "counts"}, NF.count(r.num_mentions, "mention") + ", " +
                                                NF.count(NF.sources(r), "source")),
          mark ? el("span", {class: "badge"}, mark) : ""));
    }));
    if (!shown.length) list.append(el("li", {class: "hint"}, "No stored event matches these filters."));
  }

  async function select(eventId) {
    state.selected = eventId;
    const record = state.records.get(eventId);
    if (record && state.day && state.day !== (record.event_date || "undated")) {
      state.day = null;
      render();
    } else {
      renderList();
    }
    NF.markSelected(eventId);
    NF.showOnMap(eventId);
    try {
      const answer = await fetch("/api/events/" + encodeURIComponent(eventId));
      const body = await answer.json();
      if (!answer.ok) throw new Error(body.error || answer.statusText);
      if (state.selected === eventId) NF.renderDetail(body);
    } catch (e) {
      NF.detailError("Could not load this event: " + e.message);
    }
    document.getElementById("detail").focus({preventScroll: false});
  }

  async function load() {
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (String(value).trim()) query.set(name, String(value).trim());
    const error = document.getElementById("filter-error");
    try {
      const answer = await fetch("/api/events?" + query.toString());
      const body = await answer.json();
      if (!answer.ok) { error.textContent = body.error || answer.statusText; return; }
      error.textContent = "";
      state.filters = body.filters;
      state.more = body.more;
      state.records = new Map(body.events.map((r) => [r.event_id, r]));
      state.fit = true;
      render();
      document.body.dataset.loaded = "true";
    } catch (e) {
      error.textContent = "Could not load events: " + e.message;
    }
  }

  function live() {
    const status = document.getElementById("live");
    const source = new EventSource("/api/stream");
    source.addEventListener("ready", () => { status.textContent = "live"; load(); });
    source.addEventListener("version", (message) => {
      const record = JSON.parse(message.data);
      const known = state.records.has(record.event_id);
      if (!matches(record)) return;
      state.records.set(record.event_id, record);
      state.fresh.set(record.event_id, known ? "updated" : "new");
      const at = new Date().toISOString().slice(11, 19);
      status.textContent = "updated " + at + " UTC: " + (known ? "new version of " : "new event ") +
        NF.typeLabel(record) + ", " + NF.place(record);
      status.classList.add("updated");
      render();
      if (state.selected === record.event_id) select(record.event_id);
    });
    source.onerror = () => { status.textContent = "reconnecting…"; status.classList.remove("updated"); };
  }

  async function types() {
    try {
      const body = await (await fetch("/api/status")).json();
      const select = form.elements.type;
      for (const t of body.event_types || []) select.append(el("option", {value: t}, t));
    } catch (e) { /* the type filter then offers "any" only */ }
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); state.day = null; load(); });
  form.addEventListener("reset", () => setTimeout(() => { state.day = null; load(); }, 0));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.day) { state.day = null; state.fit = true; render(); }
  });
  window.addEventListener("resize", NF.resizeMap);
  NF.initMap(select);
  types();
  live();
})(window.NF);
