"""Logging in is locked after repeated wrong passwords (issue 12, item 1).

Five failures for one account from one address within fifteen minutes lock that pair for
fifteen minutes; twenty failures for one account from any addresses lock the account
until a password reset or an unlock by a coordinator or an operator. The answer never
tells an existing account from an address nobody has, and every lock and unlock is in
the audit trail.

Each attempt comes from a fresh client (no cookies), as an attacker's would; the clock
stands still (tick=False) and moves only when a test moves it.
"""

import html
import re
from datetime import datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.urls import reverse

from mvimonitor.audit.models import AuditEntry
from mvimonitor.organisations.models import Membership
from tests.conftest import AMSTERDAM, World
from tests.factories import UserFactory
from tests.hostile import MARKUP

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
WRONG = "Verkeerd-Wachtwoord-1"
NOBODY = "niemand@helmond.example.nl"
HERE = "192.0.2.10"
NOON = datetime(2017, 9, 20, 12, 0, tzinfo=AMSTERDAM)

INVALID = "Het e-mailadres of het wachtwoord klopt niet."
ADDRESS_LOCKED = "U kunt het na {time} opnieuw proberen."
ACCOUNT_LOCKED = "Dit account is geblokkeerd na te veel pogingen om in te loggen"


def attempt(email: str, password: str = WRONG, ip: str = HERE, **headers: str):
    """One login attempt through the login form, from a client without cookies."""
    client = Client()
    response = client.post(
        LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip, **headers
    )
    response.logged_in = SESSION_KEY in client.session
    return response


def text(response) -> str:
    """The page as a reader sees it: entities such as the &#x27; of "van 't" unescaped."""
    return html.unescape(response.content.decode())


def fail(email: str, times: int, ip: str = HERE, **headers: str):
    """`times` wrong passwords; the last answer."""
    for _ in range(times):
        response = attempt(email, ip=ip, **headers)
    return response


def fail_from_many_addresses(email: str, times: int):
    """`times` wrong passwords, four from each address: no address reaches its lock."""
    for n in range(times):
        response = attempt(email, ip=f"198.51.100.{n // 4 + 1}")
    return response


@pytest.fixture
def clock(time_machine):
    """clock(minutes, seconds) sets the time to that long after noon on the monitor day."""

    def move(minutes: float = 0, seconds: float = 0) -> None:
        time_machine.move_to(NOON + timedelta(minutes=minutes, seconds=seconds), tick=False)

    move()
    return move


# The rule for one address.


def test_five_wrong_passwords_from_one_address_lock_it_for_fifteen_minutes(world, clock):
    for _ in range(4):
        response = attempt(world.viewer.email)
        assert response.status_code == 200
        assert INVALID in text(response)

    fifth = attempt(world.viewer.email)
    assert fifth.status_code == 429
    assert ADDRESS_LOCKED.format(time="12:15") in text(fifth)

    clock(minutes=14, seconds=59)
    right = attempt(world.viewer.email, world.password)
    assert (right.status_code, right.logged_in) == (429, False)
    assert ADDRESS_LOCKED.format(time="12:15") in text(right)

    clock(minutes=15, seconds=1)
    assert attempt(world.viewer.email, world.password).logged_in


def test_the_lock_of_one_address_leaves_the_account_free_from_other_addresses(world, clock):
    fail(world.viewer.email, 5)

    assert not attempt(world.viewer.email, world.password).logged_in
    assert attempt(world.viewer.email, world.password, ip="203.0.113.7").logged_in


def test_only_five_failures_within_fifteen_minutes_lock_an_address(world, clock):
    for minute in (0, 4, 8, 12, 16):  # never five within fifteen minutes
        clock(minute)
        assert attempt(world.viewer.email).status_code == 200

    clock(17)  # 4, 8, 12, 16 and 17: five within fifteen minutes
    sixth = attempt(world.viewer.email)
    assert ADDRESS_LOCKED.format(time="12:32") in text(sixth)


