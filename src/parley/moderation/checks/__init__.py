"""One module per rule in the site's terms. Each module exposes one check class:

    class SomethingCheck:
        rule = "rule_id"              # fixed id, e.g. "hate", "not_english", "fake_name"
        needs_embedding = False       # True: the engine fills ``doc.embedding`` before ``check`` runs
        def load(self) -> None: ...   # load models/tables once; raise if they cannot be loaded
        def check(self, doc: Document) -> list[Signal]: ...

``check`` must be pure with respect to the document (it may keep read-only state loaded in ``load``) and
fast: the whole engine has a budget of about 10 ms per comment on one core. A check returns signals with a
score in [0, 1] whenever it sees anything at all; the site's policy decides whether a score holds or rejects.
"""
