"""`mvi-monitor check-texts`: list the stored texts that the rules for text refuse
(longer than their field takes, or holding a control character), one line each, and
exit with status 1 when there are any; nothing is changed. Run it after upgrading to
issue 12's rules: a record listed cannot be saved again until its text is fixed in the
app (its page says what is wrong).

The module name has a hyphen so that Django's command name is `check-texts`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from mvimonitor.audit.stored_texts import stored_text_problems


class Command(BaseCommand):
    help = (
        "List stored texts that break the rules for text (too long, or with a control "
        "character); change nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = stored_text_problems()
        for problem in problems:
            self.stdout.write(str(problem))
        if problems:
            raise CommandError(
                _(
                    "%(count)s stored texts break the rules. Fix them in the app, or ask "
                    "their owners to: nothing was changed."
                )
                % {"count": len(problems)}
            )
        self.stdout.write(_("Every stored text keeps the rules."))
