"""Helmond, period "Aan de slag in 2017": 26 actions from the adopted plan plus one new
action (added on 2017-08-28).

The seed's figures: 5 completed on 2017-07-12, 7 on 2017-09-20, the difference being
the two "gerealiseerde acties" completed between the monitors. The six planned actions
of the seed ("Geplande acties") and the new one have their dates in the two months after
2017-09-20 and are not completed on that date; no other action still open on 2017-09-20
has a start or due date in that window."""

from datetime import date

from mvimonitor.demo.data import DemoAction

CLIMATE = ("klimaat",)
SOCIAL = ("social-return",)
INNOVATION = ("innovatie",)
CIRCULAR = ("circulair",)

#: Completed between the monitors of 2017-07-12 and 2017-09-20.
REALISED = (
    DemoAction(
        title="Onderzoeken deelname aan Green deal Circulair inkopen",
        themes=CIRCULAR,
        department="Inkoop",
        owner="@owner",
        description="Nagaan wat deelname aan de Green Deal Circulair Inkopen vraagt en oplevert.",
        result="In 2017 (nog) niet deelnemen",
        start_date=date(2017, 5, 15),
        due_date=date(2017, 9, 1),
        history=("2017-04-01 not_started", "2017-05-15 running", "2017-08-24 completed"),
    ),
    DemoAction(
        title="Gunning aanbesteding Stop and Go (dementerende ouderen ondersteunen met techniek)",
        themes=INNOVATION,
        department="Sociaal Domein",
        owner="Sanne Jacobs",
        description="Innovatiegerichte inkoop van technologie waarmee thuiswonende ouderen met "
        "dementie langer zelfstandig blijven.",
        result="Opdracht gegund; de ondertekening volgt met een persmoment op 4 oktober 2017.",
        start_date=date(2017, 1, 16),
        due_date=date(2017, 9, 15),
        history=("2017-04-01 running", "2017-09-14 completed"),
    ),
)

#: The seed's "Geplande acties (komende twee maanden)", the new action included.
PLANNED = (
    DemoAction(
        title="MVI verder integreren in: inkoop- en aanbestedingsbeleid, protocol, proceshandboek",
        department="Inkoop",
        owner="@coordinator",
        description="MVI een vaste plek geven in het inkoopbeleid, het aanbestedingsprotocol en "
        "het proceshandboek.",
        result="Het college heeft het herziene inkoop- en aanbestedingsbeleid vastgesteld.",
        start_date=date(2017, 10, 2),
        due_date=date(2017, 11, 20),
        history=(
            "2017-04-01 not_started",
            "2017-06-26 postponed: Wachten op het regionale model-inkoopbeleid.",
            "2017-10-02 running",
            "2018-01-23 completed",
        ),
    ),
    DemoAction(
        title="Aanbestedingsstrategie gereed van aanbestedingen Groen, Facilitair, "
        "Zwemvoorziening en WMO Hulpmiddelen",
        themes=CIRCULAR + SOCIAL,
        department="Inkoop",
        owner="@owner",
        description="Voor vier grote aanbestedingen van 2018 de strategie vastleggen, met de "
        "MVI-kansen per aanbesteding.",
        result="Vier strategieën vastgesteld, elk met circulaire eisen en social return.",
        start_date=date(2017, 9, 20),
        due_date=date(2017, 11, 15),
        history=("2017-04-01 not_started", "2017-09-20 running", "2017-11-14 completed"),
    ),
    DemoAction(
        title="Onderzoeken hoe kennis te delen en vervolgens kennis te delen",
        department="Communicatie",
        owner="Peter Smits",
        description="Ervaringen met het actieplan delen met andere gemeenten, onder meer op de "
        "regionale netwerkbijeenkomst MVI.",
        result="Presentaties op de netwerkbijeenkomst en het MVI Congres; leergeschiedenis met "
        "RVO.",
        start_date=date(2017, 9, 25),
        due_date=date(2017, 11, 20),
        history=("2017-04-01 not_started", "2017-09-25 running", "2018-03-15 completed"),
    ),
    DemoAction(
        title="Toetsen actieplan MVI bij vijf experts (actieve feedback)",
        department="Inkoop",
        owner="@coordinator",
        description="Vijf deskundigen van buiten de organisatie geven actief feedback op het "
        "actieplan.",
        result="Feedback van vijf experts verwerkt in de actualisatie van het actieplan.",
        start_date=date(2017, 10, 2),
        due_date=date(2017, 11, 10),
        history=("2017-04-01 not_started", "2017-10-02 running", "2017-11-10 completed"),
    ),
    DemoAction(
        title="In vierde kwartaal minimaal vijf aanbestedingen selecteren met MVI-impact die "
        "starten in 2018",
        department="Inkoop",
        owner="@owner",
        description="Uit de aanbestedingskalender 2018 de aanbestedingen kiezen waar MVI het "
        "meeste effect heeft.",
        result="Zes aanbestedingen geselecteerd, waaronder groenonderhoud en facilitaire diensten.",
        start_date=date(2017, 10, 2),
        due_date=date(2017, 11, 20),
        history=("2017-04-01 not_started", "2017-10-09 running", "2017-12-12 completed"),
    ),
    DemoAction(
        title="Opstellen inkooppakketplannen met onderdeel MVI",
        department="Inkoop",
        owner="Ruud Verhoeven",
        description="Per inkooppakket een plan met de MVI-ambitie en de aanpak per contract.",
        result="Inkooppakketplannen voor alle twaalf pakketten, elk met een MVI-paragraaf.",
        start_date=date(2017, 10, 16),
        due_date=date(2017, 11, 20),
        history=(
            "2017-04-01 not_started",
            "2017-10-16 running",
            "2018-01-15 postponed: Capaciteit ingezet op de aanbesteding facilitair.",
            "2018-03-01 running",
            "2018-06-28 completed",
        ),
    ),
)

