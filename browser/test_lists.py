"""Finding one's cases: filters that live in the URL, keyset paging, and the layout on a phone."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import PASSWORD
from journeys import COMPLAINANT


def rows(s):
    return s.d.find_elements(By.CSS_SELECTOR, "table.stack tbody tr")


def references(s):
    return [r.find_element(By.CSS_SELECTOR, "td a").text for r in rows(s)]


def test_my_cases_search_filter_and_paging(s):
    s.sign_in("caseworker1@staff.example", PASSWORD)
    assert s.d.current_url.endswith("/cases"), s.d.current_url
    first = references(s)
    assert 0 < len(first) <= 25
    # A reference typed in the search box finds that case alone, and the filter is in the URL.
    s.fill("f-q", first[-1])
    s.press("form[role=search] button")
    assert references(s) == [first[-1]] and "q=" in s.d.current_url
    s.shot("40-my-cases-search")
    # A party's name, as the caseworker sees it on the row, finds the case too.
    s.go("/cases")
    parties = rows(s)[0].find_element(By.CSS_SELECTOR, "td[data-label='Kind and parties'] .hint").text
    reference = references(s)[0]
    surname = parties.split(",")[0].split()[-1]
    s.fill("f-q", surname)
    s.press("form[role=search] button")
    found = references(s)
    assert reference in found and all(surname.lower() in r.text.lower() for r in rows(s)), (surname, found)
    # Filters combine, and stay in the address: a route and a received date range.
    s.go("/cases")
    Select(s.d.find_element(By.ID, "f-route")).select_by_value("standard")
    s.press("form[role=search] button")
    assert "route=standard" in s.d.current_url
    assert Select(s.d.find_element(By.ID, "f-route")).first_selected_option.get_attribute("value") == "standard"
    # A stage chosen from the list shows only cases at that stage.
    s.go("/cases")
    stage = Select(s.d.find_element(By.ID, "f-stage"))
    wanted = stage.options[1].text
    stage.select_by_index(1)
    s.press("form[role=search] button")
    assert "stage=" in s.d.current_url
    assert all(r.find_element(By.CSS_SELECTOR, "td[data-label=Stage]").text.startswith(wanted) for r in rows(s)) or "No case matches" in s.text()
    # Pages follow one another without repeating a case.
    s.go("/cases")
    older = s.d.find_elements(By.CSS_SELECTOR, "a[rel=next]")
    if older:
        older[0].click()
        s.wait_for_load()
        assert not set(references(s)) & set(first)


def test_the_layout_on_a_phone(s):
    s.sign_in(COMPLAINANT, PASSWORD)
    s.d.set_window_size(390, 844)
    s.go("/cases")
    nav = s.d.find_element(By.CSS_SELECTOR, "nav ul")
    assert not nav.is_displayed(), "the navigation should collapse below 640 px"
    assert s.d.execute_script("return document.documentElement.scrollWidth") <= 390
    s.d.save_screenshot(s.shot_path("41-phone-my-cases"))
    s.click("label.menu-button")
    assert nav.is_displayed()
    s.d.save_screenshot(s.shot_path("42-phone-menu-open"))
    # Table rows stack, each cell with its label.
    cells = s.d.find_elements(By.CSS_SELECTOR, "table.stack td[data-label]")
    assert cells and cells[0].location["x"] == cells[1].location["x"]
    s.d.set_window_size(1366, 900)
    s.go("/cases")
    assert s.d.find_element(By.CSS_SELECTOR, "nav ul").is_displayed()
    s.d.save_screenshot(s.shot_path("43-desktop-my-cases"))
