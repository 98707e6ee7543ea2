"""Helpers for the moderation-workspace tests: people in the three roles, stand-in engines, and posting comments
on a post-moderated site (import ``post_mode`` into a test module to use it as a fixture)."""

import pytest
from django.contrib.auth.models import Group, User

from parley.apps.comments.services import NewComment, post_comment
from parley.apps.moderation.models import SiteModerator
from parley.apps.moderation.permissions import ADMINS, ANALYSTS, MODERATORS
from parley.moderation import CommentInput, Decision, Finding, ModerationContext, Verdict


def person(username: str, group: str, *sites) -> User:
    user = User.objects.create_user(username, email=f"{username}@newsroom.example", password="not-a-real-pw")
    user.groups.add(Group.objects.get(name=group))
    for site in sites:
        SiteModerator.objects.create(user=user, site=site)
    return User.objects.get(pk=user.pk)  # fresh, without a cached permission set


def admin(username: str = "ines.admin") -> User:
    return person(username, ADMINS)


def moderator(*sites, username: str = "tomas.mod") -> User:
    return person(username, MODERATORS, *sites)


def analyst(username: str = "ana.lyst") -> User:
    return person(username, ANALYSTS)


def reject_as_spam(comment: CommentInput, context: ModerationContext) -> Verdict:
    finding = Finding("spam", 0.97, 0.9, "This looks like advertising for a shop.", [(0, 5)])
    return Verdict(Decision.REJECT, [finding], engine="test-spam")


def hold_as_hate(comment: CommentInput, context: ModerationContext) -> Verdict:
    finding = Finding("hate", 0.8, 0.5, "This may attack people for their origin.", [(0, 5)])
    return Verdict(Decision.HOLD, [finding], engine="test-hate")


def publish_all(comment: CommentInput, context: ModerationContext) -> Verdict:
    return Verdict(Decision.PUBLISH, [], engine="test-publish")


@pytest.fixture
def post_mode(article):
    """The test article, on a site that publishes comments first and moderates them after."""
    article.site.moderation_mode = "post"
    article.site.save()
    return article


def post_as_reader(article, text: str, *, name: str, email: str):
    """Post ``text`` on ``article`` as a reader who accepted the site's current terms."""
    return post_comment(article, NewComment(author_name=name, text=text, email=email,
                                            accepted_terms=article.site.current_terms))
