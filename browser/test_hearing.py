"""The parties' side of a case, in a real browser: the hearing and its panel, an objection and
its decision, the calendar feed (checked with the icalendar package), the hearing bundle in
print, and a complainant without an account who answers a question and adds evidence by
receipt code."""
import base64
import datetime
import re
import urllib.request

import icalendar
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import PASSWORD
from docket_browser import BASE
from journeys import (
    GOVERNANCE, RESPONDENT, RESPONDENT_NUMBER, a_file, allocate, fact, file_complaint, investigate_and_serve, report_and_appoint, respond,
    set_date, staff_email,
)


def earliest_day(s):
    """The earliest working day the form allows, as the page says it ("Mon 21 Dec 2026")."""
    hint = s.d.find_element(By.CSS_SELECTOR, "#schedule-hearing-form .hint").text
    return datetime.datetime.strptime(re.search(r"\w{3} \d{1,2} \w{3} \d{4}", hint).group(0), "%a %d %b %Y").date()


def test_the_respondent_sees_the_hearing_and_panel_objects_and_sees_the_decision(s):
    case, reference = file_complaint(s, "At the November meeting the respondent shouted me down and later sent abusive messages.")
    caseworker = allocate(s, case)
    investigate_and_serve(s, case, caseworker)
    respond(s, case, oral=True)
    panel = report_and_appoint(s, case, caseworker)

    # The chair sets the hearing, far enough ahead, with a place and a video link.
    s.sign_in(panel[0], PASSWORD).go(f"/cases/{case}")
    day = earliest_day(s)
    set_date(s, "hearing-starts", f"{day.isoformat()}T10:30")
    s.fill("hearing-place", "Northfield office, meeting room 2")
    s.fill("hearing-link", "https://meet.example.org/hearing")
    s.submit("/schedule-hearing")
    assert "Done: Schedule hearing" in s.flash(), s.flash()

    # The respondent sees when and where, and who sits; they were told in a message too.
    s.sign_in(RESPONDENT, PASSWORD).go(f"/cases/{case}")
    hearing = s.d.find_element(By.ID, "hearing").text
    assert "10:30 UTC" in hearing and "Northfield office, meeting room 2" in hearing and "https://meet.example.org/hearing" in hearing
    seated = [n.strip() for n in fact(s, "Panel").split(",")]
    assert [staff_email(n) for n in seated] == panel
    for name in seated:
        assert name in hearing
    s.shot("30-respondent-hearing-and-panel")
    s.go("/notifications")
    assert f"Hearing of case {reference}" in s.text() and seated[2] in s.text()

    # The hearing's own calendar entry is a valid iCalendar document.
    s.go(f"/cases/{case}")
    ics = s.d.find_element(By.LINK_TEXT, "Add the hearing to your calendar (.ics)").get_attribute("href")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in s.d.get_cookies())
    entry = icalendar.Calendar.from_ical(urllib.request.urlopen(urllib.request.Request(ics, headers={"Cookie": cookies})).read())
    events = [e for e in entry.walk("VEVENT")]
    assert len(events) == 1 and events[0].decoded("DTSTART") == datetime.datetime(day.year, day.month, day.day, 10, 30, tzinfo=datetime.timezone.utc)

    # The respondent objects to the third member, with reasons.
    Select(s.d.find_element(By.ID, "objection-member")).select_by_visible_text(seated[2])
    s.fill("objection-reasons", f"{seated[2]} chaired the meeting where this happened and has spoken about it since.")
    s.shot("31-respondent-objects")
    s.submit("/object-to-panel-member")
    assert "Waiting for the appointing authority" in s.d.find_element(By.ID, "objections").text

    # Governance upholds it: a new draw replaces the member, and nobody else changes.
    s.sign_in(GOVERNANCE, PASSWORD).go(f"/cases/{case}")
    s.click("input[name=upheld][value=true]")
    s.fill("objection-decision-reasons", "A fair-minded observer would see a real possibility of bias.")
    s.submit("/decide-objection")
    assert "Done: Decide objection" in s.flash(), s.flash()
    now_seated = [n.strip() for n in fact(s, "Panel").split(",")]
    assert now_seated[:2] == seated[:2] and now_seated[2] != seated[2] and seated[2] not in now_seated

    # The respondent sees the decision, its reasons, and who sits now.
    s.sign_in(RESPONDENT, PASSWORD).go(f"/cases/{case}")
    objections = s.d.find_element(By.ID, "objections").text
    assert "Upheld" in objections and "real possibility of bias" in objections and f"Replaced by {now_seated[2]}" in objections
    assert now_seated[2] in s.d.find_element(By.ID, "hearing").text
    s.shot("32-respondent-sees-objection-decided")
    story = s.d.find_element(By.ID, "story").text
    assert "Your objection was upheld" in story and "The hearing was set for" in story

    # The respondent's private calendar feed: one VEVENT per hearing and deadline, valid iCalendar.
    s.go("/account/calendar")
    s.submit("/account/calendar/new")
    url = s.d.find_element(By.ID, "calendar-url").text
    assert url.startswith("http") and "/calendar/" in url
    s.shot("33-calendar-feed")
    feed_url = BASE + url[url.index("/calendar/"):]
    with urllib.request.urlopen(feed_url) as r:
        assert r.headers["Content-Type"].startswith("text/calendar")
        feed = icalendar.Calendar.from_ical(r.read())
    vevents = list(feed.walk("VEVENT"))
    hearings = [e for e in vevents if str(e.get("SUMMARY")) == f"Hearing, case {reference}"]
    assert len(hearings) == 1, [str(e.get("SUMMARY")) for e in vevents]
    assert hearings[0].decoded("DTSTART").hour == 10 and "meeting room 2" in str(hearings[0].get("LOCATION"))
    assert len({str(e.get("UID")) for e in vevents}) == len(vevents)
    # A new address revokes the old one at once.
    s.submit("/account/calendar/new")
    try:
        urllib.request.urlopen(feed_url)
        raise AssertionError("the old feed address still works")
    except urllib.error.HTTPError as e:
        assert e.code == 404

    # The hearing bundle: in order, what the respondent may see, printable without clipping.
    s.go(f"/cases/{case}/bundle")
    text = s.text()
    order = [text.index(h) for h in ("1. The notice", "2. Evidence", "3. The response", "4. The investigation report", "5. The hearing", "6. The panel")]
    assert order == sorted(order)
    assert "I sent two messages, not six" in text and "messages.pdf" in text and re.search(r"[0-9a-f]{64}", text)
    s.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    s.shot("34-hearing-bundle-print")
    widths = s.d.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " Array.from(document.querySelectorAll('nav, form, button')).filter(e => e.offsetParent !== null).length]")
    assert widths[0] <= widths[1] and widths[2] == 0, widths
    s.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(s.d.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})["data"])
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000