def test_attempts_refused_during_a_lock_neither_count_nor_lengthen_it(world, clock):
    fail(world.viewer.email, 5)
    clock(10)
    refused = fail(world.viewer.email, 30)
    assert ADDRESS_LOCKED.format(time="12:15") in text(refused)

    clock(15, 1)
    assert attempt(world.viewer.email, world.password).logged_in


def test_addresses_that_differ_only_in_case_count_as_one_account(world, clock):
    for email in (
        "Viewer@helmond.example.nl",
        "VIEWER@HELMOND.EXAMPLE.NL",
        " viewer@helmond.example.nl",
    ):
        attempt(email)
    attempt(world.viewer.email)
    fifth = attempt("viewer@Helmond.Example.NL")
    assert ADDRESS_LOCKED.format(time="12:15") in text(fifth)


def test_a_successful_login_starts_the_count_again(world, clock):
    fail(world.viewer.email, 4)
    clock(1)
    assert attempt(world.viewer.email, world.password).logged_in
    clock(2)
    fail(world.viewer.email, 4)
    clock(3)
    assert attempt(world.viewer.email, world.password).logged_in


# The rule for the account.


def test_twenty_failures_from_any_addresses_lock_the_account_until_it_is_unlocked(world, clock):
    nineteenth = fail_from_many_addresses(world.viewer.email, 19)
    assert INVALID in text(nineteenth)

    twentieth = attempt(world.viewer.email, ip="198.51.100.99")
    assert twentieth.status_code == 429
    assert ACCOUNT_LOCKED in text(twentieth)
    assert "Vraag de coördinator van uw organisatie" in text(twentieth)
    assert "of kies een nieuw wachtwoord via" in text(twentieth)

    clock(minutes=7 * 24 * 60)  # a week later, from an address never used
    right = attempt(world.viewer.email, world.password, ip="203.0.113.50")
    assert (right.status_code, right.logged_in) == (429, False)
    assert ACCOUNT_LOCKED in text(right)


# No account enumeration: an address nobody has is answered exactly as an account.


def same_page(response, email: str) -> str:
    """The page without what differs per request (the CSRF token, in the form and in
    htmx's headers) and the typed address."""
    html = re.sub(r"\b[A-Za-z0-9]{64}\b", "TOKEN", text(response))
    return html.replace(email, "ADDRESS")


def test_an_address_nobody_has_is_answered_exactly_as_an_existing_account(world, clock):
    account, nobody = world.viewer.email, NOBODY
    for n in range(1, 7):  # the fifth locks the address; the sixth is refused
        mine, theirs = attempt(account), attempt(nobody)
        assert mine.status_code == theirs.status_code == (200 if n < 5 else 429)
        assert same_page(mine, account) == same_page(theirs, nobody)
    # The right password of a locked account changes nothing either.
    mine, theirs = attempt(account, world.password), attempt(nobody)
    assert mine.status_code == theirs.status_code == 429
    assert same_page(mine, account) == same_page(theirs, nobody)

    clock(20)  # the addresses' locks are over
    for email in (account, nobody):
        fail_from_many_addresses(email, 15)  # with the five counted above: twenty
    mine, theirs = attempt(account, world.password), attempt(nobody)
    assert mine.status_code == theirs.status_code == 429
    assert ACCOUNT_LOCKED in text(mine)
    assert same_page(mine, account) == same_page(theirs, nobody)


# The ways out: a password reset, a coordinator, an operator.


def reset_password(client: Client, email: str, password: str) -> None:
    """The existing reset flow: ask, follow the e-mailed link, choose a password."""
    client.post(reverse("accounts:password_reset"), {"email": email})
    link = re.search(r"https?://testserver(/\S+)", mail.outbox[-1].body).group(1)
    form_page = client.get(link, follow=True)
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    assert done.url == reverse("accounts:password_reset_complete")


