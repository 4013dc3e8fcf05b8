"""Kemendagri region codes: their shape, their parents and the kind of region they name.

Plain functions over strings, so the importer, the arithmetic and the tests
share one reading of a code without touching the database.
"""

from __future__ import annotations

import re

# The country is the root of the tree. It has no Kemendagri code of its own.
COUNTRY_CODE = "ID"
COUNTRY_NAME = "Indonesia"

CODE_PATTERN = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")

# Sumatera Barat calls its desa "nagari" (Perda Sumbar 7/2018), except the
# Mentawai islands, which kept the desa.
NAGARI_PROVINCES = {"13"}
DESA_REGENCIES_IN_NAGARI_PROVINCES = {"13.09"}


def is_valid_code(code: str) -> bool:
    return code == COUNTRY_CODE or bool(CODE_PATTERN.match(code))


VILLAGE_LEVEL = 4  # the deepest: desa/kelurahan/nagari


def level_of(code: str) -> int:
    """0 for the country, 1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan."""
    if code == COUNTRY_CODE:
        return 0
    return code.count(".") + 1


def parent_code(code: str) -> str | None:
    if code == COUNTRY_CODE:
        return None
    if "." not in code:
        return COUNTRY_CODE
    return code.rsplit(".", 1)[0]


def ancestor_codes(code: str) -> list[str]:
    """The codes above `code`, nearest first, ending with the country."""
    ancestors = []
    parent = parent_code(code)
    while parent is not None:
        ancestors.append(parent)
        parent = parent_code(parent)
    return ancestors


def is_within(code: str, scope_code: str) -> bool:
    """True when `code` is `scope_code` or lies below it."""
    return scope_code == COUNTRY_CODE or code == scope_code or code.startswith(scope_code + ".")


def kind_of(code: str, name: str) -> str:
    """The kind of region a code names, as Region.Kind values.

    A kabupaten and a kota share the code shape; the decree's name says which
    (and kota codes are numbered from 71). A village's last part starts with 1
    for a kelurahan, 2 for a desa (a nagari in Sumatera Barat), 3 for a desa adat.
    """
    level = level_of(code)
    if level == 0:
        return "negara"
    if level == 1:
        return "provinsi"
    if level == 2:
        lowered = name.strip().lower()
        if lowered.startswith("kota"):
            return "kota"
        if lowered.startswith("kabupaten"):
            return "kabupaten"
        return "kota" if int(code.split(".")[1]) >= 71 else "kabupaten"
    if level == 3:
        return "kecamatan"
    village_type = code.rsplit(".", 1)[1][0]
    if village_type == "1":
        return "kelurahan"
    if village_type == "3":
        return "desa_adat"
    province, regency = code[:2], code[:5]
    if province in NAGARI_PROVINCES and regency not in DESA_REGENCIES_IN_NAGARI_PROVINCES:
        return "nagari"
    return "desa"
