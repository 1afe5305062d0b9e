"""Tender phases: codes, labels, order and chart colours in one place (like
plans.workflow for action statuses)."""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy


class Phase(models.TextChoices):
    PREPARATION = "preparation", pgettext_lazy("tender phase", "preparation")
    PUBLICATION = "publication", pgettext_lazy("tender phase", "publication")
    AWARD = "award", pgettext_lazy("tender phase", "award")
    CONTRACT = "contract", pgettext_lazy("tender phase", "contract")
    COMPLETED = "completed", pgettext_lazy("tender phase", "completed")
    WITHDRAWN = "withdrawn", pgettext_lazy("tender phase", "withdrawn")


#: Pipeline order; a tender normally moves forward through it, but may step back
#: (a publication withdrawn for repair) or be withdrawn from any phase.
PHASE_ORDER: tuple[Phase, ...] = tuple(Phase)

#: Chart fills with enough contrast against white text (WCAG AA).
PHASE_COLOUR: dict[Phase, str] = {
    Phase.PREPARATION: "#616161",
    Phase.PUBLICATION: "#1565c0",
    Phase.AWARD: "#6a1b9a",
    Phase.CONTRACT: "#2e7d32",
    Phase.COMPLETED: "#1b5e20",
    Phase.WITHDRAWN: "#b45309",
}

# from -> allowed targets. A tender moves forward through the pipeline; it may step
# back one phase (a publication repaired, an award redone), be withdrawn from any phase
# before it is completed, and a completed contract may be reopened (a dispute). A
# private procedure has no publication: preparation -> award is allowed.
TRANSITIONS: dict[Phase, frozenset[Phase]] = {
    Phase.PREPARATION: frozenset({Phase.PUBLICATION, Phase.AWARD, Phase.WITHDRAWN}),
    Phase.PUBLICATION: frozenset({Phase.AWARD, Phase.PREPARATION, Phase.WITHDRAWN}),
    Phase.AWARD: frozenset({Phase.CONTRACT, Phase.PUBLICATION, Phase.WITHDRAWN}),
    Phase.CONTRACT: frozenset({Phase.COMPLETED, Phase.WITHDRAWN}),
    Phase.COMPLETED: frozenset({Phase.CONTRACT}),
    Phase.WITHDRAWN: frozenset({Phase.PREPARATION}),
}
#: Changes that need a note explaining why: withdrawing, and every step backwards.
NOTE_REQUIRED: frozenset[tuple[Phase, Phase]] = frozenset(
    {(source, Phase.WITHDRAWN) for source in Phase if source != Phase.WITHDRAWN}
    | {
        (Phase.PUBLICATION, Phase.PREPARATION),
        (Phase.AWARD, Phase.PUBLICATION),
        (Phase.COMPLETED, Phase.CONTRACT),
        (Phase.WITHDRAWN, Phase.PREPARATION),
    }
)
#: Phases a tender may be registered in (a tender is never registered as withdrawn).
INITIAL_PHASES: tuple[Phase, ...] = tuple(p for p in PHASE_ORDER if p != Phase.WITHDRAWN)


class PhaseTransitionError(Exception):
    """A phase change the register forbids; the message is for the user."""


def check_phase_transition(current: Phase, target: Phase, *, note: str = "") -> None:
    """Raise PhaseTransitionError unless `current` -> `target` is allowed."""
    if target == current:
        raise PhaseTransitionError(
            _("The tender is already in the phase “%(phase)s”.") % {"phase": current.label}
        )
    if target not in TRANSITIONS[current]:
        raise PhaseTransitionError(
            _("A tender cannot move from the phase “%(current)s” to “%(target)s”.")
            % {"current": current.label, "target": target.label}
        )
    if (current, target) in NOTE_REQUIRED and not note.strip():
        if target == Phase.WITHDRAWN:
            raise PhaseTransitionError(_("Explain in a note why the tender is withdrawn."))
        raise PhaseTransitionError(_("Explain in a note why the tender goes back a phase."))


def allowed_phase_targets(current: Phase) -> list[Phase]:
    """The phases a tender in `current` may move to, in pipeline order."""
    return [p for p in PHASE_ORDER if p in TRANSITIONS[current]]
