// Building the page only from elements and text nodes: nothing from the server ever goes through innerHTML.
"use strict";
window.NF = window.NF || {};
(function (NF) {
  const PALETTE = ["#c0392b", "#2471a3", "#229954", "#b9770e", "#7d3c98", "#17a589", "#a04000", "#2e4053",
                   "#d4ac0d", "#cb4335", "#1f618d", "#6e2c00"];

  NF.el = function (tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = String(value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child);  // strings become text
    }
    return node;
  };

  NF.safeUrl = function (url) {
    try {
      const parsed = new URL(String(url));
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (e) {
      return null;
    }
  };

  const COLOURS = {  // conflict in reds and browns, pressure in purples and oranges, cooperation in greens and blues
    ASSAULT: "#b71c1c", PROTEST: "#e53935", MOBILIZE: "#ef6c00", THREATEN: "#f9a825", COERCE: "#6a1b9a",
    SANCTION: "#8e24aa", ACCUSE: "#ad1457", REJECT: "#d81b60", RETREAT: "#795548", CONCEDE: "#8d6e63",
    AGREE: "#2e7d32", COOPERATE: "#43a047", SUPPORT: "#00897b", AID: "#00acc1", CONSULT: "#1e88e5",
    REQUEST: "#3949ab", CRIME: "#37474f", TRIAL: "#546e7a", ACCIDENT: "#757575", DISASTER: "#5d4037",
    ELECTION: "#0277bd", BUSINESS: "#558b2f", LAUNCH: "#c0ca33",
  };

  NF.colour = function (type) {
    if (Object.hasOwn(COLOURS, type)) return COLOURS[type];
    let hash = 0;
    for (const ch of String(type || "")) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
    return PALETTE[hash % PALETTE.length];
  };

  NF.place = function (record) {
    const loc = record.location;
    if (!loc) return "place unknown";
    const parts = [loc.name, loc.admin1 && loc.admin1 !== loc.name ? loc.admin1 : null, loc.country];
    return parts.filter(Boolean).join(", ");
  };

  NF.sources = function (record) {
    return record.num_sources_with_copies || record.num_sources || 0;
  };

  NF.count = function (n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  };

  NF.time = function (iso) {
    if (!iso) return "time unknown";
    const at = new Date(iso);
    return isNaN(at) ? String(iso) : at.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  };

  NF.typeLabel = function (record) {
    const t = record.event_type || {};
    return (t.plover || "?") + (t.mode ? " / " + t.mode : "");
  };
})(window.NF);
