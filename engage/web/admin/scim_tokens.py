"""The SCIM page: tokens for an identity provider's provisioning, made here and shown once."""

from flask import abort, flash, redirect, render_template, request, url_for

from engage.auth.access import roles_required
from engage.extensions import db
from engage.models import ScimToken
from engage.scim.tokens import create_scim_token, list_scim_tokens, revoke_scim_token
from engage.web.admin import bp
from engage.web.admin.forms import ActionForm, ScimTokenForm


@bp.route("/admin/scim", methods=["GET", "POST"])
@roles_required("admin")
def scim_tokens():
    form = ScimTokenForm()
    new_token, status = None, 200
    if form.is_submitted():
        status = 400
        if form.validate():
            new_token, status = create_scim_token(form.name.data), 201
            form = ScimTokenForm(formdata=None)
    page = render_template(
        "admin/scim_tokens.html",
        form=form,
        action=ActionForm(),
        tokens=list_scim_tokens(),
        new_token=new_token,
        base_url=request.url_root.rstrip("/") + "/scim/v2",
    )
    return page, status, {"Cache-Control": "no-store"}


@bp.post("/admin/scim/<int:token_id>/revoke")
@roles_required("admin")
def revoke_scim(token_id: int):
    token = db.get_or_404(ScimToken, token_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    revoke_scim_token(token)
    flash(f"SCIM token {token.name!r} is revoked; the identity provider can no longer provision.", "success")
    return redirect(url_for("admin.scim_tokens"))
