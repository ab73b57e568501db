from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from .views import pages

handler400 = "eia.views.errors.bad_request"

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
    path("public/", include("eia.register.urls")),
    path("", include("workflows.urls")),
    path("admin/", admin.site.urls),
]
