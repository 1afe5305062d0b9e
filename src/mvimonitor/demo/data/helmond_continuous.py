"""Helmond, period "Actie doorlopend": 18 continuous actions (no due date), 12 of them
running since the plan was adopted; the other six start later (one is postponed
first, one is cancelled in 2019)."""

from datetime import date

from mvimonitor.demo.data import DemoAction

CLIMATE = ("klimaat",)
SOCIAL = ("social-return",)
INNOVATION = ("innovatie",)
CIRCULAR = ("circulair",)
ADOPTED = date(2017, 4, 1)
RUNNING = "2017-04-01 running"
NOT_STARTED = "2017-04-01 not_started"


def _continuous(
    title: str,
    themes: tuple[str, ...],
    department: str,
    owner: str,
    description: str,
    *history: str,
    start_date: date | None = ADOPTED,
) -> DemoAction:
    return DemoAction(
        title=title,
        themes=themes,
        department=department,
        owner=owner,
        description=description,
        history=history,
        start_date=start_date,
        is_continuous=True,
    )


CONTINUOUS: tuple[DemoAction, ...] = (
    _continuous(
        "MVI-toets bij elke aanbesteding boven de Europese drempel",
        (),
        "Inkoop",
        "@owner",
        "Elke Europese aanbesteding wordt vooraf getoetst op kansen voor MVI.",
        RUNNING,
    ),
    _continuous(
        "Social return per contract monitoren en rapporteren",
        SOCIAL,
        "Sociaal Domein",
        "Sanne Jacobs",
        "De realisatie van social return bijhouden en twee keer per jaar rapporteren.",
        RUNNING,
    ),
    _continuous(
        "Deelnemen aan het regionale MVI-netwerk Zuidoost-Brabant",
        (),
        "Inkoop",
        "@coordinator",
        "Ervaringen uitwisselen met inkopers van gemeenten in de regio.",
        RUNNING,
    ),
    _continuous(
        "MVI-criteria van PIANOo toepassen op ambitieniveau significant",
        CLIMATE,
        "Inkoop",
        "Ruud Verhoeven",
        "Waar criteria bestaan, kiezen we minimaal het significante niveau.",
        RUNNING,
    ),
    _continuous(
        "Leveranciers uitdagen met innovatieve oplossingen in marktconsultaties",
        INNOVATION,
        "Inkoop",
        "@owner",
        "In marktconsultaties vragen we naar nieuwe, duurzamere oplossingen.",
        RUNNING,
    ),
    _continuous(
        "Energieverbruik van gemeentelijke gebouwen monitoren",
        CLIMATE,
        "Vastgoed",
        "Joost van Gerwen",
        "Slimme meters en een maandelijkse rapportage per gebouw.",
        RUNNING,
    ),
    _continuous(
        "Afval scheiden en hergebruiken bij gemeentelijke evenementen",
        CIRCULAR,
        "Communicatie",
        "Peter Smits",
        "Herbruikbare bekers en gescheiden afval bij alle evenementen van de gemeente.",
        RUNNING,
        "2019-05-06 postponed: Nieuwe evenementenvergunning eerst afwachten.",
        "2019-08-19 running",
    ),
    _continuous(
        "MVI-successen delen via website en sociale media",
        (),
        "Communicatie",
        "Peter Smits",
        "Resultaten van het actieplan zichtbaar maken voor inwoners en ondernemers.",
        RUNNING,
    ),
    _continuous(
        "Ondernemers informeren over social return via het Ondernemersloket",
        SOCIAL,
        "Communicatie",
        "@editor",
        "Ondernemers weten wat social return van hen vraagt en waar ze kandidaten vinden.",
        RUNNING,
    ),
    _continuous(
        "Naleving van MVI-afspraken afstemmen met contractmanagers",
        (),
        "Inkoop",
        "@owner",
        "Inkoop en contractmanagers bespreken elk kwartaal de naleving van MVI-afspraken.",
        RUNNING,
    ),
    _continuous(
        "Vrijkomende materialen in de openbare ruimte hergebruiken",
        CIRCULAR,
        "Openbare Ruimte",
        "Marcel Swinkels",
        "Bomen, bestrating en straatmeubilair krijgen waar mogelijk een tweede leven.",
        RUNNING,
    ),
    _continuous(
        "Inkoopadviseurs bijscholen in MVI",
        (),
        "Inkoop",
        "@coordinator",
        "Elke inkoopadviseur volgt jaarlijks minstens één training over MVI.",
        RUNNING,
    ),
    _continuous(
        "CO2-voetafdruk van de inkoop jaarlijks berekenen",
        CLIMATE,
        "Inkoop",
        "@editor",
        "Met de inkoopdata een jaarlijkse schatting maken van de CO2-uitstoot in de keten.",
        NOT_STARTED,
        "2018-03-12 running",
        start_date=date(2018, 3, 12),
    ),
    _continuous(
        "Duurzame mobiliteit van medewerkers stimuleren",
        CLIMATE,
        "Facilitaire Zaken",
        "Anouk van Bree",
        "Fietsen, OV en thuiswerken aantrekkelijker maken dan de auto.",
        NOT_STARTED,
        "2018-01-08 running",
        start_date=date(2018, 1, 8),
    ),
    _continuous(
        "Circulaire economie agenderen in de regionale inkoopsamenwerking",
        CIRCULAR,
        "Inkoop",
        "@coordinator",
        "Bij gezamenlijke aanbestedingen in de regio circulaire eisen voorstellen.",
        NOT_STARTED,
        "2017-06-12 postponed: Eerst de uitkomst van de Green Deal-verkenning afwachten.",
        "2018-09-10 running",
        start_date=None,
    ),
    _continuous(
        "Leerwerkplekken in de eigen organisatie voor social return",
        SOCIAL,
        "Sociaal Domein",
        "Sanne Jacobs",
        "De gemeente geeft zelf het goede voorbeeld met leerwerkplekken.",
        NOT_STARTED,
        "2018-02-05 running",
        start_date=date(2018, 2, 5),
    ),
    _continuous(
        "Budget voor pilots met start-ups",
        INNOVATION,
        "ICT",
        "Linda Manders",
        "Een klein budget waarmee afdelingen innovaties van start-ups kunnen uitproberen.",
        NOT_STARTED,
        "2019-01-21 cancelled: Geen budget in de begroting 2019.",
        start_date=None,
    ),
    _continuous(
        "Maatschappelijke effecten van contracten meten",
        SOCIAL,
        "Inkoop",
        "@owner",
        "Per contract de maatschappelijke opbrengst meten, naast de social return.",
        NOT_STARTED,
        "2019-04-01 running",
        start_date=date(2019, 4, 1),
    ),
)
