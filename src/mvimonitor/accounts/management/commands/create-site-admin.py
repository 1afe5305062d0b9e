"""mvi-monitor create-site-admin EMAIL: make someone a site administrator of the
installation (docs/adr/0028-site-administrators.md). Answers in the installation's
language (LANGUAGE_CODE).

An existing account keeps its password. Without an account one is made without a
password, and its owner gets an e-mail with a link to choose one (the password reset's
single-use link); `--print-link` prints that link here instead of mailing it, for a new
installation whose e-mail is not set up yet."""

import smtplib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from mvimonitor.accounts import services
from mvimonitor.audit.context import acting_as


class Command(BaseCommand):
    help = "Make someone a site administrator: they create organisations and invite coordinators."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="E-mail address of the site administrator.")
        parser.add_argument("--name", default="", help="Their name, for a new account.")
        parser.add_argument(
            "--print-link",
            action="store_true",
            help="Print the link to choose a password instead of e-mailing it.",
        )
        parser.add_argument(
            "--base-url",
            default=None,
            help="Scheme and host of the site for the link (default: MVI_BASE_URL).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._create(**options)

    def _create(self, **options: Any) -> None:
        try:
            with acting_as(label="command create-site-admin"):
                user, created = services.site_admin_ensure(
                    email=options["email"], full_name=options["name"]
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if user.has_usable_password():
            self.stdout.write(
                _("%(email)s is a site administrator and logs in with their own password.")
                % {"email": user.email}
            )
            return
        if created:
            self.stdout.write(
                _("Made an account for %(email)s, a site administrator.") % {"email": user.email}
            )
        self._send_link(user, options)

    def _send_link(self, user: Any, options: dict[str, Any]) -> None:
        base_url = options["base_url"] or settings.BASE_URL
        if options["print_link"]:
            link = services.password_setup_link(user=user, base_url=base_url)
            self.stdout.write(
                _("They choose a password with this link (it works once):\n%(link)s")
                % {"link": link}
            )
            return
        try:
            services.site_admin_welcome_send(user=user, base_url=base_url, language=user.language)
        except (smtplib.SMTPException, OSError) as error:
            raise CommandError(
                _(
                    "The e-mail could not be sent (%(reason)s). Run the command again with "
                    "--print-link to get the link here."
                )
                % {"reason": error}
            ) from error
        self.stdout.write(
            _("An e-mail with a link to choose a password has been sent to %(email)s.")
            % {"email": user.email}
        )
