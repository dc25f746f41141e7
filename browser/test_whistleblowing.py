"""Whistleblowers: a protected disclosure goes to the independent reviewers, and a protected
identity is held by a custodian. The case page as governance and as the caseworker says
"Identity protected"; as the custodian, it names the complainant. Screenshots of each."""
from selenium.webdriver.common.by import By

from conftest import PASSWORD
from journeys import COMPLAINANT, GOVERNANCE, RESPONDENT_NUMBER, fact, staff_email


def file_protected(s, summary, disclosure):
    s.sign_in(COMPLAINANT, PASSWORD).go("/complaints/new")
    s.fill("respondent", RESPONDENT_NUMBER)
    s.click("input[name=relation][value=directly_affected]")
    s.fill("summary", summary)
    s.click("input[name='clauses[]'][value='2.1']")
    s.click("input[name=protectedDisclosure]" if disclosure else "input[name=identityProtected]")
    s.press("form[action='/complaints'] button[type=submit]")
    check = s.text()
    assert "Check your answers" in check
    assert ("A protected disclosure" if disclosure else "Your identity is held by a custodian") in check, check[:1500]
    s.press("#send")
    assert "has been received as DK-" in s.flash(), s.text()[:500]
    case = s.case_id()
    # The complainant sees their own name: it is theirs.
    name = fact(s, "Complainant")
    assert name and name != "Identity protected"
    return case, name


def test_a_protected_identity_is_shown_only_to_its_custodian(s):
    # A complaint whose complainant asked for their identity to be held: on the standard route.
    case, name = file_protected(s, "The branch secretary told me to drop my complaint or lose my delegate seat.", disclosure=False)

    s.sign_in(GOVERNANCE, PASSWORD).go(f"/cases/{case}")
    assert fact(s, "Complainant") == "Identity protected"
    s.submit("/allocate-caseworker")
    assert fact(s, "Complainant") == "Identity protected"
    assert name not in s.text(), "governance sees the complainant's name"
    s.shot("whistleblowing-governance")
    caseworker = staff_email(fact(s, "Caseworker"))
    custodian = staff_email(fact(s, "Custodian of the complainant's identity"))
    assert custodian.startswith("reviewer"), custodian

    s.sign_in(caseworker, PASSWORD).go(f"/cases/{case}")
    assert fact(s, "Complainant") == "Identity protected"
    assert name not in s.text(), "the caseworker sees the complainant's name"
    assert s.d.find_elements(By.CSS_SELECTOR, "form[action$='/request-reveal']"), "the case team may ask for it"
    s.shot("whistleblowing-caseworker")
    s.fill("reveal-reasons", "Whether the complainant was at the meeting bears on the minutes.")
    s.submit("/request-reveal")
    assert fact(s, "Complainant") == "Identity protected"

    s.sign_in(custodian, PASSWORD).go(f"/cases/{case}")
    assert fact(s, "Complainant") == name
    assert fact(s, "Custodian of the complainant's identity") == "You"
    assert s.d.find_elements(By.CSS_SELECTOR, "form[action$='/withhold-identity']")
    assert s.d.find_elements(By.CSS_SELECTOR, "form[action$='/decide-reveal']")
    s.shot("whistleblowing-custodian")

    # The complainant was told of the request, and that they may withdraw.
    s.sign_in(COMPLAINANT, PASSWORD).go("/notifications")
    assert "asks to know who you are" in s.text()


def test_a_protected_disclosure_goes_to_the_independent_reviewers_only(s):
    case, name = file_protected(s, "The treasurer paid his own firm from branch funds without a vote.", disclosure=True)
    s.sign_in(GOVERNANCE, PASSWORD).go(f"/cases/{case}")
    assert "Page not found" in s.text() or "not found" in s.text().lower(), "governance must not see a protected disclosure"
    s.sign_in("reviewer1@staff.example", PASSWORD).go(f"/cases/{case}")
    assert fact(s, "Protected disclosure").startswith("Yes")
    assert fact(s, "Complainant") == "Identity protected"
    assert name not in s.text()
    s.shot("whistleblowing-disclosure-reviewer")