NEW_ACTION = DemoAction(
    title="Deelname aan opleiding circulair voor aanbesteding groen",
    themes=CIRCULAR,
    department="Openbare Ruimte",
    owner="@owner",
    description="Inkopers en beheerders volgen een opleiding circulair inkopen ter voorbereiding "
    "op de aanbesteding groenonderhoud.",
    result="Vier medewerkers hebben de opleiding afgerond.",
    start_date=date(2017, 8, 28),
    due_date=date(2017, 11, 16),
    added_on=date(2017, 8, 28),
    history=("2017-08-28 running", "2017-11-16 completed"),
)

#: Completed before the monitor of 2017-07-12.
EARLY = (
    DemoAction(
        title="Presentatie van het actieplan MVI aan de gemeenteraad",
        department="Inkoop",
        owner="@coordinator",
        description="De raad informeren over de ambities en de aanpak van het actieplan.",
        result="Presentatie gegeven in de informatieavond van 18 mei 2017.",
        start_date=date(2017, 4, 10),
        due_date=date(2017, 5, 31),
        history=("2017-04-01 not_started", "2017-04-10 running", "2017-05-18 completed"),
    ),
    DemoAction(
        title="Medewerkers informeren over het actieplan MVI via intranet en Helmond inside",
        department="Communicatie",
        owner="Peter Smits",
        description="Alle collega's weten wat MVI is en wat het actieplan van hen vraagt.",
        result="Artikel over het actieplan in de zomereditie van Helmond inside en op intranet.",
        start_date=date(2017, 5, 1),
        due_date=date(2017, 7, 7),
        history=("2017-04-01 not_started", "2017-05-01 running", "2017-07-05 completed"),
    ),
    DemoAction(
        title="Presentatie 'Totstandkoming MVI-actieplan gemeente Helmond' delen met andere "
        "gemeenten",
        department="Communicatie",
        owner="@coordinator",
        description="Andere opstellers van actieplannen laten zien hoe Helmond het plan maakte.",
        result="Presentatie gedeeld via PIANOo en het regionale netwerk.",
        start_date=date(2017, 6, 1),
        due_date=date(2017, 6, 30),
        history=("2017-04-01 not_started", "2017-06-01 running", "2017-06-29 completed"),
    ),
    DemoAction(
        title="MVI-paragraaf opnemen in het standaard aanbestedingsdocument",
        department="Inkoop",
        owner="@owner",
        description="Elk aanbestedingsdocument vraagt de inkoper de MVI-keuzes te verantwoorden.",
        result="Het standaarddocument heeft sinds 15 juni 2017 een verplichte MVI-paragraaf.",
        start_date=date(2017, 4, 3),
        due_date=date(2017, 6, 30),
        history=("2017-04-01 running", "2017-06-15 completed"),
    ),
    DemoAction(
        title="Inkopers trainen in het gebruik van de MVI-criteriatool van PIANOo",
        department="Inkoop",
        owner="Ruud Verhoeven",
        description="Alle inkopers kunnen de criteria per productgroep en ambitieniveau vinden en "
        "toepassen.",
        result="Negen inkopers en contractmanagers getraind op 22 juni 2017.",
        start_date=date(2017, 5, 15),
        due_date=date(2017, 6, 30),
        history=("2017-04-01 not_started", "2017-05-15 running", "2017-06-22 completed"),
    ),
)

