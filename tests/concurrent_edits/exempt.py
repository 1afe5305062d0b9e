"""The forms and the URLs accepting POST that need no edit scenario, each with the
reason: they create a record, change nothing stored, or change a state that refuses a
second change by itself. A new form or view is in neither list, and fails the test
until it gets an `Edit` (edits.py) or its reason here."""

CREATES = "creates a record; there is no loaded version to be stale"
FILTER = "a filter (GET): it reads, it stores nothing"
ADMIN = (
    "the Django admin (/beheer/), for the installation's operators only; ADR 0022 leaves "
    "its locking open"
)
UPLOAD = (
    "an import: its rows are compared with the records as they are at the upload and "
    "written through the locked services (ADR 0006); a file is not a loaded version"
)
IMPORT_SETUP = (
    "a step of the guided import: it changes only the user's own upload being set up, "
    "which nobody else can reach; the import itself saves nothing when the plan changed "
    "since the preview (the preview's fingerprint, ADR 0029)"
)
TRANSITION = "a state change that refuses itself the second time (the state is checked)"
REMOVES = "removes a record; a second removal finds nothing to remove"

EXEMPT_FORMS: dict[str, str] = {
    "mvimonitor.accounts.admin.UserChangeAdminForm": ADMIN,
    "mvimonitor.accounts.admin.UserCreationAdminForm": ADMIN,
    "mvimonitor.plans.admin.ActionAdminForm": ADMIN,
    "mvimonitor.accounts.forms.EmailAuthenticationForm": "logs in; it stores nothing",
    "mvimonitor.accounts.forms.StaffAuthenticationForm": "logs in to /beheer/; it stores nothing",
    "mvimonitor.exchange.upload.ImportForm": UPLOAD,
    "mvimonitor.exchange.wizard_forms.ColumnsForm": IMPORT_SETUP,
    "mvimonitor.exchange.wizard_forms.ConfirmForm": IMPORT_SETUP,
    "mvimonitor.exchange.wizard_forms.SheetForm": IMPORT_SETUP,
    "mvimonitor.exchange.wizard_forms.ValuesForm": IMPORT_SETUP,
    "mvimonitor.monitoring.forms.MonitorCreateForm": CREATES,
    "mvimonitor.monitoring.forms.ReopenForm": TRANSITION,
    "mvimonitor.organisations.forms.InvitationForm": CREATES,
    "mvimonitor.organisations.forms.NewAccountForm": CREATES,
    "mvimonitor.organisations.site_forms.OrganisationCreateForm": CREATES,
    "mvimonitor.organisations.site_forms.OrganisationForm": (
        "a base class of two forms, never used alone"
    ),
    "mvimonitor.organisations.site_forms.CoordinatorInvitationForm": CREATES,
    "mvimonitor.plans.forms.actions.ActionCreateForm": CREATES,
    "mvimonitor.plans.forms.copy.PlanCopyForm": CREATES,
    "mvimonitor.plans.forms.plans.PlanCreateForm": CREATES,
    "mvimonitor.procurement.forms.contracts.ContractFilterForm": FILTER,
    "mvimonitor.procurement.forms.contracts.SupplierSearchForm": FILTER,
    "mvimonitor.procurement.forms.pipeline.PipelineFilterForm": FILTER,
    "mvimonitor.targets.forms.DateChoiceForm": FILTER,
    "mvimonitor.review.forms.CommentForm": "adds a comment; comments are never edited",
    "mvimonitor.review.forms.ReviewerInvitationForm": CREATES,
    "mvimonitor.rounds.forms.OwnerEmailsForm": "invites owners: creates invitations",
    "mvimonitor.rounds.forms.OwnerEmailsMixin": "a base class of two forms, never used alone",
    "mvimonitor.rounds.forms.RoundOpenForm": "opens a round: one per monitor, a second is refused",
    "mvimonitor.targets.forms.DeleteForm": (
        f"{REMOVES}; it carries the target's version already (tests/targets/test_views.py)"
    ),
    "mvimonitor.plans.forms.plans.PlanDeleteForm": (
        f"{REMOVES}; it carries the plan's version already, so a plan changed since the "
        "page was loaded is not deleted (tests/plans/test_removal.py)"
    ),
    "mvimonitor.exchange.history_views.UndoForm": (
        f"{TRANSITION}; it carries the import record's version already "
        "(tests/exchange/test_undo_views.py)"
    ),
}

EXEMPT_URLS: dict[str, str] = {
    "accounts:login": "logs in; it stores nothing a form showed",
    "accounts:logout": "logs out",
    "accounts:password_reset": "sends a link by e-mail",
    "accounts:password_reset_confirm": "sets a new password from a single-use link",
    "accounts:password_change": "asks for the old password, which a second change no longer has",
    "accounts:invitation_accept": "accepts a single-use invitation: creates a membership",
    "set_language": "Django's language switch: a cookie, no record",
    "calendar_feed:settings": "renews the feed's secret link; the form has no fields",
    "exchange:import": UPLOAD,
    "exchange:import_columns": IMPORT_SETUP,
    "exchange:import_values": IMPORT_SETUP,
    "exchange:import_preview": IMPORT_SETUP,
    "procurement:tender_import": UPLOAD,
    "procurement:contract_import": UPLOAD,
    "monitoring:create": CREATES,
    "monitoring:attention_points": "adds an attention point (editing is attention_point_edit)",
    "monitoring:communication": "adds a communication moment (editing is communication_edit)",
    "monitoring:finalise": TRANSITION,
    "monitoring:reopen": TRANSITION,
    "organisations:invite": CREATES,
    "organisations:site_create": CREATES,
    "organisations:site_invite": "invites a coordinator: creates an invitation",
    "organisations:member_remove": REMOVES,
    "organisations:member_unlock": (
        "lifts a member's login locks; lifting them again finds none to lift"
    ),
    "organisations:invitation_revoke": "withdraws an invitation; doing it again changes nothing",
    "organisations:invitation_resend": "sends an invitation's e-mail again",
    "plans:create": CREATES,
    "plans:copy": CREATES,
    "plans:action_create": CREATES,
    "procurement:tender_create": CREATES,
    "procurement:contract_create": CREATES,
    "procurement:supplier_create": CREATES,
    "procurement:tender_theme_remove": REMOVES,
    "review:comment_add": CREATES,
    "review:action_comment_add": CREATES,
    "review:comment_resolve": TRANSITION,
    "review:comment_reopen": TRANSITION,
    "review:invite": CREATES,
    "rounds:open": "opens a round: one per monitor, a second is refused",
    "rounds:owners": "invites owners: creates invitations",
    "rounds:close": TRANSITION,
    "rounds:item_confirm": (
        "confirms a round item unchanged: confirming twice changes nothing, and an item "
        "updated in the round is not confirmed"
    ),
    "rounds:nudge": "sends reminders by e-mail",
    "targets:create": CREATES,
    "targets:delete": EXEMPT_FORMS["mvimonitor.targets.forms.DeleteForm"],
    "plans:delete": EXEMPT_FORMS["mvimonitor.plans.forms.plans.PlanDeleteForm"],
    "exchange:import_undo": EXEMPT_FORMS["mvimonitor.exchange.history_views.UndoForm"],
}
