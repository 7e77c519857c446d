"""Headless Chromium through its WebDriver (Debian's chromium and chromium-driver, installed by `make browser`)."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from typing import TypeVar

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

T = TypeVar("T")
INSTALL_HINT = "run `make browser` (Debian's chromium and chromium-driver)"


@contextlib.contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[webdriver.Chrome]:
    """A headless Chromium that keeps its console log; never skipped: a missing browser fails with the fix."""
    binary, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert binary and driver, f"chromium or chromedriver is not installed: {INSTALL_HINT}"
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--lang=en-US"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(driver), options=options)
    try:
        yield browser
    finally:
        browser.quit()


def wait_for(browser: webdriver.Chrome, check: Callable[[webdriver.Chrome], T], seconds: float = 20,
             what: str = "the page") -> T:
    """The first truthy value of ``check``, or a failure naming ``what`` after ``seconds``."""
    return WebDriverWait(browser, seconds, poll_frequency=0.2).until(check, f"timed out waiting for {what}")


def console_errors(browser: webdriver.Chrome) -> list[str]:
    """Console messages of level SEVERE since the last call."""
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
