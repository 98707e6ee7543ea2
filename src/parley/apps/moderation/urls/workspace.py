"""Staff URLs: the workspace part of the workspace (every view declares its capability with access.requires).

The queues, one comment in full, the actions on comments (POST), commenters and their restrictions, articles.
"""

from django.urls import path, re_path

from parley.apps.moderation.views import actions, articles, commenters, items, queue

QUEUES = "pending|reported|published|rejected|deleted"

urlpatterns = [
    path("", queue.home, name="home"),
    re_path(rf"^(?P<queue>{QUEUES})/$", queue.queue_view, name="queue"),
    path("comments/<int:pk>/", items.comment_view, name="comment"),
    path("comments/<int:pk>/approve/", actions.approve, name="comment_approve"),
    path("comments/<int:pk>/decline/", actions.decline, name="comment_decline"),
    path("comments/<int:pk>/edit/", actions.edit, name="comment_edit"),
    path("comments/<int:pk>/delete/", actions.delete, name="comment_delete"),
    path("comments/bulk/", actions.bulk, name="bulk"),
    path("notices/<int:pk>/dismiss/", actions.dismiss_notice, name="notice_dismiss"),
    path("commenters/<int:pk>/", commenters.commenter_view, name="commenter"),
    path("commenters/<int:pk>/restrict/", commenters.restrict, name="commenter_restrict"),
    path("restrictions/<int:pk>/lift/", commenters.lift, name="restriction_lift"),
    path("articles/<int:pk>/", articles.article_view, name="article"),
    path("articles/<int:pk>/close/", articles.close_comments, name="article_close"),
    path("articles/<int:pk>/reopen/", articles.reopen_comments, name="article_reopen"),
]
