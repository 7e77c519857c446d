// The map (events by type, sized by sources, clustered when dense) and the per-day timeline.
"use strict";
(function (NF) {
  const el = NF.el;
  let map = null;
  let cluster = null;
  let legend = null;
  const markers = new Map();  // event id -> marker

  const ANTARCTICA = "010";  // ISO 3166-1 numeric: left out, it fills the bottom of a Mercator map with nothing

  function unwrapped(feature) {  // rings crossing the antimeridian drawn on one side, not as a band across the map
    const unwrap = (ring) => {
      const out = [];
      for (const [lon, lat] of ring) {
        let x = lon;
        const prev = out.length ? out[out.length - 1][0] : x;
        while (x - prev > 180) x -= 360;
        while (x - prev < -180) x += 360;
        out.push([x, lat]);
      }
      return out;
    };
    const g = feature.geometry;
    if (g && g.type === "Polygon") g.coordinates = g.coordinates.map(unwrap);
    if (g && g.type === "MultiPolygon") g.coordinates = g.coordinates.map((poly) => poly.map(unwrap));
    return feature;
  }

  function iconFor(record, selected) {
    const size = Math.round(Math.min(40, 14 + 6 * Math.sqrt(Math.max(1, NF.sources(record)))));
    const dot = el("span", {class: "dot" + (selected ? " selected" : ""), "data-event-id": record.event_id,
                            "data-lat": record.location.lat, "data-lon": record.location.lon});
    dot.style.background = NF.colour(record.event_type.plover);
    dot.style.width = dot.style.height = size + "px";
    return L.divIcon({className: "event-marker", html: dot, iconSize: [size, size]});
  }

  function label(record) {
    return NF.typeLabel(record) + ", " + NF.place(record) + ", " + (record.event_date || "date unknown") +
      ", " + NF.count(NF.sources(record), "source");
  }

  NF.initMap = function (onSelect) {
    map = L.map("map", {worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5}).setView([25, 15], 2);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth");
    const box = el("div", {class: "legend", role: "note", "aria-label": "Event types"}, el("ul"));
    legend = box.firstChild;
    const control = L.control({position: "bottomleft"});
    control.onAdd = () => box;
    control.addTo(map);
    cluster = L.markerClusterGroup({maxClusterRadius: 36, showCoverageOnHover: false, animate: false});
    cluster.addTo(map);
    NF.onMarker = onSelect;
    fetch("/static/lib/countries-110m.json").then((r) => r.json()).then((topo) => {
      const shapes = topojson.feature(topo, topo.objects.countries);
      shapes.features = shapes.features.filter((f) => f.id !== ANTARCTICA).map(unwrapped);
      L.geoJSON(shapes, {interactive: false, style: {color: "#9aa5ad", weight: 0.6, fillColor: "#e9e4d8",
                                                     fillOpacity: 1}}).addTo(map).bringToBack();
    });
  };

  function drawLegend(records) {  // the types on the map and their colours
    const types = [...new Set(records.map((r) => r.event_type.plover))].sort();
    legend.replaceChildren(...types.map((type) => {
      const swatch = el("span", {class: "swatch", "aria-hidden": "true"});
      swatch.style.background = NF.colour(type);
      return el("li", {}, swatch, type);
    }));
    legend.parentElement.hidden = !types.length;
  }

  NF.drawMarkers = function (records, selectedId, fit) {
    drawLegend(records);
    cluster.clearLayers();
    markers.clear();
    const placed = records.filter((r) => r.location && r.location.lat !== null && r.location.lon !== null &&
                                         r.location.lat !== undefined);
    for (const record of placed) {
      const marker = L.marker([record.location.lat, record.location.lon],
                              {icon: iconFor(record, record.event_id === selectedId), title: label(record),
                               alt: label(record), keyboard: true, riseOnHover: true});
      marker.bindTooltip(el("span", {}, label(record)), {direction: "top", offset: [0, -8]});
      marker.on("click", () => NF.onMarker(record.event_id));
      markers.set(record.event_id, marker);
      cluster.addLayer(marker);
    }
    if (fit && placed.length) {
      const bounds = L.latLngBounds(placed.map((r) => [r.location.lat, r.location.lon]));
      map.fitBounds(bounds.pad(0.3), {maxZoom: 6, animate: false});
    }
    return placed.length;
  };

  NF.markSelected = function (eventId) {
    for (const [id, marker] of markers) {
      const dot = marker.options.icon.options.html;
      dot.classList.toggle("selected", id === eventId);
    }
  };

  NF.showOnMap = function (eventId) {
    const marker = markers.get(eventId);  // no animation anywhere: a click during one would be lost
    if (!marker) return;
    let zoom = map.getZoom();
    map.setView(marker.getLatLng(), zoom, {animate: false});
    while (cluster.getVisibleParent(marker) !== marker && zoom < map.getMaxZoom()) {  // zoom in until it stands alone
      zoom = Math.min(zoom + 2, map.getMaxZoom());
      map.setView(marker.getLatLng(), zoom, {animate: false});
    }
    const parent = cluster.getVisibleParent(marker);
    if (parent && parent !== marker && parent.spiderfy) parent.spiderfy();  // same place as others: spread them
  };

  NF.resizeMap = function () {
    if (map) map.invalidateSize();
  };

  NF.drawTimeline = function (records, selectedDay, onDay) {
    const counts = new Map();
    for (const r of records) counts.set(r.event_date || "undated", (counts.get(r.event_date || "undated") || 0) + 1);
    const days = [...counts.keys()].sort();
    const most = Math.max(1, ...counts.values());
    const box = document.getElementById("timeline");
    box.replaceChildren();
    if (!days.length) box.append(el("p", {class: "hint"}, "No events match."));
    for (const day of days) {
      const n = counts.get(day);
      const bar = el("span", {class: "bar"});
      bar.style.height = Math.round(8 + 72 * n / most) + "px";
      box.append(el("button", {type: "button", class: "day", "data-day": day, "aria-pressed": String(day === selectedDay),
                               "aria-label": day + ": " + n + (n === 1 ? " event" : " events"),
                               title: day + ": " + n + (n === 1 ? " event" : " events"),
                               onclick: () => onDay(day === selectedDay ? null : day)},
                       el("span", {class: "n"}, String(n)), bar, el("span", {class: "date"}, day)));
    }
  };
})(window.NF);
