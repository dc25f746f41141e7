"""Steps the browser journeys share: a member's complaint taken, through the pages, to a panel."""
import os
import re
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import PASSWORD

COMPLAINANT = "member1@members.example"
RESPONDENT = "member2@members.example"
RESPONDENT_NUMBER = "A1000037"
GOVERNANCE = "governance1@staff.example"
AUDITOR = "auditor1@staff.example"


def staff_email(name):
    """'Caseworker 3' -> caseworker3@staff.example; 'Panel member 7' -> panel-member7@staff.example."""
    match = re.match(r"(Caseworker|Panel member|Independent reviewer) (\d+)", name)
    assert match, name
    kind = {"Caseworker": "caseworker", "Panel member": "panel-member", "Independent reviewer": "reviewer"}[match.group(1)]
    return f"{kind}{match.group(2)}@staff.example"


def fact(s, label):
    for dt in s.d.find_elements(By.CSS_SELECTOR, "dl.meta dt"):
        if dt.text.strip() == label:
            return dt.find_element(By.XPATH, "following-sibling::dd[1]").text
    raise AssertionError(f"no '{label}' on the page")


def set_date(s, element_id, value):
    s.d.execute_script("arguments[0].value = arguments[1]", s.d.find_element(By.ID, element_id), value)


def a_file(name, content):
    path = os.path.join(tempfile.mkdtemp(), name)
    with open(path, "wb") as f:
        f.write(content)
    return path


def file_complaint(s, summary, shots=None):
    """The complainant files about the respondent, with a PDF; returns (case id, reference)."""
    s.sign_in(COMPLAINANT, PASSWORD).go("/complaints/new")
    s.fill("respondent", RESPONDENT_NUMBER)
    s.click("input[name=relation][value=directly_affected]")
    set_date(s, "conductDate", "2026-11-16")
    s.fill("summary", summary)
    s.click("input[name='clauses[]'][value='2.1']")
    s.d.find_element(By.ID, "evidence").send_keys(a_file("messages.pdf", b"%PDF-1.4\n% screenshots of the messages\n%%EOF\n"))
    if shots:
        s.shot(shots[0])
    s.send_complaint()
    assert "has been received as DK-" in s.flash(), s.text()[:500]
    case = s.case_id()
    reference = re.search(r"DK-\d{4}-\d{5}", s.flash()).group(0)
    assert "messages.pdf" in s.text()
    if shots:
        s.shot(shots[1])
    return case, reference


def allocate(s, case):
    """Governance draws a caseworker; returns the caseworker's e-mail address."""
    s.sign_in(GOVERNANCE, PASSWORD).go(f"/cases/{case}")
    s.submit("/allocate-caseworker")
    return staff_email(fact(s, "Caseworker"))


def investigate_and_serve(s, case, caseworker, preview_shot=None, served_shot=None):
    s.sign_in(caseworker, PASSWORD).go(f"/cases/{case}")
    s.fill("inv-reasons", "Six messages, if proved, would breach clause 2.1.")
    s.submit("/open-investigation")
    Select(s.d.find_element(By.ID, "al-clause")).select_by_value("2.1")
    set_date(s, "al-date", "2026-11-16")
    s.fill("al-basis", "Six abusive messages sent to the complainant on 16 November 2026.")
    s.submit("/allegations")
    assert "Allegation 1: clause 2.1 Bullying and harassment" in s.text()
    # Serving shows exactly what the respondent will receive, and waits for confirmation.
    s.submit("/serve-notice")
    text = s.text()
    assert "Check the notice before you serve it" in text and "Respond by" in text
    assert "Six abusive messages sent to the complainant on 16 November 2026." in text and "messages.pdf" in text
    if preview_shot:
        s.shot(preview_shot)
    s.submit("/serve-notice")
    assert "Notice served" in s.text()
    if served_shot:
        s.shot(served_shot)


def respond(s, case, oral=False, shot=None):
    s.sign_in(RESPONDENT, PASSWORD).go(f"/cases/{case}")
    text = s.text()
    assert "Notice of allegations" in text and "Respond by" in text and "messages.pdf" in text
    if shot:
        s.shot(shot)
    s.fill("response-text", "I sent two messages, not six, and none was abusive.")
    if oral:
        s.click("input[name=requestsOralHearing]")
    s.submit("/respond")
    assert "Your response has been received" in s.text()


def report_and_appoint(s, case, caseworker):
    """The caseworker reports; governance draws the panel; returns the panel's e-mail addresses."""
    s.sign_in(caseworker, PASSWORD).go(f"/cases/{case}")
    s.fill("report-text", "Two messages are confirmed by the screenshots; four are not.")
    s.submit("/report")
    s.sign_in(GOVERNANCE, PASSWORD).go(f"/cases/{case}")
    s.submit("/appoint-panel")
    panel = [staff_email(n.strip()) for n in fact(s, "Panel").split(",")]
    assert staff_email(fact(s, "Caseworker")) not in panel
    return panel
