"""Hostile text: what an attacker or a careless paste puts in a text field. One corpus
for every test that checks that text stays text in every output (issue 12): pages, PDF,
spreadsheets, iCalendar, e-mail, JSON.

Each entry is something a user can type into a name, title or free-text field."""

#: Markup and script that would act if it reached HTML unescaped.
MARKUP = (
    "Plan</title><a href=https://evil.example/login>Log opnieuw in</a>"
    "<img src=https://evil.example/pixel.png><title>",
    '<script>alert("xss")</script>',
    '"><svg onload=alert(1)>',
    "<a href=\"javascript:alert('x')\">klik</a>",
    "javascript:alert(document.cookie)",
    "<!-- comment --><b>vet</b>",
    "{{ request.user }} {% csrf_token %}",
)

#: Text a spreadsheet would run as a formula, also behind a tab or carriage return.
FORMULAS = ("=1+1", "+31 6 12345678", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1")

#: Text that strains layout or encodings.
ODD = (
    "A" * 100_000,
    "Right\u202eto left\u202c override",
    "Emoji 🌍♻️👩‍👩‍👧",
    "'; DROP TABLE plans_action; --",
    "Bel\x07 tab\t vt\x0b ff\x0c esc\x1b del\x7f",
)

#: Everything, for tests that run every entry through a field.
HOSTILE = MARKUP + FORMULAS + ODD
