from django.urls import path

from parley.apps.comments import views

app_name = "comments"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<int:pk>/", views.article_comments, name="article"),
    path("articles/<int:pk>/post/", views.post_form, name="post"),
    path("comments/<int:pk>/", views.comment_thread, name="comment"),
    path("status/<str:token>/", views.comment_status, name="status"),
    path("sites/<slug:slug>/terms/", views.terms, name="terms"),
]
