"""Public statements: post, report, moderate and close comments, in a real browser."""
from selenium.webdriver.common.by import By

from conftest import PASSWORD


def test_post_report_moderate_and_close_comments(s):
    # An editor publishes a statement.
    s.sign_in("editor1@staff.example", PASSWORD).go("/statements")
    s.fill("st-title", "Statement on the branch inquiry")
    s.fill("st-body", "The committee accepts the findings of the inquiry.\n\nWe will report on progress every quarter.")
    s.submit("/statements")
    url = s.d.current_url

    # A member comments; it appears at once with the count.
    s.sign_in("member1@members.example", PASSWORD)
    s.d.get(url)
    s.fill("comment-body", "Thank you for publishing this in full.")
    s.submit("/comments")
    assert s.d.find_element(By.ID, "comment-count").text == "1"

    # Three members report it; it is hidden until a moderator decides.
    for n in (2, 3, 4):
        s.sign_in(f"member{n}@members.example", PASSWORD)
        s.d.get(url)
        s.submit("/report")
    s.d.get(url)
    assert s.d.find_element(By.ID, "comment-count").text == "0"

    # The moderator publishes it again, with reasons; then closes comments.
    s.sign_in("editor1@staff.example", PASSWORD).go("/moderation")
    assert "hidden after 3 reports" in s.text()
    s.shot("17-moderation-queue")
    s.click("input[name=decision][value=publish]")
    s.d.find_element(By.CSS_SELECTOR, "form[action^='/moderation/'] textarea").send_keys("Robust, but within the rules.")
    s.submit("/moderation/")
    s.d.get(url)
    assert s.d.find_element(By.ID, "comment-count").text == "1"
    s.submit("/close")
    assert "Comments are now closed." in s.text()
    s.shot("18-statement-comments-closed")

    # The author was told the decision and its reasons.
    s.sign_in("member1@members.example", PASSWORD).go("/notifications")
    assert "Robust, but within the rules." in s.text()
