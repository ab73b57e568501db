"""The register's addresses, under /public/ (names are reversed as "register:<name>")."""

from django.urls import path, register_converter

from . import audit_digests, downloads, feeds, reports, views


class ReferenceConverter:
    """Any stored reference, even one with a line break from before references were checked
    (eia/services/pipeline.py refuses them now): Django's `path` converter cannot reverse
    those, and one such record would break every list it is in."""

    regex = r"[\s\S]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReferenceConverter, "reference")

app_name = "register"

_public_assessment = "<slug:organisation>/<reference:reference>/v<int:version>/"
_quarterly_report = "<slug:organisation>/screening-report/<int:year>/q<int:quarter>"

urlpatterns = [
    path("", views.index, name="index"),
    path("feed.atom", feeds.feed, name="feed"),
    path("register.csv", downloads.register_csv, name="csv"),
    path("register.json", downloads.register_json, name="json"),
    path("register.xlsx", downloads.register_xlsx, name="xlsx"),
    path("audit-digests/", audit_digests.audit_digests, name="audit_digests"),
    path("<slug:organisation>/", views.organisation, name="organisation"),
    path(
        "<slug:organisation>/screening-report/",
        reports.screening_reports,
        name="screening_reports",
    ),
    path(f"{_quarterly_report}/", reports.screening_report, name="screening_report"),
    path(f"{_quarterly_report}.csv", reports.screening_report_csv, name="screening_report_csv"),
    path(_public_assessment, views.assessment, name="assessment"),
    path(f"{_public_assessment}summary.pdf", views.summary_pdf, name="summary_pdf"),
    path(f"{_public_assessment}full.pdf", views.full_pdf, name="full_pdf"),
]
