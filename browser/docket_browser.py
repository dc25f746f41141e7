"""Helpers for the browser tests: a headless Chromium from Debian, driven by Selenium.

Every page a test lands on is checked with axe-core (the copy bundled in the
axe-playwright-python wheel) at 1366 and at 390 px wide; a test fails if any page it saw
had a violation."""
import importlib.util
import json
import os
import re

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("DOCKET_URL", "http://127.0.0.1:8099")
SHOTS = os.environ.get("DOCKET_SCREENSHOTS", os.path.join(os.path.dirname(__file__), "..", "screenshots"))


WIDE, NARROW = (1366, 900), (390, 844)


def _axe_source():
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec, "pip install axe-playwright-python --no-deps: its wheel carries axe.min.js"
    with open(os.path.join(spec.submodule_search_locations[0], "axe.min.js"), encoding="utf-8") as f:
        return f.read()


AXE = _axe_source()
# Pages already checked, by address and a digest of their content: one check per page seen.
_checked = set()


def axe_violations(driver):
    """axe-core's violations on the page as it is now, at the window's present width."""
    driver.set_script_timeout(60)
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify([{id: 'axe-error', help: String(e), nodes: []}])));"
    )
    return json.loads(result)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,1600", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(2)
    return driver


class Session:
    """One person's browser session."""

    def __init__(self, driver):
        self.d = driver
        self.violations = []

    def check_page(self):
        """axe-core at both widths on the page now shown; violations are kept for the test's end."""
        try:
            if not self.d.current_url.startswith(BASE) or self.d.execute_script("return document.contentType") != "text/html":
                return
        except Exception:
            return
        key = (self.d.current_url.split("#")[0], hash(self.d.execute_script("return document.body ? document.body.innerText : ''")))
        if key in _checked:
            return
        _checked.add(key)
        size = self.d.get_window_size()
        try:
            for width, height in (WIDE, NARROW):
                self.d.set_window_size(width, height)
                for v in axe_violations(self.d):
                    targets = [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])][:3]
                    self.violations.append(f"{width}px {self.d.current_url}: {v['id']} ({v.get('help')}) at {targets}")
        finally:
            self.d.set_window_size(size["width"], size["height"])

    def go(self, path):
        self.d.get(BASE + path)
        self.check_page()
        return self

    def sign_in(self, email, password):
        self.d.delete_all_cookies()
        self.go("/login")
        self.d.find_element(By.ID, "email").send_keys(email)
        self.d.find_element(By.ID, "password").send_keys(password)
        self.d.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
        self.wait_for_load(lambda d: "/login" not in d.current_url or "do not match" in d.page_source or "Too many" in d.page_source)
        assert "Signed in as" in self.d.page_source, f"sign-in failed for {email}: {self.text()[:300]}"
        self.check_page()
        return self

    def wait_for_load(self, condition=None, timeout=10):
        WebDriverWait(self.d, timeout).until(lambda d: d.execute_script("return document.readyState") == "complete")
        if condition:
            WebDriverWait(self.d, timeout).until(condition)

    def text(self):
        return self.d.find_element(By.TAG_NAME, "body").text

    def fill(self, element_id, value):
        el = self.d.find_element(By.ID, element_id)
        el.clear()
        el.send_keys(value)
        return self

    def click(self, css):
        self.d.find_element(By.CSS_SELECTOR, css).click()
        return self

    def press(self, css):
        """Clicks a button that leaves the page, and waits for the next one."""
        button = self.d.find_element(By.CSS_SELECTOR, css)
        button.click()
        WebDriverWait(self.d, 10).until(lambda d: _stale(button))
        self.wait_for_load()
        self.check_page()
        return self

    def submit(self, action_suffix):
        """Presses the button of the form whose action ends with the suffix, and waits for the next page."""
        form = self.d.find_element(By.CSS_SELECTOR, f"form[action$='{action_suffix}'], form[action^='{action_suffix}']")
        button = form.find_element(By.TAG_NAME, "button")
        button.click()
        WebDriverWait(self.d, 10).until(lambda d: _stale(button))
        self.wait_for_load()
        self.check_page()
        return self

    def send_complaint(self, shot=None):
        """Continues from the complaint form to the check of the answers, and sends it from there."""
        self.press("form[action='/complaints'] button[type=submit]")
        assert "Check your answers before you send the complaint" in self.text(), self.text()[:800]
        if shot:
            self.shot(shot)
        self.press("#send")
        return self

    def confirm(self, shot=None):
        """Confirms a step that cannot be undone, from the page that shows what it will do."""
        assert "Check before you confirm" in self.text(), self.text()[:800]
        if shot:
            self.shot(shot)
        self.press("#confirm-step")
        return self

    def flash(self):
        found = self.d.find_elements(By.CSS_SELECTOR, ".flash")
        return found[0].text if found else ""

    def shot(self, name):
        os.makedirs(SHOTS, exist_ok=True)
        height = self.d.execute_script("return Math.min(document.body.scrollHeight + 40, 4000)")
        self.d.set_window_size(1366, max(900, height))
        path = os.path.join(SHOTS, f"{name}.png")
        self.d.save_screenshot(path)
        return path

    def shot_path(self, name):
        """Where a screenshot at the window's present size goes."""
        os.makedirs(SHOTS, exist_ok=True)
        return os.path.join(SHOTS, f"{name}.png")

    def case_id(self):
        match = re.search(r"/cases/([0-9a-f-]{36})", self.d.current_url)
        assert match, self.d.current_url
        return match.group(1)


def _stale(element):
    try:
        element.is_enabled()
        return False
    except Exception:
        return True
