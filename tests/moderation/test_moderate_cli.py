"""``parley moderate``: JSON lines in and out, in order, bad lines answered and skipped."""

import io
import json

from django.core.management import call_command

from parley.moderation.engine import Engine
from parley.moderation.jsonl import moderate_lines, read_articles

from .test_engine import EmbeddingCheck, FakeEncoder, WordCheck

ARTICLES = ['{"id": "a1", "title": "Gas price cap extended", "body": "EU ministers agreed."}']


def run(lines, batch_size=2):
    engine = Engine(checks=[WordCheck("spam", "casino"), EmbeddingCheck("off_topic", "zzz")], encoder=FakeEncoder())
    return list(moderate_lines(lines, engine, read_articles(ARTICLES), batch_size=batch_size))


def test_one_line_out_per_line_in_in_order():
    lines = [json.dumps({"id": f"c{i}", "text": "casino" if i % 2 else "fine", "article": "a1"}) for i in range(7)]
    results = run(lines)
    assert [r["id"] for r in results] == [f"c{i}" for i in range(7)]
    assert [r["decision"] for r in results] == ["publish", "reject"] * 3 + ["publish"]
    assert results[1]["rules"] == ["spam"]
    assert set(results[1]) == {"id", "decision", "rules", "findings"}
    assert set(results[1]["findings"][0]) >= {"rule", "score", "threshold", "evidence", "message"}


def test_bad_lines_get_an_error_and_the_run_goes_on():
    lines = [
        '{"id": "ok1", "text": "fine"}',
        "{not json",
        '["a", "list"]',
        '{"id": "no-text"}',
        '{"id": "bad-article", "text": "x", "article": "zz"}',
        '{"id": "bad-name", "text": "x", "author_name": 5}',
        "",
        '{"id": "ok2", "text": "casino"}',
    ]
    results = run(lines)
    assert [r["id"] for r in results] == ["ok1", None, None, "no-text", "bad-article", "bad-name", "ok2"]
    assert all("error" in r for r in results[1:6])
    assert results[1]["line"] == 2
    assert results[-1]["decision"] == "reject"


def test_command_reads_files_and_writes_json_lines(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(
        "parley.apps.moderation.management.commands.moderate.Engine",
        lambda policy: Engine(policy=policy, checks=[WordCheck("spam", "casino")]),
    )
    articles = tmp_path / "articles.jsonl"
    articles.write_text("\n".join(ARTICLES))
    comments = tmp_path / "in.jsonl"
    comments.write_text('{"id": "1", "text": "casino", "article": "a1"}\n{"id": "2", "text": "hi"}\n')
    policy = tmp_path / "policy.toml"
    policy.write_text("[rules.spam]\nreject = 'off'\n")
    out = io.StringIO()
    call_command("moderate", str(comments), articles=str(articles), policy=str(policy), stdout=out, verbosity=0)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["id"], r["decision"]) for r in results] == [("1", "hold"), ("2", "publish")]
