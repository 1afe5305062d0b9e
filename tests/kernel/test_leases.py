"""kernel.leases: a worker claims a record, renews the lease while it works and releases
it; a lease that ran out may be expired or claimed by another, and every step is one
conditional UPDATE that says whether it happened. The leased model here is the import
job, the first user of the lease."""

import importlib
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.apps import apps

from mvimonitor.exchange.models import ImportJob
from mvimonitor.kernel.leases import (
    Heartbeat,
    LeaseTerms,
    lease_claim,
    lease_expire,
    lease_holder_name,
    lease_release,
    lease_renew,
    leases_expired,
)

NOON = datetime(2017, 9, 20, 10, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


@pytest.fixture
def job(world) -> ImportJob:
    return ImportJob.objects.create(plan=world.plan, file_name="plan.xlsx")


def jobs():
    return ImportJob.objects.all()


def stored(job: ImportJob) -> tuple[str, datetime | None]:
    job.refresh_from_db()
    return job.lease_holder, job.lease_expires_at


def test_a_free_record_is_claimed_for_the_lease_duration(job):
    assert lease_claim(jobs(), job.pk, holder="web-1", duration=MINUTE, now=NOON)
    assert stored(job) == ("web-1", NOON + MINUTE)


def test_a_lease_held_by_a_live_worker_cannot_be_claimed(job):
    lease_claim(jobs(), job.pk, holder="web-1", duration=MINUTE, now=NOON)
    assert not lease_claim(jobs(), job.pk, holder="web-2", duration=MINUTE, now=NOON + MINUTE)
    assert stored(job) == ("web-1", NOON + MINUTE)


def test_a_lease_that_ran_out_can_be_claimed_by_another_worker(job):
    lease_claim(jobs(), job.pk, holder="web-1", duration=MINUTE, now=NOON)
    later = NOON + 2 * MINUTE
    assert lease_claim(jobs(), job.pk, holder="web-2", duration=MINUTE, now=later)
    assert stored(job) == ("web-2", later + MINUTE)
    assert not lease_renew(jobs(), job.pk, holder="web-1", duration=MINUTE, now=later)


def test_only_records_the_caller_offers_are_claimed(job):
    finished = jobs().exclude(pk=job.pk)
    assert not lease_claim(finished, job.pk, holder="web-1", duration=MINUTE, now=NOON)


def test_the_holder_renews_even_a_lease_that_ran_out_while_nobody_took_it(job):
    lease_claim(jobs(), job.pk, holder="web-1", duration=MINUTE, now=NOON)
    later = NOON + 5 * MINUTE
    assert lease_renew(jobs(), job.pk, holder="web-1", duration=MINUTE, now=later)
    assert stored(job) == ("web-1", later + MINUTE)


def test_the_holder_releases_its_lease_and_writes_its_outcome_at_once(job):
    lease_claim(jobs(), job.pk, holder="web-1", duration=MINUTE, now=NOON)
    assert not lease_release(jobs(), job.pk, holder="web-2", state="done")
    assert lease_release(jobs(), job.pk, holder="web-1", state="done")
    assert stored(job) == ("", None)
    assert job.state == "done"


def test_a_lease_that_ran_out_is_expired_with_what_the_record_says_instead(job):
    lease_claim(jobs(), job.pk, holder="web-1", duration=MINUTE, now=NOON)
    assert list(leases_expired(jobs(), now=NOON + MINUTE)) == []
    later = NOON + 2 * MINUTE
    assert list(leases_expired(jobs(), now=later)) == [job]
    assert not lease_expire(jobs(), job.pk, holder="web-1", now=NOON, state="failed")
    assert lease_expire(jobs(), job.pk, holder="web-1", now=later, state="failed")
    assert stored(job) == ("", None) and job.state == "failed"
    assert list(leases_expired(jobs(), now=later)) == []


def test_a_worker_that_renewed_after_a_sweep_read_its_lease_keeps_its_work(job):
    lease_claim(jobs(), job.pk, holder="web-1", duration=MINUTE, now=NOON)
    sweep = NOON + 2 * MINUTE
    (seen,) = leases_expired(jobs(), now=sweep)
    lease_renew(jobs(), job.pk, holder="web-1", duration=MINUTE, now=sweep)
    assert not lease_expire(jobs(), seen.pk, holder=seen.lease_holder, now=sweep, state="failed")
    assert stored(job) == ("web-1", sweep + MINUTE) and job.state == "waiting"


def test_a_worker_that_finished_after_a_sweep_read_its_lease_keeps_its_outcome(job):
    lease_claim(jobs(), job.pk, holder="web-1", duration=MINUTE, now=NOON)
    (seen,) = leases_expired(jobs(), now=NOON + 2 * MINUTE)
    lease_release(jobs(), job.pk, holder="web-1", state="done")
    assert not lease_expire(jobs(), seen.pk, holder="web-1", now=NOON + 2 * MINUTE)
    job.refresh_from_db()
    assert job.state == "done"


def test_each_worker_has_a_name_of_its_own_that_says_where_it_runs():
    first, second = lease_holder_name(), lease_holder_name()
    assert first != second and first.split(":")[:2] == second.split(":")[:2]
    assert len(first) <= ImportJob._meta.get_field("lease_holder").max_length


def test_a_lease_is_renewed_more_often_than_it_lasts():
    with pytest.raises(ValueError, match="more often"):
        LeaseTerms(duration=MINUTE, renew_every=MINUTE)


@pytest.mark.django_db(transaction=True)
def test_a_heartbeat_renews_the_lease_from_its_own_thread_until_the_block_ends(job):
    terms = LeaseTerms(duration=timedelta(seconds=1), renew_every=timedelta(seconds=0.1))
    lease_claim(jobs(), job.pk, holder="web-1", duration=terms.duration)
    seen = set()
    with Heartbeat(jobs(), job.pk, holder="web-1", terms=terms) as beat:
        for _ in range(10):
            time.sleep(0.1)
            seen.add(stored(job)[1])
    after = stored(job)[1]
    time.sleep(0.3)
    assert len(seen) >= 3 and stored(job)[1] == after and not beat.lost.is_set()


@pytest.mark.django_db(transaction=True)
def test_a_heartbeat_says_so_when_its_lease_was_taken(job):
    terms = LeaseTerms(duration=timedelta(seconds=1), renew_every=timedelta(seconds=0.05))
    lease_claim(jobs(), job.pk, holder="web-1", duration=terms.duration)
    with Heartbeat(jobs(), job.pk, holder="web-1", terms=terms) as beat:
        lease_expire(jobs(), job.pk, holder="web-1", now=job.created_at + timedelta(days=1))
        assert beat.lost.wait(5)


def test_jobs_unfinished_when_leases_came_get_the_old_rule_as_their_lease(world):
    migration = importlib.import_module("mvimonitor.exchange.migrations.0002_import_job_lease")
    old = ImportJob.objects.create(plan=world.plan, file_name="a.xlsx", state="saving")
    done = ImportJob.objects.create(plan=world.plan, file_name="b.xlsx", state="done")
    migration.lease_unfinished_jobs(apps, None)
    assert stored(old) == ("before leases", old.created_at + timedelta(minutes=30))
    assert stored(done) == ("", None)
