"""The Dutch catalogue is complete: every message in the code and templates, extracted
afresh, has a Dutch translation that is not marked fuzzy."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import mvimonitor

PACKAGE = Path(mvimonitor.__file__).parent
CATALOGUE = Path("locale/nl/LC_MESSAGES/django.po")


def _entries_flagged(po: Path, flag: str) -> str:
    result = subprocess.run(
        ["msgattrib", flag, "--no-wrap", str(po)], capture_output=True, text=True, check=True
    )
    # The header entry (msgid "") is always "untranslated" to msgattrib.
    return "\n".join(
        line
        for line in result.stdout.splitlines()
        if line.startswith("msgid ") and line != 'msgid ""'
    )


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory) -> Path:
    """makemessages run on a copy of the package, so the real catalogue is untouched."""
    copy = tmp_path_factory.mktemp("package") / "mvimonitor"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    manage = Path(sys.executable).with_name("mvi-monitor")
    subprocess.run(
        [str(manage), "makemessages", "-l", "nl", "--no-location", "--no-obsolete", "-v0"],
        cwd=copy,
        check=True,
    )
    return copy / CATALOGUE


def test_every_message_has_a_dutch_translation(fresh_catalogue):
    assert _entries_flagged(fresh_catalogue, "--untranslated") == ""


def test_no_translation_is_left_fuzzy(fresh_catalogue):
    assert _entries_flagged(fresh_catalogue, "--only-fuzzy") == ""
