"""Helmond's update round before the monitor of 22 November 2017 (a draft, the "next
monitor" of 20 September), and the outside reviewer's comments on the plan.

The round opened on 25 October 2017 with its deadline on 15 November. It asks about
every action not completed or cancelled on 25 October (63). Kim van den Boomen (the demo
owner) updated two and confirmed four and left the rest open, so "Mijn acties" has work
for her; the coordinator answered for her own actions, the editor for colleagues without
an account who answered by phone. The other owners did not answer. Updates are progress
notes only: the actions' status histories are those of `helmond_*.py`.
"""

from datetime import date

from mvimonitor.demo.data import DemoAnswer, DemoComment, DemoRound

UPDATED = "updated"
CONFIRMED = "confirmed"

ROUND = DemoRound(
    monitor_date=date(2017, 11, 22),
    opened_on=date(2017, 10, 25),
    deadline=date(2017, 11, 15),
    message="Graag vóór 15 november je acties bijwerken of bevestigen dat er niets is "
    "veranderd. De monitor van 22 november gaat daarna naar het MT.",
    # The day after the deadline: what was not answered by then is the round's result.
    closed_on=date(2017, 11, 16),
    answers=(
        DemoAnswer(
            "2.09",
            UPDATED,
            "@owner",
            date(2017, 10, 30),
            "Strategieën voor groenonderhoud en facilitair zijn klaar; in december naar het MT.",
        ),
        DemoAnswer(
            "2.12",
            UPDATED,
            "@owner",
            date(2017, 11, 2),
            "Vijf aanbestedingen voor 2018 geselecteerd, besluit volgt in december.",
        ),
        DemoAnswer("2.21", CONFIRMED, "@owner", date(2017, 10, 30)),
        DemoAnswer("2.24", CONFIRMED, "@owner", date(2017, 10, 30)),
        DemoAnswer("4.01", CONFIRMED, "@owner", date(2017, 11, 2)),
        DemoAnswer("4.05", CONFIRMED, "@owner", date(2017, 11, 2)),
        DemoAnswer(
            "2.11",
            UPDATED,
            "@coordinator",
            date(2017, 11, 6),
            "Vier van de vijf experts hebben gereageerd; het laatste gesprek is op 28 november.",
        ),
        DemoAnswer(
            "4.12",
            UPDATED,
            "@coordinator",
            date(2017, 11, 10),
            "Tweede bijeenkomst op 9 november gegeven aan zes inkoopadviseurs.",
        ),
        DemoAnswer("2.08", CONFIRMED, "@coordinator", date(2017, 11, 6)),
        DemoAnswer("4.03", CONFIRMED, "@coordinator", date(2017, 11, 6)),
        DemoAnswer(
            "2.14",
            UPDATED,
            "@editor",
            date(2017, 11, 14),
            "Volgens Anouk van Bree (telefonisch): marktconsultatie gehouden, publicatie in "
            "januari.",
        ),
        DemoAnswer("2.13", CONFIRMED, "@editor", date(2017, 11, 14)),
        DemoAnswer("2.16", CONFIRMED, "@editor", date(2017, 11, 15)),
        DemoAnswer("4.09", CONFIRMED, "@editor", date(2017, 11, 15)),
    ),
)

COMMENTS = (
    DemoComment(
        "2.12",
        "@reviewer",
        "Vijf aanbestedingen is een goed begin. Leg per aanbesteding vast welk MVI-thema "
        "voorop staat, anders is achteraf niet te zien wat het heeft opgeleverd.",
        date(2017, 11, 8),
        reply="Goed punt: de thema's staan nu per aanbesteding in het register.",
        replied_on=date(2017, 11, 13),
        resolved_on=date(2017, 11, 13),
    ),
    DemoComment(
        "",
        "@reviewer",
        "Het plan noemt veel acties 'doorlopend'. Overweeg per doorlopende actie een "
        "meetbaar doel voor 2018, zodat de monitor meer laat zien dan 'loopt'.",
        date(2017, 11, 20),
    ),
)
