"""Shared fixtures: a site with terms, an open article, and helpers to post through the real services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parley.apps.articles.models import Article, Site, Terms
from parley.apps.comments.models import Status
from parley.apps.comments.services import NewComment, post_comment, set_status


@pytest.fixture(autouse=True)
def _stand_in_moderator(request, settings):
    """Platform tests run with the hold-everything moderator, so they test the platform, not the models;
    tests marked ``real_engine`` post through the real engine."""
    if "real_engine" not in request.keywords:
        settings.PARLEY_MODERATOR = "parley.moderation.hold_all"


@pytest.fixture(scope="session")
def encoder():
    """The shipped sentence encoder, loaded once; tests that need it skip when its model files are not built."""
    from parley.moderation.encoder import EncoderModelMissing, shared_encoder

    try:
        return shared_encoder().load()
    except EncoderModelMissing as error:
        pytest.skip(f"the sentence encoder model is not built: {error}")


@pytest.fixture
def site(db):
    site = Site.objects.create(slug="gazette", name="The Harbour Gazette", domains=["gazette.example"],
                               appeal_contact="appeals@gazette.example")
    Terms.objects.create(site=site, version=1, text="Be civil. Use your real name. Write in English.")
    return site


@pytest.fixture
def article(site):
    return Article.objects.create(
        site=site,
        external_id="2026/harbour-ferry",
        url="https://gazette.example/2026/harbour-ferry",
        title="Harbour ferry returns after a two-year pause",
        body="The ferry between the old port and the island resumes service on Monday.",
        published_at=timezone.now() - timedelta(hours=3),
    )


@pytest.fixture
def make_comment(article):
    """Post a comment through the real posting service, optionally moving it to a status afterwards."""

    def make(text="A thoughtful comment about the ferry.", *, name="Mara Okafor", parent=None, status=None,
             on=None):
        target = on or article
        comment = post_comment(
            target,
            NewComment(author_name=name, text=text, parent=parent, accepted_terms=target.site.current_terms),
        )
        if status is not None and comment.status != status:
            set_status(comment, status, actor_label="test", reason="fixture")
            comment.refresh_from_db()
        return comment

    return make


@pytest.fixture
def published(make_comment):
    def make(text="A thoughtful comment about the ferry.", **kwargs):
        return make_comment(text, status=Status.PUBLISHED, **kwargs)

    return make


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (tests flush the cache database named by REDIS_URL)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def verified_login(db):
    """Sign a staff member in with a session verified by their second factor, as after the code step:
    ``verified_login(client, user)`` (gives the user an authenticator device if they have none; returns it)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def login(client, user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return device

    return login
