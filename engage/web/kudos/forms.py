import sqlalchemy as sa
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, Form, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from engage.extensions import db
from engage.kudos.queries import KudosFilters
from engage.models import CompanyValue, CustomerAccount, Team
from engage.validation.forms import plain_text, supported_date


def _choices(everything: str, rows: sa.Select) -> list[SelectChoice]:
    return [SelectChoice("", everything)] + [SelectChoice(str(i), n) for i, n in db.session.execute(rows)]


def _optional_int(raw) -> int | None:
    if raw in ("", None):
        return None
    return int(raw)


class KudosFilterForm(Form):
    """Filters read from the query string (GET, so no CSRF token)."""

    team = SelectField("Team", coerce=_optional_int)
    value = SelectField("Value", coerce=_optional_int)
    account = SelectField("Account", coerce=_optional_int)
    start = DateField("From", validators=[Optional(), supported_date])
    end = DateField("To", validators=[Optional(), supported_date])
    saves = BooleanField("Account saves only")

    def fill_choices(self, visible: set[int] | None) -> "KudosFilterForm":
        teams = sa.select(Team.id, Team.name).order_by(Team.name)
        if visible is not None:
            teams = teams.where(Team.id.in_(visible))
        self.team.choices = _choices("All teams", teams)
        values = sa.select(CompanyValue.id, CompanyValue.name).order_by(CompanyValue.name)
        self.value.choices = _choices("All values", values)
        accounts = sa.select(CustomerAccount.id, CustomerAccount.name).order_by(CustomerAccount.name)
        self.account.choices = _choices("All accounts", accounts)
        return self

    def validate_end(self, field) -> None:
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError("'To' must be on or after 'From'.")

    def filters(self) -> KudosFilters:
        return KudosFilters(
            team_id=self.team.data,
            value_id=self.value.data,
            account_id=self.account.data,
            start=self.start.data,
            end=self.end.data,
            saves_only=bool(self.saves.data),
        )


class ValueForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=80), plain_text])
    description = StringField("Description", validators=[Optional(), Length(max=300), plain_text])


class KudosSettingsForm(FlaskForm):
    public_channel_id = StringField(
        "Public kudos channel id",
        validators=[
            Optional(),
            Regexp(
                r"^[CG][A-Z0-9]{6,}$",
                message="A Slack channel id looks like C0123ABCD (in Slack: channel details, at the bottom).",
            ),
        ],
    )
    daily_allowance = IntegerField(
        "People one person may thank a day",
        validators=[
            InputRequired("Say how many people one person may thank a day."),
            NumberRange(min=1, max=100, message="Pick a whole number from 1 to 100."),
        ],
    )
    show_revenue_publicly = BooleanField("Show revenue kept in the public post")
    notify_managers = BooleanField("Tell recipients' managers in a DM")
    praise_suggestions = BooleanField(
        "Suggest kudos from customers' praise (a daily DM to agents and their managers)"
    )
