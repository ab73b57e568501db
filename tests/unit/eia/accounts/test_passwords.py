"""The password policy: 12 characters, not common, never the organisation's name."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from eia.accounts.passwords import OrganisationNameValidator, forbidden_words

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password", ["northshire", "Northshire2026", "N0rthsh1re!2026", "my-NORTHSHIRE-password"]
)
def test_the_organisations_name_is_refused_however_disguised(organisation, password):
    with pytest.raises(ValidationError, match="cannot contain the name of your organisation"):
        OrganisationNameValidator().validate(password)
    with pytest.raises(ValidationError):
        validate_password(password)


def test_short_and_common_passwords_are_refused_and_a_long_unusual_one_passes(organisation):
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Tr0ub4dor&3")
    with pytest.raises(ValidationError, match="too common"):
        validate_password("password1234")
    validate_password("correct horse battery staple")


def test_generic_words_of_the_name_are_not_forbidden(organisation):
    assert forbidden_words() == {"northshire"}
    OrganisationNameValidator().validate("county council staff canteen")
