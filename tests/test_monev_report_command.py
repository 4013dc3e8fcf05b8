"""manage.py monev_report writes the same report to a file, in Indonesian unless asked otherwise."""

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_the_command_writes_the_kab_solok_report(tmp_path, pdf_text, capsys):
    output = tmp_path / "solok.pdf"

    call_command("monev_report", "13.02", "--month", "2025-06", "--output", str(output))

    text = pdf_text(output.read_bytes())
    assert "13,85 %" in text
    assert "31.442" in text
    assert "226.964" in text
    assert "Dibuat " in text  # when it was made, with no reader to name
    assert "untuk baris perintah" not in text
    assert str(output) in capsys.readouterr().out


def test_the_command_writes_english_when_asked(tmp_path, pdf_text):
    output = tmp_path / "solok-en.pdf"

    call_command("monev_report", "13.02", "--month", "2025-06", "--output", str(output), "--language", "en")

    assert "31,442 participants of 226,964" in pdf_text(output.read_bytes())


def test_the_command_makes_the_report_as_a_named_user_sees_it(tmp_path, pdf_text):
    output = tmp_path / "solok.pdf"

    call_command("monev_report", "13.02", "--month", "2025-06", "--output", str(output), "--user", "pejabat.kabsolok")

    assert output.exists()
    with pytest.raises(CommandError):
        call_command("monev_report", "13.02", "--output", str(output), "--user", "pejabat.binjai")


def test_the_command_refuses_a_bad_month_and_an_unknown_region(tmp_path):
    output = tmp_path / "x.pdf"

    with pytest.raises(CommandError, match="2025-06"):
        call_command("monev_report", "13.02", "--month", "06-2025", "--output", str(output))
    with pytest.raises(CommandError):
        call_command("monev_report", "99.99", "--output", str(output))
    assert not output.exists()
