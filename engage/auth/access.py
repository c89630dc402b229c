"""Who may see what: roles on every route, and the teams a manager may see."""

from collections import defaultdict
from dataclasses import dataclass
from functools import wraps

import sqlalchemy as sa
from flask import abort, current_app, g, jsonify, request
from flask_login import current_user, login_required
from flask_wtf.csrf import validate_csrf
from wtforms import ValidationError

from engage.auth.tokens import authenticate
from engage.extensions import db
from engage.models import ApiToken, Employee, Team, User


@dataclass(frozen=True)
class Principal:
    """Whoever makes a request: a signed-in user or an API token."""

    role: str
    employee_id: int | None

    @property
    def sees_everything(self) -> bool:
        return self.role in ("admin", "hr")


def principal_for(actor: User | ApiToken) -> Principal:
    if isinstance(actor, ApiToken):
        employee_id = actor.user.employee_id if actor.user else None
        return Principal(role=actor.role, employee_id=employee_id)
    return Principal(role=actor.role, employee_id=actor.employee_id)


def teams_under(employee_id: int) -> set[int]:
    """Teams of everyone reporting to the employee (directly or not), and all their sub-teams."""
    rows = db.session.execute(sa.select(Employee.id, Employee.manager_id, Employee.team_id)).all()
    reports = defaultdict(list)
    team_of = {}
    for emp_id, manager_id, team_id in rows:
        team_of[emp_id] = team_id
        if manager_id is not None:
            reports[manager_id].append(emp_id)
    teams: set[int] = set()
    seen, stack = {employee_id}, [employee_id]
    while stack:
        for report in reports[stack.pop()]:
            if report not in seen:
                seen.add(report)
                stack.append(report)
                if (team := team_of[report]) is not None:
                    teams.add(team)
    return teams | descendant_teams(teams)


def descendant_teams(team_ids: set[int]) -> set[int]:
    children = defaultdict(list)
    for team_id, parent_id in db.session.execute(sa.select(Team.id, Team.parent_id)).all():
        if parent_id is not None:
            children[parent_id].append(team_id)
    found: set[int] = set()
    stack = list(team_ids)
    while stack:
        for child in children[stack.pop()]:
            if child not in found and child not in team_ids:
                found.add(child)
                stack.append(child)
    return found


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


def current_actor() -> User | ApiToken:
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
