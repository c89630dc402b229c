"""Who may see what: roles on every route, and the teams a manager may see."""

from dataclasses import dataclass
from functools import wraps

import sqlalchemy as sa
from flask import abort, current_app, g, jsonify, request
from flask_login import current_user, login_required
from flask_wtf.csrf import validate_csrf
from sqlalchemy.orm import aliased
from wtforms import ValidationError

from engage.auth.tokens import Bearer, authenticate
from engage.extensions import db
from engage.models import Employee, Team, User


@dataclass(frozen=True)
class Principal:
    """Whoever makes a request: a signed-in user or an API token."""

    role: str
    employee_id: int | None

    @property
    def sees_everything(self) -> bool:
        return self.role in ("admin", "hr")


def principal_for(actor: User | Bearer) -> Principal:
    return Principal(role=actor.role, employee_id=actor.employee_id)


def teams_under(employee_id: int) -> set[int]:
    """Teams of everyone reporting to the employee (directly or not), and all their sub-teams."""
    return set(db.session.scalars(teams_under_query(employee_id)))


def teams_under_query(employee_id: int) -> sa.Select:
    """One statement: the reporting lines down from the employee, their teams, and those teams' sub-teams.

    UNION (not UNION ALL) keeps both walks finite when managers or teams form a loop.
    """
    report = aliased(Employee)
    reports = (
        sa.select(Employee.id, Employee.team_id)
        .where(Employee.manager_id == employee_id, Employee.id != employee_id)
        .cte("reports", recursive=True)
    )
    reports = reports.union(
        sa.select(report.id, report.team_id)
        .join(reports, report.manager_id == reports.c.id)
        .where(report.id != employee_id)
    )
    sub_team = aliased(Team)
    teams = (
        sa.select(reports.c.team_id.label("id"))
        .where(reports.c.team_id.is_not(None))
        .cte("teams_under", recursive=True)
    )
    teams = teams.union(sa.select(sub_team.id).join(teams, sub_team.parent_id == teams.c.id))
    return sa.select(teams.c.id)


def visible_team_ids(principal: Principal) -> set[int] | None:
    """The team ids a principal may see; None means every team."""
    if principal.sees_everything:
        return None
    if principal.employee_id is None:
        return set()
    return teams_under(principal.employee_id)


def current_principal() -> Principal:
    if "principal" in g:
        return g.principal
    return principal_for(current_user)


def can_see_team(team_id: int) -> bool:
    visible = visible_team_ids(current_principal())
    return visible is None or team_id in visible


def roles_required(*roles: str):
    """Page decorator: signed in, with one of the roles (403 otherwise)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def session_write_lacks_csrf_token() -> bool:
    """A write made with the browser's session cookie must carry the page's CSRF token."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not current_app.config.get("WTF_CSRF_ENABLED", True):
        return False
    try:
        validate_csrf(request.headers.get("X-CSRFToken"))
    except ValidationError:
        return True
    return False


def current_actor() -> User | Bearer:
    """Who acts in this request, for the audit log: its API token, else the signed-in user."""
    return g.get("api_token") or current_user._get_current_object()


def api_auth(*roles: str):
    """API decorator: a bearer token, or a signed-in session, with one of the roles."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            header = request.headers.get("Authorization", "")
            if header.startswith("Bearer "):
                token = authenticate(header.removeprefix("Bearer ").strip())
                if token is None:
                    return jsonify(error="invalid or revoked API token"), 401
                g.principal = principal_for(token)
                g.api_token = token
            elif current_user.is_authenticated:
                if session_write_lacks_csrf_token():
                    return jsonify(
                        error="a signed-in session must send the page's CSRF token in the "
                        "X-CSRFToken header; integrations use 'Authorization: Bearer "
                        "<token>'"
                    ), 403
                g.principal = principal_for(current_user)
            else:
                return jsonify(error="send 'Authorization: Bearer <token>' or sign in"), 401
            if g.principal.role not in roles:
                return jsonify(error=f"this endpoint needs one of the roles: {', '.join(roles)}"), 403
            return view(*args, **kwargs)

        return wrapped

    return decorator
