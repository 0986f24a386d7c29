"""The interface is translated: French complete for every string, and every catalogue
compiled from its current source."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def _catalogue(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", ["fr", "es", "pt"])
def test_catalogue_is_complete(language):
    po = _catalogue(language)
    assert len(po) > 200
    missing = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not missing, f"untranslated in {language}: {missing}"
    assert not fuzzy, f"fuzzy in {language}: {fuzzy}"


@pytest.mark.parametrize("language", ["fr", "es", "pt"])
def test_compiled_catalogue_matches_the_source(language):
    po = _catalogue(language)
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in mo}
    for entry in po.translated_entries():
        assert (entry.msgctxt, entry.msgid) in compiled, f"run `make messages`: {entry.msgid}"


def test_every_template_string_is_extracted():
    """A string added to a template without running `make messages` shows up in English on a
    French page; catch it here rather than in front of a reader."""
    import re

    ids = {e.msgid for e in _catalogue("fr")}
    pattern = re.compile(r'{%\s*translate\s+"([^"]+)"')
    for template in (LOCALE.parent / "templates").rglob("*.html"):
        for msgid in pattern.findall(template.read_text()):
            # A literal % is stored as %% (the catalogue is python-format).
            assert msgid in ids or msgid.replace("%", "%%") in ids, (
                f"{template.name}: {msgid!r} is not in the catalogue"
            )
