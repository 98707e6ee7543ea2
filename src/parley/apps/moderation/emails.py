"""E-mail to commenters and notifiers: plain text from templates, sent after the decision is committed.

Mail goes through ``django.core.mail`` inside a ``django.tasks`` task, queued with ``transaction.on_commit`` so a
decision that is rolled back never sends mail, and a mail server that fails never undoes a decision. (Tests that
read ``mail.outbox`` run the commit callbacks with ``django_capture_on_commit_callbacks(execute=True)``.)
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

log = logging.getLogger(__name__)


def absolute(path: str) -> str:
    """A link for an e-mail. Without PARLEY_PUBLIC_URL there is no request to learn the host from, so the path
    is given as it is."""
    return (settings.PARLEY_PUBLIC_URL or "") + path


def status_link(comment) -> str:
    """The commenter's private status page for ``comment`` (a signed link)."""
    from parley.apps.comments.links import status_token

    return absolute(reverse("comments:status", args=[status_token(comment)]))


def terms_link(site) -> str:
    return absolute(site.get_terms_url())


@task
def deliver(to: list[str], subject: str, body: str, reply_to: list[str] | None = None) -> int:
    message = EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or None)
    return message.send()


def send(template: str, *, to: str, subject: str, context: dict, reply_to: str = "") -> bool:
    """Render ``moderation/email/<template>.txt`` and send it to ``to`` once the transaction commits.

    Returns False (and sends nothing) when there is no address.
    """
    if not to:
        return False
    body = render_to_string(f"moderation/email/{template}.txt", context)
    subject = " ".join(subject.split())[:200]
    reply = [reply_to] if reply_to and "@" in reply_to else None

    def queue() -> None:
        try:
            deliver.enqueue([to], subject, body, reply)
        except Exception:  # noqa: BLE001 - a mail failure must never undo or hide a moderation decision
            log.exception("could not send the %s e-mail", template)

    transaction.on_commit(queue)
    return True
