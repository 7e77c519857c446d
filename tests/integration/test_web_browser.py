"""The web view in a real headless browser, after the shared sample set went through `run --once`: the two events
on the map at their places, the first one's three mentions, a new event appearing live, filters narrowing the
list, hostile titles shown as text, keyboard use, a phone-sized window and a clean console."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import math
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from schemas.records import Location
from tests.conftest import drop, fresh_database
from tests.integration.browser import chromium, console_errors, wait_for
from tests.integration.pipeline import SEEDS, samples_stored
from tests.integration.webview import (
    HOSTILE_TITLE,
    report,
    store_copy,
    store_now,
    web_server,
)

pytestmark = pytest.mark.integration
ALEPPO = Location(name="Aleppo", admin1="Aleppo", country="SY", lat=36.2, lon=37.16, precision="place")


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, str]]:
    """(database URL, web view URL) with the sample set stored."""
    url = fresh_database("newsflow_web_browser_test")
    try:
        with samples_stored(url), web_server(url) as base:
            yield url, base
    finally:
        drop(url)


@pytest.fixture(scope="module")
def page(site: tuple[str, str]) -> Iterator[webdriver.Chrome]:
    with chromium() as browser:
        browser.get(site[1] + "/")
        wait_for(browser, lambda b: b.execute_script("return document.body.dataset.loaded === 'true'"),
                 what="the event list")
        yield browser


def stored_events(base: str, **params: str) -> list[dict[str, Any]]:
    return list(httpx.get(base + "/api/events", params=params, timeout=30).json()["events"])


def listed(browser: webdriver.Chrome) -> list[str]:
    """The ids the list shows, in order (read in one script: the list is redrawn as it changes)."""
    return list(browser.execute_script(
        "return [...document.querySelectorAll('#events li[data-event-id]')].map((li) => li.dataset.eventId)"))


def expected() -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in json.loads((SEEDS / "expected.json").read_text())["events"]}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def sample_event(events: list[dict[str, Any]], stems: set[str]) -> dict[str, Any]:
    """The stored event whose mentions come from these sample articles (and maybe others)."""
    found = [e for e in events if stems <= {m["url"].rsplit("/", 1)[-1][:3] for m in e["mentions"]}]
    assert len(found) == 1, [[m["url"] for m in e["mentions"]] for e in events]
    return found[0]


def choose(browser: webdriver.Chrome, event_id: str) -> None:
    """Click the event in the list and wait for its detail."""
    browser.find_element(By.CSS_SELECTOR, f'#events li[data-event-id="{event_id}"] button').click()
    wait_for(browser, lambda b: event_id in b.find_element(By.ID, "detail").text, what=f"the detail of {event_id}")


def test_the_map_shows_the_two_events_at_their_places(site: tuple[str, str], page: webdriver.Chrome) -> None:
    events = stored_events(site[1])
    assert sorted(listed(page)) == sorted(e["event_id"] for e in events)
    for name, stems in (("A", {"000", "001", "002"}), ("B", {"004"})):
        event, want = sample_event(events, stems), expected()[name]["location"]
        choose(page, event["event_id"])  # brings its marker out of any cluster
        dot = wait_for(page, lambda b, i=event["event_id"]: b.find_elements(
            By.CSS_SELECTOR, f'.event-marker .dot[data-event-id="{i}"]'), what=f"the marker of event {name}")[0]
        assert dot.is_displayed()
        lat, lon = float(dot.get_attribute("data-lat") or "nan"), float(dot.get_attribute("data-lon") or "nan")
        assert (lat, lon) == (event["location"]["lat"], event["location"]["lon"])
        assert km(lat, lon, want["approx_lat"], want["approx_lon"]) <= want["max_km"], (name, lat, lon)
        icon = dot.find_element(By.XPATH, "./ancestor::*[contains(@class, 'leaflet-marker-icon')]")
        assert event["location"]["name"] in (icon.get_attribute("title") or "")


def test_the_detail_of_the_first_lists_its_three_mentions(site: tuple[str, str], page: webdriver.Chrome) -> None:
    event = sample_event(stored_events(site[1]), {"000", "001", "002"})
    choose(page, event["event_id"])
    detail = page.find_element(By.ID, "detail")
    mentions = detail.find_elements(By.CSS_SELECTOR, "#mentions > li")
    assert len(mentions) == event["num_mentions"] >= 3
    outlets = {m.find_element(By.CSS_SELECTOR, ".outlet").text for m in mentions}
    assert {"Middle East Monitor", "Syria Direct", "SMART News Agency"} <= outlets
    for item in mentions:
        assert item.find_element(By.CSS_SELECTOR, "blockquote").text.strip()
        assert (item.find_element(By.CSS_SELECTOR, "a").get_attribute("href") or "").startswith("http://127.0.0.1:")
    text = detail.text
    assert "RETREAT" in text and event["event_type"]["cameo"] in text and "Islamic State" in text
    assert event["event_date"] in text and "precision" in text
    current = page.find_elements(By.CSS_SELECTOR, "#timeline .day.current")
    assert [d.get_attribute("data-day") for d in current] == [event["event_date"]]  # its day, on the timeline


def test_filters_narrow_the_list(site: tuple[str, str], page: webdriver.Chrome) -> None:
    form = page.find_element(By.ID, "filters")
    box = form.find_element(By.NAME, "q")
    for text in ("Baghouz", "Islamic State", "nowhere-at-all"):
        box.clear()
        box.send_keys(text, Keys.ENTER)
        want = [e["event_id"] for e in stored_events(site[1], q=text)]
        wait_for(page, lambda b, w=want: listed(b) == w, what=f"the list for {text!r}")
    assert page.find_element(By.CSS_SELECTOR, "#events li.hint").text
    form.find_element(By.CSS_SELECTOR, "button[type=reset]").click()
    everything = [e["event_id"] for e in stored_events(site[1])]
    wait_for(page, lambda b: listed(b) == everything, what="the whole list again")
    page.execute_script("arguments[0].value = '2019-01-01'", form.find_element(By.NAME, "since"))
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    later = [e["event_id"] for e in stored_events(site[1], since="2019-01-01")]
    wait_for(page, lambda b: listed(b) == later, what="the list since 2019")
    assert 0 < len(later) < len(everything)
    form.find_element(By.NAME, "country").send_keys("Narnia", Keys.ENTER)
    wait_for(page, lambda b: "unknown country" in b.find_element(By.ID, "filter-error").text, what="the 400 message")
    logged = console_errors(page)  # Chromium logs every 4xx answer; this one is meant, and the only one
    assert len(logged) == 1 and "country=Narnia" in logged[0] and "400" in logged[0], logged
    form.find_element(By.CSS_SELECTOR, "button[type=reset]").click()
    wait_for(page, lambda b: listed(b) == everything, what="the whole list after Clear")


def test_the_timeline_selects_a_day_on_the_map(site: tuple[str, str], page: webdriver.Chrome) -> None:
    events = stored_events(site[1])
    days = page.find_elements(By.CSS_SELECTOR, "#timeline button.day")
    assert sorted(d.get_attribute("data-day") for d in days) == sorted({e["event_date"] for e in events})
    day = days[0].get_attribute("data-day")
    days[0].click()  # the timeline is redrawn: find its buttons again below
    wait_for(page, lambda b: listed(b) == [e["event_id"] for e in events if e["event_date"] == day], what="one day")
    assert page.find_element(By.CSS_SELECTOR, f'#timeline button[data-day="{day}"]').get_attribute(
        "aria-pressed") == "true"
    page.find_element(By.CSS_SELECTOR, f'#timeline button[data-day="{day}"]').click()
    wait_for(page, lambda b: len(listed(b)) == len(events), what="every day again")


def test_a_new_event_appears_without_a_reload_and_hostile_titles_stay_text(site: tuple[str, str],
                                                                            page: webdriver.Chrome) -> None:
    url, _ = site
    page.execute_script("window.__sameDocument = true")
    shelling = report("courier", HOSTILE_TITLE, "Shelling hit a market in Aleppo.", location=ALEPPO,
                      day=dt.date(2019, 3, 10), plover="ASSAULT", actor="Syrian army", forms=("regime forces",))
    new = store_now(url, [shelling])
    wait_for(page, lambda b: new in listed(b), seconds=30, what="the new event in the list")
    assert page.execute_script("return window.__sameDocument") is True
    live = page.find_element(By.ID, "live")
    assert "updated" in live.text and "updated" in (live.get_attribute("class") or "")
    item = page.find_element(By.CSS_SELECTOR, f'#events li[data-event-id="{new}"]')
    assert "NEW" in item.text.upper() and "fresh" in (item.get_attribute("class") or "")
    choose(page, new)
    titles = [t.text for t in page.find_elements(By.CSS_SELECTOR, "#mentions .title")]
    assert titles == [HOSTILE_TITLE]
    asyncio.run(store_copy(url, shelling[0], "gazette", HOSTILE_TITLE + " (copy)"))  # the open event changes
    wait_for(page, lambda b: b.find_elements(By.CSS_SELECTOR, "#copies .title"), seconds=30, what="the copy")
    assert [t.text for t in page.find_elements(By.CSS_SELECTOR, "#copies .title")] == [HOSTILE_TITLE + " (copy)"]
    badge = f'return document.querySelector(\'#events li[data-event-id="{new}"] .badge\').textContent'
    wait_for(page, lambda b: b.execute_script(badge) == "updated", what="the updated mark")
    assert not page.find_elements(By.CSS_SELECTOR, "#detail script, #detail img, #events script")
    assert page.execute_script("return window.__pwned") is None


def test_keyboard_phone_and_console(site: tuple[str, str], page: webdriver.Chrome) -> None:
    first = page.find_element(By.CSS_SELECTOR, "#events li button")
    event_id = first.find_element(By.XPATH, "..").get_attribute("data-event-id") or ""
    page.execute_script("arguments[0].focus()", first)
    page.switch_to.active_element.send_keys(Keys.ENTER)
    wait_for(page, lambda b: event_id in b.find_element(By.ID, "detail").text, what="the detail by keyboard")
    assert page.switch_to.active_element.get_attribute("id") == "detail"
    marker = page.find_element(By.CSS_SELECTOR, ".leaflet-marker-icon")
    assert marker.get_attribute("tabindex") == "0"
    page.set_window_size(390, 844)
    wait_for(page, lambda b: b.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"),
             what="no sideways scrolling on a phone")
    assert page.find_element(By.ID, "map").size["width"] >= 300
    page.set_window_size(1280, 900)
    assert console_errors(page) == []
