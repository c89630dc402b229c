from datetime import timedelta

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from engage.insights.types import TeamInfo
from engage.models import DRIVERS, PLAN_STATUSES, driver_label
from engage.models.base import utcnow
from engage.plans.service import MAX_ACTION
from engage.validation.forms import supported_date

REVIEW_AFTER = timedelta(weeks=8)


class PlanForm(FlaskForm):
    team_id = SelectField("Team", coerce=int, validators=[InputRequired("Pick a team.")])
    driver = SelectField("Driver to improve", choices=[SelectChoice(d, driver_label(d)) for d in DRIVERS])
    action = TextAreaField(
        "What you will do",
        validators=[InputRequired("Say what you will do."), Length(max=MAX_ACTION)],
        render_kw={"rows": 4},
    )
    start_date = DateField("Start", validators=[InputRequired("Give the start date."), supported_date])
    review_date = DateField("Review on", validators=[InputRequired("Give the review date."), supported_date])
    announce = BooleanField("Announce it to the team in Slack")
    announce_channel = StringField(
        "Slack channel ID (to announce in)", validators=[Optional(), Length(max=32)]
    )

    def fill(self, teams: list[TeamInfo]) -> "PlanForm":
        self.team_id.choices = [SelectChoice(t.id, "\u2003" * t.depth + t.name) for t in teams]
        if self.start_date.data is None:
            self.start_date.data = utcnow().date()
        if self.review_date.data is None:
            self.review_date.data = self.start_date.data + REVIEW_AFTER
        return self


class StatusForm(FlaskForm):
    status = SelectField("Status", choices=[SelectChoice(s, s.capitalize()) for s in PLAN_STATUSES])
