"""The error pages (web.errors, ADR 0032): 400, 403, 404, 500 and a refused form, each
with its status, in the site's layout and the user's language, with a way back."""

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from mvimonitor.web import errors
from tests.conftest import World

STATEMENT = "/toegankelijkheid/"


def in_the_site_layout(html: str) -> bool:
    """The site's header with its start-page link, and the footer with the statement."""
    return (
        'class="site-header"' in html
        and 'class="site-header__logo" href="/"' in html
        and f'href="{STATEMENT}"' in html
    )


def with_menu(html: str) -> bool:
    return 'class="site-header__nav"' in html


@pytest.fixture
def viewer(client, world: World) -> Client:
    client.force_login(world.viewer)
    return client


# -- 404 ---------------------------------------------------------------------------------


def test_an_unknown_address_gets_the_404_page_in_dutch_with_the_way_to_the_start_page(viewer):
    response = viewer.get("/bestaat-niet/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="nl">' in html
    assert "<h1>Pagina niet gevonden</h1>" in html
    assert "Op dit adres staat geen pagina." in html
    assert in_the_site_layout(html) and with_menu(html)
    assert '<a href="/">Naar de startpagina</a>' in html
    assert "Terug naar de vorige pagina" not in html  # nowhere to go back to


def test_the_404_page_is_in_english_for_who_chose_english(viewer, settings):
    viewer.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = viewer.get("/bestaat-niet/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in html
    assert "<h1>Page not found</h1>" in html
    assert '<a href="/">To the start page</a>' in html


def test_a_page_of_another_organisation_gets_the_same_404_page(client, world: World):
    """organisation_view answers an outsider 404 (tests/test_url_access.py): the page
    says so without saying whether the plan exists."""
    client.force_login(world.outsider)
    url = reverse("plans:detail", kwargs={"org_slug": "helmond", "plan_slug": world.plan.slug})
    response = client.get(url)
    assert response.status_code == 404
    assert "<h1>Pagina niet gevonden</h1>" in response.content.decode()
    assert world.plan.name not in response.content.decode()


def test_the_404_page_offers_the_previous_page_of_this_site_only(viewer):
    came_from = "http://testserver/o/helmond/"
    html = viewer.get("/bestaat-niet/", HTTP_REFERER=came_from).content.decode()
    assert f'<a href="{came_from}">Terug naar de vorige pagina</a>' in html
    elsewhere = viewer.get("/bestaat-niet/", HTTP_REFERER="https://evil.example/x")
    assert "evil.example" not in elsewhere.content.decode()
    assert "Terug naar de vorige pagina" not in elsewhere.content.decode()


def test_a_visitor_who_is_not_logged_in_is_offered_the_login_page(client, db):
    html = client.get("/bestaat-niet/").content.decode()
    assert '<a href="/accounts/login/">Inloggen</a>' in html
    assert "Naar de startpagina" not in html


# -- 403 ---------------------------------------------------------------------------------


def test_a_refused_page_gets_the_dutch_403_page_instead_of_a_bare_forbidden(viewer, world):
    """PermissionDenied from organisation_view: a viewer may not edit the plan."""
    url = reverse("plans:edit", kwargs={"org_slug": "helmond", "plan_slug": world.plan.slug})
    response = viewer.get(url, HTTP_REFERER="http://testserver/o/helmond/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "403 Forbidden" not in html
    assert "<h1>Geen toegang</h1>" in html
    assert "Uw rol geeft geen toegang tot deze pagina of deze handeling." in html
    assert in_the_site_layout(html) and with_menu(html)
    assert '<a href="http://testserver/o/helmond/">Terug naar de vorige pagina</a>' in html
    assert '<a href="/">Naar de startpagina</a>' in html


def test_a_refused_action_raised_in_a_view_gets_the_403_page_in_english_too(
    client, world, settings
):
    """PermissionDenied raised inside a view (plans.views.status): a viewer changing an
    action's status."""
    client.force_login(world.viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    kwargs = {"org_slug": "helmond", "plan_slug": world.plan.slug, "pk": world.owned_action.pk}
    response = client.post(reverse("plans:action_status", kwargs=kwargs), {"status": "completed"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>No access</h1>" in html
    assert "Your role does not allow this page or this action." in html


def test_the_site_administration_refuses_a_member_with_the_403_page(viewer):
    response = viewer.get(reverse("organisations:site_list"))
    assert response.status_code == 403
    assert "<h1>Geen toegang</h1>" in response.content.decode()


# -- 400 ---------------------------------------------------------------------------------


def test_an_unknown_host_gets_the_400_page_without_trusting_any_address(client, db):
    response = client.get("/", HTTP_HOST="evil.example", HTTP_REFERER="http://evil.example/")
    html = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Verzoek niet begrepen</h1>" in html
    assert in_the_site_layout(html)
    assert "evil.example" not in html


# -- 500 ---------------------------------------------------------------------------------


@pytest.mark.urls("tests.web.error_urls")
def test_a_view_that_fails_gets_the_500_page_in_the_sites_look(viewer):
    viewer.raise_request_exception = False
    response = viewer.get("/kapot/?x=1")
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="nl">' in html
    assert "<h1>Er ging iets mis</h1>" in html
    assert "De fout is vastgelegd voor de beheerders van deze installatie." in html
    assert '<a href="/kapot/?x=1">Open de pagina opnieuw</a>' in html
    assert in_the_site_layout(html)
    assert not with_menu(html)  # the menu reads the database; the 500 page reads nothing
    assert "a bug in a view" not in html


@pytest.mark.urls("tests.web.error_urls")
def test_the_500_page_is_in_english_for_who_chose_english(viewer, settings):
    viewer.raise_request_exception = False
    viewer.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = viewer.get("/kapot/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Something went wrong</h1>" in html


def broken_context_processor(request):
    raise RuntimeError("a context processor that fails")


@pytest.fixture
def context_processors_fail(settings) -> Iterator[None]:
    engine = {**settings.TEMPLATES[0]}
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "context_processors": [
            *engine["OPTIONS"]["context_processors"],
            "tests.web.test_error_pages.broken_context_processor",
        ],
    }
    settings.TEMPLATES = [engine]
    yield


def test_the_500_page_needs_neither_the_database_nor_the_context_processors(
    rf, context_processors_fail
):
    """No `db` mark: any query would fail the test; reading the user would too."""

    def user_read() -> AnonymousUser:
        raise AssertionError("the 500 page read the user")

    request = rf.get("/o/helmond/")
    request.user = SimpleLazyObject(user_read)
    with translation.override("nl"):
        response = errors.server_error(request)
    assert response.status_code == 500
    assert "<h1>Er ging iets mis</h1>" in response.content.decode()


def test_a_404_page_whose_menu_fails_is_still_a_404_in_the_bare_layout(
    viewer, context_processors_fail
):
    response = viewer.get("/bestaat-niet/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Pagina niet gevonden</h1>" in html
    assert in_the_site_layout(html) and not with_menu(html)
    assert '<a href="/">Naar de startpagina</a>' in html


# -- A form refused for its security token (CSRF) ----------------------------------------


def test_a_form_sent_with_an_outdated_token_gets_the_dutch_expired_form_page(world):
    """The language switch's form, sent from a page opened before a logout in another tab:
    the way on is that page, loaded again."""
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("accounts:login"))  # the cookie, as a browser gets it
    response = client.post(
        reverse("set_language"),
        {"language": "en", "csrfmiddlewaretoken": "verlopen" * 8},
        HTTP_REFERER="http://testserver/accounts/login/",
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Formulier verlopen</h1>" in html
    assert "Het formulier is verlopen; laad de pagina opnieuw." in html
    assert '<a href="http://testserver/accounts/login/">Laad de pagina opnieuw</a>' in html
    assert in_the_site_layout(html)
    assert "cookie" not in html.lower().split("<main")[1]


def test_a_form_sent_without_the_cookie_says_to_allow_cookies(db, settings):
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("accounts:login"), {"username": "a@b.nl"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "The form has expired; reload the page." in html
    assert "Allow cookies for this site and try again." in html
    # Nowhere to come from: the form's own address, loaded again.
    assert '<a href="/accounts/login/">Load the page again</a>' in html
