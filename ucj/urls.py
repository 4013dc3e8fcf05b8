from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ucj import views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("regions/<str:code>/", views.region, name="region"),
    path("api/regions/<str:code>/coverage/", views.region_coverage_api, name="region_coverage_api"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
