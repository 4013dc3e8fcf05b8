"""Reading one spreadsheet cell: headers, months, years, kinds. Plain functions, messages in the user's language."""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from programs.models import web_link
from regions.validation import FigureError, strip_control_characters

# Each column the sheets know, with every header it may arrive under (compared normalised).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "kode_wilayah": (
        "kode_wilayah",
        "kode wilayah",
        "kode",
        "region code",
        "code",
        "kode kemendagri",
        "kode_kemendagri",
    ),
    "wilayah": ("wilayah", "nama wilayah", "region", "region name", "nama", "name"),
    "periode": ("periode", "bulan", "month", "period"),
    "peserta_aktif": ("peserta_aktif", "peserta aktif", "peserta", "active participants", "participants"),
    "pu": ("pu", "penerima upah", "wage earners"),
    "bpu": ("bpu", "bukan penerima upah", "non wage earners"),
    "jakon": ("jakon", "jasa konstruksi", "construction"),
    "pmi": ("pmi", "pekerja migran indonesia", "migrant workers"),
    "catatan": ("catatan", "keterangan", "note", "notes"),
    "tahun": ("tahun", "year"),
    "jenis": ("jenis", "kind", "type", "jenis basis"),
    "jumlah": ("jumlah", "count", "total", "number"),
    "sumber": ("sumber", "source"),
    "persen_dipublikasikan": (
        "persen_dipublikasikan",
        "persen dipublikasikan",
        "persentase dipublikasikan",
        "published_pct",
        "published pct",
        "published percentage",
    ),
    "belum_terlindungi_dipublikasikan": (
        "belum_terlindungi_dipublikasikan",
        "belum terlindungi dipublikasikan",
        "published_uncovered",
        "published not yet protected",
    ),
    "asal": ("asal", "asal angka", "provenance"),
    "utama": ("utama", "basis utama", "primary"),
    "target_persen": (
        "target_persen",
        "target persen",
        "target (%)",
        "target %",
        "target",
        "target percent",
        "persentase",
    ),
    "dasar_hukum": ("dasar_hukum", "dasar hukum", "legal basis"),
    "nama_program": ("nama_program", "nama program", "program", "program name"),
    "sumber_dana": ("sumber_dana", "sumber dana", "funding source"),
    "program_bpjs": ("program_bpjs", "program bpjs", "bpjs programs", "jaminan"),
    "kelompok_sasaran": ("kelompok_sasaran", "kelompok sasaran", "target group"),
    "anggaran": ("anggaran", "anggaran rp", "anggaran (rp)", "budget"),
    "pekerja_didanai": ("pekerja_didanai", "pekerja didanai", "workers funded"),
    "judul": ("judul", "judul rapat", "title"),
    "tanggal": ("tanggal", "date"),
    "tempat": ("tempat", "venue"),
    "pimpinan": ("pimpinan", "pimpinan rapat", "chair"),
    "peserta_rapat": ("peserta_rapat", "peserta rapat", "attendees"),
    "angka_disampaikan": ("angka_disampaikan", "angka disampaikan", "figures announced"),
    "tautan": ("tautan", "tautan sumber", "source link", "url"),
}

SHEET_KINDS: dict[str, tuple[str, ...]] = {
    "enrolment": ("kepesertaan", "enrolment", "enrollment", "peserta"),
    "baseline": ("angkatan_kerja", "angkatan kerja", "baseline", "baselines", "basis", "penduduk bekerja"),
    "target": ("target", "targets"),
    "regions": ("wilayah", "regions", "region"),
    "program": ("program", "programs", "program pendanaan", "funding programs"),
    "participation": ("peserta_program", "peserta program", "program participation", "participation"),
    "meeting": ("rapat", "meetings", "meeting"),
}

