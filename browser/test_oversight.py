"""The oversight pages and the public transparency report, in a real browser."""
import datetime

from selenium.webdriver.common.by import By

from conftest import PASSWORD


def test_oversight_pages_and_the_public_report(s):
    s.sign_in("governance1@staff.example", PASSWORD).go("/oversight")
    assert len(s.d.find_elements(By.CSS_SELECTOR, "figure.chart svg")) >= 6
    assert "Who complains" in s.text() and "member-days suspended without a hearing" in s.text()
    s.shot("13-oversight")
    # On a phone the page does not widen; each chart keeps text of about 12 px and scrolls in its frame.
    s.d.set_window_size(390, 844)
    assert s.d.execute_script("return document.documentElement.scrollWidth") <= 390
    smallest = s.d.execute_script(
        "return Math.min(...[...document.querySelectorAll('figure.chart svg')].map(svg =>"
        " svg.getBoundingClientRect().width / svg.viewBox.baseVal.width * 13))")
    assert smallest >= 11, f"chart text is {smallest:.1f} px on a phone"
    s.d.save_screenshot(s.shot_path("13c-oversight-phone"))
    # A table wider than the phone scrolls in itself, and takes the focus so a keyboard can scroll it.
    wide = s.d.execute_script(
        "return [...document.querySelectorAll('table.scroll')].filter(t => t.scrollWidth > t.clientWidth + 1)"
        ".map(t => t.tabIndex)")
    assert all(i == 0 for i in wide), wide
    s.d.set_window_size(1366, 900)
    # A caseworker's figures lead to the cases behind them.
    links = [a.get_attribute("href") for a in s.d.find_elements(By.CSS_SELECTOR, "a[href*='/oversight/cases?by=caseworker']")]
    assert links
    s.d.get(links[0])
    assert "Cases behind the figures for Caseworker" in s.text()
    assert "DK-" in s.text()
    s.shot("13b-cases-behind-a-figure")
    s.go("/governance")
    s.shot("14-governance-overdue")

    s.sign_in("reviewer1@staff.example", PASSWORD).go("/review")
    assert "Interference register" in s.text()
    assert "A regional office-holder" in s.text()
    s.shot("15-independent-review")

    today = datetime.date.today()
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    s.d.delete_all_cookies()
    s.go(f"/reports/{quarter}")
    assert f"Transparency report {quarter}" in s.text()
    assert "Complaints received" in s.text()
    s.shot("16-transparency-report")
