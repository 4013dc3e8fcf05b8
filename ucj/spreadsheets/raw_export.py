"""The raw figures out again, in the import's own format, and blank templates to fill in.

An export imported back changes nothing: same sheet names, same headers, the
same values, text defused against formulas and undefused on the way back in.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from regions.models import Baseline, Enrolment, Region, Target
from ucj.spreadsheets.downloads import csv_text, xlsx_bytes
from ucj.spreadsheets.workbook import INSTRUCTIONS_SHEET

SHEETS: dict[str, tuple[str, list[str]]] = {
    "enrolment": (
        "kepesertaan",
        [
            "kode_wilayah",
            "wilayah",
            "periode",
            "peserta_aktif",
            "pu",
            "bpu",
            "jakon",
            "pmi",
            "catatan",
            "sumber",
            "persen_dipublikasikan",
            "belum_terlindungi_dipublikasikan",
            "asal",
        ],
    ),
    "baseline": ("angkatan_kerja", ["kode_wilayah", "wilayah", "tahun", "jenis", "jumlah", "sumber", "utama"]),
    "target": ("target", ["kode_wilayah", "wilayah", "tahun", "target_persen", "dasar_hukum"]),
    "regions": ("wilayah", ["kode", "nama"]),
    "program": (
        "program",
        [
            "nama_program",
            "sumber_dana",
            "kode_wilayah",
            "tahun",
            "program_bpjs",
            "kelompok_sasaran",
            "anggaran",
            "pekerja_didanai",
            "sumber",
            "catatan",
        ],
    ),
    "participation": (
        "peserta_program",
        ["nama_program", "tahun", "kode_wilayah", "pekerja_didanai", "anggaran", "sumber"],
    ),
    "meeting": (
        "rapat",
        [
            "jenis",
            "judul",
            "tanggal",
            "tempat",
            "kode_wilayah",
            "pimpinan",
            "peserta_rapat",
            "angka_disampaikan",
            "tautan",
            "catatan",
        ],
    ),
}

EXAMPLES: dict[str, list[Any]] = {
    "enrolment": [
        "13.11",
        "Kabupaten Solok Selatan",
        "2024-09",
        18092,
        11110,
        5847,
        1135,
        None,
        None,
        None,
        16.97,
        None,
        "dipublikasikan",
    ],
    "baseline": ["13.11", "Kabupaten Solok Selatan", 2024, "angkatan kerja", 106590, "BPS Sakernas", "ya"],
    "target": ["13.11", "Kabupaten Solok Selatan", 2025, 28.30, "Keputusan Bupati ..."],
    "regions": ["13.02.10.2001", "Koto Baru"],
    "program": [
        "Perlindungan JKK dan JKM Petani Sawit Mandiri (DBH Sawit)",
        "DBH Sawit",
        "13.11",
        2024,
        "JKK, JKM",
        "petani sawit mandiri",
        None,
        3360,
        None,
        None,
    ],
    "participation": [
        "Perlindungan BPJS Ketenagakerjaan bagi Pekerja Rentan Tingkat Nagari",
        2025,
        "13.02.10.2001",
        100,
        None,
        None,
    ],
    "meeting": [
        "Launching",
        "Launching Perlindungan BPJS Ketenagakerjaan bagi Pekerja Rentan Tingkat Nagari Kabupaten Solok",
        "2025-07-25",
        "Aula Pertemuan Sedta Arosuka",
        "13.02",
        "",
        "H. Candra (Wakil Bupati Solok, Pemerintah Kabupaten Solok); Maulana Anshari Siregar (Kepala BPJS "
        "Ketenagakerjaan Solok, BPJS Ketenagakerjaan Cabang Solok)",
        None,
        None,
        None,
    ],
}


# The sheets' own words, the same in every interface language: what the import reads back.
SHEET_PROVENANCE = {"published": "dipublikasikan", "entered": "dientri", "imported": "diimpor", "derived": "turunan"}
SHEET_KIND = {
    "angkatan_kerja": "angkatan kerja",
    "penduduk_bekerja": "penduduk bekerja",
    "angkatan_kerja_non_asn": "angkatan kerja non ASN",
}


def figure_rows(
    kind: str, scope_codes: tuple[str, ...], first: datetime.date, last: datetime.date
) -> Iterator[list[Any]]:
    """The rows of one sheet for the regions in scope: months from `first` to `last`, or their years.

    The figures are read on their own, in a server-side cursor, and each region's
    name is looked up in a dict read once: a join with the region table inside
    the cursor made PostgreSQL choose plans that took seconds on fresh tables.
    """
    with _plans_for_every_row():
        yield from _figure_rows(kind, scope_codes, first, last)


@contextmanager
def _plans_for_every_row() -> Iterator[None]:
    """Have PostgreSQL plan the export's cursors for reading every row, not the first tenth fast.

    By default a cursor is planned for its first 10 % of rows (cursor_tuple_fraction): for an
    export sorted by region and month that walked a whole index of a million figures (0,3 s for
    any province, 0,3 s for a kabupaten on tables without statistics, against 1–15 ms without a cursor).
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET cursor_tuple_fraction = 1")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET cursor_tuple_fraction")


