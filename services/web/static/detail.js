// The detail panel: every field of one event, each mention and copy; all of it as text.
"use strict";
(function (NF) {
  const el = NF.el;

  function row(term, ...value) {
    return [el("dt", {}, term), el("dd", {}, ...value)];
  }

  function link(url, text) {
    const safe = NF.safeUrl(url);
    return safe ? el("a", {href: safe, rel: "noopener noreferrer nofollow", target: "_blank"}, text || safe)
                : el("span", {class: "unsafe-url"}, String(url || ""));
  }

  function actors(record) {
    if (!record.actors || !record.actors.length) return el("p", {}, "none named");
    return el("ul", {class: "actors"}, record.actors.map((a) => el("li", {},
      el("strong", {}, a.role === "source" ? "Source: " : "Target: "), a.name,
      a.kind || a.country ? " (" + [a.kind, a.country].filter(Boolean).join(", ") + ")" : "",
      a.surface_forms && a.surface_forms.length
        ? el("span", {class: "forms"}, " written as ", a.surface_forms.map((f) => "“" + f + "”").join(", "))
        : "")));
  }

  function place(record) {
    const loc = record.location;
    if (!loc) return "unknown";
    const where = NF.place(record);
    const coords = loc.lat !== null && loc.lat !== undefined ? " (" + loc.lat.toFixed(3) + ", " +
      loc.lon.toFixed(3) + ")" : "";
    const forms = loc.surface_forms && loc.surface_forms.length ? "; written as " + loc.surface_forms.join(", ") : "";
    return where + coords + "; precision: " + (loc.precision || "?") + forms;
  }

  function quantities(record) {
    if (!record.quantities || !record.quantities.length) return "none reported";
    return el("ul", {class: "quantities"}, record.quantities.map((q) => el("li", {},
      el("strong", {}, q.what + ": "), q.min === q.max ? String(q.min) : q.min + "–" + q.max,
      q.reported && q.reported.length ? "; every reported figure: " + q.reported.join(", ") : "",
      q.text && q.text.length ? el("span", {class: "forms"}, " (" + q.text.map((t) => "“" + t + "”").join(", ") + ")")
                              : "")));
  }

  function mention(m) {
    return el("li", {class: "mention"},
      el("p", {class: "meta"}, el("strong", {class: "outlet"}, m.source), " · ", NF.time(m.published_at),
         " · ", link(m.url, "open article")),
      m.title ? el("p", {class: "title"}, m.title) : "",
      el("blockquote", {}, m.sentence || "(no sentence kept)"));
  }

  function copy(c) {
    return el("li", {class: "copy"},
      el("p", {class: "meta"}, el("strong", {class: "outlet"}, c.source), " · ", NF.time(c.published_at), " · ",
         c.kind + " copy" + (c.similarity !== undefined ? " (similarity " + Number(c.similarity).toFixed(2) + ")" : ""),
         " · ", link(c.url, "open article")),
      c.title ? el("p", {class: "title"}, c.title) : "");
  }

  NF.renderDetail = function (record) {
    const box = document.getElementById("detail");
    const t = record.event_type || {};
    const mentions = record.mentions || [];
    const copies = record.copies || [];
    box.replaceChildren(
      el("h2", {id: "detail-title"}, NF.typeLabel(record)),
      el("dl", {class: "facts"},
        row("Type", t.plover || "?"), row("Mode", t.mode || "–"), row("CAMEO code", t.cameo || "–"),
        row("Date", (record.event_date || "unknown") + " (precision: " + (record.date_precision || "?") +
            "; from the " + (record.date_source || "?") + ")"),
        row("Place", place(record)),
        row("Reports", NF.count(record.num_mentions, "mention") + ", " + NF.count(NF.sources(record), "outlet") +
            " (with copies), " + NF.count(record.num_articles, "article") + ", " + NF.count(copies.length, "copy")
            .replace("copys", "copies")),
        row("Reported", NF.time(record.first_reported) + " to " + NF.time(record.last_reported)),
        row("Version", record.version + ", updated " + NF.time(record.updated_at)),
        row("Event id", el("code", {}, record.event_id))),
      el("h3", {}, "Actors"), actors(record),
      el("h3", {}, "Quantities"), quantities(record),
      el("h3", {}, "Mentions (" + mentions.length + ")"), el("ol", {id: "mentions"}, mentions.map(mention)),
      el("h3", {}, "Copies (" + copies.length + ")"),
      copies.length ? el("ol", {id: "copies"}, copies.map(copy)) : el("p", {}, "none"));
  };

  NF.detailError = function (message) {
    document.getElementById("detail").replaceChildren(el("h2", {id: "detail-title"}, "Event detail"),
                                                      el("p", {class: "error"}, message));
  };
})(window.NF);
