"""The password policy's own rule: never the organisation's name, in any disguise.

Django's validators refuse short (under 12 characters), common (its list of 20,000 breached
passwords), all-numeric and username-like passwords; this one refuses a password built on the
name of any organisation the service hosts, however it is cased, spelled with digits for letters
(N0rthsh1re) or padded with a year (Northshire2026).
"""

import re

from django.core.exceptions import ValidationError

from eia.models import Organisation

# Words in organisations' names too common to forbid on their own.
_GENERIC = {
    "council", "county", "district", "borough", "city", "metropolitan", "unitary", "service",
    "services", "trust", "foundation", "police", "fire", "rescue", "authority", "health",
    "national", "combined", "royal", "the", "and", "for", "of",
}  # fmt: skip
_LOOKALIKES = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                             "@": "a", "$": "s", "!": "i", "|": "l"})  # fmt: skip


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def forbidden_words() -> set[str]:
    words = set()
    for name, short_name, slug in Organisation.objects.values_list("name", "short_name", "slug"):
        for candidate in (short_name, slug, *name.split()):
            letters = _letters(candidate)  # names as written: digits are not letters there
            if len(letters) >= 4 and letters not in _GENERIC:
                words.add(letters)
    return words


class OrganisationNameValidator:
    def validate(self, password: str, user=None) -> None:
        letters = _letters(password.lower().translate(_LOOKALIKES))
        if any(word in letters for word in forbidden_words()):
            raise ValidationError(
                "Your password cannot contain the name of your organisation.",
                code="password_has_organisation_name",
            )

    def get_help_text(self) -> str:
        return "Your password cannot contain the name of your organisation."
