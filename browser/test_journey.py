"""One case through every role, in a real browser, against a `docket demo` database."""
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


def test_one_case_through_every_role(s):
    # A member files a complaint with evidence.
    s.sign_in(COMPLAINANT, PASSWORD).go("/complaints/new")
    s.fill("respondent", RESPONDENT_NUMBER)
    s.click("input[name=relation][value=directly_affected]")
    set_date(s, "conductDate", "2026-11-16")
    s.fill("summary", "After the branch meeting on 16 November the respondent sent me six abusive messages.")
    s.click("input[name='clauses[]'][value='2.1']")
    evidence = os.path.join(tempfile.mkdtemp(), "messages.pdf")
    with open(evidence, "wb") as f:
        f.write(b"%PDF-1.4\n% screenshots of the messages\n%%EOF\n")
    s.d.find_element(By.ID, "evidence").send_keys(evidence)
    s.shot("01-complaint-form")
    s.press("form[action='/complaints'] button[type=submit]")
    assert "has been received as DK-" in s.flash(), s.text()[:500]
    case = s.case_id()
    reference = re.search(r"DK-\d{4}-\d{5}", s.flash()).group(0)
    assert "messages.pdf" in s.text()
    s.shot("02-complainant-case")

    # Governance draws a caseworker.
    s.sign_in(GOVERNANCE, PASSWORD).go(f"/cases/{case}")
    s.submit("/allocate-caseworker")
    caseworker = staff_email(fact(s, "Caseworker"))

    # The caseworker triages, frames the allegation and serves notice, disclosing the evidence.
    s.sign_in(caseworker, PASSWORD).go("/cases")
    assert reference in s.text()
    s.go(f"/cases/{case}")
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
    s.shot("03a-notice-preview")
    s.submit("/serve-notice")
    assert "Notice served" in s.text()
    s.shot("03-caseworker-case-file")

    # The respondent reads the notice and the disclosed evidence, and responds.
    s.sign_in(RESPONDENT, PASSWORD).go(f"/cases/{case}")
    text = s.text()
    assert "Notice of allegations" in text and "Respond by" in text and "messages.pdf" in text
    assert "six abusive messages" not in text.lower() or "Allegation 1" in text
    s.shot("04-respondent-notice")
    s.fill("response-text", "I sent two messages, not six, and none was abusive.")
    s.submit("/respond")
    assert "Your response has been received" in s.text()

    # The caseworker reports; governance appoints a panel.
    s.sign_in(caseworker, PASSWORD).go(f"/cases/{case}")
    s.fill("report-text", "Two messages are confirmed by the screenshots; four are not.")
    s.submit("/report")
    s.sign_in(GOVERNANCE, PASSWORD).go(f"/cases/{case}")
    s.submit("/appoint-panel")
    panel = [staff_email(n.strip()) for n in fact(s, "Panel").split(",")]
    assert staff_email(fact(s, "Caseworker")) not in panel

    # A panel member decides with reasons and a sanction the clause allows.
    s.sign_in(panel[0], PASSWORD).go(f"/cases/{case}")
    offered = [o.get_attribute("value") for o in s.d.find_elements(By.CSS_SELECTOR, "#sanction option")]
    assert "expulsion" not in offered and "warning" in offered
    s.click("input[name='findings[0][finding]'][value=upheld]")
    s.fill("reasons-1", "The two messages shown are abusive within clause 2.1.")
    Select(s.d.find_element(By.ID, "sanction")).select_by_value("warning")
    s.shot("05-panel-decision-form")
    s.submit("/decide")
    assert "Done: Decide" in s.flash(), s.flash()

    # The respondent sees the decision with reasons at once, and appeals.
    s.sign_in(RESPONDENT, PASSWORD).go(f"/cases/{case}")
    assert "The two messages shown are abusive within clause 2.1." in s.text()
    assert "Formal warning" in s.text()
    s.shot("06-respondent-decision")
    s.fill("grounds", "The panel did not consider the context of the messages.")
    s.submit("/appeal")
    s.go("/notifications")
    assert f"Decision, case {reference}" in s.text()

    # Governance appoints an appeal panel with none of the first; it decides.
    s.sign_in(GOVERNANCE, PASSWORD).go(f"/cases/{case}")
    s.submit("/appoint-appeal-panel")
    appeal_panel = [staff_email(n.strip()) for n in fact(s, "Appeal panel").split(",")]
    assert not set(appeal_panel) & set(panel)
    s.sign_in(appeal_panel[0], PASSWORD).go(f"/cases/{case}")
    s.click("input[name=outcome][value=dismissed]")
    s.fill("appeal-reasons", "The first panel considered the context; the warning is proportionate.")
    s.submit("/decide-appeal")
    assert "Closed" in s.text()
    s.shot("07-appeal-decided")

    # The auditor verifies the chain and sees who read the file, but not the file.
    s.sign_in(AUDITOR, PASSWORD).go("/audit")
    # It says what it checked and when, never more: the tag on the heading, the words below it.
    assert "Chain verification Verified" in s.text()
    assert s.d.find_element(By.ID, "verification").text.startswith("Checked now:")
    assert reference in s.text()
    s.shot("08-audit")
    s.go(f"/cases/{case}")
    assert "Not found" in s.text()

    # Governance sees its dashboard.
    s.sign_in(GOVERNANCE, PASSWORD).go("/governance")
    s.shot("09-governance")
