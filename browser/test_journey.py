"""One case through every role, in a real browser, against a `docket demo` database."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import PASSWORD
from journeys import AUDITOR, GOVERNANCE, RESPONDENT, allocate, fact, file_complaint, investigate_and_serve, report_and_appoint, respond, staff_email


def test_one_case_through_every_role(s):
    # A member files a complaint with evidence; governance draws a caseworker, who frames the
    # allegation and serves notice from its preview; the respondent answers; a panel is drawn.
    case, reference = file_complaint(
        s, "After the branch meeting on 16 November the respondent sent me six abusive messages.", shots=("01-complaint-form", "02-complainant-case"))
    caseworker = allocate(s, case)
    s.sign_in(caseworker, PASSWORD).go("/cases")
    assert reference in s.text()
    investigate_and_serve(s, case, caseworker, preview_shot="03a-notice-preview", served_shot="03-caseworker-case-file")
    respond(s, case, shot="04-respondent-notice")
    panel = report_and_appoint(s, case, caseworker)

    # The chair proposes the decision with reasons and a sanction the clause allows.
    s.sign_in(panel[0], PASSWORD).go(f"/cases/{case}")
    offered = [o.get_attribute("value") for o in s.d.find_elements(By.CSS_SELECTOR, "#sanction option")]
    assert "expulsion" not in offered and "warning" in offered
    s.click("input[name='findings[0][finding]'][value=upheld]")
    s.fill("reasons-1", "The two messages shown are abusive within clause 2.1.")
    Select(s.d.find_element(By.ID, "sanction")).select_by_value("warning")
    s.shot("05-panel-decision-form")
    s.submit("/decide").confirm("05b-confirm-decision")
    assert "Done: Decide" in s.flash(), s.flash()
    assert "Waiting for votes" in s.text()

    # One member dissents, with reasons; the decision does not issue on the chair's word alone.
    s.sign_in(panel[1], PASSWORD).go(f"/cases/{case}")
    s.click("input[name=concurs][value=false]")
    s.fill("vote-reasons", "I would not uphold: the context of the exchange was not put to the witnesses.")
    s.submit("/vote").confirm()
    s.sign_in(RESPONDENT, PASSWORD).go(f"/cases/{case}")
    assert "The two messages shown are abusive" not in s.text()
    # The third concurs: a majority of the panel, and the decision issues with every vote kept.
    s.sign_in(panel[2], PASSWORD).go(f"/cases/{case}")
    s.click("input[name=concurs][value=true]")
    s.fill("vote-reasons", "The chair's findings follow from the screenshots.")
    s.submit("/vote").confirm()
    text = s.text()
    assert "Issued by majority" in text and "2 of 3 concur" in text
    assert "Dissents" in text and "the context of the exchange was not put to the witnesses" in text
    s.shot("05a-panel-majority-with-dissent")

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
    s.submit("/decide-appeal").confirm()
    assert "Waiting for votes" in s.text()
    s.sign_in(appeal_panel[1], PASSWORD).go(f"/cases/{case}")
    s.click("input[name=concurs][value=true]")
    s.fill("vote-reasons", "I agree: the warning is proportionate.")
    s.submit("/vote").confirm()
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
