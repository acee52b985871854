"""The web app's pages, one URL per page or action."""

from django.urls import path

from tiebook.web.views import (
    about,
    duplicates,
    exports,
    imports,
    interactions,
    people,
    person,
    promises,
    settings_page,
    ties,
    today,
)

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
    path("people/<int:person_id>/pick", ties.pick, name="person_pick"),
    path("people/<int:person_id>/ties", ties.add, name="tie_add"),
    path("people/<int:person_id>/ties/<int:tie_id>/remove", ties.remove, name="tie_remove"),
    path("people/<int:person_id>/intro", ties.introduce, name="person_intro"),
    path("settings/about", about.save, name="settings_about"),
]
