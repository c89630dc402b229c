from flask_wtf import FlaskForm
from wtforms import DateField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from engage.sources.connectors import CONNECTORS

KIND_LABELS = {"zendesk": "Zendesk", "freshdesk": "Freshdesk", "chatwoot": "Chatwoot", "intercom": "Intercom"}


class AddSourceForm(FlaskForm):
    kind = SelectField("Help desk", choices=[SelectChoice(k, KIND_LABELS[k]) for k in CONNECTORS])
    name = StringField(
        "Name (the ratings' source, e.g. zendesk)", validators=[DataRequired(), Length(max=50)]
    )
    base_url = StringField(
        "API address (e.g. https://acme.zendesk.com)", validators=[DataRequired(), Length(max=300)]
    )
    token = PasswordField("API token", validators=[DataRequired(), Length(max=500)])
    email = StringField("Agent email (Zendesk)", validators=[Optional(), Length(max=254)])
    account_id = StringField("Account id (Chatwoot)", validators=[Optional(), Length(max=50)])
    since = DateField("Import ratings from (default today)", validators=[Optional()])
    submit = SubmitField("Check and add")


class TokenForm(FlaskForm):
    token = PasswordField("New API token", validators=[DataRequired(), Length(max=500)])
    email = StringField("Agent email (Zendesk; empty keeps it)", validators=[Optional(), Length(max=254)])
    submit = SubmitField("Check and save")


class WebhookSecretForm(FlaskForm):
    secret = PasswordField(
        "Webhook signing secret (from Zendesk)", validators=[DataRequired(), Length(max=200)]
    )
    submit = SubmitField("Save secret")
