"""The Indonesian catalog is complete and its compiled copy is up to date."""

from pathlib import Path

import polib
from django.conf import settings

CATALOG = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES"


def test_every_message_has_an_indonesian_translation():
    po = polib.pofile(str(CATALOG / "django.po"))

    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_the_compiled_catalog_matches_the_source_catalog():
    """The .mo is committed so a fresh machine needs no gettext; `make messages` rebuilds it."""
    po = polib.pofile(str(CATALOG / "django.po"))
    mo = polib.mofile(str(CATALOG / "django.mo"))

    def translations(entries) -> dict:
        # Keyed by context too: "province" the region kind and "province" a part of a region are two messages.
        return {
            (entry.msgctxt, entry.msgid): entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
            for entry in entries
            if entry.msgid
        }

    assert translations(po.translated_entries()) == translations(mo)
