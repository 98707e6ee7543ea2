"""Related articles on the platform: embeddings on save, the per-site index, related(), pins, pages, reindex.

Uses the real sentence encoder (skipped when its model files are not built) and the invented stories of
tests/related/articles.jsonl (five subjects, five stories each).
"""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from parley.apps.articles import related as service
from parley.apps.articles.models import Article, ArticleEmbedding, RelatedPin, Site
from parley.apps.articles.services import upsert_article
from parley.related import ApproxIndex, ExactIndex
from parley.related.ranking import PINNED, SIMILAR
from parley.related.vectors import embed_article, to_bytes

STORIES = [json.loads(line) for line in (Path(__file__).parent / "related" / "articles.jsonl").read_text().splitlines()
           if line.strip()]


@pytest.fixture(autouse=True)
def _fresh_indexes():
    service.forget_indexes()
    yield
    service.forget_indexes()


@pytest.fixture
def newsroom(site, encoder, django_capture_on_commit_callbacks):
    """The 25 stories on the site, published over the last weeks, each embedded by the save hook."""
    now = timezone.now()
    by_story: dict[int, Article] = {}
    with django_capture_on_commit_callbacks(execute=True):
        for story in STORIES:
            by_story[story["id"]] = Article.objects.create(
                site=site, external_id=f"story-{story['id']}", url=f"https://gazette.example/story-{story['id']}",
                title=story["title"], body=story["body"], published_at=now - timedelta(days=60 - 2 * story["id"]),
            )
    return by_story


def topic(article: Article) -> str:
    return next(s["topic"] for s in STORIES if s["title"] == article.title)


def test_saving_an_article_stores_its_embedding(newsroom):
    assert ArticleEmbedding.objects.filter(article__in=newsroom.values()).count() == 25
    stored = ArticleEmbedding.objects.get(article=newsroom[1])
    assert len(bytes(stored.vector)) == 384 * 4
    assert stored.fingerprint == service.current_fingerprint()
    assert stored.text_hash == service.text_hash(newsroom[1].title, newsroom[1].body)


def test_related_finds_published_articles_of_the_same_subject_with_scores(newsroom):
    article = newsroom[1]
    results = service.related(article, k=3)
    assert len(results) == 3
    assert all(topic(r.article) == "ferry" for r in results)
    assert article not in [r.article for r in results]
    assert all(r.reason == SIMILAR and r.score is not None and r.similarity is not None for r in results)
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    for r in results:  # the site's recency boost is added to the similarity
        assert 0 < r.score - r.similarity <= 0.05 + 1e-9


def test_related_leaves_out_unpublished_other_sites_and_near_duplicates(newsroom, site, django_capture_on_commit_callbacks):
    other = Site.objects.create(slug="courier", name="The Courier")
    first = newsroom[1]
    with django_capture_on_commit_callbacks(execute=True):
        copy_elsewhere = Article.objects.create(site=other, external_id="x", url="https://courier.example/x",
                                                title=first.title, body=first.body)
        scheduled = Article.objects.create(site=site, external_id="future", url="https://gazette.example/future",
                                           title="Ferry crossing to Skerry Island gets a third daily sailing",
                                           body=newsroom[4].body, published_at=timezone.now() + timedelta(days=2))
        update = Article.objects.create(
            site=site, external_id="story-1-update", url="https://gazette.example/story-1-update",
            title=first.title, body=first.body + " The first crossing leaves Port Aldwick at 7.15am.",
        )
    found = [r.article for r in service.related(first, k=10)]
    assert copy_elsewhere not in found and scheduled not in found
    assert update not in found  # a near-duplicate of the article itself
    reading_other_ferry = [r.article for r in service.related(newsroom[2], k=10)]
    assert not {first, update} <= set(reading_other_ferry)  # only one copy of the same story


def test_only_a_title_or_body_change_embeds_again(newsroom, django_capture_on_commit_callbacks, monkeypatch):
    article = newsroom[6]
    calls = []
    real = service.embed_articles
    monkeypatch.setattr(service, "embed_articles", lambda pairs, enc=None: calls.append(pairs) or real(pairs, enc))
    with django_capture_on_commit_callbacks(execute=True):
        article.comments_closed = True
        article.save()
        Article.objects.get(pk=article.pk).save(update_fields=["comments_closed"])
    assert calls == []
    with django_capture_on_commit_callbacks(execute=True):
        upsert_article(article.site, article.external_id, title="Hospital A&E queues reach record length")
    assert len(calls) == 1
    stored = ArticleEmbedding.objects.get(article=article)
    assert stored.text_hash == service.text_hash("Hospital A&E queues reach record length", article.body)


