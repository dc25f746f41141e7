"""The served OpenAPI document is a valid OpenAPI 3.1 document."""
import json
import urllib.request

from openapi_spec_validator import validate

from docket_browser import BASE


def test_the_openapi_document_validates():
    with urllib.request.urlopen(BASE + "/api/v1/openapi.json") as response:
        document = json.load(response)
    validate(document)
    step = document["paths"]["/api/v1/cases/{caseID}/serve-notice"]["post"]
    assert step["requestBody"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/ServeNoticeStep"
    assert document["components"]["schemas"]["ServeNoticeStep"]["required"] == ["window_working_days"]
    assert {"401", "403", "404", "409", "413", "415", "422", "429"} <= set(step["responses"])


def test_security_headers_on_every_page():
    with urllib.request.urlopen(BASE + "/login") as response:
        headers = response.headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    cookie = headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
