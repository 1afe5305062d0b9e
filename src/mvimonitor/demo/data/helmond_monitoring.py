"""Helmond's monitors of 2017 and what they show besides the actions: the attention
points and communication moments of the seed (the real monitor of September 2017).

All six attention points were raised before 2017-09-20 and are open on it; their raising
dates follow the seed's order, so the report lists them as the seed did. Some close later
(after the event, or when the question was answered), as they would in a real plan.
The two realised communication moments lie in July 2017 after the monitor of 12 July,
so that of 20 September counts them as realised; the press moment lies after 20 September
and is therefore in that monitor's planning (it did take place, hence realised now).
"""

from datetime import date

from mvimonitor.demo.data import DemoAttentionPoint, DemoCommunicationMoment, DemoMonitor

EVENT, RISK, QUESTION = "event", "risk", "question"
PLANNED, REALISED = "planned", "realised"

ATTENTION_POINTS = (
    DemoAttentionPoint(
        kind=EVENT,
        text="Interview door RVO met als doel om van Helmond een 'learning history' voor "
        "andere opstellers van actieplannen te maken",
        raised_on=date(2017, 5, 16),
        closed_on=date(2018, 3, 15),
    ),
    DemoAttentionPoint(
        kind=EVENT,
        text="Regionale netwerkbijeenkomst MVI in Helmond",
        date=date(2017, 9, 25),
        raised_on=date(2017, 6, 14),
        closed_on=date(2017, 9, 26),
    ),
    DemoAttentionPoint(
        kind=EVENT,
        text="Uitreiking KoopWijsPrijs op het MVI Congres",
        date=date(2017, 12, 14),
        raised_on=date(2017, 7, 4),
        closed_on=date(2017, 12, 15),
    ),
    DemoAttentionPoint(
        kind=RISK,
        text="Onterecht negatieve publiciteit (houtlobby)",
        raised_on=date(2017, 7, 24),
    ),
    DemoAttentionPoint(
        kind=QUESTION,
        text="Hoe borgen we de interne capaciteit in de organisatie?",
        raised_on=date(2017, 8, 14),
    ),
    DemoAttentionPoint(
        kind=QUESTION,
        text="Daadwerkelijke status Social Return in regio Helmond (hoeveel mensen hebben we "
        "met afstand tot de arbeidsmarkt?)",
        raised_on=date(2017, 9, 4),
        closed_on=date(2018, 2, 8),
    ),
)

COMMUNICATION_MOMENTS = (
    DemoCommunicationMoment(
        date=date(2017, 7, 14),
        text="Artikel actieplan MVI in zomereditie Helmond inside",
        channel="Helmond inside (personeelsblad)",
        state=REALISED,
    ),
    DemoCommunicationMoment(
        date=date(2017, 7, 20),
        text="Delen van presentatie 'Totstandkoming MVI-actieplan gemeente Helmond'",
        channel="Regionaal netwerk MVI en PIANOo",
        state=REALISED,
    ),
    DemoCommunicationMoment(
        date=date(2017, 10, 4),
        text="Persmoment ondertekening Stop en Go",
        channel="Pers",
        state=REALISED,
    ),
)

MONITORS = (
    DemoMonitor(
        date=date(2017, 7, 12),
        summary="Eerste monitor sinds de vaststelling van het actieplan op 1 april 2017. De "
        "goede praktijken zijn geborgd en de eerste acties uit 'Aan de slag in 2017' zijn "
        "voltooid, waaronder de MVI-paragraaf in het standaard aanbestedingsdocument en de "
        "training van de inkopers. De herziening van het inkoopbeleid is uitgesteld tot het "
        "regionale model-inkoopbeleid er is.",
        next_monitor_on=date(2017, 9, 20),
    ),
    DemoMonitor(
        date=date(2017, 9, 20),
        summary="Sinds de vorige monitor zijn twee acties gerealiseerd: het onderzoek naar "
        "deelname aan de Green Deal Circulair Inkopen (Helmond doet in 2017 nog niet mee) en "
        "de gunning van de aanbesteding Stop and Go. Nieuw in het plan is de opleiding "
        "circulair inkopen voor de aanbesteding groen. De komende twee maanden staan in het "
        "teken van de aanbestedingsstrategieën voor 2018, het inbedden van MVI in het "
        "inkoopbeleid en de toets van het actieplan door vijf experts.",
        next_monitor_on=date(2017, 11, 22),
    ),
)
