import pytest

from regions import codes


@pytest.mark.parametrize(
    ("code", "name", "kind"),
    [
        ("13", "Sumatera Barat", "provinsi"),
        ("13.02", "Kabupaten Solok", "kabupaten"),
        ("13.72", "Kota Solok", "kota"),
        ("13.02.04", "Lembah Gumanti", "kecamatan"),
        ("13.02.04.2001", "Alahan Panjang", "nagari"),
        ("13.72.01.1001", "Tanah Garam", "kelurahan"),
        ("13.09.01.2007", "Betumonga", "desa"),
        ("12.75.01.1001", "Pahlawan", "kelurahan"),
        ("11.01.01.2001", "Keude Bakongan", "desa"),
        ("91.03.01.3007", "Desa Adat Yoboi", "desa_adat"),
        ("ID", "Indonesia", "negara"),
    ],
)
def test_kind_is_derived_from_code_and_name(code, name, kind):
    assert codes.kind_of(code, name) == kind


def test_a_regency_code_without_kabupaten_or_kota_in_its_name_is_a_kota_from_71():
    assert codes.kind_of("13.71", "Padang") == "kota"
    assert codes.kind_of("13.01", "Pesisir Selatan") == "kabupaten"


def test_parents_and_ancestors_follow_the_code_up_to_the_country():
    assert codes.parent_code("13.02.04.2001") == "13.02.04"
    assert codes.parent_code("13") == "ID"
    assert codes.parent_code("ID") is None
    assert codes.ancestor_codes("13.02.04") == ["13.02", "13", "ID"]


@pytest.mark.parametrize("code", ["13", "13.02", "13.02.04", "13.02.04.2001", "ID"])
def test_well_formed_codes_are_valid(code):
    assert codes.is_valid_code(code)


@pytest.mark.parametrize(
    "code", ["", "1", "13.2", "13.02.4", "13.02.04.201", "13-02", "13.02.", "x3.02", "13.02.04.2001.1"]
)
def test_malformed_codes_are_not_valid(code):
    assert not codes.is_valid_code(code)


def test_a_subtree_is_the_code_and_what_starts_with_it_and_a_dot():
    assert codes.is_within("13.02.04", "13.02")
    assert codes.is_within("13.02", "13.02")
    assert not codes.is_within("13.020", "13.02")
    assert not codes.is_within("13.72", "13.02")
    assert codes.is_within("12.75", "ID")