def _figure_rows(
    kind: str, scope_codes: tuple[str, ...], first: datetime.date, last: datetime.date
) -> Iterator[list[Any]]:
    names = dict(Region.objects.within(*scope_codes).values_list("code", "name"))
    if kind == "enrolment":
        enrolment = (
            Enrolment.objects.within(*scope_codes)
            .filter(month__gte=first, month__lte=last)
            .order_by("region_id", "month")
            .values_list(
                "region_id", "month", "participants", "pu", "bpu", "jakon", "pmi", "note", "source", "published_pct",
                "published_uncovered", "provenance",
            )
        )  # fmt: skip
        for (
            code,
            month,
            participants,
            pu,
            bpu,
            jakon,
            pmi,
            note,
            source,
            pct,
            uncovered,
            provenance,
        ) in enrolment.iterator(chunk_size=5000):
            yield [
                code, names.get(code, ""), f"{month:%Y-%m}", participants, pu, bpu, jakon, pmi, note, source,
                float(pct) if pct is not None else None, uncovered, SHEET_PROVENANCE[provenance],
            ]  # fmt: skip
    elif kind == "baseline":
        baselines = (
            Baseline.objects.within(*scope_codes)
            .filter(year__gte=first.year, year__lte=last.year)
            .order_by("region_id", "year", "kind")
            .values_list("region_id", "year", "kind", "count", "source", "primary")
        )
        for code, year, baseline_kind, count, source, primary in baselines.iterator(chunk_size=5000):
            yield [
                code,
                names.get(code, ""),
                year,
                SHEET_KIND[baseline_kind],
                count,
                source,
                "ya" if primary else "tidak",
            ]
    elif kind == "target":
        targets = (
            Target.objects.within(*scope_codes)
            .filter(year__gte=first.year, year__lte=last.year)
            .order_by("region_id", "year")
            .values_list("region_id", "year", "percentage", "legal_basis")
        )
        for code, year, percentage, legal_basis in targets.iterator(chunk_size=5000):
            yield [code, names.get(code, ""), year, float(percentage), legal_basis]


Advance = Callable[[int], object]
# How often an export running in the worker tells its page how far it got.
PROGRESS_EVERY = 1000


def _counted(rows: Iterator[list[Any]], advance: Advance | None) -> Iterator[list[Any]]:
    if advance is None:
        yield from rows
        return
    pending = 0
    for row in rows:
        yield row
        pending += 1
        if pending == PROGRESS_EVERY:
            advance(pending)
            pending = 0
    if pending:
        advance(pending)


def figures_workbook(
    scope_codes: tuple[str, ...], first: datetime.date, last: datetime.date, advance: Advance | None = None
) -> bytes:
    return xlsx_bytes(
        (SHEETS[kind][0], SHEETS[kind][1], _counted(figure_rows(kind, scope_codes, first, last), advance))
        for kind in ("enrolment", "baseline", "target")
    )