# What each sheet must have; `wilayah` or `kode_wilayah` names the region.
REQUIRED: dict[str, tuple[str, ...]] = {
    "enrolment": ("periode", "peserta_aktif"),
    "baseline": ("tahun", "jenis", "jumlah"),
    "target": ("tahun", "target_persen"),
    "regions": ("kode_wilayah", "wilayah"),
    "program": ("nama_program", "sumber_dana", "tahun"),
    "participation": ("nama_program", "tahun"),
    "meeting": ("jenis", "judul", "tanggal"),
}

MONTH_NAMES = {
    "jan": 1, "januari": 1, "january": 1,
    "feb": 2, "februari": 2, "february": 2, "pebruari": 2,
    "mar": 3, "maret": 3, "march": 3,
    "apr": 4, "april": 4,
    "mei": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "agu": 8, "agt": 8, "ags": 8, "agustus": 8, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "nopember": 11, "november": 11,
    "des": 12, "desember": 12, "dec": 12, "december": 12,
}  # fmt: skip

BASELINE_KINDS = {
    "angkatankerja": "angkatan_kerja",
    "labourforce": "angkatan_kerja",
    "laborforce": "angkatan_kerja",
    "pendudukbekerja": "penduduk_bekerja",
    "workingpopulation": "penduduk_bekerja",
    "angkatankerjanonasn": "angkatan_kerja_non_asn",
    "angkatankerjatanpaasntnidanpolri": "angkatan_kerja_non_asn",
    "angkatankerjatanpaasntnipolri": "angkatan_kerja_non_asn",
    "labourforcewithoutasntniandpolri": "angkatan_kerja_non_asn",
    "labourforcenonasn": "angkatan_kerja_non_asn",
}

PROVENANCES = {
    "dipublikasikan": "published",
    "publikasi": "published",
    "published": "published",
    "dientri": "entered",
    "entri": "entered",
    "entered": "entered",
    "diimpor": "imported",
    "impor": "imported",
    "imported": "imported",
    "turunan": "derived",
    "diturunkan": "derived",
    "derived": "derived",
}

YES = {"ya", "y", "yes", "true", "1", "x", "benar", "utama", "primary"}
NO = {"tidak", "t", "no", "n", "false", "0", "bukan"}


def normalise(text: Any) -> str:
    """Lower case, accents and everything but letters, digits and % dropped: "Kode Wilayah" -> "kodewilayah"."""
    folded = unicodedata.normalize("NFKD", str(text or "")).casefold()
    return re.sub(r"[^0-9a-z%]", "", folded)


_HEADER_LOOKUP = {normalise(alias): column for column, aliases in COLUMN_ALIASES.items() for alias in aliases}
_SHEET_LOOKUP = {normalise(alias): kind for kind, aliases in SHEET_KINDS.items() for alias in aliases}


def column_for_header(header: Any) -> str | None:
    return _HEADER_LOOKUP.get(normalise(header))


def kind_for_sheet_name(name: str) -> str | None:
    return _SHEET_LOOKUP.get(normalise(name))


def kind_for_columns(columns: set[str]) -> str | None:
    """What a sheet holds, from its columns, when its name does not say."""
    if "peserta_aktif" in columns:
        return "enrolment"
    if {"nama_program", "sumber_dana"} <= columns:
        return "program"
    if "nama_program" in columns:
        return "participation"
    if {"judul", "tanggal"} <= columns:
        return "meeting"
    if "target_persen" in columns:
        return "target"
    if {"jumlah", "jenis"} <= columns or {"jumlah", "tahun"} <= columns:
        return "baseline"
    if {"kode_wilayah", "wilayah"} <= columns and "periode" not in columns and "tahun" not in columns:
        return "regions"
    return None


MONTH_TEXT = [
    (re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$"), "ymd"),
    (re.compile(r"^(\d{1,2})[/.-](\d{4})$"), "my"),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), "dmy"),
    (re.compile(r"^([a-z]+)\.?[\s-]*(\d{4})$"), "name"),
]


