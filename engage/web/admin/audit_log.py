"""The audit log page and its CSV export (admins only)."""

from flask import Response, abort, render_template, request
from flask_login import current_user

from engage import audit
from engage.audit.reading import AuditFilter, actions, audit_csv, audit_rows
from engage.auth.access import roles_required
from engage.web.admin import bp
from engage.web.filters import FilterError, input_date


def _filter() -> AuditFilter:
    """The page's filters; a bad date is a 400 that says what to fix."""
    try:
        start = input_date(request.args, "start", "from")
        end = input_date(request.args, "end", "to")
    except FilterError as exc:
        abort(400, description=exc.message[:1].upper() + exc.message[1:] + ".")
    return AuditFilter((request.args.get("action") or "").strip() or None, start, end)


@bp.get("/admin/audit")
@roles_required("admin")
def audit_log():
    wanted = _filter()
    return render_template("admin/audit.html", rows=audit_rows(wanted), actions=actions(), wanted=wanted)


@bp.get("/admin/audit.csv")
@roles_required("admin")
def audit_export():
    wanted = _filter()
    body = audit_csv(audit_rows(wanted, limit=None))
    audit.record(current_user, "audit.export", "audit log", f"action={wanted.action or 'any'}")
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="engage-audit-log.csv"'},
    )