def figures_csv(
    kind: str, scope_codes: tuple[str, ...], first: datetime.date, last: datetime.date, advance: Advance | None = None
) -> str:
    return csv_text(SHEETS[kind][1], _counted(figure_rows(kind, scope_codes, first, last), advance))


def export_size(
    kinds: tuple[str, ...],
    scope_codes: tuple[str, ...],
    first: datetime.date,
    last: datetime.date,
    limit: int | None = None,
) -> int:
    """How many rows an export of `kinds` holds; with a `limit`, counted no further than one past it (a
    bounded read in the request, not a COUNT of a whole province: it only decides who writes the file)."""
    querysets: dict[str, QuerySet[Any]] = {
        "enrolment": Enrolment.objects.within(*scope_codes).filter(month__gte=first, month__lte=last),
        "baseline": Baseline.objects.within(*scope_codes).filter(year__gte=first.year, year__lte=last.year),
        "target": Target.objects.within(*scope_codes).filter(year__gte=first.year, year__lte=last.year),
    }
    if limit is None:
        return sum(querysets[kind].count() for kind in kinds)
    size = 0
    for kind in kinds:
        size += len(querysets[kind].values_list("pk", flat=True)[: limit - size + 1])
        if size > limit:
            break
    return size


def template_workbook(kind: str) -> bytes:
    """A sheet with the headers, one example row, checks on the cells, and instructions in Indonesian."""
    title, headers = SHEETS[kind]
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(EXAMPLES[kind])
    for cell in sheet[2]:
        if isinstance(cell.value, str):
            cell.data_type = TYPE_STRING
    rows = "2:5000"
    first_row, last_row = rows.split(":")

    def column(name: str) -> str:
        letter = chr(ord("A") + headers.index(name))
        return f"{letter}{first_row}:{letter}{last_row}"

    checks = []
    for name in ("peserta_aktif", "pu", "bpu", "jakon", "pmi", "jumlah", "pekerja_didanai"):
        if name in headers:
            check = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            check.error = _("A whole number, 0 or more.")
            check.add(column(name))
            checks.append(check)
    if "utama" in headers:
        check = DataValidation(type="list", formula1='"ya,tidak"', allow_blank=True)
        check.error = _("Choose one of the listed values.")
        check.add(column("utama"))
        checks.append(check)
    if "asal" in headers:
        check = DataValidation(type="list", formula1='"dipublikasikan,dientri,diimpor,turunan"', allow_blank=True)
        check.error = _("Choose one of the listed values.")
        check.add(column("asal"))
        checks.append(check)
    for name in ("target_persen", "persen_dipublikasikan"):
        if name in headers:
            check = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True)
            check.error = _("A percentage from 0 to 100.")
            check.add(column(name))
            checks.append(check)
    lists = {
        "sumber_dana": '"APBD,APBDes,DBH Sawit,Baznas,CSR,lainnya"',
        "jenis": '"angkatan kerja,penduduk bekerja,angkatan kerja non ASN"'
        if kind == "baseline"
        else '"Kick-off,Monev,FGD,Launching,Sosialisasi,lainnya"',
    }
    for name, choices in lists.items():
        if name in headers and not (name == "jenis" and kind not in ("baseline", "meeting")):
            check = DataValidation(type="list", formula1=choices, allow_blank=False)
            check.error = _("Choose one of the listed values.")
            check.add(column(name))
            checks.append(check)
    if "tahun" in headers:
        check = DataValidation(type="whole", operator="between", formula1="2000", formula2="2100")
        check.add(column("tahun"))
        checks.append(check)
    for check in checks:
        check.showErrorMessage = True
        sheet.add_data_validation(check)

    instructions = workbook.create_sheet(INSTRUCTIONS_SHEET)
    for line in INSTRUCTIONS[kind]:
        instructions.append([line])
    instructions.column_dimensions["A"].width = 110
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


