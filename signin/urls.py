from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views
from .oidc import SignInCallbackView, SignInRequestView

app_name = "signin"

urlpatterns = [
    path("council/", login_not_required(SignInRequestView.as_view()), name="oidc_authenticate"),
    path(
        "council/callback/",
        login_not_required(SignInCallbackView.as_view()),
        name="oidc_callback",
    ),
    path("security-code/set-up/", views.set_up, name="set_up"),
    path("security-code/", views.verify, name="verify"),
    path("security-code/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("stay-signed-in/", views.keep_alive, name="keep_alive"),
    path("signed-out/", login_not_required(views.timed_out), name="timed_out"),
]
