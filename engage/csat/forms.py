from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional


class RatingsUploadForm(FlaskForm):
    file = FileField("Ratings CSV file", validators=[FileRequired("Choose a CSV file to upload.")])
    source = StringField(
        "Source for rows without one (e.g. zendesk)", validators=[Optional(), Length(max=50)]
    )
    submit = SubmitField("Import ratings")


class TicketsUploadForm(FlaskForm):
    file = FileField("Ticket outcomes CSV file", validators=[FileRequired("Choose a CSV file to upload.")])
    source = StringField(
        "Source for rows without one (e.g. zendesk)", validators=[Optional(), Length(max=50)]
    )
    submit = SubmitField("Import ticket outcomes")


class TeamMappingForm(FlaskForm):
    source = StringField("Source (e.g. zendesk)", validators=[DataRequired(), Length(max=50)])
    external_group = StringField("Help-desk group or queue", validators=[DataRequired(), Length(max=120)])
    team_id = SelectField("Team", coerce=int, validators=[DataRequired()])
    submit = SubmitField("Add mapping")
