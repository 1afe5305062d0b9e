"""Gemeente Helmond and its MVI-actieplan 2017-2020, after the real monitor of
September 2017 (see /work/shared/seed in the project's history and the README).

Figures the history reproduces exactly (status per period on the two monitor dates):

| Period                   | 2017-07-12         | 2017-09-20         |
|--------------------------|--------------------|--------------------|
| Wat doen we al goed?     | 54, 54 completed   | 54, 54 completed   |
| Aan de slag in 2017      | 26, 5 completed    | 27, 7 completed    |
| Aan de slag in 2018-2020 | 25, 0 completed    | 25, 0 completed    |
| Actie doorlopend         | 18, 12 running     | 18, 12 running     |

Both dates are finalised monitors (see `helmond_monitoring.py`), the second with the
seed's attention points, communication moments and next monitor date.
"""

from datetime import date

from mvimonitor.demo.data import DemoOrganisation, DemoPeriod, DemoUser
from mvimonitor.demo.data.helmond_2017 import GET_TO_WORK_2017
from mvimonitor.demo.data.helmond_continuous import CONTINUOUS
from mvimonitor.demo.data.helmond_good import GOOD_PRACTICES
from mvimonitor.demo.data.helmond_later import GET_TO_WORK_2018_2020
from mvimonitor.demo.data.helmond_monitoring import (
    ATTENTION_POINTS,
    COMMUNICATION_MOMENTS,
    MONITORS,
)
from mvimonitor.demo.data.helmond_round import COMMENTS, ROUND
from mvimonitor.organisations.roles import Role

HELMOND = DemoOrganisation(
    name="Gemeente Helmond",
    slug="helmond",
    plan_name="MVI-actieplan 2017-2020",
    plan_slug="helmond-mvi",
    plan_description=(
        "Actieplan bij het Manifest Maatschappelijk Verantwoord Inkopen 2016-2020, met vier "
        "prioriteiten: klimaatneutraal, social return, innovatiegericht en circulair inkopen. "
        "De voortgang wordt elke twee maanden gemonitord."
    ),
    adopted_on=date(2017, 4, 1),
    starts_on=date(2017, 1, 1),
    ends_on=date(2020, 12, 31),
    themes={"klimaat": 2, "social-return": 3, "innovatie": 2, "circulair": 1},
    periods=(
        DemoPeriod("Wat doen we al goed?", GOOD_PRACTICES),
        DemoPeriod("Aan de slag in 2017", GET_TO_WORK_2017),
        DemoPeriod("Aan de slag in 2018-2020", GET_TO_WORK_2018_2020),
        DemoPeriod("Actie doorlopend", CONTINUOUS),
    ),
    users=(
        DemoUser(
            "coordinator@helmond.demo", "Ingrid Coolen", Role.COORDINATOR, "demo-coordinator-2017"
        ),
        DemoUser("editor@helmond.demo", "Bart Hendriks", Role.EDITOR, "demo-editor-2017"),
        DemoUser("owner@helmond.demo", "Kim van den Boomen", Role.OWNER, "demo-owner-2017"),
        DemoUser("viewer@helmond.demo", "Tom Raaijmakers", Role.VIEWER, "demo-viewer-2017"),
        # An outside expert for the plan's test "by five experts" (action 2.11).
        DemoUser(
            "reviewer@helmond.demo",
            "Dr. Anouk Verhoeven (extern)",
            Role.REVIEWER,
            "demo-reviewer-2017",
            expires_on=date(2030, 12, 31),
            # Invited when the test by experts began, before her comments of November.
            member_since=date(2017, 10, 2),
        ),
    ),
    attention_points=ATTENTION_POINTS,
    communication_moments=COMMUNICATION_MOMENTS,
    monitors=MONITORS,
    update_round=ROUND,
    comments=COMMENTS,
)
