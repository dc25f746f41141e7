"""Helpers for the browser tests: a headless Chromium from Debian, driven by Selenium."""
import os
import re

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("DOCKET_URL", "http://127.0.0.1:8099")
SHOTS = os.environ.get("DOCKET_SCREENSHOTS", os.path.join(os.path.dirname(__file__), "..", "screenshots"))


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(2)
    return driver


class Session:
    """One person's browser session."""

    def __init__(self, driver):
        self.d = driver

    def go(self, path):
        self.d.get(BASE + path)
        return self

    def sign_in(self, email, password):
        self.d.delete_all_cookies()
        self.go("/login")
        self.d.find_element(By.ID, "email").send_keys(email)
        self.d.find_element(By.ID, "password").send_keys(password)
        self.d.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
        self.wait_for_load(lambda d: "/login" not in d.current_url or "do not match" in d.page_source or "Too many" in d.page_source)
        assert "Signed in as" in self.d.page_source, f"sign-in failed for {email}: {self.text()[:300]}"
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
        return self

    def submit(self, action_suffix):
        """Presses the button of the form whose action ends with the suffix, and waits for the next page."""
        form = self.d.find_element(By.CSS_SELECTOR, f"form[action$='{action_suffix}'], form[action^='{action_suffix}']")
        button = form.find_element(By.TAG_NAME, "button")
        button.click()
        WebDriverWait(self.d, 10).until(lambda d: _stale(button))
        self.wait_for_load()
        return self

    def flash(self):
        found = self.d.find_elements(By.CSS_SELECTOR, ".flash")
        return found[0].text if found else ""

    def shot(self, name):
        os.makedirs(SHOTS, exist_ok=True)
        height = self.d.execute_script("return Math.min(document.body.scrollHeight + 40, 4000)")
        self.d.set_window_size(1280, max(900, height))
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