def test_a_password_reset_lifts_the_account_lock(world, clock):
    fail_from_many_addresses(world.viewer.email, 20)
    assert ACCOUNT_LOCKED in text(attempt(world.viewer.email, world.password))

    clock(60)
    reset_password(Client(), world.viewer.email, "Nieuw-Wachtwoord-2017!")
    clock(61)
    assert attempt(world.viewer.email, "Nieuw-Wachtwoord-2017!").logged_in


def test_a_password_changed_in_a_session_that_outlived_the_lock_lifts_it(world, login, clock):
    fail_from_many_addresses(world.viewer.email, 20)
    session = login(world.viewer)  # logged in before the lock
    session.post(
        reverse("accounts:password_change"),
        {
            "old_password": world.password,
            "new_password1": "Nieuw-Wachtwoord-2017!",
            "new_password2": "Nieuw-Wachtwoord-2017!",
        },
    )
    clock(1)
    assert attempt(world.viewer.email, "Nieuw-Wachtwoord-2017!").logged_in
    assert lock_entries().last().changes["lifted_how"] == ["", "password_changed"]


def unlock_url(world: World, user) -> str:
    membership = Membership.objects.get(user=user, organisation=world.helmond)
    return reverse(
        "organisations:member_unlock",
        kwargs={"org_slug": "helmond", "membership_id": membership.pk},
    )


def test_a_coordinator_sees_a_locked_member_and_unlocks_them(world, login, clock):
    fail_from_many_addresses(world.viewer.email, 20)
    fail(world.editor.email, 5)  # the editor is locked from one address only
    members = reverse("organisations:members", kwargs={"org_slug": "helmond"})

    page = text(login(world.coordinator).get(members))
    assert unlock_url(world, world.viewer) in page
    assert unlock_url(world, world.editor) in page
    assert unlock_url(world, world.owner) not in page

    response = login(world.coordinator).post(unlock_url(world, world.viewer), follow=True)
    assert f"{world.viewer.display_name} kan weer inloggen." in text(response)
    assert unlock_url(world, world.viewer) not in text(response)
    clock(1)
    assert attempt(world.viewer.email, world.password).logged_in


def test_only_a_coordinator_unlocks(world, login, clock):
    fail_from_many_addresses(world.viewer.email, 20)

    assert login(world.editor).post(unlock_url(world, world.viewer)).status_code == 403
    assert login(world.outsider).post(unlock_url(world, world.viewer)).status_code == 404
    clock(1)
    assert ACCOUNT_LOCKED in text(attempt(world.viewer.email, world.password))


@pytest.fixture
def operator(db):
    client = Client()
    client.force_login(UserFactory(email="beheer@example.nl", is_staff=True, is_superuser=True))
    return client


def test_an_operator_lifts_a_lock_in_the_admin(world, operator, clock):
    from mvimonitor.accounts.models import LoginLock

    fail_from_many_addresses(world.viewer.email, 20)
    fail(NOBODY, 5)
    changelist = reverse("admin:accounts_loginlock_changelist")
    page = text(operator.get(changelist))
    assert world.viewer.email in page and NOBODY in page

    lock = LoginLock.objects.get(login_name=world.viewer.email)
    operator.post(changelist, {"action": "lift", "_selected_action": [lock.pk]})
    clock(1)
    assert attempt(world.viewer.email, world.password).logged_in
    assert ADDRESS_LOCKED.format(time="12:15") in text(attempt(NOBODY))


def test_an_operator_unlocks_a_user_from_the_user_list(world, operator, clock):
    fail_from_many_addresses(world.viewer.email, 20)
    assert ACCOUNT_LOCKED in text(attempt(world.viewer.email, world.password))
    operator.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock_login", "_selected_action": [world.viewer.pk]},
    )
    clock(1)
    assert attempt(world.viewer.email, world.password).logged_in


# The audit trail.


def lock_entries():
    return AuditEntry.objects.filter(model="accounts.LoginLock").order_by("id")


