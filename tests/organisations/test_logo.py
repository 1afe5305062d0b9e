"""The organisation's logo: which files the service accepts, the coordinator's settings
page, and the address that serves the image to members only."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from mvimonitor.organisations.logo import LOGO_MAX_BYTES, logo_data_uri
from mvimonitor.organisations.models import Organisation
from mvimonitor.organisations.services import organisation_set_logo
from tests.organisations.images import image_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def url(name: str, org: str = "helmond") -> str:
    return reverse(f"organisations:{name}", kwargs={"org_slug": org})


def stored(organisation: Organisation) -> tuple[bytes, str]:
    organisation.refresh_from_db()
    return bytes(organisation.logo), organisation.logo_content_type


@pytest.mark.parametrize(
    ("image_format", "content_type"), [("PNG", "image/png"), ("JPEG", "image/jpeg")]
)
def test_a_png_or_jpeg_becomes_the_logo(world, image_format, content_type):
    content = image_bytes(image_format)
    organisation_set_logo(organisation=world.helmond, content=content, by=world.coordinator)
    assert stored(world.helmond) == (content, content_type)
    assert world.helmond.has_logo


def test_removing_the_logo_leaves_none(world):
    organisation_set_logo(organisation=world.helmond, content=image_bytes(), by=None)
    organisation_set_logo(organisation=world.helmond, content=None, by=None)
    assert stored(world.helmond) == (b"", "")
    assert logo_data_uri(world.helmond) == ""


def _big_noise_png() -> bytes:
    # Random pixels do not compress: a PNG above the size limit within the pixel limit.
    image = Image.frombytes("RGB", (600, 600), os.urandom(600 * 600 * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (SVG, "must be a PNG or JPEG image"),
        (image_bytes("GIF"), "must be a PNG or JPEG image"),
        (b"this is no image at all", "must be a PNG or JPEG image"),
        (image_bytes("PNG")[:60], "must be a PNG or JPEG image"),  # cut off
        (image_bytes("PNG", (2001, 10)), "at most 2000 by 2000 pixels"),
        (b"", "Choose an image file"),
    ],
    ids=["svg", "gif", "garbage", "truncated", "too-wide", "empty"],
)
def test_other_files_are_refused_and_the_old_logo_stays(world, content, message):
    old = image_bytes("PNG")
    organisation_set_logo(organisation=world.helmond, content=old, by=None)
    with pytest.raises(ValidationError) as refused:
        organisation_set_logo(organisation=world.helmond, content=content, by=None)
    assert message in " ".join(refused.value.message_dict["logo"])
    assert stored(world.helmond) == (old, "image/png")


def test_a_logo_above_500_kB_is_refused(world):
    content = _big_noise_png()
    assert len(content) > LOGO_MAX_BYTES
    with pytest.raises(ValidationError, match="at most 500 kB"):
        organisation_set_logo(organisation=world.helmond, content=content, by=None)
    assert stored(world.helmond) == (b"", "")


def test_the_logo_as_data_uri_carries_type_and_bytes(world):
    organisation_set_logo(organisation=world.helmond, content=image_bytes("JPEG"), by=None)
    assert logo_data_uri(world.helmond).startswith("data:image/jpeg;base64,/9j/")


# -- the settings page ------------------------------------------------------------------


def test_a_coordinator_finds_the_logo_page_on_the_organisation_page(login, world):
    response = login(world.coordinator).get(url("detail"))
    assert url("settings").encode() in response.content


def test_others_are_not_shown_the_logo_page(login, world):
    response = login(world.editor).get(url("detail"))
    assert url("settings").encode() not in response.content
    assert login(world.editor).get(url("settings")).status_code == 403


def test_a_coordinator_uploads_and_removes_the_logo(login, world):
    client = login(world.coordinator)
    upload = SimpleUploadedFile("logo.png", image_bytes("PNG"), content_type="image/png")
    shown = {"version": world.helmond.version}
    response = client.post(url("settings"), {"logo": upload, **shown}, follow=True)
    assert "The logo has been saved." in response.content.decode()
    assert url("logo").encode() in response.content
    assert stored(world.helmond)[1] == "image/png"
    shown = {"version": Organisation.objects.get(pk=world.helmond.pk).version}
    response = client.post(url("settings"), {"remove": "1", **shown}, follow=True)
    assert "The logo has been removed." in response.content.decode()
    assert stored(world.helmond) == (b"", "")


def test_a_refused_upload_is_explained_next_to_the_field(login, world):
    upload = SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml")
    shown = {"version": world.helmond.version}
    response = login(world.coordinator).post(url("settings"), {"logo": upload, **shown})
    assert response.status_code == 200
    errors = response.context["form"].errors["logo"]
    assert errors == ["The logo must be a PNG or JPEG image; this file is not one."]
    assert 'aria-describedby="id_logo_helptext id_logo_error"' in response.content.decode()
    assert stored(world.helmond) == (b"", "")


def test_removing_the_logo_from_a_page_opened_before_a_new_upload_is_refused(login, world):
    client = login(world.coordinator)
    shown = {"version": world.helmond.version}
    organisation_set_logo(organisation=world.helmond, content=image_bytes(), by=None)
    response = client.post(url("settings"), {"remove": "1", **shown}, follow=True)
    assert "Someone else changed the organisation" in response.content.decode()
    assert stored(world.helmond)[1] == "image/png"


def test_saving_without_a_file_asks_for_one(login, world):
    response = login(world.coordinator).post(url("settings"), {})
    assert response.context["form"].errors["logo"] == ["Choose an image file for the logo."]


# -- serving the image ------------------------------------------------------------------


def test_every_member_gets_the_logo_with_its_type(login, world):
    content = image_bytes("JPEG")
    organisation_set_logo(organisation=world.helmond, content=content, by=None)
    response = login(world.viewer).get(url("logo"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert response.content == content


def test_no_logo_is_not_found(login, world):
    assert login(world.viewer).get(url("logo")).status_code == 404


def test_another_organisations_member_does_not_get_the_logo(login, world):
    organisation_set_logo(organisation=world.helmond, content=image_bytes(), by=None)
    assert login(world.outsider).get(url("logo")).status_code == 404