def test_an_encoder_failure_never_breaks_saving_and_related_skips_the_article(
        newsroom, site, django_capture_on_commit_callbacks, monkeypatch, caplog):
    def broken(pairs, encoder=None):
        raise RuntimeError("model exploded")

    monkeypatch.setattr(service, "embed_articles", broken)
    with django_capture_on_commit_callbacks(execute=True):
        article, created = upsert_article(site, "ferry-unembedded", url="https://gazette.example/fu",
                                          title=newsroom[1].title + " again", body=newsroom[1].body)
    assert created and Article.objects.filter(pk=article.pk).exists()
    assert not ArticleEmbedding.objects.filter(article=article).exists()
    assert "could not embed article" in caplog.text
    assert article not in [r.article for r in service.related(newsroom[2], k=10)]
    assert service.related(article) == []  # no vector, no pins: nothing to show, no error


def test_the_cached_index_is_updated_in_place_and_after_a_deletion(newsroom, site, django_capture_on_commit_callbacks):
    index = service.site_index(site.pk)
    assert isinstance(index, ExactIndex) and len(index) == 25
    assert service.site_index(site.pk) is index  # cached in the process
    with django_capture_on_commit_callbacks(execute=True):
        new = Article.objects.create(site=site, external_id="new", url="https://gazette.example/new",
                                     title="Rovers sign a new goalkeeper", body=newsroom[12].body)
    assert new.pk in service.site_index(site.pk)
    gone = newsroom[13].pk
    with django_capture_on_commit_callbacks(execute=True):
        newsroom[13].delete()
    assert gone not in service.site_index(site.pk)
    assert newsroom[13] not in [r.article for r in service.related(newsroom[12], k=10)]