def test_a_complainant_without_an_account_answers_a_question_and_adds_evidence(s):
    # A non-member complains without signing in and keeps the receipt code.
    s.d.delete_all_cookies()
    s.go("/complaints/new")
    s.fill("respondent", RESPONDENT_NUMBER)
    s.click("input[name=relation][value=witness]")
    s.fill("summary", "At the public meeting on 20 November I saw the respondent push a volunteer.")
    s.click("input[name='clauses[]'][value='2.1']")
    s.fill("yourName", "Robin Visitor")
    s.send_complaint()
    code = s.d.find_element(By.ID, "receipt-code").text
    reference = re.search(r"DK-\d{4}-\d{5}", s.text()).group(0)

    # The caseworker asks the complainant a question, and sees it waiting.
    s.sign_in(GOVERNANCE, PASSWORD).go("/governance")
    s.d.find_element(By.PARTIAL_LINK_TEXT, reference).click()
    s.wait_for_load()
    case = s.case_id()
    caseworker = allocate(s, case)
    s.sign_in(caseworker, PASSWORD).go(f"/cases/{case}")
    Select(s.d.find_element(By.ID, "message-thread")).select_by_value("complainant")
    s.fill("message-text", "Which volunteer was it, and did anyone else see it?")
    s.click("input[name=asks]")
    s.submit("/message")
    assert "Waiting for an answer" in s.d.find_element(By.ID, "messages").text

    # The complainant follows by receipt code, reads the question, answers it and adds a photo.
    s.d.delete_all_cookies()
    s.go("/receipt")
    s.fill("code", code)
    s.submit("/receipt")
    messages = s.d.find_element(By.ID, "messages").text
    assert "Which volunteer was it" in messages and "Waiting for your answer" in messages
    s.shot("35-receipt-question")
    Select(s.d.find_element(By.ID, "message-answering")).select_by_index(1)
    s.fill("message-text", "It was Sam, who runs the stall; two stewards saw it.")
    s.submit("/receipt/message")
    assert "Your answer was sent" in s.flash(), s.flash()
    s.d.find_element(By.ID, "evidence").send_keys(a_file("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64))
    s.submit("/receipt/evidence")
    assert "photo.png was added" in s.flash(), s.flash()
    assert "photo.png" in s.text() and "Waiting for your answer" not in s.text()
    s.shot("36-receipt-answered-and-evidence")

    # The caseworker sees the answer, the file, and nothing waiting.
    s.sign_in(caseworker, PASSWORD).go(f"/cases/{case}")
    messages = s.d.find_element(By.ID, "messages").text
    assert "It was Sam" in messages and "answers question 1" in messages and "Waiting for an answer" not in messages
    assert "photo.png" in s.text()
    s.shot("37-caseworker-sees-answer")
