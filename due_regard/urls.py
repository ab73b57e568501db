from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from eia.views import accessibility
from workflows.urls import site_patterns

handler400 = "eia.views.errors.bad_request"

urlpatterns = [
    *site_patterns,
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
    path("sign-in/", include("signin.urls")),
    path("accessibility/", accessibility.accessibility, name="accessibility"),
    path("", include("eia.accounts.urls")),
    path("public/", include("eia.register.urls")),
    path("", include("equality.urls")),
    path("", include("workflows.urls")),
    path("admin/", admin.site.urls),
]
