"""Helmond's tender register of 2017, its contracts and the plan's targets, after the
seed (the real monitor of September 2017): the strategy for the Groen, Facilitair,
Zwemvoorziening and WMO Hulpmiddelen tenders is prepared in 2017; "Stop and Go"
(technology that helps people with dementia live at home) is awarded in summer 2017 and
signed on 4 October; in Q4 2017 Helmond selects tenders with MVI impact that start in
2018 (the action's result: six). The rest is invented but plausible; CPV codes carry
their real check digits, KvK numbers are invented.

Figures the register gives on the monitor dates (the demo tests check them):

| On                        | 2017-09-20            | 2017-12-31                |
|---------------------------|-----------------------|---------------------------|
| Tenders in the register   | 8 (9 registered, 1 withdrawn) | 11 (12 registered) |
| ... with MVI impact       | 6                     | 9                         |
| With MVI, starting 2018   | 3 (target 5: on track)| 6 (met)                   |
| Share of 2018 starts      | 3 of 5 = 60.0%        | 6 of 8 = 75.0% (met)      |

In the monitor of 2017-09-20 (since 2017-07-12): phase changed: Stop and Go (publication
-> award, 17 July), Accountantsdiensten (publication -> award, 14 August), Kantoorartikelen
(withdrawn, 28 August); planned until 2017-11-20: Verzekeringen (publication 2 October),
Stop and Go (start 1 November), Facilitair (publication 1 November), WMO Hulpmiddelen
(publication 15 November); contracts awarded: Accountantsdiensten (11 September) and
Stop and Go (14 September).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

#: The titles of the seed's actions the tenders serve (demo.data.helmond_2017).
STRATEGY = (
    "Aanbestedingsstrategie gereed van aanbestedingen Groen, Facilitair, Zwemvoorziening en "
    "WMO Hulpmiddelen"
)
STOP_AND_GO = "Gunning aanbesteding Stop and Go (dementerende ouderen ondersteunen met techniek)"
SELECT_FIVE = (
    "In vierde kwartaal minimaal vijf aanbestedingen selecteren met MVI-impact die starten in 2018"
)
GREEN_TRAINING = "Deelname aan opleiding circulair voor aanbesteding groen"


@dataclass(frozen=True)
class DemoAppliedTheme:
    """A theme applied in a tender; `how` names the instruments: suitability, selection,
    requirement, award, contract_clause."""

    theme: str
    how: tuple[str, ...]
    ambition_level: int | None = None
    criteria_ids: str = ""
    note: str = ""


@dataclass(frozen=True)
class DemoSupplier:
    name: str
    kvk_number: str
    city: str


@dataclass(frozen=True)
class DemoContract:
    reference: str
    title: str
    supplier: DemoSupplier
    awarded_value: Decimal
    awarded_on: date
    starts_on: date
    ends_on: date
    lot: str = ""
    extension_options: int = 0
    extension_months: int | None = None


@dataclass(frozen=True)
class DemoTender:
    """A tender registered on `registered_on` in preparation; `phases` are its later
    phase changes "YYYY-MM-DD phase" or "YYYY-MM-DD phase: note", oldest first."""

    reference: str
    title: str
    description: str
    cpv_codes: tuple[str, ...]
    estimated_value: Decimal
    procedure: str
    department: str
    buyer_name: str
    registered_on: date
    planned_publication_on: date | None = None
    planned_start_on: date | None = None
    phases: tuple[str, ...] = ()
    themes: tuple[DemoAppliedTheme, ...] = ()
    actions: tuple[str, ...] = ()  # titles of the plan's actions it serves
    contracts: tuple[DemoContract, ...] = ()


@dataclass(frozen=True)
class DemoTarget:
    title: str
    kpi_kind: str
    target_value: Decimal
    starts_on: date
    deadline: date
    start_year: int | None = None
    note: str = ""


@dataclass(frozen=True)
class DemoRegister:
    tenders: tuple[DemoTender, ...]
    targets: tuple[DemoTarget, ...] = field(default=())


ZORGTECH = DemoSupplier("Zorg & Techniek Peelland B.V.", "17284539", "Helmond")
ACCOUNTANTS = DemoSupplier("Van Lieshout Accountants", "17093812", "Eindhoven")
ICT = DemoSupplier("Brabant ICT Groep B.V.", "16057321", "Veghel")
LIABILITY = DemoSupplier("Kempen Verzekeringen N.V.", "17125604", "Eindhoven")
PROPERTY = DemoSupplier("Gemeentelijk Risicobeheer Zuid B.V.", "20098417", "Den Bosch")

TENDERS = (
    DemoTender(
        reference="HLM-2017-001",
        title="Stop and Go: technologie voor thuiswonende ouderen met dementie",
        description="Innovatiegerichte inkoop van technologie (sensoren, dagstructuur, "
        "alarmering) waarmee ouderen met dementie langer zelfstandig thuis wonen.",
        cpv_codes=("85312000-9", "72000000-5"),
        estimated_value=Decimal("450000.00"),
        procedure="eu_restricted",
        department="Sociaal Domein",
        buyer_name="Sanne Jacobs",
        registered_on=date(2017, 1, 16),
        planned_publication_on=date(2017, 4, 3),
        planned_start_on=date(2017, 11, 1),
        phases=(
            "2017-04-03 publication",
            "2017-07-17 award",
            "2017-10-04 contract: Ondertekend met een persmoment.",
        ),
        themes=(
            DemoAppliedTheme(
                "innovatie",
                ("selection", "award"),
                3,
                note="Marktconsultatie en beoordeling op innovatief vermogen.",
            ),
            DemoAppliedTheme("social-return", ("contract_clause",), 2),
        ),
        actions=(STOP_AND_GO,),
        contracts=(
            DemoContract(
                reference="HLM-C-2017-014",
                title="Stop and Go: technologie voor thuiswonende ouderen met dementie",
                supplier=ZORGTECH,
                awarded_value=Decimal("428500.00"),
                awarded_on=date(2017, 9, 14),
                starts_on=date(2017, 11, 1),
                ends_on=date(2019, 10, 31),
                extension_options=2,
                extension_months=12,
            ),
        ),
    ),
    DemoTender(
        reference="HLM-2017-002",
        title="Accountantsdiensten 2018-2021",
        description="Controle van de jaarrekening en de SiSa-bijlage.",
        cpv_codes=("79210000-9",),
        estimated_value=Decimal("420000.00"),
        procedure="eu_open",
        department="Financiën",
        buyer_name="Ruud Verhoeven",
        registered_on=date(2017, 2, 6),
        planned_publication_on=date(2017, 5, 8),
        planned_start_on=date(2018, 1, 1),
        phases=("2017-05-08 publication", "2017-08-14 award", "2017-10-02 contract"),
        contracts=(
            DemoContract(
                reference="HLM-C-2017-012",
                title="Accountantsdiensten 2018-2021",
                supplier=ACCOUNTANTS,
                awarded_value=Decimal("396000.00"),
                awarded_on=date(2017, 9, 11),
                starts_on=date(2018, 1, 1),
                ends_on=date(2021, 12, 31),
            ),
        ),
    ),
    DemoTender(
        reference="HLM-2017-003",
        title="Verzekeringen gemeente Helmond 2018-2020",
        description="Aansprakelijkheid, opstal en inventaris, in twee percelen.",
        cpv_codes=("66510000-8",),
        estimated_value=Decimal("600000.00"),
        procedure="eu_open",
        department="Financiën",
        buyer_name="Ruud Verhoeven",
        registered_on=date(2017, 3, 1),
        planned_publication_on=date(2017, 10, 2),
        planned_start_on=date(2018, 1, 1),
        phases=("2017-10-02 publication", "2017-11-13 award", "2017-12-18 contract"),
        contracts=(
            DemoContract(
                reference="HLM-C-2017-021",
                title="Verzekeringen 2018-2020",
                lot="Perceel 1: aansprakelijkheid",
                supplier=LIABILITY,
                awarded_value=Decimal("312000.00"),
                awarded_on=date(2017, 12, 1),
                starts_on=date(2018, 1, 1),
                ends_on=date(2020, 12, 31),
                extension_options=1,
                extension_months=24,
            ),
            DemoContract(
                reference="HLM-C-2017-022",
                title="Verzekeringen 2018-2020",
                lot="Perceel 2: opstal en inventaris",
                supplier=PROPERTY,
                awarded_value=Decimal("254000.00"),
                awarded_on=date(2017, 12, 1),
                starts_on=date(2018, 1, 1),
                ends_on=date(2020, 12, 31),
                extension_options=1,
                extension_months=24,
            ),
        ),
    ),
    DemoTender(
        reference="HLM-2017-004",
        title="Groenonderhoud openbare ruimte 2018-2021",
        description="Onderhoud van plantsoenen, bermen en bomen, met circulaire eisen aan "
        "groenafval en materieel, en social return via de sociale werkvoorziening.",
        cpv_codes=("77310000-6", "77314000-4"),
        estimated_value=Decimal("2400000.00"),
        procedure="eu_open",
        department="Openbare Ruimte",
        buyer_name="Kim van den Boomen",
        registered_on=date(2017, 4, 10),
        planned_publication_on=date(2018, 1, 15),
        planned_start_on=date(2018, 4, 1),
        themes=(
            DemoAppliedTheme(
                "circulair",
                ("requirement", "award"),
                2,
                criteria_ids="GR-1, GR-4",
                note="Hergebruik van groenafval als compost in de stad.",
            ),
            DemoAppliedTheme("milieu-biodiversiteit", ("requirement",), 2),
            DemoAppliedTheme("social-return", ("contract_clause",), 3),
        ),
        actions=(STRATEGY, GREEN_TRAINING, SELECT_FIVE),
    ),
    DemoTender(
        reference="HLM-2017-005",
        title="Facilitaire dienstverlening: schoonmaak, catering en beveiliging",
        description="Integrale facilitaire dienstverlening voor het stadhuis en de "
        "gemeentelijke gebouwen.",
        cpv_codes=("79993100-2", "90911200-8", "55520000-1"),
        estimated_value=Decimal("3100000.00"),
        procedure="eu_open",
        department="Facilitaire Zaken",
        buyer_name="Ruud Verhoeven",
        registered_on=date(2017, 4, 10),
        planned_publication_on=date(2017, 11, 1),
        planned_start_on=date(2018, 7, 1),
        phases=("2017-11-06 publication",),
        themes=(
            DemoAppliedTheme("social-return", ("contract_clause",), 3),
            DemoAppliedTheme("klimaat", ("award",), 2, note="Emissievrij vervoer en catering."),
            DemoAppliedTheme("circulair", ("requirement",), 1),
        ),
        actions=(STRATEGY, SELECT_FIVE),
    ),
    DemoTender(
        reference="HLM-2017-006",
        title="Zwemvoorziening De Wissen: ontwerp, bouw en onderhoud",
        description="Een energieneutraal zwembad, ontworpen, gebouwd en twintig jaar "
        "onderhouden door één opdrachtnemer.",
        cpv_codes=("45212212-5",),
        estimated_value=Decimal("14500000.00"),
        procedure="eu_restricted",
        department="Vastgoed",
        buyer_name="Peter Smits",
        registered_on=date(2017, 4, 10),
        planned_publication_on=date(2018, 2, 1),
        planned_start_on=date(2019, 1, 7),
        themes=(
            DemoAppliedTheme("klimaat", ("requirement", "award"), 3, note="Energieneutraal."),
            DemoAppliedTheme("circulair", ("award",), 2),
        ),
        actions=(STRATEGY,),
    ),
    DemoTender(
        reference="HLM-2017-007",
        title="WMO Hulpmiddelen: rolstoelen, scootmobielen en woningaanpassingen",
        description="Levering, onderhoud en hergebruik van hulpmiddelen voor inwoners met "
        "een WMO-indicatie.",
        cpv_codes=("33196200-2",),
        estimated_value=Decimal("1900000.00"),
        procedure="eu_open",
        department="Sociaal Domein",
        buyer_name="Sanne Jacobs",
        registered_on=date(2017, 5, 15),
        planned_publication_on=date(2017, 11, 15),
        planned_start_on=date(2018, 4, 1),
        phases=("2017-11-20 publication",),
        themes=(
            DemoAppliedTheme("circulair", ("requirement",), 2, note="Hergebruik hulpmiddelen."),
            DemoAppliedTheme("social-return", ("contract_clause",), 2),
        ),
        actions=(STRATEGY, SELECT_FIVE),
    ),
    DemoTender(
        reference="HLM-2017-008",
        title="ICT-werkplekken: laptops en monitoren",
        description="Levering en beheer van 900 werkplekken, met internationale sociale "
        "voorwaarden in de keten.",
        cpv_codes=("30213000-5",),
        estimated_value=Decimal("1350000.00"),
        procedure="eu_open",
        department="Informatievoorziening",
        buyer_name="Bart Hendriks",
        registered_on=date(2017, 1, 9),
        planned_publication_on=date(2017, 2, 13),
        planned_start_on=date(2017, 7, 1),
        phases=("2017-02-13 publication", "2017-05-02 award", "2017-06-26 contract"),
        themes=(
            DemoAppliedTheme("isv", ("requirement", "contract_clause"), 2),
            DemoAppliedTheme("circulair", ("award",), 1),
        ),
        contracts=(
            DemoContract(
                reference="HLM-C-2017-007",
                title="ICT-werkplekken 2017-2021",
                supplier=ICT,
                awarded_value=Decimal("1287400.00"),
                awarded_on=date(2017, 6, 12),
                starts_on=date(2017, 7, 1),
                ends_on=date(2021, 6, 30),
                extension_options=1,
                extension_months=12,
            ),
        ),
    ),
    DemoTender(
        reference="HLM-2017-009",
        title="Leerlingenvervoer 2018-2022",
        description="Vervoer van leerlingen naar het speciaal onderwijs, met emissievrije "
        "voertuigen en chauffeurs met een afstand tot de arbeidsmarkt.",
        cpv_codes=("60130000-8",),
        estimated_value=Decimal("2800000.00"),
        procedure="eu_open",
        department="Sociaal Domein",
        buyer_name="Sanne Jacobs",
        registered_on=date(2017, 10, 16),
        planned_publication_on=date(2018, 2, 1),
        planned_start_on=date(2018, 8, 20),
        themes=(
            DemoAppliedTheme("social-return", ("contract_clause",), 3),
            DemoAppliedTheme("klimaat", ("award",), 2),
        ),
        actions=(SELECT_FIVE,),
    ),
    DemoTender(
        reference="HLM-2017-010",
        title="Bedrijfskleding buitendienst",
        description="Werkkleding met eisen aan arbeidsomstandigheden in de keten en "
        "terugname van afgedankte kleding.",
        cpv_codes=("18110000-3",),
        estimated_value=Decimal("180000.00"),
        procedure="national",
        department="Facilitaire Zaken",
        buyer_name="Ruud Verhoeven",
        registered_on=date(2017, 10, 23),
        planned_publication_on=date(2018, 1, 8),
        planned_start_on=date(2018, 4, 1),
        themes=(
            DemoAppliedTheme("isv", ("requirement",), 2),
            DemoAppliedTheme("circulair", ("award",), 2),
        ),
        actions=(SELECT_FIVE,),
    ),
    DemoTender(
        reference="HLM-2017-011",
        title="Openbare verlichting: vervanging door LED",
        description="Vervanging van 6.000 lichtpunten door LED, met terugname van de oude "
        "armaturen.",
        cpv_codes=("34928500-3", "50232100-1"),
        estimated_value=Decimal("950000.00"),
        procedure="eu_open",
        department="Openbare Ruimte",
        buyer_name="Kim van den Boomen",
        registered_on=date(2017, 11, 6),
        planned_publication_on=date(2018, 2, 15),
        planned_start_on=date(2018, 6, 1),
        themes=(
            DemoAppliedTheme("klimaat", ("requirement",), 3),
            DemoAppliedTheme("circulair", ("contract_clause",), 2),
        ),
        actions=(SELECT_FIVE,),
    ),
    DemoTender(
        reference="HLM-2017-012",
        title="Kantoorartikelen en papier",
        description="Levering van kantoorartikelen en papier aan alle afdelingen.",
        cpv_codes=("30192000-1",),
        estimated_value=Decimal("140000.00"),
        procedure="multiple_private",
        department="Facilitaire Zaken",
        buyer_name="Ruud Verhoeven",
        registered_on=date(2017, 2, 20),
        planned_publication_on=date(2017, 4, 18),
        planned_start_on=date(2017, 9, 1),
        phases=(
            "2017-04-18 publication",
            "2017-08-28 withdrawn: Helmond sluit aan bij de regionale inkoopsamenwerking.",
        ),
    ),
)

TARGETS = (
    DemoTarget(
        title="Minimaal vijf aanbestedingen met MVI-impact geselecteerd in Q4 2017 die starten "
        "in 2018",
        kpi_kind="mvi_count",
        target_value=Decimal(5),
        start_year=2018,
        starts_on=date(2017, 10, 1),
        deadline=date(2017, 12, 31),
        note="Uit het actieplan: in het vierde kwartaal minimaal vijf aanbestedingen met "
        "MVI-impact selecteren die starten in 2018.",
    ),
    DemoTarget(
        title="Driekwart van de aanbestedingen die in 2018 starten heeft MVI-impact",
        kpi_kind="mvi_share",
        target_value=Decimal(75),
        start_year=2018,
        starts_on=date(2017, 4, 1),
        deadline=date(2017, 12, 31),
    ),
)

HELMOND_REGISTER = DemoRegister(tenders=TENDERS, targets=TARGETS)

#: The demo organisations with a tender register, by slug.
REGISTERS: dict[str, DemoRegister] = {"helmond": HELMOND_REGISTER}
