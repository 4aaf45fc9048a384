from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.people import views as people_views
from lms.people.forms import SignInForm

from . import views

handler400 = "lms.middleware.bad_request"
handler500 = "lms.middleware.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    # Browsers and bots ask for /favicon.ico whatever the page says: no 404 for them.
    path("favicon.ico", views.favicon, name="favicon"),
    path("notifications/", people_views.notifications_view, name="notifications"),
    path("audit/", people_views.audit_view, name="audit"),
    path("help/", TemplateView.as_view(template_name="lms/help.html"), name="help"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/two-factor/", people_views.two_factor_verify_view, name="two_factor_verify"),
    path("accounts/two-factor/setup/", people_views.two_factor_setup_view, name="two_factor_setup"),
    path(
        "accounts/two-factor/recovery-codes/",
        people_views.two_factor_recovery_codes_view,
        name="two_factor_recovery_codes",
    ),
    path(
        "accounts/password_reset/", people_views.PasswordResetView.as_view(), name="password_reset"
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("learn/", include("courses.urls")),
    path("supervision/", include("lms.supervision.urls")),
    path("hr/", include("lms.hiring.urls")),
    path("analytics/", include("lms.analytics.urls")),
    path("audits/", include("lms.audits.urls")),
    path("", include("certificates.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
