"""Reference data seeded into every installation (editable afterwards)."""

# code, Dutch name, English name, legacy (2016 manifest) theme
NATIONAL_THEMES: list[tuple[str, str, str, bool]] = [
    ("milieu-biodiversiteit", "Milieu en biodiversiteit", "Environment and biodiversity", False),
    ("klimaat", "Klimaat", "Climate", False),
    ("circulair", "Circulair (incl. biobased)", "Circular (incl. biobased)", False),
    ("isv", "Ketenverantwoordelijkheid (ISV)", "Supply chain responsibility (ISV)", False),
    ("diversiteit-inclusie", "Diversiteit en inclusie", "Diversity and inclusion", False),
    ("social-return", "Social return", "Social return", False),
    ("innovatie", "Innovatie", "Innovation", True),
    ("mkb", "MKB-vriendelijk inkopen", "SME-friendly procurement", True),
]
