from core.downloads import attachment


def test_a_download_is_an_attachment_with_its_name_quoted():
    response = attachment(b"%PDF", filename="request-2026.pdf", content_type="application/pdf")
    assert response["Content-Disposition"] == 'attachment; filename="request-2026.pdf"'
    assert response["Content-Type"] == "application/pdf" and response.content == b"%PDF"


def test_a_name_that_is_not_plain_ascii_cannot_break_the_header():
    response = attachment("x", filename='Zoë "draft"\r\n.txt', content_type="text/plain")
    header = response["Content-Disposition"]
    assert header.startswith("attachment; filename*=utf-8''") and "\n" not in header