def parse_month_cell(value: Any) -> datetime.date:
    """A month from a date cell or text: 2024-09, Sep 2024, September 2024, Sept 2024, 09/2024, Juni 2025."""
    if isinstance(value, datetime.datetime | datetime.date):
        return datetime.date(value.year, value.month, 1)
    text = str(value or "").strip().casefold()
    if not text:
        raise FigureError(_("The month is empty."))
    for pattern, shape in MONTH_TEXT:
        match = pattern.match(text)
        if not match:
            continue
        if shape == "ymd":
            year, month = int(match.group(1)), int(match.group(2))
        elif shape == "my":
            month, year = int(match.group(1)), int(match.group(2))
        elif shape == "dmy":
            month, year = int(match.group(2)), int(match.group(3))
        else:
            month, year = MONTH_NAMES.get(match.group(1), 0), int(match.group(2))
        if 1 <= month <= 12 and 1900 <= year <= 2200:
            return datetime.date(year, month, 1)
    raise FigureError(
        _("%(value)r is not a month (write 2024-09, Sep 2024 or 09/2024).") % {"value": str(value).strip()}
    )


def parse_year_cell(value: Any) -> int:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.year
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value if value is not None else "").strip()
    if re.fullmatch(r"\d{4}", text) and 1900 <= int(text) <= 2200:
        return int(text)
    raise FigureError(_("%(value)r is not a year (write 2025).") % {"value": text})


def parse_kind_cell(value: Any) -> str:
    kind = BASELINE_KINDS.get(normalise(value))
    if kind is None:
        raise FigureError(
            _("%(value)r is not a baseline kind (angkatan_kerja, penduduk_bekerja or angkatan_kerja_non_asn).")
            % {"value": str(value or "")}
        )
    return kind


def parse_provenance_cell(value: Any) -> str | None:
    """dipublikasikan, dientri, diimpor or turunan (English too); empty leaves it to the import."""
    if value is None or not str(value).strip():
        return None
    provenance = PROVENANCES.get(normalise(value))
    if provenance is None:
        raise FigureError(
            _("%(value)r is not a provenance (dipublikasikan, dientri, diimpor or turunan).") % {"value": str(value)}
        )
    return provenance


def parse_yes_no_cell(value: Any) -> bool | None:
    """ya / tidak (yes / no, 1 / 0); empty is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return value
    text = normalise(value)
    if text in YES:
        return True
    if text in NO:
        return False
    raise FigureError(_("%(value)r is neither ya nor tidak.") % {"value": str(value)})


def text_cell(value: Any) -> str:
    """A cell as text, without control characters (the reader has already said if it removed any)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return strip_control_characters(str(value)).strip()


def check_length(text: str, limit: int) -> None:
    if len(text) > limit:
        raise FigureError(
            _("%(length)d characters, more than the %(limit)d this column holds: %(start)r…")
            % {"length": len(text), "limit": limit, "start": text[:30]}
        )


def link_cell(value: Any) -> str:
    """A web address (http or https), or "" for an empty cell; anything else is refused."""
    text = text_cell(value)
    if text:
        try:
            web_link(text)
        except ValidationError:
            raise FigureError(
                _("%(value)r is not a web address that starts with http:// or https://.") % {"value": text[:60]}
            ) from None
    return text


def parse_date_cell(value: Any) -> datetime.date:
    """A day: a date cell, 2025-05-06, 6/5/2025 or 6 Mei 2025."""
    if isinstance(value, datetime.datetime | datetime.date):
        return datetime.date(value.year, value.month, value.day)
    text = str(value or "").strip().casefold()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    elif match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
        day, month, year = (int(part) for part in match.groups())
    elif match := re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", text):
        day, month, year = int(match.group(1)), MONTH_NAMES.get(match.group(2), 0), int(match.group(3))
    else:
        year = month = day = 0
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise FigureError(_("%(value)r is not a date (write 2025-05-06 or 6 Mei 2025).") % {"value": text}) from None
