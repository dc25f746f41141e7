"""Forms as long as people write them, sent by the browser itself: a 200 KB evidence file and an
account of 5,000 characters. These were refused as 'expired' when the form token was read from
the first couple of kilobytes only."""
import os
import tempfile

from selenium.webdriver.common.by import By

from conftest import PASSWORD

MEMBER = "member3@members.example"
RESPONDENT_NUMBER = "A1000037"


def test_a_complaint_with_a_200_kb_file_and_5000_characters_is_received_whole(s):
    sentence = "At the meeting the respondent interrupted me again and said I had no right to speak. "
    summary = (sentence * 80)[:4960] + " THE END OF MY ACCOUNT."
    assert len(summary) >= 4980
    evidence = os.path.join(tempfile.mkdtemp(), "minutes.pdf")
    with open(evidence, "wb") as f:
        f.write(b"%PDF-1.4\n" + os.urandom(200 * 1024) + b"\n%%EOF\n")

    s.sign_in(MEMBER, PASSWORD).go("/complaints/new")
    s.fill("respondent", RESPONDENT_NUMBER)
    s.click("input[name=relation][value=directly_affected]")
    # Typed text and a real file input: the browser builds and streams the multipart body.
    s.d.execute_script("arguments[0].value = arguments[1]", s.d.find_element(By.ID, "summary"), summary[:-200])
    s.d.find_element(By.ID, "summary").send_keys(summary[-200:])
    s.click("input[name='clauses[]'][value='2.1']")
    s.d.find_element(By.ID, "evidence").send_keys(evidence)
    s.send_complaint()
    assert "has been received as DK-" in s.flash(), s.text()[:800]
    text = s.text()
    assert "minutes.pdf" in text
    assert "THE END OF MY ACCOUNT." in text
    s.shot("20-large-complaint-received")
