import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from docket_browser import Session, browser  # noqa: E402

PASSWORD = os.environ.get("DOCKET_DEMO_PASSWORD", "correct-horse-battery")


@pytest.fixture(scope="module")
def driver():
    d = browser()
    yield d
    d.quit()


@pytest.fixture
def s(driver):
    session = Session(driver)
    yield session
    # Every page the test saw, checked by axe-core at both widths: none may have a violation.
    assert not session.violations, "axe-core found:\n" + "\n".join(session.violations)
