"""Input types shared by the API's schemas: text that can be stored, ids that fit the database, dates that
can be computed with. Numbers and booleans in a JSON body must be JSON numbers and booleans (``json_int``,
``StrictBool``); path and query values are parsed from text."""

from datetime import datetime
from typing import Annotated

from django.core.exceptions import ValidationError as DjangoValidationError
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field
from pydantic_core import PydanticCustomError

MAX_ID = 2**63 - 1
EARLIEST_YEAR = 1900
LATEST_YEAR = 2999


def _storable(value: str) -> str:
    if "\x00" in value:
        raise PydanticCustomError("null_character", "Null characters are not allowed.")
    try:
        value.encode()
    except UnicodeEncodeError:
        raise PydanticCustomError("invalid_character", "The text contains characters that are not valid.") from None
    return value


def _json_number(value):
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


def _in_calendar(value: datetime) -> datetime:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise PydanticCustomError(
            "date_range", "Use a date between the years {earliest} and {latest}.",
            {"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )
    return value


def json_int(**constraints):
    """An integer in a JSON body, with ``Field`` constraints (ge, le)."""
    return Annotated[int, Field(**constraints), BeforeValidator(_json_number)]


def django_validator(validator):
    """A pydantic validator that applies a Django validator to non-empty values and reports its message."""

    def check(value):
        if not value:
            return value
        try:
            validator(value)
        except DjangoValidationError as error:
            raise PydanticCustomError("invalid", " ".join(error.messages)) from None
        return value

    return AfterValidator(check)


Text = Annotated[str, AfterValidator(_storable), Field(json_schema_extra={"pattern": r"^[^\x00]*$"})]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
BodyId = json_int(ge=1, le=MAX_ID)
Date = Annotated[AwareDatetime, AfterValidator(_in_calendar)]
