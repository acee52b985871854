"""The web app's pages, one URL per page or action."""

from django.urls import path

from tiebook.web.views import (
    duplicates,
    exports,
    imports,
    interactions,
    people,
    person,
    promises,
    settings_page,
    today,
)
from tiebook.web.views import events as event_views
from tiebook.web.views import opportunities as opps

app_name = "web"

urlpatterns = [
    path("", today.today, name="today"),
    path("people/", people.people, name="people"),
    path("people/bulk", people.bulk, name="people_bulk"),
    path("people/new", person.add, name="person_add"),
    path("people/<int:person_id>/", person.detail, name="person"),
    path("people/<int:person_id>/edit", person.edit, name="person_edit"),
    path("people/<int:person_id>/log", person.log, name="person_log"),
    path("people/<int:person_id>/snooze", person.snooze, name="person_snooze"),
    path("people/<int:person_id>/archive", person.archive, name="person_archive"),
    path("people/<int:person_id>/delete", person.delete, name="person_delete"),
    path("people/<int:person_id>/timeline", interactions.timeline, name="person_timeline"),
    path("people/<int:person_id>/promises", promises.add, name="promise_add"),
    path("promises/<int:task_id>/done", promises.done, name="promise_done"),
    path("interactions/<int:interaction_id>/edit", interactions.edit, name="interaction_edit"),
    path(
        "interactions/<int:interaction_id>/delete", interactions.delete, name="interaction_delete"
    ),
    path("import/", imports.index, name="import"),
    path("import/pending/<str:token>/", imports.preview, name="import_preview"),
    path("import/pending/<str:token>/confirm", imports.confirm, name="import_confirm"),
    path("import/pending/<str:token>/cancel", imports.cancel, name="import_cancel"),
    path("import/runs/<int:run_id>/", imports.run, name="import_run"),
    path("import/runs/<int:run_id>/undo", imports.undo, name="import_undo"),
    path("duplicates/", duplicates.duplicates, name="duplicates"),
    path("duplicates/merge", duplicates.merge, name="duplicates_merge"),
    path("duplicates/apart", duplicates.apart, name="duplicates_apart"),
    path("export/<str:format>", exports.download, name="export"),
    path("settings/", settings_page.settings_page, name="settings"),
    path("settings/profile", settings_page.profile, name="settings_profile"),
    path("settings/intervals", settings_page.intervals, name="settings_intervals"),
    path("settings/backup", settings_page.backup_download, name="backup_download"),
    path("settings/restore", settings_page.restore_upload, name="restore_upload"),
    path("events/", event_views.index, name="events"),
    path("events/new", event_views.add, name="event_add"),
    path("events/settings", event_views.settings_days, name="event_settings"),
    path("events/import", event_views.import_calendar, name="event_import"),
    path("events/<int:event_id>/", event_views.detail, name="event"),
    path("events/<int:event_id>/met", event_views.met, name="event_met"),
    path("events/<int:event_id>/relevant", event_views.relevant, name="event_relevant"),
    path("events/<int:event_id>/status", event_views.status, name="event_status"),
    path("events/<int:event_id>/want", event_views.want, name="event_want"),
    path("events/<int:event_id>/followup-days", event_views.followup_days, name="event_days"),
    path("events/<int:event_id>/delete", event_views.delete, name="event_delete"),
    path("opportunities/", opps.board, name="opportunities"),
    path("opportunities/new", opps.add, name="opportunity_add"),
    path("opportunities/<int:opportunity_id>/", opps.detail, name="opportunity"),
    path("opportunities/<int:opportunity_id>/move", opps.move, name="opportunity_move"),
    path("opportunities/<int:opportunity_id>/next", opps.next_step, name="opportunity_next"),
    path("opportunities/<int:opportunity_id>/link", opps.link, name="opportunity_link"),
    path(
        "opportunities/<int:opportunity_id>/unlink/<int:person_id>",
        opps.unlink,
        name="opportunity_unlink",
    ),
    path("opportunities/<int:opportunity_id>/delete", opps.delete, name="opportunity_delete"),
    path("opportunities/<int:opportunity_id>/referrals", opps.referral_add, name="referral_add"),
    path("referrals/<int:referral_id>/outcome", opps.referral_outcome, name="referral_outcome"),
    path(
        "people/<int:person_id>/referrals",
        opps.person_referral_add,
        name="person_referral_add",
    ),
]
