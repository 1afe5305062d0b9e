"""The columns of the tender and contract sheets: the Dutch header the export writes
and the headers an import recognises (Dutch and English). Headers are file content, the
same in every language of the UI."""

from enum import StrEnum

from mvimonitor.exchange.columns import Column


class TenderField(StrEnum):
    REFERENCE = "reference"
    TITLE = "title"
    DESCRIPTION = "description"
    CPV_CODES = "cpv_codes"
    ESTIMATED_VALUE = "estimated_value"
    PROCEDURE = "procedure"
    PLANNED_PUBLICATION = "planned_publication_on"
    PLANNED_START = "planned_start_on"
    PHASE = "phase"
    PHASE_SINCE = "phase_since"
    BUYER = "buyer"
    DEPARTMENT = "department"
    REGISTERED_ON = "registered_on"
    THEMES = "themes"
    ACTIONS = "actions"
    NOTE = "note"


class ContractField(StrEnum):
    REFERENCE = "reference"
    TENDER = "tender"
    LOT = "lot"
    TITLE = "title"
    SUPPLIER = "supplier"
    KVK = "kvk_number"
    CITY = "city"
    AWARDED_VALUE = "awarded_value"
    AWARDED_ON = "awarded_on"
    STARTS_ON = "starts_on"
    ENDS_ON = "ends_on"
    EXTENSION_OPTIONS = "extension_options"
    EXTENSION_MONTHS = "extension_months"


T, C = TenderField, ContractField

TENDER_COLUMNS: tuple[Column[TenderField], ...] = (
    Column(T.REFERENCE, "Kenmerk", ("Reference", "Referentie")),
    Column(T.TITLE, "Titel", ("Title",)),
    Column(T.DESCRIPTION, "Omschrijving", ("Description", "Beschrijving")),
    Column(T.CPV_CODES, "CPV-codes", ("CPV codes", "CPV-code", "CPV")),
    Column(T.ESTIMATED_VALUE, "Geraamde waarde", ("Estimated value", "Geschatte waarde")),
    Column(T.PROCEDURE, "Procedure", ()),
    Column(T.PLANNED_PUBLICATION, "Geplande publicatie", ("Planned publication",)),
    Column(T.PLANNED_START, "Geplande start", ("Planned start", "Planned contract start")),
    Column(T.PHASE, "Fase", ("Phase",)),
    Column(T.PHASE_SINCE, "Fase sinds", ("Phase since",)),
    Column(T.BUYER, "Inkoper", ("Buyer",)),
    Column(T.DEPARTMENT, "Afdeling", ("Department",)),
    Column(T.REGISTERED_ON, "Geregistreerd op", ("Registered on",)),
    Column(T.THEMES, "MVI-thema's", ("MVI themes", "MVI-thema\u2019s", "MVI-themas", "Thema's")),
    Column(T.ACTIONS, "Acties", ("Actions",)),
    # Only read: the note of a phase change made by the import (withdrawing and going
    # back a phase need one).
    Column(T.NOTE, "Toelichting", ("Note",), exported=False),
)
TENDER_REQUIRED = (T.REFERENCE, T.TITLE)

CONTRACT_COLUMNS: tuple[Column[ContractField], ...] = (
    Column(C.REFERENCE, "Kenmerk", ("Reference", "Referentie")),
    Column(C.TENDER, "Aanbesteding", ("Tender", "Kenmerk aanbesteding")),
    Column(C.LOT, "Perceel", ("Lot",)),
    Column(C.TITLE, "Titel", ("Title",)),
    Column(C.SUPPLIER, "Opdrachtnemer", ("Supplier", "Leverancier")),
    Column(C.KVK, "KvK-nummer", ("KvK number", "KvK")),
    Column(C.CITY, "Plaats", ("City", "Vestigingsplaats")),
    Column(C.AWARDED_VALUE, "Gunningswaarde", ("Awarded value", "Opdrachtwaarde")),
    Column(C.AWARDED_ON, "Gegund op", ("Awarded on", "Gunningsdatum")),
    Column(C.STARTS_ON, "Startdatum", ("Starts on", "Start date", "Ingangsdatum")),
    Column(C.ENDS_ON, "Einddatum", ("Ends on", "End date")),
    Column(C.EXTENSION_OPTIONS, "Verlengingsopties", ("Extension options", "Options to extend")),
    Column(C.EXTENSION_MONTHS, "Maanden per verlenging", ("Months per extension",)),
)
CONTRACT_REQUIRED = (C.REFERENCE, C.TITLE, C.SUPPLIER, C.AWARDED_ON, C.STARTS_ON, C.ENDS_ON)


def exported(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    return tuple(column for column in columns if column.exported)


def hint(columns: tuple[Column, ...], required: tuple[StrEnum, ...]) -> str:
    """The required headers, for the message about an empty header row."""
    return ", ".join(c.header for c in columns if c.field in required) + ", ..."
