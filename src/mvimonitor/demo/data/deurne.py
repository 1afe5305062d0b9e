"""Gemeente Deurne: a second organisation with a small plan of its own, so the demo
shows that organisations never see each other's data."""

from datetime import date

from mvimonitor.demo.data import DemoAction, DemoOrganisation, DemoPeriod, DemoUser
from mvimonitor.organisations.roles import Role

ADOPTED = "2018-03-01 not_started"

DEURNE = DemoOrganisation(
    name="Gemeente Deurne",
    slug="deurne",
    plan_name="MVI-actieplan Deurne 2018-2021",
    plan_slug="deurne-mvi",
    plan_description="Actieplan maatschappelijk verantwoord opdrachtgeven en inkopen van Deurne.",
    adopted_on=date(2018, 3, 1),
    starts_on=date(2018, 1, 1),
    ends_on=date(2021, 12, 31),
    themes={"social-return": 2, "klimaat": 1},
    periods=(
        DemoPeriod(
            "Aan de slag in 2018",
            (
                DemoAction(
                    title="Social return opnemen in opdrachten vanaf € 200.000",
                    themes=("social-return",),
                    department="Inkoop",
                    owner="@coordinator",
                    result="Opgenomen in het inkoopbeleid van Deurne.",
                    start_date=date(2018, 3, 1),
                    due_date=date(2018, 9, 30),
                    history=(ADOPTED, "2018-03-12 running", "2018-09-18 completed"),
                ),
                DemoAction(
                    title="LED-verlichting op de sportparken",
                    themes=("klimaat",),
                    department="Vastgoed",
                    owner="Hans Verhoeven",
                    start_date=date(2018, 5, 1),
                    due_date=date(2019, 6, 30),
                    history=(ADOPTED, "2018-05-07 running"),
                ),
                DemoAction(
                    title="Schoonmaak van het gemeentehuis duurzaam aanbesteden",
                    department="Facilitaire Zaken",
                    owner="Mieke Janssen",
                    start_date=date(2018, 9, 1),
                    due_date=date(2019, 3, 31),
                    history=(ADOPTED,),
                ),
                DemoAction(
                    title="Circulaire herinrichting van de publiekshal",
                    department="Facilitaire Zaken",
                    owner="Mieke Janssen",
                    start_date=date(2018, 10, 1),
                    due_date=date(2019, 6, 30),
                    history=(ADOPTED, "2018-06-04 postponed: Verbouwing verschoven naar 2019."),
                ),
                DemoAction(
                    title="Training MVI voor budgethouders van Deurne",
                    department="Inkoop",
                    owner="@coordinator",
                    result="Twaalf budgethouders getraind.",
                    start_date=date(2018, 4, 1),
                    due_date=date(2018, 6, 30),
                    history=(ADOPTED, "2018-04-16 running", "2018-06-07 completed"),
                ),
            ),
        ),
        DemoPeriod(
            "Doorlopend",
            (
                DemoAction(
                    title="Lokale ondernemers betrekken bij onderhoudscontracten",
                    department="Inkoop",
                    owner="@coordinator",
                    is_continuous=True,
                    history=("2018-03-01 running",),
                ),
                DemoAction(
                    title="Regionale afstemming social return met Helmond en de Peelgemeenten",
                    themes=("social-return",),
                    department="Sociaal Domein",
                    owner="Hans Verhoeven",
                    is_continuous=True,
                    history=("2018-03-01 running",),
                ),
                DemoAction(
                    title="Energieverbruik van het gemeentehuis bijhouden",
                    themes=("klimaat",),
                    department="Vastgoed",
                    owner="Hans Verhoeven",
                    is_continuous=True,
                    history=(ADOPTED, "2018-08-06 running"),
                ),
            ),
        ),
    ),
    users=(
        DemoUser("coordinator@deurne.demo", "Els Verberne", Role.COORDINATOR, "demo-deurne-2018"),
    ),
)