def test_every_lockout_and_every_unlock_is_in_the_audit_trail(world, login, clock):
    from mvimonitor.accounts.models import LoginLock

    fail(world.viewer.email, 5)
    clock(1)
    fail_from_many_addresses(world.viewer.email, 15)
    address_lock, account_lock = LoginLock.objects.order_by("id")
    assert (address_lock.ip_address, account_lock.ip_address) == (HERE, None)
    created = list(lock_entries())
    assert [(e.operation, e.object_id) for e in created] == [
        ("create", str(address_lock.pk)),
        ("create", str(account_lock.pk)),
    ]
    assert all(e.changes["login_name"] == [None, world.viewer.email] for e in created)
    assert all(e.actor_id is None and "web POST /accounts/login/" in e.actor_label for e in created)

    login(world.coordinator).post(unlock_url(world, world.viewer))
    lifted = lock_entries().filter(operation="update")
    assert lifted.count() == 2  # both locks were in force
    assert {e.actor_id for e in lifted} == {world.coordinator.pk}
    assert {e.changes["lifted_how"][1] for e in lifted} == {"unlocked"}

    clock(2)
    fail_from_many_addresses(world.viewer.email, 20)
    clock(3)
    reset_password(Client(), world.viewer.email, "Nieuw-Wachtwoord-2017!")
    last = lock_entries().last()
    assert (last.operation, last.changes["lifted_how"][1]) == ("update", "password_reset")


# Every login form, every way to the client's address.


def test_the_admin_login_shares_the_locks_and_says_so(world, clock):
    admin_login = reverse("admin:login")
    for _ in range(5):
        response = Client().post(
            admin_login, {"username": world.viewer.email, "password": WRONG}, REMOTE_ADDR=HERE
        )
    assert response.status_code == 429
    assert ADDRESS_LOCKED.format(time="12:15") in text(response)
    assert not attempt(world.viewer.email, world.password).logged_in


def test_without_a_proxy_a_forwarded_for_header_changes_nothing(world, clock):
    for n in range(5):
        attempt(world.viewer.email, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    right = attempt(world.viewer.email, world.password, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert not right.logged_in


def test_behind_a_proxy_each_client_address_counts_on_its_own(world, clock, settings):
    settings.PROXY_COUNT = 1
    proxy = {"ip": "10.0.0.1"}
    fail(world.viewer.email, 5, **proxy, HTTP_X_FORWARDED_FOR="made-up, 198.51.100.7")

    # The address the proxy saw is locked, whatever the client puts before it...
    again = attempt(
        world.viewer.email,
        world.password,
        **proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.8, 198.51.100.7",
    )
    assert not again.logged_in
    # ... and another client behind the same proxy logs in.
    other = attempt(
        world.viewer.email, world.password, **proxy, HTTP_X_FORWARDED_FOR="198.51.100.8"
    )
    assert other.logged_in


class Elements(HTMLParser):
    """What a page would run or load: its elements' attributes and its scripts' text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.attributes: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.script_text = ""
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text += data


def test_hostile_login_names_stay_text_in_the_admin(operator, clock):
    admin_login = reverse("admin:login")
    for name in MARKUP:
        for _ in range(5):
            Client().post(admin_login, {"username": name, "password": WRONG}, REMOTE_ADDR=HERE)

    # As sent, not unescaped: escaped markup must stay text for the HTML parser below.
    page = operator.get(reverse("admin:accounts_loginlock_changelist")).content.decode()
    assert "log opnieuw in" in page  # listed (in lower case, as counted), as text
    found = Elements(page)
    assert found.tags.count("title") == 1
    assert not [
        (name, value)
        for name, value in found.attributes
        if name.startswith("on")
        or (name in ("href", "src", "action") and ("evil.example" in value or "script:" in value))
    ]
    assert "alert" not in found.script_text


def test_a_lock_until_a_time_in_english_ends_in_one_full_stop(english):
    from mvimonitor.accounts.forms import lock_message
    from mvimonitor.accounts.models import LoginLock

    message = lock_message(LoginLock(locked_until=datetime(2017, 9, 1, 10, 15, tzinfo=AMSTERDAM)))

    assert message.endswith("You can try again after 10:15 a.m.")
