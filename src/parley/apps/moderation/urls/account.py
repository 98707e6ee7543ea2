"""Staff URLs: the account part of the workspace. These are the staff login pages, so they declare
``access.account_page`` instead of a capability: anyone may open them, and they check the session themselves."""

from django.urls import path

from parley.apps.moderation.views import account

urlpatterns: list = [
    path("login/", account.login, name="account_login"),
    path("verify/", account.verify, name="account_verify"),
    path("enrol/", account.enrol, name="account_enrol"),
    path("logout/", account.logout, name="account_logout"),
]
