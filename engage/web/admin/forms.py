from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from engage.auth.passwords import password_problem
from engage.internal_service.roles import ROLE_LABELS
from engage.models import DRIVERS, ROLES, driver_label
from engage.retention.policy import MAX_MONTHS
from engage.validation.forms import plain_text


def acceptable_password(form: FlaskForm, field: PasswordField) -> None:
    if problem := password_problem(field.data or ""):
        raise ValidationError(problem[0].upper() + problem[1:] + ".")


class RosterForm(FlaskForm):
    roster = FileField("Roster CSV", validators=[FileRequired("Choose the roster CSV file to upload.")])
    submit = SubmitField("Import roster")


class HistoryForm(FlaskForm):
    history = FileField("Answers CSV", validators=[FileRequired("Choose the answers CSV file to upload.")])
    submit = SubmitField("Import answers")


class UserForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Email()])
    password = PasswordField("Password", validators=[DataRequired(), acceptable_password])
    role = SelectField("Role", choices=[SelectChoice(r) for r in ROLES])
    employee_id = SelectField("Linked employee (required for managers)", coerce=int)
    submit = SubmitField("Create user")


class QuestionForm(FlaskForm):
    driver = SelectField("Driver", choices=[SelectChoice(d, driver_label(d)) for d in DRIVERS])
    kind = SelectField(
        "Answered with",
        choices=[
            SelectChoice("score", "A score (1-5 agreement; eNPS 0-10)"),
            SelectChoice("open", "Words only (an open question)"),
        ],
        default="score",
    )
    text = StringField("Question", validators=[DataRequired(), Length(max=300), plain_text])
    submit = SubmitField("Add question")


class QuestionTextForm(FlaskForm):
    text = StringField("Question", validators=[DataRequired(), Length(max=300), plain_text])
    submit = SubmitField("Save")


class ActionForm(FlaskForm):
    """An empty form: a POST button carrying only the CSRF token."""


class SignInPolicyForm(FlaskForm):
    require_sso = BooleanField("Require single sign-on (password sign-in off)")
    break_glass = SelectField("Break-glass administrator (keeps password sign-in)")
    submit = SubmitField("Save sign-in policy")


class ScimTokenForm(FlaskForm):
    name = StringField(
        "Name (which identity provider uses it)", validators=[DataRequired(), Length(max=100), plain_text]
    )
    submit = SubmitField("Create SCIM token")


class RetentionForm(FlaskForm):
    comment_months = IntegerField(
        "Delete comment text older than (months; empty keeps it)",
        validators=[
            Optional(),
            NumberRange(1, MAX_MONTHS, "Give a whole number of months from 1 to %(max)s."),
        ],
    )
    leaver_months = IntegerField(
        "Erase people who left more than (months ago; empty keeps them)",
        validators=[
            Optional(),
            NumberRange(1, MAX_MONTHS, "Give a whole number of months from 1 to %(max)s."),
        ],
    )
    submit = SubmitField("Save retention settings")


class EraseForm(FlaskForm):
    confirm_email = StringField("Type their email to confirm", validators=[DataRequired()])
    submit = SubmitField("Erase for good")


class FrontLineRoleForm(FlaskForm):
    role = SelectField(
        "Front line",
        choices=[SelectChoice(value, label) for value, label in ROLE_LABELS.items()],
        validate_choice=False,  # set_role names the choices when it refuses one
    )
    submit = SubmitField("Save")