#: Open on 2017-09-20; their dates lie outside the two months after that monitor.
OPEN = (
    DemoAction(
        title="Duurzame bedrijfskleding voor de buitendienst aanbesteden",
        themes=CIRCULAR,
        department="Facilitaire Zaken",
        owner="Anouk van Bree",
        description="Bedrijfskleding van gerecyclede vezels, met terugname aan het eind van de "
        "levensduur.",
        result="Contract gegund; 60% gerecyclede vezels en een terugnamegarantie.",
        start_date=date(2017, 5, 1),
        due_date=date(2017, 12, 15),
        history=("2017-04-01 not_started", "2017-05-01 running", "2017-12-14 completed"),
    ),
    DemoAction(
        title="Social return-afspraken in lopende contracten monitoren",
        themes=SOCIAL,
        department="Sociaal Domein",
        owner="Sanne Jacobs",
        description="Per contract nagaan of de afgesproken social return wordt gerealiseerd.",
        result="Overzicht van 23 contracten; bij drie contracten zijn herstelafspraken gemaakt.",
        start_date=date(2017, 4, 1),
        due_date=date(2017, 12, 31),
        history=("2017-04-01 running", "2018-02-08 completed"),
    ),
    DemoAction(
        title="Nulmeting CO2-uitstoot van de gemeentelijke organisatie",
        themes=CLIMATE,
        department="Vastgoed",
        owner="Joost van Gerwen",
        description="De CO2-uitstoot van gebouwen, wagenpark en dienstreizen in kaart brengen.",
        result="Nulmeting 2016: 4.850 ton CO2, waarvan 70% door gebouwen.",
        start_date=date(2017, 6, 1),
        due_date=date(2017, 12, 31),
        history=("2017-04-01 not_started", "2017-06-01 running", "2018-01-30 completed"),
    ),
    DemoAction(
        title="Circulair meubilair als eis in de aanbesteding kantoorinrichting",
        themes=CIRCULAR,
        department="Facilitaire Zaken",
        owner="Anouk van Bree",
        description="Bij de nieuwe inrichting van het Stadskantoor hergebruikt en circulair "
        "meubilair vragen.",
        result="Het contract levert 70% gereviseerd meubilair met terugnamegarantie.",
        start_date=date(2017, 6, 1),
        due_date=date(2017, 12, 31),
        history=(
            "2017-04-01 not_started",
            "2017-06-30 postponed: De verbouwing van het Stadskantoor schuift naar 2018.",
            "2018-04-03 running",
            "2018-11-20 completed",
        ),
    ),
    DemoAction(
        title="CO2-prestatieladder als gunningscriterium bij de aanbesteding van GWW-werken",
        themes=CLIMATE,
        department="Openbare Ruimte",
        owner="Marcel Swinkels",
        description="Aannemers met een hogere trede op de CO2-prestatieladder krijgen een "
        "fictieve korting.",
        result="Toegepast bij het onderhoudsbestek wegen 2018-2021.",
        start_date=date(2017, 5, 22),
        due_date=date(2017, 12, 1),
        history=("2017-04-01 not_started", "2017-05-22 running", "2017-11-28 completed"),
    ),
    DemoAction(
        title="Internationale sociale voorwaarden (ISV) in de aanbesteding ICT-hardware",
        department="ICT",
        owner="Linda Manders",
        description="Leveranciers van laptops en telefoons laten zien hoe zij misstanden in de "
        "keten aanpakken.",
        result="ISV als contractbepaling opgenomen; de leverancier is lid van een "
        "ketenorganisatie.",
        start_date=date(2017, 6, 12),
        due_date=date(2017, 12, 22),
        history=("2017-04-01 not_started", "2017-06-12 running", "2017-12-20 completed"),
    ),
    DemoAction(
        title="Elektrische dienstauto's bij de vervanging van het wagenpark",
        themes=CLIMATE,
        department="Facilitaire Zaken",
        owner="Anouk van Bree",
        description="Bij vervanging kiezen voor elektrische auto's, tenzij het gebruik dat "
        "uitsluit.",
        result="Elf van de veertien dienstauto's zijn vervangen door elektrische auto's.",
        start_date=date(2017, 6, 1),
        due_date=date(2017, 12, 31),
        history=(
            "2017-04-01 not_started",
            "2017-07-03 postponed: Het leasecontract loopt door tot februari 2018.",
            "2018-02-01 running",
            "2018-09-27 completed",
        ),
    ),
    DemoAction(
        title="Handreiking MKB-vriendelijk aanbesteden voor budgethouders",
        department="Inkoop",
        owner="@owner",
        description="Een korte handreiking over percelen, proportionele eisen en lokale "
        "ondernemers.",
        result="Handreiking verspreid onder alle budgethouders.",
        start_date=date(2017, 4, 1),
        due_date=date(2017, 12, 8),
        history=("2017-04-01 running", "2017-12-05 completed"),
    ),
    DemoAction(
        title="Social return in bouwprojecten: 5% van de aanneemsom",
        themes=SOCIAL,
        department="Vastgoed",
        owner="Joost van Gerwen",
        description="In elk bouwcontract de social return-verplichting vastleggen en bewaken.",
        result="Toegepast bij vier bouwprojecten; 17 mensen aan het werk geholpen.",
        start_date=date(2017, 4, 24),
        due_date=date(2017, 12, 31),
        history=("2017-04-01 not_started", "2017-04-24 running", "2018-05-17 completed"),
    ),
    DemoAction(
        title="Marktdialoog circulair bouwen voor de renovatie van een sporthal",
        themes=CIRCULAR,
        department="Vastgoed",
        owner="Joost van Gerwen",
        description="Met bouwbedrijven verkennen hoe een sporthal circulair kan worden "
        "gerenoveerd.",
        due_date=date(2017, 12, 31),
        history=(
            "2017-04-01 not_started",
            "2018-03-12 cancelled: De renovatie is uit de begroting geschrapt.",
        ),
    ),
    DemoAction(
        title="Pilot Buy Social: inkopen bij sociale ondernemingen",
        themes=SOCIAL,
        department="Inkoop",
        owner="@owner",
        description="Kleine opdrachten gunnen aan sociale ondernemingen uit de regio.",
        result="Voor € 85.000 ingekocht bij zeven sociale ondernemingen.",
        start_date=date(2017, 5, 8),
        due_date=date(2017, 12, 31),
        history=("2017-04-01 not_started", "2017-05-08 running", "2018-01-16 completed"),
    ),
    DemoAction(
        title="Duurzame catering met biologische en seizoensproducten",
        themes=CLIMATE,
        department="Facilitaire Zaken",
        owner="Anouk van Bree",
        description="Minder vlees, meer seizoensproducten en minder verspilling in het "
        "bedrijfsrestaurant.",
        result="Het nieuwe cateringcontract vraagt 50% biologische en seizoensproducten.",
        start_date=date(2017, 12, 1),
        due_date=date(2017, 12, 31),
        history=("2017-04-01 not_started", "2017-12-04 running", "2018-04-12 completed"),
    ),
    DemoAction(
        title="Innovatiepartnerschap voor slimme openbare verlichting verkennen",
        themes=INNOVATION,
        department="Openbare Ruimte",
        owner="Marcel Swinkels",
        description="Nagaan of een innovatiepartnerschap past voor verlichting die dimt op "
        "aanwezigheid.",
        result="Innovatiepartnerschap aangegaan met twee leveranciers; pilot in Brandevoort.",
        start_date=date(2017, 6, 6),
        due_date=date(2017, 12, 31),
        history=(
            "2017-04-01 not_started",
            "2017-06-06 running",
            "2018-02-20 postponed: Eerst de uitkomst van de regionale verkenning afwachten.",
            "2018-09-03 running",
            "2019-06-13 completed",
        ),
    ),
)

GET_TO_WORK_2017: tuple[DemoAction, ...] = (*EARLY, *REALISED, *PLANNED, *OPEN, NEW_ACTION)
