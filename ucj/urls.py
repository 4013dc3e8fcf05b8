from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ucj.dashboards import views as dashboards
from ucj.entry import views as entry
from ucj.history import views as history
from ucj.notices import views as notices
from ucj.reports import views as reports
from ucj.signin import AdminSignInForm, SignInForm
from ucj.spreadsheets import views as spreadsheets

handler400 = "ucj.errors.bad_request"
handler500 = "ucj.errors.server_error"
admin.site.login_form = AdminSignInForm

urlpatterns = [
    path("", dashboards.overview, name="overview"),
    path("regions/<str:code>/", dashboards.region, name="region"),
    path("regions/<str:code>/map.json", dashboards.region_map, name="region_map"),
    path("regions/<str:code>/report.pdf", reports.region_report, name="region_report"),
    path("api/regions/<str:code>/coverage/", dashboards.region_coverage_api, name="region_coverage_api"),
    path("regions/<str:code>/history/", history.region_history, name="region_history"),
    path("regions/<str:code>/figures/", history.region_figures, name="region_figures"),
    path("history/<int:change_id>/revert/", history.revert, name="revert_change"),
    path("entry/", entry.entry_index, name="entry_index"),
    path("entry/completeness/", entry.entry_completeness, name="entry_completeness"),
    path("entry/<str:month>/", entry.entry_grid, name="entry_grid"),
    path("imports/", spreadsheets.imports, name="imports"),
    path("imports/<int:batch_id>/", spreadsheets.import_preview, name="import_preview"),
    path("imports/<int:batch_id>/status.json", spreadsheets.import_status, name="import_status"),
    path("imports/<int:batch_id>/confirm/", spreadsheets.import_confirm, name="import_confirm"),
    path("imports/<int:batch_id>/retry/", spreadsheets.import_retry, name="import_retry"),
    path("imports/<int:batch_id>/discard/", spreadsheets.import_discard, name="import_discard"),
    path("imports/<int:batch_id>/undo/", spreadsheets.import_undo, name="import_undo"),
    path("imports/templates/<str:kind>.xlsx", spreadsheets.import_template, name="import_template"),
    path("exports/figures/", spreadsheets.export_figures, name="export_figures"),
    path("exports/figures/prepare/", spreadsheets.export_prepare, name="export_prepare"),
    path("exports/<uuid:uid>/", spreadsheets.export_job, name="export_job"),
    path("exports/<uuid:uid>/status.json", spreadsheets.export_status, name="export_status"),
    path("exports/<uuid:uid>/file", spreadsheets.export_file, name="export_file"),
    path("", include("programs.urls")),
    path("akun/", notices.account, name="account"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=SignInForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", notices.switch_language, name="set_language"),
    path("admin/", admin.site.urls),
]
