"""Kinerja: the Chalice application. Creates `app` and registers the blueprints — nothing else."""

from chalice import Chalice

from chalicelib.handlers import (
    admin_routes,
    api,
    archive_routes,
    assessment_routes,
    attendance_routes,
    auth_routes,
    complaint_routes,
    cors_routes,
    decision_routes,
    ekinerja_routes,
    employee_routes,
    export_routes,
    leave_routes,
    notification_jobs,
    one_time_code_routes,
    openapi_routes,
    org_routes,
    record_routes,
    report_routes,
    roster_routes,
    skp_routes,
    streams,
    template_routes,
    verification_routes,
)

app = Chalice(app_name="kinerja")
for module in (
    api,
    auth_routes,
    one_time_code_routes,
    employee_routes,
    org_routes,
    roster_routes,
    attendance_routes,
    complaint_routes,
    record_routes,
    report_routes,
    skp_routes,
    assessment_routes,
    template_routes,
    verification_routes,
    decision_routes,
    notification_jobs,
    export_routes,
    ekinerja_routes,
    archive_routes,
    leave_routes,
    admin_routes,
    openapi_routes,
    streams,
    cors_routes,  # last: a preflight route for every path registered above
):
    app.register_blueprint(module.bp)