COMMON_INSTRUCTIONS = [
    "Petunjuk pengisian",
    "",
    "Isi satu baris untuk setiap wilayah. Baris pertama adalah judul kolom: jangan diubah.",
    "Wilayah ditulis dengan kode Kemendagri (mis. 13.02) di kolom kode_wilayah. Nama di kolom wilayah",
    "boleh dipakai jika tidak ada kode, asal tidak ganda: 'Solok' ada dua (Kabupaten Solok dan Kota Solok).",
    "Angka boleh ditulis 18092 atau 18.092; persentase 28,30 atau 28.30.",
    "Baris kosong dilewati. Jangan menggabungkan sel (merge). Lembar yang disembunyikan tidak dibaca.",
    "Sebelum disimpan, unggahan ditampilkan lebih dulu: setiap baris baru, berubah, tetap, atau ditolak",
    "beserta alasannya. Tidak ada yang tersimpan sampai Anda mengonfirmasi, dan impor dapat dibatalkan.",
    "",
]
INSTRUCTIONS = {
    "enrolment": [
        *COMMON_INSTRUCTIONS,
        "Lembar kepesertaan: periode adalah bulan laporan (2024-09, Sep 2024, atau 09/2024);",
        "peserta_aktif wajib diisi; PU, BPU, Jakon, dan PMI boleh kosong, tetapi jika keempatnya diisi",
        "jumlahnya harus sama dengan peserta_aktif. Bulan yang belum tiba ditolak.",
        "sumber: dari mana angka ini (judul dan tanggal berita, laporan, atau aplikasi). Jika kosong, sumbernya",
        "dicatat sebagai berkas impor ini.",
        "persen_dipublikasikan: persentase cakupan yang disebut sumber, apa adanya (mis. 93 atau 16,97). Aplikasi",
        "selalu menghitung sendiri dan menandai jika keduanya berbeda lebih dari 0,05 poin.",
        "belum_terlindungi_dipublikasikan: jumlah pekerja belum terlindungi yang disebut sumber, jika ada.",
        "asal: dipublikasikan (dari sumber publik), turunan (dihitung dari persentase yang dipublikasikan),",
        "dientri, atau diimpor. Jika kosong: diimpor.",
    ],
    "baseline": [
        *COMMON_INSTRUCTIONS,
        "Lembar angkatan_kerja: tahun, jenis (angkatan kerja, penduduk bekerja, atau angkatan kerja non ASN,",
        "yaitu angkatan kerja tanpa ASN, TNI, dan Polri), jumlah pekerja, dan sumber datanya (mis. BPS Sakernas",
        "Agustus 2024). Satu wilayah boleh memiliki beberapa jenis dalam satu tahun; tandai satu sebagai utama",
        "(ya) bila ada lebih dari satu. Cakupan dihitung dengan basis utama; jika tidak ada yang ditandai,",
        "dipakai satu-satunya basis, atau angkatan kerja.",
    ],
    "target": [
        *COMMON_INSTRUCTIONS,
        "Lembar target: tahun, target_persen (0 sampai 100), dan dasar_hukum penetapannya.",
    ],
    "program": [
        *COMMON_INSTRUCTIONS,
        "Lembar program: nama_program dan tahun menandai program; sumber_dana (APBD, APBDes, DBH Sawit, Baznas,",
        'CSR, lainnya); kode_wilayah adalah wilayah pendana; program_bpjs mis. "JKK, JKM"; anggaran dalam rupiah.',
    ],
    "participation": [
        *COMMON_INSTRUCTIONS,
        "Lembar peserta_program: satu baris per nagari/desa yang ikut; nama_program dan tahun harus sama dengan",
        "program yang sudah ada atau ada di lembar program berkas yang sama.",
    ],
    "meeting": [
        *COMMON_INSTRUCTIONS,
        "Lembar rapat: jenis, judul, tanggal (2025-07-25 atau 25 Juli 2025), tempat; kode_wilayah boleh lebih dari",
        'satu, dipisah koma; peserta_rapat ditulis "Nama (Jabatan, Instansi); Nama lain (...)";',
        "pimpinan adalah nama pimpinan rapat.",
    ],
    "regions": [
        *COMMON_INSTRUCTIONS,
        "Lembar wilayah: kode dan nama sesuai Kepmendagri. Wilayah induk harus sudah ada atau ada di berkas.",
    ],
}
