"""Forms that respect the person filling them in: an error summary linked to the fields, every
answer kept, the complaint's answers checked before it is sent, and a step that cannot be undone
shown before it is taken. Screenshots at 1366 and 390 px wide."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import PASSWORD
from docket_browser import NARROW, WIDE
from journeys import COMPLAINANT, RESPONDENT_NUMBER, a_file, allocate, set_date

WHAT_HAPPENED = "At the branch meeting on 16 November the respondent shouted at me & called me \"a liar\" <twice>."


def both_widths(s, name):
    """A screenshot of the page from its top, wide and on a phone."""
    s.d.set_window_size(*WIDE)
    s.d.execute_script("window.scrollTo(0, 0)")
    s.d.save_screenshot(s.shot_path(f"{name}-1366"))
    s.d.set_window_size(*NARROW)
    s.d.execute_script("window.scrollTo(0, 0)")
    s.d.save_screenshot(s.shot_path(f"{name}-390"))
    assert s.d.execute_script("return document.documentElement.scrollWidth") <= NARROW[0], f"{name} is wider than a phone"
    s.d.set_window_size(*WIDE)


def allocated_complaint(s, summary):
    """The complainant files through the form; governance draws a caseworker. Returns both."""
    s.sign_in(COMPLAINANT, PASSWORD).go("/complaints/new")
    s.fill("respondent", RESPONDENT_NUMBER)
    s.click("input[name=relation][value=directly_affected]")
    s.fill("summary", summary)
    s.click("input[name='clauses[]'][value='2.1']")
    s.send_complaint()
    case = s.case_id()
    return case, allocate(s, case)


def active_id(s):
    return s.d.execute_script("return document.activeElement && document.activeElement.id")


def test_an_error_summary_keeps_what_was_typed_and_the_answers_are_checked_before_sending(s):
    minutes = a_file("minutes.pdf", b"%PDF-1.4\n% the branch minutes\n%%EOF\n")
    s.sign_in(COMPLAINANT, PASSWORD).go("/complaints/new")
    s.fill("respondent", RESPONDENT_NUMBER)
    s.click("input[name=relation][value=witness]")
    set_date(s, "conductDate", "2026-11-16")
    s.fill("summary", WHAT_HAPPENED)
    s.d.find_element(By.ID, "evidence").send_keys(minutes)
    # One mistake: no rule chosen.
    s.press("form[action='/complaints'] button[type=submit]")
    summary = s.d.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "There is a problem" in summary.text
    assert "Choose at least one rule that you think was broken." in summary.text
    assert "minutes.pdf was not kept" in summary.text, "a file the browser cannot be given back is named"
    assert s.d.title.startswith("Error: ")
    # Everything typed is back, and the problem is beside its field too.
    assert s.d.find_element(By.ID, "summary").get_attribute("value") == WHAT_HAPPENED
    assert s.d.find_element(By.ID, "respondent").get_attribute("value") == RESPONDENT_NUMBER
    assert s.d.find_element(By.CSS_SELECTOR, "input[name=relation][value=witness]").is_selected()
    assert s.d.find_element(By.ID, "conductDate").get_attribute("value") == "2026-11-16"
    first_rule = s.d.find_element(By.CSS_SELECTOR, "input[name='clauses[]']")
    assert first_rule.get_attribute("aria-invalid") == "true"
    described = s.d.find_element(By.ID, first_rule.get_attribute("aria-describedby"))
    assert "Choose at least one rule" in described.text
    both_widths(s, "44-complaint-error-summary")
    # The link in the summary takes the cursor to the field.
    summary.find_element(By.PARTIAL_LINK_TEXT, "Choose at least one rule").click()
    assert active_id(s) == first_rule.get_attribute("id")

    # Put right: the answers to check, with the file held until it is sent.
    s.click("input[name='clauses[]'][value='2.1']")
    s.d.find_element(By.ID, "evidence").send_keys(minutes)
    s.press("form[action='/complaints'] button[type=submit]")
    text = s.text()
    assert "Check your answers before you send the complaint" in text
    assert WHAT_HAPPENED in text and "minutes.pdf" in text and "I saw or heard it happen" in text
    both_widths(s, "45-complaint-check-answers")
    # Change one answer: the form as it was, the cursor on that answer, the file still held.
    s.press("button[name=change][value=summary]")
    assert active_id(s) == "summary"
    assert "minutes.pdf is kept with this complaint" in s.text()
    s.fill("summary", WHAT_HAPPENED + " It is in the minutes.")
    s.press("form[action='/complaints'] button[type=submit]")
    assert WHAT_HAPPENED + " It is in the minutes." in s.text()
    s.press("#send")
    assert "has been received as DK-" in s.flash(), s.text()[:500]
    assert "minutes.pdf" in s.text()


def test_a_step_with_a_mistake_keeps_what_was_typed_and_a_dismissal_is_confirmed_first(s):
    case, caseworker = allocated_complaint(s, "The respondent left the meeting early without paying the room's share.")
    s.sign_in(caseworker, PASSWORD).go(f"/cases/{case}")
    s.fill("inv-reasons", "If proved, this could breach clause 2.1.")
    s.submit("/open-investigation")
    # An allegation without its date: the form comes back, the date marked, the rest kept.
    Select(s.d.find_element(By.ID, "al-clause")).select_by_value("2.1")
    s.fill("al-basis", "Left without paying, on the evening of the meeting.")
    s.submit("/allegations")
    summary = s.d.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "Enter ‘Date of the conduct’." in summary.text
    assert s.d.find_element(By.ID, "al-basis").get_attribute("value") == "Left without paying, on the evening of the meeting."
    assert s.d.find_element(By.ID, "al-date").get_attribute("aria-invalid") == "true"
    both_widths(s, "46-step-error-summary")
    s.d.find_element(By.CSS_SELECTOR, ".error-summary").find_element(By.PARTIAL_LINK_TEXT, "Date of the conduct").click()
    assert active_id(s) == "al-date"
    set_date(s, "al-date", "2026-11-16")
    s.submit("/allegations")
    assert "Allegation 1: clause 2.1" in s.text()


def test_dismissing_shows_who_is_told_and_records_nothing_until_confirmed(s):
    case, caseworker = allocated_complaint(s, "The respondent parked in the disabled bay at the office.")
    s.sign_in(caseworker, PASSWORD).go(f"/cases/{case}")
    s.fill("dis-reasons", "Parking is a matter for the landlord, not the rulebook.")
    s.submit("/dismiss")
    text = s.text()
    assert "Check before you confirm: Dismiss" in text and "Dismissed" in text and "Complainant" in text
    both_widths(s, "47-confirm-dismissal")
    # Going back keeps the reasons; nothing was recorded.
    s.press("#change-answers")
    assert s.d.find_element(By.ID, "dis-reasons").get_attribute("value") == "Parking is a matter for the landlord, not the rulebook."
    assert "Dismissed" not in s.d.find_element(By.CSS_SELECTOR, "dl.meta").text
    s.submit("/dismiss").confirm()
    assert "Done: Dismiss" in s.flash()
