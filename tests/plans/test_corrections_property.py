"""Random valid histories and random corrections: the service accepts exactly those that
keep the history a chain, as a simple checker written here judges them, and after any
it accepts the action's stored status is its status today."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.core.exceptions import ValidationError
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from mvimonitor.organisations.models import Organisation
from mvimonitor.plans import services
from mvimonitor.plans.models import Action, ActionPlan, Period, StatusChange
from mvimonitor.plans.selectors import status_on
from mvimonitor.plans.workflow import Status

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ADDED = date(2017, 4, 1)
TODAY = date(2017, 9, 20)
RECORDED = datetime(2017, 9, 1, 9, tzinfo=AMSTERDAM)

#: Which status may follow which, written out again (not read from plans.workflow), so
#: that the checker does not share the code it checks.
MAY_FOLLOW = {
    "not_started": {"running", "postponed", "cancelled", "completed"},
    "running": {"completed", "postponed", "cancelled"},
    "postponed": {"running", "not_started", "cancelled"},
    "completed": {"running"},
    "cancelled": {"not_started"},
}
STATUSES = sorted(MAY_FOLLOW)


@dataclass
class Row:
    effective_on: date
    recorded_minute: int  # several rows recorded at once share it: the id decides
    from_status: str | None
    to_status: str


@st.composite
def histories(draw: st.DrawFn) -> list[Row]:
    """A valid chain: a random walk through the workflow on dates that never go back,
    recorded in order, often several on one day or at one moment."""
    length = draw(st.integers(1, 5))
    offsets = sorted(
        draw(
            st.lists(st.sampled_from([0, 0, 1, 30, 31, 90, 172]), min_size=length, max_size=length)
        )
    )
    minutes = sorted(draw(st.lists(st.integers(0, 2), min_size=length, max_size=length)))
    rows: list[Row] = []
    before: str | None = None
    for offset, minute in zip(offsets, minutes, strict=True):
        choices = STATUSES if before is None else sorted(MAY_FOLLOW[before])
        status = draw(st.sampled_from(choices))
        rows.append(Row(ADDED + timedelta(offset), minute, before, status))
        before = status
    return rows


@dataclass(frozen=True)
class Correction:
    index: int
    effective_on: date
    to_status: str


@st.composite
def corrections(draw: st.DrawFn, rows: list[Row]) -> Correction:
    index = draw(st.integers(0, len(rows) - 1))
    near = st.sampled_from([rows[i].effective_on for i in range(len(rows))])
    anywhere = st.integers(-3, (TODAY - ADDED).days + 3).map(lambda n: ADDED + timedelta(n))
    shift = st.integers(-1, 1).flatmap(lambda n: near.map(lambda d: d + timedelta(n)))
    return Correction(
        index=index,
        effective_on=draw(near | anywhere | shift),
        to_status=draw(st.sampled_from(STATUSES)),
    )


def is_a_valid_correction(rows: list[tuple[int, Row]], index: int, fix: Correction) -> bool:
    """The rule as a person would check it by hand, on (id, row) pairs."""
    pk, old = rows[index]
    if (fix.effective_on, fix.to_status) == (old.effective_on, old.to_status):
        return False
    if not ADDED <= fix.effective_on <= TODAY:
        return False
    new = Row(fix.effective_on, old.recorded_minute, old.from_status, fix.to_status)
    corrected = [(i, new if i == pk else row) for i, row in rows]
    corrected.sort(key=lambda pair: (pair[1].effective_on, pair[1].recorded_minute, pair[0]))
    status: str | None = None
    for _pk, row in corrected:
        if row.from_status != status:
            return False
        if status is not None and row.to_status not in MAY_FOLLOW[status]:
            return False
        status = row.to_status
    return True


class CorrectionTests(TestCase):
    """Each example in its own transaction, today frozen on 20 September 2017."""

    def make_action(self, history: list[Row]) -> tuple[Action, list[tuple[int, Row]]]:
        organisation = Organisation.objects.create(name="Gemeente Proef", slug="proef")
        plan = ActionPlan.objects.create(
            organisation=organisation,
            name="Plan",
            slug="plan",
            adopted_on=ADDED,
            starts_on=ADDED,
            ends_on=date(2020, 12, 31),
        )
        period = Period.objects.create(plan=plan, name="Aan de slag")
        action = Action.objects.create(
            plan=plan,
            code="A1",
            title="Actie",
            period=period,
            added_on=ADDED,
            status=history[-1].to_status,
        )
        stored = []
        for row in history:
            change = StatusChange.objects.create(
                action=action,
                from_status=row.from_status,
                to_status=row.to_status,
                effective_on=row.effective_on,
                recorded_at=RECORDED + timedelta(minutes=row.recorded_minute),
            )
            stored.append((change.pk, row))
        return action, stored

    @settings(max_examples=150, deadline=None)
    @given(data=st.data(), history=histories())
    def test_the_service_accepts_exactly_the_corrections_that_keep_the_chain(self, data, history):
        fix = data.draw(corrections(history))
        with time_machine.travel(datetime.combine(TODAY, time(12), tzinfo=AMSTERDAM), tick=False):
            action, stored = self.make_action(history)
            expected = is_a_valid_correction(stored, fix.index, fix)
            try:
                services.status_change_correct(
                    change=StatusChange.objects.get(pk=stored[fix.index][0]),
                    effective_on=fix.effective_on,
                    to_status=Status(fix.to_status),
                    reason="Correctie",
                    by=None,
                    expected_version=action.version,
                )
            except ValidationError:
                accepted = False
            else:
                accepted = True

        event("accepted" if accepted else "refused")
        assert accepted == expected
        after = list(StatusChange.objects.filter(action=action))
        action.refresh_from_db()
        assert action.status == status_on(after, TODAY)
        for before, row in zip([None, *after], after, strict=False):
            assert row.from_status == (before.to_status if before else None)
        if not accepted:
            assert [(r.effective_on, r.to_status) for r in after] == [
                (row.effective_on, row.to_status) for _pk, row in stored
            ]
