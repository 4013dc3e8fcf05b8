"""`manage.py import_regions`: the national list, re-runs, renames and bad files."""

import subprocess
import sys
from collections import Counter

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from regions.models import Region

pytestmark = pytest.mark.django_db


def write_csv(tmp_path, text: str):
    path = tmp_path / "wilayah.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_national_list_loads_every_kind_with_parents_linked(national_csv, capsys):
    call_command("import_regions", str(national_csv))

    per_level = Counter(
        len(code.split(".")) for code in Region.objects.exclude(code="ID").values_list("code", flat=True)
    )
    assert [per_level[level] for level in (1, 2, 3, 4)] == [38, 514, 7285, 83762]
    assert not Region.objects.exclude(code="ID").filter(parent__isnull=True).exists()
    assert Region.objects.get(code="13.02.10.2001").parent_id == "13.02.10"
    kota_solok, kab_solok = Region.objects.get(code="13.72"), Region.objects.get(code="13.02")
    assert (kota_solok.name, kota_solok.kind) == ("Kota Solok", "kota")
    assert (kab_solok.name, kab_solok.kind) == ("Kabupaten Solok", "kabupaten")
    assert Region.objects.filter(code="13.02.04.2001", kind="nagari").exists()
    assert Region.objects.filter(code="13.09.01.2007", kind="desa").exists()

    call_command("import_regions", str(national_csv))
    assert "Tidak ada perubahan: semua 91599 wilayah sudah sesuai." in capsys.readouterr().out


def test_running_the_same_file_again_changes_nothing_and_says_so(tmp_path, capsys):
    path = write_csv(tmp_path, "kode,nama\n13,Sumatera Barat\n13.02,Kabupaten Solok\n")

    call_command("import_regions", str(path))

    assert "Tidak ada perubahan" in capsys.readouterr().out


def test_a_renamed_region_is_updated(tmp_path, capsys):
    path = write_csv(tmp_path, "kode,nama\n13.02.10,Kubung Baru\n")

    call_command("import_regions", str(path))

    assert Region.objects.get(code="13.02.10").name == "Kubung Baru"
    assert "1 diubah" in capsys.readouterr().out


def test_new_regions_are_created_under_existing_parents(tmp_path):
    path = write_csv(
        tmp_path, "kode,nama\n13.01,Kabupaten Pesisir Selatan\n13.01.01,Pancung Soal\n13.01.01.2001,Inderapura\n"
    )

    call_command("import_regions", str(path))

    assert Region.objects.get(code="13.01.01.2001").kind == "nagari"
    assert Region.objects.get(code="13.01.01.2001").parent.parent_id == "13.01"


def test_bad_rows_are_reported_with_their_line_and_nothing_is_written(tmp_path, capsys):
    before = Region.objects.count()
    path = write_csv(
        tmp_path,
        "kode,nama\n"
        "13.01,Kabupaten Pesisir Selatan\n"  # valid, but must not be written
        "13.99.01,Orphan\n"  # line 3: parent 13.99 missing
        "13.0x,Bad\n"  # line 4: malformed
        "13.01,Twice\n"  # line 5: duplicate of line 2
        "13.02.10,\n",  # line 6: no name
    )

    with pytest.raises(CommandError, match="4 masalah"):
        call_command("import_regions", str(path))

    errors = capsys.readouterr().err
    assert "baris 3: kode 13.99.01 tidak punya wilayah induk 13.99" in errors
    assert "baris 4: kode '13.0x' tidak sah" in errors
    assert "baris 5: kode 13.01 sudah ada di baris 2" in errors
    assert "baris 6: wilayah 13.02.10 tidak bernama" in errors
    assert Region.objects.count() == before
    assert Region.objects.get(code="13.02.10").name == "Kubung"


def test_a_file_without_the_header_is_refused_with_exit_code_2(tmp_path):
    path = write_csv(tmp_path, "13,Sumatera Barat\n")

    with pytest.raises(CommandError, match="judul kolom kode,nama") as error:
        call_command("import_regions", str(path))
    assert error.value.returncode == 2


def test_a_missing_file_gives_a_message_and_exit_code_2_not_a_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "import_regions", str(tmp_path / "missing.csv")],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "missing.csv" in result.stderr


def test_the_command_loads_the_shipped_national_list_by_default(monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    from regions.region_import import NATIONAL_LIST

    seen = []
    monkeypatch.setattr(
        "regions.management.commands.import_regions.read_region_csv", lambda path: seen.append(path) or []
    )

    call_command("import_regions", stdout=StringIO())

    assert seen == [NATIONAL_LIST]
    assert NATIONAL_LIST.exists()
