"""The demo discussion: invented readers, in every state a comment can be in, keyed by article external id."""

from __future__ import annotations

from dataclasses import dataclass

from parley.apps.comments.models import Status


@dataclass(frozen=True)
class DemoComment:
    author: str
    text: str
    status: Status = Status.PUBLISHED
    reason: str = ""  # why it was declined or deleted (kept in the audit log)
    edited_text: str = ""  # a moderator's edit, made before publication
    edit_reason: str = ""
    replies: tuple[DemoComment, ...] = ()


C = DemoComment

COMMENTS: dict[str, list[DemoComment]] = {
    "region/ceasefire-talks-monitoring-plan": [
        C("Leila Haddad",
          "The monitoring plan is the first concrete thing I have read in months. But who staffs the observer "
          "teams? The article says *countries that are not party to the conflict*, not which ones.",
          replies=(
              C("Yusuf Demir",
                "According to the article the foreign minister said the list is still open. In the last round "
                "of talks the names leaked within days, so we may know soon.",
                replies=(
                    C("Leila Haddad",
                      "Thanks. If the list is still open, a timetable by the end of the month looks optimistic.",
                      replies=(
                          C("Tomás Ferreira",
                            "Optimistic, yes. But the last two truces failed because nobody was there to check. "
                            "A slow start with monitors beats a fast one without them."),
                      )),
                )),
              C("Hannah Klein",
                "I would like the Ledger to publish the full text of the proposal once it is available, "
                "not only summaries."),
          )),
        C("Omar Khalil",
          "Good to see talks again. The spokesman who briefed yesterday is a clown who lies every time he opens "
          "his mouth, so forgive me if I wait for the signatures before I believe any of it.",
          edited_text="Good to see talks again. Forgive me if I wait for the signatures before I believe any of it.",
          edit_reason="Removed a personal insult aimed at the spokesman (terms: personal comments)."),
        C("Captain Falafel", "Peace talks AGAIN?? Wake me up when they agree on where to have lunch.",
          status=Status.PENDING),
    ],
    "environment/nahr-qamar-basin-water-shortage": [
        C("Ama Mensah",
          "My family farms in the lower valley. The article is right about the wells: ours went from 40 to "
          "70 metres in ten years.",
          replies=(
              C("Rania Aziz",
                "The drip-irrigation subsidy is real, but the application takes months. Has anyone here managed "
                "it? How long did it take you?",
                replies=(
                    C("Ama Mensah",
                      "Five months for us, and the cooperative helped with the forms. Worth it, but the "
                      "paperwork puts many people off."),
                )),
          )),
        C("Daniel Cohen",
          "Does anyone know whether the reservoir releases are published anywhere? I could only find figures "
          "from two years ago.",
          status=Status.DELETED, reason="Deleted at the author's request.",
          replies=(
              C("Mariam Saleh",
                "The basin authority posts monthly figures on its website under *Reports*, and the article says "
                "they will now be published every month. They tend to run a few weeks behind."),
          )),
        C("Klaus Becker",
          "Sehr guter Artikel. Mich würde interessieren, wie viel Wasser die Landwirtschaft im Vergleich zu den "
          "Städten verbraucht.",
          status=Status.PENDING),
        C("FilterDeals",
          "Cheap water filters at 70% off!!! Order today at [best-filters-shop](https://best-filters.example/deal) "
          "and get free delivery!!!",
          status=Status.REJECTED, reason="Advertising with a link unrelated to the article (spam)."),
    ],
    "economy/reconstruction-conference-pledges": [
        C("Samir Nassar",
          "Pledges are easy; paying out is the hard part. Previous conferences delivered less than half of "
          "what was promised, as the article says.",
          replies=(
              C("Hannah Klein",
                "Is there a public tracker for this one? The article mentions a follow-up mechanism but gives "
                "no details."),
              C("Victor Lang",
                "Samir, you clearly have no idea what you are talking about. Typical armchair expert, nobody "
                "cares what you think.",
                status=Status.REJECTED, reason="Personal attack on another commenter (terms: personal comments)."),
          )),
        C("Nadia Rahman",
          "Good that schools come first. The temporary classrooms in our district have now been in use for "
          "three school years."),
    ],
    "culture/covered-market-arcade-reopens": [
        C("Tomás Ferreira",
          "I visited the market before the roof came down. Glad to see the arcade rebuilt with the original "
          "stone rather than concrete.",
          replies=(
              C("Leila Haddad",
                "The forty craftspeople trained on site are the part that will last longest. Those skills were "
                "close to disappearing."),
          )),
        C("Priya Nair",
          "Unrelated, but does anyone know why the Ledger's crossword has not appeared this week?",
          status=Status.PENDING),
    ],
    "politics/provincial-council-election-turnout": [
        C("Yusuf Demir",
          "A turnout of 58 per cent is well above what the commission expected. Was the second polling day "
          "the main reason?",
          replies=(
              C("Fatima Benali",
                "Partly. The mobile polling stations mattered too: in my parents' village people voted locally "
                "for the first time."),
          )),
        C("Mehmet Aydın",
          "Good that results by district will be published. Last time they appeared months after the vote, "
          "long after anyone could check them."),
    ],
}

CLOSED_ARTICLE = "politics/provincial-council-election-turnout"
CLOSED_REASON = "Comments are closed on this article while the editors review the discussion."
