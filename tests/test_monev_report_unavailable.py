"""Without WeasyPrint or its system libraries, the report says clearly that PDF output is unavailable."""

import sys

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def without_weasyprint(monkeypatch):
    """`import weasyprint` fails, as on a server where it (or Pango) is not installed."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)


def test_the_report_answers_503_with_a_page_that_explains(client_for, official_kabsolok, without_weasyprint):
    response = client_for(official_kabsolok).get("/regions/13.02/report.pdf?month=2025-06")

    assert response.status_code == 503
    page = text_of(response)
    assert 'id="pdf-unavailable"' in page
    assert "WeasyPrint" in page
    assert 'href="/regions/13.02/?month=2025-06"' in page


def test_the_region_page_says_pdf_output_is_unavailable(client_for, official_kabsolok, without_weasyprint):
    page = text_of(client_for(official_kabsolok).get("/regions/13.02/?month=2025-06"))

    assert 'id="pdf-unavailable"' in page


def test_the_command_exits_with_a_clear_message(tmp_path, without_weasyprint):
    output = tmp_path / "solok.pdf"

    with pytest.raises(CommandError, match="WeasyPrint") as raised:
        call_command("monev_report", "13.02", "--month", "2025-06", "--output", str(output))

    assert raised.value.returncode == 3
    assert not output.exists()
