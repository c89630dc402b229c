"""The shared input checks as WTForms validators."""

from wtforms import Field, Form, ValidationError

from engage.validation.dates import DateInputError, in_supported_range
from engage.validation.text import control_character_problem


def _sentence(message: str) -> str:
    return f"{message[:1].upper()}{message[1:]}."


def supported_date(form: Form, field: Field) -> None:
    if field.data is not None:
        try:
            in_supported_range(field.data, f"'{field.label.text}'")
        except DateInputError as exc:
            raise ValidationError(_sentence(str(exc))) from None


def plain_text(form: Form, field: Field) -> None:
    problem = control_character_problem(field.data or "", f"'{field.label.text}'")
    if problem:
        raise ValidationError(_sentence(problem))
