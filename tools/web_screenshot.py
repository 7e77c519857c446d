"""A screenshot of the web view in headless Chromium (for the README), with one event's detail open.

    python tools/web_screenshot.py http://127.0.0.1:8080/ docs/images/web-view.png [--event-text Rennes]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from selenium.webdriver.common.by import By  # noqa: E402

from tests.integration.browser import chromium, console_errors, wait_for  # noqa: E402


def main() -> int:
    """Open the page, choose the first event whose list entry contains --event-text, save the PNG."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("out", type=Path)
    parser.add_argument("--event-text", default="", help="choose the first listed event containing this text")
    parser.add_argument("--size", default="1280x860", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    with chromium(width, height) as browser:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        browser.get(args.url)
        wait_for(browser, lambda b: b.execute_script("return document.body.dataset.loaded === 'true'"))
        items = [li for li in browser.find_elements(By.CSS_SELECTOR, "#events li button") if args.event_text in li.text]
        if items:
            items[0].click()
            wait_for(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#mentions li"))
        browser.execute_script("window.scrollTo(0, 0)")
        time.sleep(0.5)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(args.out))
        errors = console_errors(browser)
    print(f"{args.out}: {width}x{height}" + (f"; console errors: {errors}" if errors else ""))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
