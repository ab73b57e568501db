from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from .views import pages, register

handler400 = "eia.views.errors.bad_request"

_public_assessment = "<slug:organisation>/<path:reference>/v<int:version>/"
_quarterly_report = "<slug:organisation>/screening-report/<int:year>/q<int:quarter>"
register_patterns = (
    [
        path("", register.index, name="index"),
        path("feed.atom", register.feed, name="feed"),
        path("register.csv", register.register_csv, name="csv"),
        path("register.json", register.register_json, name="json"),
        path("<slug:organisation>/", register.organisation, name="organisation"),
        path(
            "<slug:organisation>/screening-report/",
            register.screening_reports,
            name="screening_reports",
        ),
        path(f"{_quarterly_report}/", register.screening_report, name="screening_report"),
        path(
            f"{_quarterly_report}.csv", register.screening_report_csv, name="screening_report_csv"
        ),
        path(_public_assessment, register.assessment, name="assessment"),
        path(f"{_public_assessment}summary.pdf", register.summary_pdf, name="summary_pdf"),
        path(f"{_public_assessment}full.pdf", register.full_pdf, name="full_pdf"),
    ],
    "register",
)

urlpatterns = [
    path("", pages.home, name="home"),
    path(
        "sign-in/",
        login_not_required(
            auth_views.LoginView.as_view(
                template_name="registration/login.html", redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("pipeline/", pages.pipeline_list, name="pipeline_list"),
    path("pipeline/<int:pk>/", pages.pipeline_detail, name="pipeline_detail"),
    path("decisions/", include("eia.views.decisions")),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("public/", include(register_patterns)),
    path("", include("workflows.urls")),
    path("admin/", admin.site.urls),
]
