"""Upload -> review -> approve -> public page, in a real browser, against a `docket demo` database."""
import re

from selenium.webdriver.common.by import By

from conftest import PASSWORD


def display_name(s, email):
    s.sign_in(email, PASSWORD)
    return re.search(r"Signed in as (.+?) (Member|Governance)", s.text()).group(1)


def test_upload_review_approve_and_publish(s):
    member = display_name(s, "member1@members.example")      # a rank-and-file member
    official = display_name(s, "member8@members.example")    # an office-holder on the register
    report = (f"Report of the inquiry\n\n{member} complained about the conduct of a branch meeting. "
              f"{official}, the branch secretary, investigated and called {member} on 07700 900123.\n\n"
              "The complaint was upheld. Harriet Unlisted gave evidence.")

    # The editor uploads; Docket proposes redactions.
    s.sign_in("editor1@staff.example", PASSWORD).go("/publications")
    s.fill("pub-title", "Inquiry into the branch meeting")
    s.fill("pub-text", report)
    s.press("form[action='/publications'] button")
    assert "redactions are proposed for review" in s.flash(), s.text()[:400]
    review_url = s.d.current_url
    assert "You uploaded this document" in s.text()
    assert not s.d.find_elements(By.CSS_SELECTOR, "form[action$='/approve']")
    s.shot("10-publication-proposed")

    # Another person reviews: redacts all but the phone number, marks a name the engine missed, approves.
    s.sign_in("reviewer1@staff.example", PASSWORD)
    s.d.get(review_url)
    marks = s.d.find_elements(By.CSS_SELECTOR, "#document mark")
    assert len(marks) >= 3
    for radio in s.d.find_elements(By.CSS_SELECTOR, "input[type=radio][value=accepted]"):
        radio.click()
    s.submit("/verdicts")
    s.fill("phrase", "branch meeting")
    s.submit("/mark")
    s.shot("11-publication-reviewed")
    s.submit("/approve")
    assert "Approved and published" in s.flash(), s.flash()

    # The public sees the redacted version, without signing in.
    public_url = s.d.current_url
    s.d.delete_all_cookies()
    s.d.get(public_url)
    text = s.text()
    assert "Inquiry into the branch meeting" in text
    assert member not in text
    assert official in text
    assert "[phone removed]" in text and "[redacted]" in text and "Harriet Unlisted" not in text
    s.shot("12-published-report")
