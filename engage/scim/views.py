"""The /scim/v2 endpoints: parse the request, call a service, answer application/scim+json."""

import json

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, g, request
from werkzeug.exceptions import RequestEntityTooLarge

from engage.extensions import db
from engage.scim import discovery, groups, users
from engage.scim.errors import ScimError, invalid_syntax, not_unique
from engage.scim.listing import excluded_attributes, list_response, parse_page, without
from engage.scim.paths import parse_equals
from engage.scim.schemas import LIST_RESPONSE
from engage.scim.tokens import authenticate_scim

bp = Blueprint("scim", __name__, url_prefix="/scim/v2")

SCIM_JSON = "application/scim+json"


def scim_response(body: dict | None, status: int = 200, location: str | None = None) -> Response:
    text = "" if body is None else json.dumps(body, separators=(",", ":"))
    response = current_app.response_class(text, status=status, mimetype=SCIM_JSON)
    if location:
        response.headers["Location"] = location
    return response


@bp.errorhandler(ScimError)
def scim_error(error: ScimError) -> Response:
    db.session.rollback()
    response = scim_response(error.body(), error.status)
    if error.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="engage SCIM"'
    return response


@bp.errorhandler(sa.exc.IntegrityError)
def changed_meanwhile(error: sa.exc.IntegrityError) -> Response:
    """Another request took the same email, externalId or team name between our check and our write."""
    return scim_error(not_unique("another request stored this email, externalId or name meanwhile; retry"))


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> Response:
    limit_mb = current_app.config["MAX_CONTENT_LENGTH"] / (1024 * 1024)
    detail = f"the body is larger than the {limit_mb:g} MB limit (ENGAGE_MAX_UPLOAD_MB)"
    return scim_error(ScimError(413, detail))


@bp.before_request
def require_scim_token() -> None:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        raise ScimError(401, "send 'Authorization: Bearer <SCIM token>'; make one on engage's SCIM page")
    token = authenticate_scim(header.removeprefix("Bearer ").strip())
    if token is None:
        raise ScimError(401, "the SCIM token is unknown or revoked (API tokens do not work here)")
    g.scim_token_id = token.id


def _body() -> object:
    try:
        return json.loads(request.get_data(as_text=True))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise invalid_syntax("the body is not JSON; send a SCIM resource as application/scim+json") from None


def _listing(query_for, render) -> Response:
    text = request.args.get("filter")
    query = query_for(parse_equals(text) if text else None)
    return scim_response(
        list_response(query, parse_page(request.args), render, excluded_attributes(request.args))
    )


@bp.get("/ServiceProviderConfig")
def config():
    return scim_response(discovery.service_provider_config())


@bp.get("/ResourceTypes")
@bp.get("/ResourceTypes/<name>")
def resource_type(name: str | None = None):
    return _discovery(discovery.resource_types(), name, "ResourceType")


@bp.get("/Schemas")
@bp.get("/Schemas/<urn>")
def schema(urn: str | None = None):
    return _discovery(discovery.schemas(), urn, "Schema")


def _discovery(resources: list[dict], wanted: str | None, kind: str) -> Response:
    if wanted is None:
        body = {"schemas": [LIST_RESPONSE], "totalResults": len(resources), "startIndex": 1}
        return scim_response(body | {"itemsPerPage": len(resources), "Resources": resources})
    found = next((r for r in resources if r["id"] == wanted), None)
    if found is None:
        raise ScimError(404, f"no {kind} {wanted!r}")
    return scim_response(found)


@bp.get("/Users")
def user_list():
    return _listing(users.users_query, users.render_user)


@bp.post("/Users")
def user_create():
    person = users.create_user(_body())
    resource = users.render_user(person)
    return scim_response(resource, 201, resource["meta"]["location"])


@bp.route("/Users/<resource_id>", methods=["GET", "PUT", "PATCH", "DELETE"])
def user(resource_id: str):
    person = users.get_person(resource_id)
    if request.method == "DELETE":
        users.deactivate_user(person)
        return scim_response(None, 204)
    if request.method == "PUT":
        users.replace_user(person, _body())
    elif request.method == "PATCH":
        users.patch_user(person, _body())
    return scim_response(without(users.render_user(person), excluded_attributes(request.args)))


@bp.get("/Groups")
def group_list():
    return _listing(groups.groups_query, groups.render_group)


@bp.post("/Groups")
def group_create():
    team = groups.create_group(_body())
    resource = groups.render_group(team)
    return scim_response(resource, 201, resource["meta"]["location"])


@bp.route("/Groups/<resource_id>", methods=["GET", "PUT", "PATCH", "DELETE"])
def group(resource_id: str):
    team = groups.get_team(resource_id)
    if request.method == "DELETE":
        groups.delete_group(team)
        return scim_response(None, 204)
    if request.method == "PUT":
        groups.replace_group(team, _body())
    elif request.method == "PATCH":
        groups.patch_group(team, _body())
    return scim_response(without(groups.render_group(team), excluded_attributes(request.args)))


@bp.route("/", defaults={"rest": ""}, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
@bp.route("/<path:rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def unknown(rest: str):
    raise ScimError(404, f"{request.method} /scim/v2/{rest} is no SCIM endpoint; see /scim/v2/ResourceTypes")
