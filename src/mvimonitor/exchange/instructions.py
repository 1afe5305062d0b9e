"""The Dutch words a plan spreadsheet carries besides its data: the instruction sheet
of the template ("Toelichting", written by `add_sheet`) and what the drop-down lists
say.

Like the headers and status labels (columns.py, values.py) these are file content, the
same in every language of the UI, so they are written here and not in the message
catalogue. Plain Dutch, addressed as "u", the way Dutch government sites write.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from mvimonitor.exchange.columns import EXPORTED, REQUIRED, Field
from mvimonitor.exchange.values import NO, STATUS_DUTCH, YES

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

SHEET_TITLE = "Toelichting"
TITLE = "Zo vult u het sjabloon in"

_STATUSES = ", ".join(STATUS_DUTCH.values())

#: What each column means, in the order of the export.
COLUMN_HELP: dict[Field, str] = {
    Field.CODE: (
        "Het nummer of de korte code van de actie, bijvoorbeeld A1 of 2.3. Elke code komt "
        "maar één keer voor. Staat de code al in het plan, dan past de import die actie "
        "aan. Een nieuwe code wordt een nieuwe actie."
    ),
    Field.TITLE: "De naam van de actie.",
    Field.DESCRIPTION: "Wat de actie inhoudt. Meer regels mogen.",
    Field.PERIOD: "De periode van het plan waar de actie bij hoort. Kies uit de lijst.",
    Field.THEMES: (
        "De MVI-thema's van de actie. Kies een thema uit de lijst. Hoort de actie bij meer "
        "thema's? Typ ze dan in één cel, met een puntkomma ertussen, bijvoorbeeld: "
        "Klimaat; Social return. Excel en LibreOffice houden dat niet tegen; de import "
        "controleert of elk thema bestaat."
    ),
    Field.STATUS: f"Hoe ver de actie is. Kies uit de lijst: {_STATUSES}.",
    Field.STATUS_SINCE: (
        "De datum waarop de actie deze status kreeg. Laat u de cel leeg, dan krijgt de "
        "status de peildatum die u bij het importeren kiest. Is de status gelijk aan wat "
        "al in het plan staat, dan verandert deze datum niets."
    ),
    Field.OWNER: (
        "Wie de actie trekt. Kies een collega uit de lijst. Hebt u een eigenaar zonder "
        "account? Typ dan de naam; die wordt zo bewaard."
    ),
    Field.DEPARTMENT: "De afdeling die de actie uitvoert.",
    Field.START_DATE: "De datum waarop de actie begint.",
    Field.DUE_DATE: "De datum waarop de actie klaar moet zijn. Leeg bij een doorlopende actie.",
    Field.IS_CONTINUOUS: (
        f"Kies {YES} als de actie geen einddatum heeft en steeds doorgaat, anders {NO}."
    ),
    Field.RESULT: "Wat de actie heeft opgeleverd.",
    Field.ADDED_ON: (
        "De datum waarop de actie in het plan kwam. Laat u de cel leeg bij een nieuwe "
        "actie, dan wordt het de datum waarop het plan is vastgesteld. Een actie die al in "
        "het plan staat, heeft altijd deze datum."
    ),
}

#: The column the import reads but the export does not write.
NOTE_HELP = (
    "Toelichting",
    (
        "Deze kolom staat niet in het sjabloon; voeg hem toe als u hem nodig hebt. Zet u "
        "een voltooide actie weer op lopend, schrijf dan hier waarom."
    ),
)

#: General points, each with a short topic.
GENERAL_HELP: tuple[tuple[str, str], ...] = (
    (
        "Eén actie per rij",
        "Vul op het eerste blad (Acties) één actie per rij in. Laat de eerste rij met de "
        "kolomnamen staan. Bij het importeren stelt MVI Monitor dit blad voor.",
    ),
    (
        "Verplicht",
        "Code, Titel, Periode en Status moeten bij elke actie ingevuld zijn. De andere "
        "kolommen mag u leeg laten.",
    ),
    (
        "Datums",
        "Schrijf een datum als dd-mm-jjjj, bijvoorbeeld 20-09-2017, of gebruik een "
        "datumcel van Excel of LibreOffice.",
    ),
    (
        "Lege cellen",
        "Een lege cel maakt dat gegeven leeg. Verwijdert u een kolom, dan blijft dat "
        "gegeven zoals het in het plan staat.",
    ),
    (
        "Keuzelijsten",
        "Bij Periode, Thema's, Status, Eigenaar en Doorlopend kiest u uit een lijst. De "
        "keuzes staan op het blad Keuzelijsten. Verander dat blad niet; na een wijziging "
        "in het plan downloadt u een nieuw sjabloon.",
    ),
    (
        "Controle",
        "Bij het importeren wordt eerst elke rij gecontroleerd. Klopt er iets niet, dan "
        "wordt niets opgeslagen en ziet u per rij wat u moet verbeteren.",
    ),
)


def required_label(field: Field) -> str:
    return "ja" if field in REQUIRED else "nee"


# What the drop-down lists say: a title of at most 32 characters, a message of at most
# 255 (exchange.dropdowns).
PROMPTS: dict[Field, tuple[str, str]] = {
    Field.PERIOD: ("Periode", "Kies een periode van het plan."),
    Field.THEMES: (
        "Thema's",
        "Kies een thema. Meer thema's? Typ ze met een puntkomma ertussen, bijvoorbeeld: "
        "Klimaat; Social return.",
    ),
    Field.STATUS: ("Status", f"Kies een status: {_STATUSES}."),
    Field.OWNER: (
        "Eigenaar",
        "Kies een collega, of typ de naam van iemand zonder account.",
    ),
    Field.IS_CONTINUOUS: ("Doorlopend", f"Kies {YES} of {NO}."),
}
ERRORS: dict[Field, tuple[str, str]] = {
    Field.PERIOD: (
        "Onbekende periode",
        "Deze periode staat niet in het plan. Kies een periode uit de lijst.",
    ),
    Field.STATUS: ("Onbekende status", f"Kies een status uit de lijst: {_STATUSES}."),
    Field.IS_CONTINUOUS: ("Ja of nee", f"Kies {YES} of {NO}."),
}


# The instruction sheet: a title, the general points, then a row per column.
_WIDTHS = (20, 11, 90)  # characters, of columns A, B and C
_LINE_HEIGHT = 15  # points, a line of 11-point text


def add_sheet(book: Workbook) -> None:
    """The instruction sheet, after the sheets already in `book`."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(SHEET_TITLE)
    sheet.append([TITLE])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    _append_heading(sheet, ["Goed om te weten"])
    for topic, text in GENERAL_HELP:
        sheet.append([topic, None, text])
    sheet.append([])
    _append_heading(sheet, ["Kolom", "Verplicht", "Uitleg"])
    for column in EXPORTED:
        sheet.append([column.header, required_label(column.field), COLUMN_HELP[column.field]])
    sheet.append([NOTE_HELP[0], "nee", NOTE_HELP[1]])
    for position, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        # Heights are given: not every reader fits a row to its wrapped text (LibreOffice
        # cut off the third line of a cell).
        sheet.row_dimensions[row[0].row].height = _LINE_HEIGHT * _lines(row)
    # Printed, the sheet fits the width of a page.
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0


def _lines(row: tuple) -> int:
    """How many lines the row's longest text takes in its column, counting generously
    (a character as wide as a digit, the unit of a column's width)."""
    return max(
        (
            math.ceil(len(str(cell.value)) / (_WIDTHS[cell.column - 1] - 2))
            for cell in row
            if cell.value is not None
        ),
        default=1,
    )


def _append_heading(sheet: Worksheet, cells: list[str]) -> None:
    from openpyxl.styles import Font

    sheet.append(cells)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