def test_a_vector_stored_by_another_process_is_loaded_on_next_use(newsroom, site, encoder):
    index = service.site_index(site.pk)
    version = Site.objects.get(pk=site.pk).related_version
    new = Article.objects.create(site=site, external_id="late", url="https://gazette.example/late",  # not embedded
                                 title="Rovers sign a new goalkeeper", body=newsroom[12].body)
    assert new.pk not in index
    with transaction.atomic():  # what the task worker does in its own process: this process's copy is untouched
        stored_at = service._bump(site.pk)
        ArticleEmbedding.objects.create(
            article=new, vector=to_bytes(embed_article(new.title, new.body, encoder)),
            fingerprint=service.current_fingerprint(), text_hash=service.text_hash(new.title, new.body),
            site_version=stored_at,
        )
    assert stored_at == version + 1 and new.pk not in index
    caught_up = service.site_index(site.pk)
    assert caught_up is index and new.pk in caught_up and len(caught_up) == 26  # only the new vector was loaded
    assert new in [r.article for r in service.related(newsroom[12], k=3)]


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection after each task
def test_with_the_database_task_backend_a_worker_embeds_the_article(site, encoder, settings,
                                                                     django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        article = Article.objects.create(site=site, external_id="queued", url="https://gazette.example/queued",
                                         title=STORIES[0]["title"], body=STORIES[0]["body"])
    queued = DBTaskResult.objects.get()
    assert (queued.task_path, queued.status) == ("parley.apps.articles.tasks.embed_article", "READY")
    assert not ArticleEmbedding.objects.filter(article=article).exists()  # the web request did not wait for it

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL" and queued.return_value is True
    stored = ArticleEmbedding.objects.get(article=article)
    assert stored.fingerprint == service.current_fingerprint()
    assert stored.site_version == Site.objects.get(pk=site.pk).related_version > 0
    assert article.pk in service.site_index(site.pk)


def test_pins_come_first_in_the_publishers_order(newsroom, site):
    article = newsroom[1]
    unpublished = Article.objects.create(site=site, external_id="later", url="https://gazette.example/later",
                                         title="Later", published_at=timezone.now() + timedelta(days=1))
    RelatedPin.objects.create(article=article, pinned=newsroom[21], position=2)
    RelatedPin.objects.create(article=article, pinned=newsroom[11], position=1)
    RelatedPin.objects.create(article=article, pinned=unpublished, position=0)
    results = service.related(article, k=4)
    assert [r.article for r in results[:2]] == [newsroom[11], newsroom[21]]
    assert [r.reason for r in results] == [PINNED, PINNED, SIMILAR, SIMILAR]
    assert unpublished not in [r.article for r in results]
    assert all(topic(r.article) == "ferry" for r in results[2:])


def test_a_pin_must_be_another_article_of_the_same_site(newsroom, site):
    other = Site.objects.create(slug="courier", name="The Courier")
    foreign = Article.objects.create(site=other, external_id="y", url="https://courier.example/y", title="Y")
    with pytest.raises(ValidationError, match="same site"):
        RelatedPin(article=newsroom[1], pinned=foreign).full_clean()
    with pytest.raises(ValidationError, match="itself"):
        RelatedPin(article=newsroom[1], pinned=newsroom[1]).full_clean()
    RelatedPin(article=newsroom[1], pinned=newsroom[2], position=1).full_clean()


def test_site_settings_for_the_recency_boost_are_validated_and_used(newsroom, site):
    for field, value in [("related_recency_boost", 1.5), ("related_recency_boost", -0.1),
                         ("related_half_life_days", 0)]:
        candidate = Site(slug="s", name="S", **{field: value})
        with pytest.raises(ValidationError) as error:
            candidate.full_clean()
        assert field in error.value.message_dict
    site.related_recency_boost = 0
    site.save()
    article = Article.objects.select_related("site").get(pk=newsroom[1].pk)
    assert all(abs(r.score - r.similarity) < 1e-9 for r in service.related(article, k=3))
    site.related_recency_boost, site.related_half_life_days = 0.2, 7
    site.save()
    article = Article.objects.select_related("site").get(pk=newsroom[1].pk)
    for r in service.related(article, k=3):
        age = (timezone.now() - r.article.published_at).total_seconds() / 86400
        assert r.score - r.similarity == pytest.approx(0.2 * 0.5 ** (age / 7), rel=1e-3)


def test_reindex_rebuilds_stale_vectors(newsroom, site):
    ArticleEmbedding.objects.filter(article__in=[newsroom[1], newsroom[2]]).update(fingerprint="old-model:000000000000")
    assert set(service.stale_embeddings(site)) == {newsroom[1], newsroom[2]}
    service.forget_indexes()
    assert newsroom[1].pk not in service.site_index(site.pk)  # a stale vector is never mixed into the index
    out = StringIO()
    call_command("reindex_articles", "--site", site.slug, "--quiet", stdout=out)
    assert "Embedded 2 articles of gazette" in out.getvalue()
    assert not service.stale_embeddings(site).exists()
    assert newsroom[1].pk in service.site_index(site.pk)
    out = StringIO()
    call_command("reindex_articles", "--all", "--quiet", stdout=out)
    assert "Embedded 25 articles" in out.getvalue()


def test_reindex_names_an_unknown_site(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No site with the slug"):
        call_command("reindex_articles", "--site", "nowhere")


def test_large_sites_use_the_persisted_approximate_index(newsroom, site, settings, tmp_path,
                                                         django_capture_on_commit_callbacks):
    settings.PARLEY_RELATED_APPROX_THRESHOLD = 10
    settings.DATA_DIR = tmp_path
    index = service.site_index(site.pk)
    assert isinstance(index, ApproxIndex) and len(index) == 25
    path = tmp_path / "related" / f"site-{site.pk}.usearch"
    assert path.is_file()
    results = service.related(newsroom[6], k=3)
    assert all(topic(r.article) == "hospital" for r in results)
    service.forget_indexes()  # a new process loads the saved index and catches up with the database
    with django_capture_on_commit_callbacks(execute=True):
        newer = Article.objects.create(site=site, external_id="ward", url="https://gazette.example/ward",
                                       title="A&E corridors full again as winter arrives", body=newsroom[7].body)
    marker = path.with_name(path.name + ".version").read_text().split()
    assert marker == [service.current_fingerprint(), str(Site.objects.get(pk=site.pk).related_version)]
    service.forget_indexes()
    loaded = service.site_index(site.pk)
    assert isinstance(loaded, ApproxIndex) and newer.pk in loaded


def test_the_comments_page_and_the_embed_show_related_articles_as_an_item_list(newsroom, client):
    article = newsroom[1]
    expected = service.related(article)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Related articles" in page
    for item in expected:
        assert item.article.url in page and item.article.title in page
    data = [json.loads(block.split("</script>")[0])
            for block in page.split('<script type="application/ld+json">')[1:]]
    item_list = next(d for d in data if d["@type"] == "ItemList")
    assert [e["item"]["url"] for e in item_list["itemListElement"]] == [i.article.url for i in expected]
    assert item_list["itemListElement"][0] == {
        "@type": "ListItem", "position": 1,
        "item": {"@type": "Article", "@id": expected[0].article.url, "url": expected[0].article.url,
                 "headline": expected[0].article.title,
                 "datePublished": expected[0].article.published_at.isoformat(),
                 "publisher": {"@type": "Organization", "name": "The Harbour Gazette"}},
    }
    fragment = client.get("/embed/fragment/", {"site": "gazette", "article": article.external_id})
    html = fragment.content.decode()
    assert fragment.status_code == 200 and '"@type":"ItemList"' in html
    assert expected[0].article.url in html


def test_a_page_without_related_articles_has_no_block(article, client):
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Related articles" not in page and "ItemList" not in page


def test_the_article_admin_offers_pins(newsroom, client, verified_login):
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("editor", password="pw-for-tests")
    verified_login(client, admin)
    article = newsroom[1]
    url = f"/admin/articles/article/{article.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and "related_pins-TOTAL_FORMS" in page.content.decode()
