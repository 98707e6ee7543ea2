"""The words the hate check reads: who is a protected group, which words are slurs, what an attack sounds like.

Kept as plain data so that a moderator can see why a comment was flagged and an editor can extend a list
without touching the matching code in ``hate_rules``. Everything is lower case and matched on
``Normalised.lower``, so leetspeak, spaced letters and look-alike letters are already folded.

Protected groups follow the site terms: race, ethnicity, nationality, religion or sect, migration status, sex,
gender identity, sexuality, disability. States, governments, armies, parties and ideologies are *not* groups
of people here: criticising them is allowed.
"""

from __future__ import annotations

# --- protected groups: category -> surface forms (plural, collective and generic singular) -----------------
# Nationality and ethnicity forms list the plural noun; "X people/men/women/families" is added by the matcher
# for the adjectives in ADJECTIVE_GROUPS.
GROUPS: dict[str, tuple[str, ...]] = {
    "religion": (
        "muslims", "muslim", "moslems", "moslem", "mohammedans", "jews", "jew", "jewry", "christians",
        "catholics", "protestants", "hindus", "hindu", "sikhs", "sikh", "buddhists",
        "atheists", "shia", "shias", "shiites", "shiite", "shi'ites", "sunnis", "sunni", "alawites", "alawis",
        "druze", "yazidis", "yezidis", "ahmadis", "ahmadiyya", "copts", "mormons", "evangelicals",
    ),
    "ethnicity": (
        "blacks", "black people", "whites", "white people", "asians", "arabs", "arab", "kurds", "kurd", "turks",
        "persians", "roma", "gypsies", "gypsy", "gipsies", "travellers", "travelers", "latinos", "hispanics",
        "aborigines", "aboriginals", "indigenous people", "africans", "caribbeans", "berbers", "amazigh",
        "assyrians", "armenians", "bedouin", "bedouins", "tamils", "uyghurs", "uighurs", "rohingya",
        "palestinians", "israelis", "people of colour", "people of color", "brown people",
    ),
    "nationality": (
        "pakistanis", "indians", "bangladeshis", "chinese", "japanese", "koreans", "vietnamese", "filipinos",
        "iranians", "iraqis", "syrians", "lebanese", "egyptians", "jordanians", "saudis", "yemenis", "libyans",
        "moroccans", "algerians", "tunisians", "afghans", "somalis", "nigerians", "ghanaians", "eritreans",
        "ethiopians", "sudanese", "mexicans", "americans", "yanks", "brits", "british people", "english people",
        "scots", "irish", "irish people", "welsh", "english", "germans", "french", "french people", "italians",
        "spaniards",
        "poles", "romanians", "bulgarians", "albanians", "lithuanians", "ukrainians", "russians", "serbs",
        "croats", "bosnians", "greeks", "dutch", "europeans", "westerners", "gulf arabs", "qataris", "emiratis",
    ),
    "migration status": (
        "immigrants", "immigrant", "migrants", "migrant", "refugees", "refugee", "asylum seekers",
        "asylum-seekers", "asylum seeker", "foreigners", "foreigner", "newcomers",
    ),
    "sex": ("women", "woman", "females", "girls", "men", "males"),
    "gender identity": (
        "trans people", "transgender people", "trans women", "transwomen", "trans men", "transmen",
        "trans folk", "transgenders", "non-binary people", "nonbinary people", "trans kids", "trans",
    ),
    "sexuality": (
        "gays", "gay people", "gay men", "gay man", "lesbians", "lesbian", "homosexuals", "homosexual",
        "bisexuals", "lgbt people", "lgbtq people", "lgbt", "lgbtq", "lgbtq+",
    ),
    "disability": (
        "disabled people", "the disabled", "disabled", "autistic people", "autistics", "blind people",
        "deaf people", "people with disabilities", "the mentally ill", "mentally ill people", "wheelchair users",
        "people with down syndrome", "people with downs", "dwarfs", "the handicapped", "handicapped people",
    ),
}

# Adjectives that name a protected group when followed by a word for people ("Jewish families", "gay couples").
ADJECTIVE_GROUPS: dict[str, str] = {
    "jewish": "religion", "muslim": "religion", "islamic": "religion", "christian": "religion",
    "hindu": "religion", "sikh": "religion", "shia": "religion", "shiite": "religion", "sunni": "religion",
    "catholic": "religion", "alawite": "religion", "yazidi": "religion",
    "black": "ethnicity", "white": "ethnicity", "asian": "ethnicity", "arab": "ethnicity",
    "kurdish": "ethnicity", "turkish": "ethnicity", "african": "ethnicity", "roma": "ethnicity",
    "gypsy": "ethnicity", "palestinian": "ethnicity", "israeli": "ethnicity", "persian": "ethnicity",
    "pakistani": "nationality", "indian": "nationality", "chinese": "nationality", "iranian": "nationality",
    "iraqi": "nationality", "syrian": "nationality", "afghan": "nationality", "somali": "nationality",
    "nigerian": "nationality", "mexican": "nationality", "american": "nationality", "british": "nationality",
    "polish": "nationality", "romanian": "nationality", "albanian": "nationality", "russian": "nationality",
    "ukrainian": "nationality", "eritrean": "nationality", "lebanese": "nationality", "western": "nationality",
    "foreign": "migration status", "immigrant": "migration status", "migrant": "migration status",
    "refugee": "migration status",
    "gay": "sexuality", "lesbian": "sexuality", "bisexual": "sexuality", "queer": "sexuality",
    "trans": "gender identity", "transgender": "gender identity", "disabled": "disability",
    "autistic": "disability", "deaf": "disability", "blind": "disability",
}
PEOPLE_NOUNS = (
    "people", "persons", "men", "women", "folk", "folks", "families", "kids", "children", "community",
    "communities", "population", "guys", "lot", "neighbours", "neighbors", "couples", "students", "workers",
    "voters", "immigrants", "migrants", "refugees", "girls", "boys", "youths", "youth", "patients",
    # occupations held by members of a group: "Chinese engineers are all thieves" derogates the group
    "engineers", "doctors", "nurses", "teachers", "scientists", "shopkeepers", "businessmen", "builders",
    "programmers", "academics",
)
# The same, one person: "any gay couple", "the next black man" (generic only after "a", "any", "every"...).
PERSON_NOUNS = ("man", "woman", "guy", "couple", "family", "kid", "child", "person", "girl", "boy", "bloke",
                "lad", "lass", "immigrant", "migrant", "refugee")
# Plural group forms whose singular is an ordinary English word: no singular is derived from these.
NO_SINGULAR = frozenset({"poles", "whites", "blacks", "asians", "travellers", "travelers", "scots", "yanks",
                         "french", "dutch", "irish", "welsh", "english", "chinese", "japanese", "vietnamese",
                         "lebanese", "sudanese", "druze", "roma", "rohingya", "amazigh", "bedouin", "greeks",
                         "indians", "americans", "europeans", "westerners", "turks", "gulf arabs", "brits"})
# Role nouns: "Israeli soldiers", "Muslim leaders", "Russian troops" name a role, not a protected group.
ROLE_NOUNS = (
    "government", "governments", "regime", "army", "armies", "military", "soldiers", "troops", "forces",
    "police", "officials", "politicians", "ministers", "minister", "leaders", "leadership", "state", "states",
    "authorities", "settlers", "militants", "militia", "militias", "fighters", "clerics", "propaganda",
    "policy", "policies", "embassy", "parliament", "president", "prime", "media", "press", "team", "club",
    "fans", "supporters", "players", "league", "football", "food", "cuisine", "restaurant", "economy",
    "election", "elections", "border", "borders", "airstrikes", "strikes", "bombing", "offensive", "occupation",
)

# Groups that are not protected: abuse of them is a matter for other rules, never for ``hate``.
NON_PROTECTED = (
    "politicians", "mps", "ministers", "journalists", "reporters", "the media", "bankers", "lawyers",
    "artists", "footballers", "players", "referees", "refs", "fans", "supporters", "tories", "labour voters",
    "liberals", "leftists", "lefties", "conservatives", "democrats", "republicans", "remainers", "brexiteers",
    "vegans", "cyclists", "drivers", "motorists", "landlords", "ceos", "billionaires", "millionaires",
    "celebrities", "influencers", "trolls", "commenters", "boomers", "millennials", "lobbyists", "economists",
    "activists", "protesters", "rioters", "looters", "anti-vaxxers", "criminals", "murderers", "paedophiles",
    "pedophiles", "rapists", "terrorists", "jihadists", "islamists", "extremists", "nazis", "neo-nazis",
    "fascists", "communists", "racists", "bigots", "hooligans", "thugs", "gangs", "gangsters", "smugglers",
    "traffickers", "bureaucrats", "eurocrats", "bosses", "managers", "executives", "shareholders", "investors",
    "estate agents", "traffic wardens", "tourists", "hipsters", "gamers", "influencers", "cops", "coppers",
    "police officers", "soldiers", "troops", "settlers", "militants", "clerics", "mullahs", "ayatollahs",
    "officials", "councillors", "developers", "teachers", "doctors", "nurses", "scientists", "pundits",
    "critics", "voters", "the government", "the regime", "the army", "the idf", "hamas", "hezbollah",
    "the taliban", "isis", "the board", "the owners", "the club", "the team", "the players", "the referee",
    "the pundits", "the establishment", "the elites", "elites", "the rich", "bots", "spammers", "scammers",
    # people defined by what they did or their legal status, not by who they are
    "illegal immigrants", "illegal migrants", "illegals", "failed asylum seekers", "foreign criminals",
    "people smugglers", "grooming gangs", "grooming gang", "jihadis", "zionists", "islamist", "settler",
    # armed groups and their fighters: what they did may be called savage without attacking a people
    "islamic state", "the islamic state", "islamic state fighters", "is fighters", "isis fighters", "isil", "daesh",
    "fighters", "gunmen", "militiamen", "militias", "al-qaeda", "al qaeda", "al-shabaab", "boko haram", "the ira",
    "the kkk", "the klan", "klansmen", "the nazis", "the ss", "death squads",
)

# --- slurs: form -> (group category, strength) --------------------------------------------------------------
# Strength 1.0: a slur with no ordinary meaning. 0.8: a slur with rare innocent uses. 0.55: a word that is a
# slur in some mouths and reclaimed or ordinary in others, so it needs context before it withholds alone.
SLURS: dict[str, tuple[str, float]] = {
    # race / ethnicity
    "nigger": ("ethnicity", 1.0), "niggers": ("ethnicity", 1.0), "nigga": ("ethnicity", 0.55),
    "niggas": ("ethnicity", 0.55), "niggaz": ("ethnicity", 0.55), "niggah": ("ethnicity", 0.55),
    "niggahs": ("ethnicity", 0.55), "coon": ("ethnicity", 0.8),
    "coons": ("ethnicity", 0.8), "jigaboo": ("ethnicity", 1.0), "jigaboos": ("ethnicity", 1.0),
    "sambo": ("ethnicity", 0.8), "darkie": ("ethnicity", 1.0), "darkies": ("ethnicity", 1.0),
    "darky": ("ethnicity", 1.0), "wog": ("ethnicity", 1.0), "wogs": ("ethnicity", 1.0),
    "golliwog": ("ethnicity", 0.8), "golliwogs": ("ethnicity", 0.8), "spearchucker": ("ethnicity", 1.0),
    "spearchuckers": ("ethnicity", 1.0), "jungle bunny": ("ethnicity", 1.0), "jungle bunnies": ("ethnicity", 1.0),
    "porch monkey": ("ethnicity", 1.0), "porch monkeys": ("ethnicity", 1.0), "sand nigger": ("ethnicity", 1.0),
    "sand niggers": ("ethnicity", 1.0), "sandnigger": ("ethnicity", 1.0), "dune coon": ("ethnicity", 1.0),
    "negroes": ("ethnicity", 0.55), "mulatto": ("ethnicity", 0.55), "half-caste": ("ethnicity", 0.55),
    "chink": ("ethnicity", 1.0), "chinks": ("ethnicity", 1.0), "gook": ("ethnicity", 1.0),
    "gooks": ("ethnicity", 1.0), "ching chong": ("ethnicity", 1.0), "slant-eyes": ("ethnicity", 1.0),
    "slanty": ("ethnicity", 0.8), "jap": ("nationality", 0.8), "japs": ("nationality", 0.8),
    "chinaman": ("nationality", 0.8), "paki": ("ethnicity", 1.0), "pakis": ("ethnicity", 1.0),
    "pakki": ("ethnicity", 1.0), "wetback": ("ethnicity", 1.0), "wetbacks": ("ethnicity", 1.0),
    "beaner": ("ethnicity", 1.0), "beaners": ("ethnicity", 1.0), "spic": ("ethnicity", 1.0),
    "spics": ("ethnicity", 1.0), "spick": ("ethnicity", 1.0), "gyppo": ("ethnicity", 1.0),
    "gyppos": ("ethnicity", 1.0), "pikey": ("ethnicity", 1.0), "pikeys": ("ethnicity", 1.0),
    "polack": ("nationality", 0.8), "polacks": ("nationality", 0.8), "kraut": ("nationality", 0.55),
    "krauts": ("nationality", 0.55), "honky": ("ethnicity", 0.8), "honkies": ("ethnicity", 0.8),
    "camel jockey": ("ethnicity", 1.0), "camel jockeys": ("ethnicity", 1.0), "sand monkey": ("ethnicity", 1.0),
    "sand monkeys": ("ethnicity", 1.0), "americunts": ("nationality", 0.8),
    # religion and sect
    "kike": ("religion", 1.0), "kikes": ("religion", 1.0), "yid": ("religion", 0.55), "yids": ("religion", 0.55),
    "hymie": ("religion", 1.0), "hymies": ("religion", 1.0), "heeb": ("religion", 1.0), "heebs": ("religion", 1.0),
    "zio": ("religion", 0.8), "zios": ("religion", 0.8), "zionazi": ("religion", 0.8),
    "zionazis": ("religion", 0.8), "muzzie": ("religion", 1.0), "muzzies": ("religion", 1.0),
    "muzzy": ("religion", 0.8), "muzrat": ("religion", 1.0), "muzrats": ("religion", 1.0),
    "mudslime": ("religion", 1.0), "mudslimes": ("religion", 1.0), "moslem hordes": ("religion", 1.0),
    "raghead": ("religion", 1.0), "ragheads": ("religion", 1.0), "towelhead": ("religion", 1.0),
    "towelheads": ("religion", 1.0), "towel head": ("religion", 1.0), "towel heads": ("religion", 1.0),
    "goatfucker": ("religion", 1.0), "goatfuckers": ("religion", 1.0), "goat fuckers": ("religion", 1.0),
    "pisslam": ("religion", 1.0), "islamotards": ("religion", 1.0), "rapefugees": ("migration status", 1.0),
    "rapefugee": ("migration status", 1.0), "kaffir": ("ethnicity", 1.0), "kaffirs": ("ethnicity", 1.0),
    "rafidi": ("religion", 1.0), "rafida": ("religion", 1.0), "rafidah": ("religion", 1.0),
    "rafidha": ("religion", 1.0), "rawafid": ("religion", 1.0), "rafidis": ("religion", 1.0),
    "majus": ("religion", 0.8), "majoos": ("religion", 0.8), "majusi": ("religion", 0.8),
    "safawis": ("religion", 0.8), "safawi": ("religion", 0.8), "nawasib": ("religion", 1.0),
    "nasibi": ("religion", 1.0), "nasibis": ("religion", 1.0), "nusayris": ("religion", 0.8),
    "taig": ("religion", 1.0), "taigs": ("religion", 1.0), "fenian scum": ("religion", 1.0),
    "orange bastards": ("religion", 0.8),
    # sexuality and gender identity
    "faggot": ("sexuality", 1.0), "faggots": ("sexuality", 1.0), "fag": ("sexuality", 0.55),
    "fags": ("sexuality", 0.55), "faggy": ("sexuality", 0.8), "dyke": ("sexuality", 0.8),
    "dykes": ("sexuality", 0.8), "poof": ("sexuality", 0.8), "poofs": ("sexuality", 0.8),
    "poofter": ("sexuality", 1.0), "poofters": ("sexuality", 1.0), "batty boy": ("sexuality", 1.0),
    "batty boys": ("sexuality", 1.0), "homo": ("sexuality", 0.8), "homos": ("sexuality", 0.8),
    "sodomite": ("sexuality", 0.8), "sodomites": ("sexuality", 0.8), "tranny": ("gender identity", 1.0),
    "trannies": ("gender identity", 1.0), "trannys": ("gender identity", 1.0), "shemale": ("gender identity", 1.0),
    "shemales": ("gender identity", 1.0), "troon": ("gender identity", 1.0), "troons": ("gender identity", 1.0),
    "he-she": ("gender identity", 0.8), "ladyboy": ("gender identity", 0.55),
    # sex
    "feminazi": ("sex", 0.8), "feminazis": ("sex", 0.8), "femoid": ("sex", 1.0), "femoids": ("sex", 1.0),
    "foid": ("sex", 1.0), "foids": ("sex", 1.0), "roastie": ("sex", 1.0), "roasties": ("sex", 1.0),
    # disability
    "retard": ("disability", 0.8), "retards": ("disability", 0.8), "spastic": ("disability", 0.8),
    "spastics": ("disability", 0.8), "spaz": ("disability", 0.8), "spazz": ("disability", 0.8),
    "mong": ("disability", 0.8), "mongs": ("disability", 0.8), "mongoloid": ("disability", 1.0),
    "mongoloids": ("disability", 1.0), "cripples": ("disability", 0.55),
    "cripple": ("disability", 0.8), "window licker": ("disability", 1.0),
    "window lickers": ("disability", 1.0), "libtards": ("disability", 0.55),
}
# Gendered insults count as hate only when they are said of women as a group ("women are all whores").
GENDERED_INSULTS = ("bitch", "bitches", "slut", "sluts", "whore", "whores", "hoe", "hoes", "thot", "thots")

# Ordinary and slang words one letter away from a slur, which the encoder's vocabulary does not hold whole: they
# are never "repaired" into the slur ("homie" is not "hymie", "tyranny" is not "tranny", "dikes" hold back water).
SLUR_NEAR_MISSES = frozenset({
    "homie", "homies", "tyranny", "honk", "honks", "hunky", "shanty", "coors", "roastin", "piker", "pikers", "dorky",
    "pokis", "mabus", "goofs", "chinos", "poops", "hobos", "goons", "spock", "dikes", "chik", "kikis", "spicy",
    "jinks", "coops", "mongo",
})
# Innocent neighbours of slurs: the slur match is dropped when one of these surrounds it.
SLUR_HOMONYMS: dict[str, str] = {
    "fag": r"(?:fag|fags)\s+(?:break|packet|end|ends|ash|butt|papers)|(?:a|for a|another|his|her|my|roll a|"
           r"rolled a|smoke a|smoking a|light a|lit a|the odd)\s+fags?\b|\bfags?\s+and\s+(?:booze|beer|lager)",
    "fags": r"(?:packet|pack|box|twenty|20|cheap|duty[- ]free|smuggled|smuggling)\s+(?:of\s+)?fags",
    "homo": r"homo\s+(?:sapiens|erectus|neanderthalensis|habilis|economicus|ludens|deus)",
    "spastic": r"spastic\s+(?:colon|paraplegia|diplegia|hemiplegia|quadriplegia|tetraplegia|cerebral|muscles?|gait|"
               r"bladder|dysphonia|type|form)",
    "retard": r"(?:to|will|may|might|could|can|would|which|that|does|did)\s+retard\b",
    "coon": r"coon\s+(?:hound|hounds|dog|dogs|cat|cats|skin)|maine\s+coon|coon\s+cheese",
    "jap": r"\bjap\s+(?:silk|lacquer)",
    "dyke": r"dyke\s+(?:road|lane|street|dam|wall|walls|path|gave|burst|broke|collapsed|failed|held|holds|overflowed|"
            r"was\s+breached|protects?|protected|runs?|ran|along|around|between|against)|(?:dutch|offa's|devil's|sea|"
            r"along the|flood|river|drainage|old)\s+dyke",
    "faggot": r"faggots?\s+(?:and\s+(?:peas|mash|chips|gravy)|of\s+(?:sticks|wood|twigs|brushwood|firewood)|"
              r"in\s+gravy)|"
              r"(?:welsh|pork|beef|brains?\s+and)\s+faggots?",
    "faggots": r"faggots\s+(?:and\s+(?:peas|mash|chips|gravy)|in\s+gravy)|(?:welsh|pork|beef)\s+faggots",
    "mong": r"\bhmong\b",
    "poof": r"(?:^|[.!?]\s|and\s|then\s|just\s|went\s)poof\b|\bpoof\s*[,.!…]+\s*(?:and|it|gone|just|vanished|there|"
            r"like|the|that)\b|\bpoof\s+(?:and|it's|its|it|gone|just|vanished|there)\b",
    "wog": r"golliwog",
    "yid": r"yid(?:s)?\s+army|yiddish",
    "majus": r"majuscule",
    "kraut": r"krautrock|sauerkraut",
    "negroes": r"(?:spirituals|league|leagues|national association|united negro|negro (?:league|spiritual))",
    "mulatto": r"(?:mulatto\s+(?:slaves?|children)\s+(?:in|during|were))",
    "safawi": r"safavid",
    "he-she": r"he[- ]she\s+(?:said|says|did)",
    "polack": r"(?:jan|andr[ze]j|maciej|piotr)\s+polack",
    "cripple": r"(?:to|will|could|would|may|might|can|set\s+to|threatens?\s+to)\s+cripple|"
               r"cripple\s+(?:the|our|their|its|an?|"
               r"his|her|this|that|them|us|it|public|services|economy|supply)",
}

# Coded antisemitic and other dog-whistle phrases that say the attack without a slur.
CODED: tuple[tuple[str, str, float], ...] = (
    (r"\(\s?\(\s?\(\s?[^()\s][^()]{0,40}?\s?\)\s?\)\s?\)", "religion", 0.9),  # "echo" brackets: (((them)))
    (r"z\.?o\.?g\b|zionist[- ]occupied government", "religion", 0.95),
    (r"(?:globalists?|rothschilds?|(?:international|global|jewish|zionist)\s+(?:bankers|financiers|cabal|elite|elites"
     r"|lobby)|the\s+jews|jews|zionists)\s+(?:secretly\s+|really\s+|still\s+|already\s+)?(?:control|controls|own|owns|"
     r"run|runs|rule|rules|pull the strings of|are behind)\s+(?:the\s+|all\s+the\s+|our\s+|everything|us\b|"
     r"the\s+world|america|congress|hollywood|money)", "religion", 0.9),
    (r"globalist\s+bankers|rootless\s+cosmopolitans?|the\s+jewish\s+question|the\s+jq\b|synagogue\s+of\s+satan"
     r"|jewish\s+(?:cabal|conspiracy|world\s+order)|happy\s+merchant|goyim\s+know\b|oy\s+vey,?\s+the\s+goyim",
     "religion", 0.9),
    (r"holocaust\s+(?:never\s+happened|is\s+a\s+(?:lie|hoax|myth)|was\s+(?:a\s+)?(?:lie|hoax|myth|exaggerated))|"
     r"holohoax|six\s+gorillion|6\s+gorillion|jews\s+did\s+9/11|(?:jews|zionists)\s+did\s+9-11",
     "religion", 0.95),
    (r"white\s+genocide|kalergi\s+plan|eurabia|londonistan|religion\s+of\s+pieces|allah\s+snackbar"
     r"|islamification\s+of|the\s+great\s+replacement\s+is\s+(?:real|happening|here)", "ethnicity", 0.75),
)

# A coded phrase is looked for only in a comment holding one of these words (a cheap pre-check).
CODED_WORDS = (
    "(", "zog", "z", "zionist", "zionists", "globalist", "globalists", "rothschild", "rothschilds", "international",
    "global", "jewish", "jews", "rootless", "jq", "synagogue", "happy", "goyim", "oy", "holocaust", "holohoax",
    "gorillion", "white", "kalergi", "eurabia", "londonistan", "religion", "allah", "islamification", "great",
)

# --- attack vocabulary: predicates said of a group (regex fragments) ----------------------------------------
# Dehumanising words: a group called these is described as less than human.
DEHUMANISING = (
    r"vermin", r"rats?", r"cockroach(?:es)?", r"roaches", r"insects?", r"parasites?", r"leech(?:es)?", r"lice",
    r"maggots?", r"animals?", r"beasts?", r"savages?", r"sub-?humans?", r"apes?", r"monkeys?", r"baboons?",
    r"gorillas?", r"pigs?", r"swine", r"dogs?", r"snakes?", r"rodents?", r"locusts", r"cattle", r"mongrels?",
    r"(?:a|an|like\s+a|like\s+an)\s+(?:fucking\s+|bloody\s+|total\s+|real\s+|deadly\s+|foreign\s+)?(?:disease|"
    r"plague|cancer|virus|pestilence|infestation|tumou?r|blight|scourge|infection|contagion|pest)",
    r"livestock", r"vultures", r"hyenas", r"jackals", r"scumbags?", r"freaks?\s+of\s+nature", r"diseased", r"filth",
    r"scum", r"trash", r"garbage", r"rubbish",
    r"bacteria", r"germs", r"primitives", r"barbarians", r"(?:not|less\s+than|barely|not\s+even|not\s+fully)\s+human",
    r"demons", r"devils", r"(?:vile\s+|filthy\s+|disgusting\s+)?creatures",
    r"a\s+waste\s+of\s+(?:space|oxygen|skin|air)",
    r"pieces?\s+of\s+(?:shit|crap|filth|trash|garbage)", r"inbreds", r"excrement", r"shit", r"a\s+virus",
    r"breed(?:ing)?\s+like\s+(?:rats|rabbits|animals|flies|cockroaches)", r"infest(?:ing|ed)?", r"swarm(?:ing)?",
    r"an?\s+(?:invasion|swarm|horde|infestation)", r"hordes", r"invaders", r"crawl(?:ing)?\s+(?:all\s+)?over",
    r"a\s+stain\s+on", r"cancerous", r"a\s+cancer\s+on", r"untermenschen", r"pests?", r"lowlifes?",
    r"lesser\s+(?:beings|humans|species|races?)", r"mistakes?\s+of\s+nature", r"an\s+invasive\s+species",
)
# Strongly negative attributes: a group called these is derogated as a whole.
ATTRIBUTES = (
    r"disgusting", r"repulsive", r"revolting", r"vile", r"evil", r"inferior", r"stupid", r"thick", r"dumb",
    r"idiots", r"morons", r"worthless", r"useless", r"lazy", r"dirty", r"filthy", r"smelly", r"stink(?:ing|s)?",
    r"pathetic", r"(?:a\s+|born\s+)?criminals?", r"(?:a\s+)?rapists?", r"paedophiles?", r"pedophiles?", r"paedos?",
    r"pedos?", r"groomers?", r"(?:a\s+)?terrorists?", r"thie(?:f|ves)", r"liars?", r"violent", r"savage",
    r"murderers", r"(?:child\s+)?killers", r"bloodthirsty", r"scammers", r"crooks", r"cavemen", r"thugs",
    r"freaks", r"heathens", r"infidels", r"kafirs", r"kuffar",
    r"freeloaders", r"spongers", r"scroungers", r"backward", r"primitive", r"uncivili[sz]ed", r"treacherous",
    r"untrustworthy", r"sneaky", r"greedy", r"perverts", r"perverted", r"degenerates?", r"deviants?", r"sick",
    r"mentally\s+ill", r"unnatural", r"an\s+abomination", r"abominations", r"a\s+disgrace", r"inbred",
    r"barbaric", r"ugly", r"hideous", r"gross", r"nasty", r"horrible", r"cowards", r"traitors",
    r"incapable\s+of", r"too\s+(?:stupid|thick|dumb|primitive|backward)", r"unfit\s+to",
    r"(?:can't|cannot|can\s+never)\s+be\s+trusted", r"a\s+(?:curse|plague)\s+on", r"retarded", r"brain-?dead",
    r"should\s+be\s+ashamed\s+of\s+(?:themselves|being)", r"shit\s+at\s+everything", r"nothing\s+but\s+trouble",
    r"spies", r"cheats", r"fraudsters", r"con\s+(?:men|artists)", r"too\s+(?:emotional|hysterical|irrational)",
    r"too\s+(?:weak|soft|slow|simple)\s+to\s+(?:lead|run|referee|vote|drive|govern|rule|coach|manage|think|handle|"
    r"understand|be\s+trusted)",
    r"dishonest", r"deceitful", r"disgraces?", r"hypocrites", r"ignorant", r"arrogant", r"selfish", r"losers",
    r"frauds", r"defective", r"abnormal", r"despicable", r"contemptible", r"loathsome", r"wretched", r"pitiful",
    r"dirtbags", r"idiotic", r"imbeciles", r"cretins", r"(?:a\s+)?(?:pack|bunch|gang)\s+of\s+(?:liars|thieves|crooks)",
    r"scam",  # "are sc4m": leetspeak folds the 4 to an "a", but said of a group it is "scum"
    r"nothing\s+but\s+(?:a\s+)?(?:burdens?|drains?|problems?|trouble|waste|parasites|leeches|nuisance)",
)
# Weaker: hostile generalisations that are also heard in heated but permissible argument.
ATTRIBUTES_WEAK = (
    r"dangerous", r"a\s+(?:fucking\s+|bloody\s+|massive\s+|huge\s+|real\s+)?(?:threat|danger|menace|burden|drain|"
    r"problem|liability)", r"heretics", r"the\s+(?:real\s+)?enemy", r"the\s+(?:worst|problem)",
    r"a\s+joke", r"clowns", r"taking\s+over", r"replacing\s+us", r"(?:are|is)\s+all\s+the\s+same",
    r"brainwashed", r"an\s+embarrassment", r"(?:hate|hates)\s+(?:us|our\s+(?:country|way\s+of\s+life|values))",
    r"(?:ruining|destroying|wrecking|poisoning|polluting)\s+(?:this|our|the|every|britain|england|europe)",
    r"(?:will|are\s+going\s+to|are\s+gonna)\s+(?:soon\s+)?outnumber\s+us",
)
# Words for hating a group: "I hate X", "X disgust me".
# Only the writer's own hatred: "she hates women" reports someone else's (an accusation, not an attack).
EMOTION_BEFORE = (
    r"hate", r"despise", r"loathe", r"detest",
    r"(?:can't|cannot|can\s+not)\s+(?:stand|bear|stomach|tolerate)", r"(?:am|i'm|im)\s+(?:sick|tired)\s+of",
    r"sick\s+of", r"fed\s+up\s+with", r"(?:never|wouldn't|would\s+not|won't|will\s+not|don't|do\s+not)\s+(?:ever\s+)?"
    r"(?:trust|hire|employ|date|marry|befriend|work\s+with|live\s+near|rent\s+to|vote\s+for|sit\s+next\s+to|serve|let\s+my\s+(?:kids?|children|daughter|son)\s+(?:near|play\s+with))",
    r"wish\s+there\s+were\s+no", r"(?:can't|cannot|can\s+never|could\s+never|should\s+never)\s+(?:ever\s+)?trust",
    r"want\s+nothing\s+to\s+do\s+with", r"fuck", r"screw", r"to\s+hell\s+with",
    r"nothing\s+(?:is\s+)?(?:worse|more\s+disgusting|more\s+pathetic)\s+than",
    r"(?:nothing|no\s+one|nobody)\s+(?:disgusts|sickens|repulses|revolts|angers|infuriates|annoys)\s+me\s+more\s+than",
    r"(?:disgusted|sickened|repulsed|revolted|nauseated)\s+by", r"(?:disdain|contempt|hatred|"
    r"loathing|disgust)\s+(?:for|of|towards)", r"(?:will|would)\s+never\s+(?:respect|accept|tolerate|like|love)",
    r"nothing\s+but\s+(?:hatred|contempt|disgust)\s+for",
)
EMOTION_AFTER = (
    r"(?:disgust|disgusts|sicken|sickens|repulse|repulses|revolt|revolts|nauseate|nauseates)\s+me",
    r"make\s+me\s+(?:feel\s+)?(?:sick|ill|puke|vomit|want\s+to\s+(?:puke|vomit|throw\s+up))",
    r"make\s+my\s+skin\s+crawl",
    r"(?:are|is)\s+(?:the\s+)?(?:worst|lowest)\s+(?:people|kind|thing|of\s+the\s+low)",
)
# Violence said against a group: before it ("kill all X") or after it ("X should be shot").
THREAT_BEFORE = (
    r"kill", r"shoot", r"murder", r"gas", r"exterminate", r"eradicate", r"eliminate", r"wipe\s+out",
    r"slaughter", r"massacre", r"hang", r"lynch", r"burn", r"bomb", r"behead", r"stab", r"beat\s+up",
    r"hunt\s+down", r"hunt", r"execute", r"put\s+down", r"nuke", r"cleanse", r"purge", r"run\s+over",
    r"torture", r"drown", r"sink\s+the\s+boats\s+of", r"death\s+to", r"genocide", r"get\s+rid\s+of",
    r"string\s+up", r"kill\s+every\s+(?:last|single)", r"put\s+a\s+bullet\s+in(?:to)?",
    r"(?:smash|kick)\s+the\s+(?:heads?|shit|crap)\s+out\s+of",
    r"i(?:'ll|\s+will|'m\s+going\s+to|'m\s+gonna|\s+am\s+going\s+to)\s+(?:kill|shoot|stab|hurt|beat\s+up|beat|burn|"
    r"run\s+over)",
)
THREAT_AFTER = (
    r"should\s+(?:all\s+)?(?:be\s+)?(?:killed|shot|gassed|hanged|hung|lynched|burned|burnt|exterminated|"
    r"eradicated|eliminated|wiped\s+out|slaughtered|executed|beheaded|nuked|bombed|drowned|put\s+down|"
    r"strung\s+up|culled|sterili[sz]ed|beaten|raped|hunted(?:\s+down)?|tortured|stoned|attacked|die|burn|hang|"
    r"rot|drown|starve)",
    r"(?:must|need\s+to|needs\s+to|ought\s+to|have\s+to|deserve\s+to|deserves\s+to)\s+(?:all\s+)?(?:be\s+)?"
    r"(?:killed|shot|gassed|hanged|hung|lynched|burned|exterminated|eradicated|eliminated|wiped\s+out|"
    r"slaughtered|executed|culled|beaten|raped|hunted(?:\s+down)?|tortured|stoned|attacked|crushed|die|burn|"
    r"hang|suffer|rot|drown|starve)",
    r"(?:will|are\s+going\s+to|are\s+gonna)\s+(?:pay|die|burn|hang|suffer|get\s+what's\s+coming)",
    r"deserve\s+(?:death|a\s+bullet|bullets|the\s+rope|to\s+be\s+shot|what\s+they\s+get|everything\s+they\s+get)",
    r"can\s+(?:all\s+)?(?:rot|burn|die|drown)", r"(?:are|is)\s+next",
    r"(?:need|needs)\s+(?:a\s+)?(?:bullet|bullets|the\s+rope)",
    r"should\s+(?:all\s+)?be\s+(?:lined\s+up|put\s+(?:up\s+)?against\s+a\s+wall|taken\s+out\s+and\s+shot)",
    r"were\s+all\s+dead", r"(?:are|is|would\s+be)\s+better\s+off\s+dead",
    r"(?:get|gets|got)\s+what\s+(?:they|he|she)\s+(?:deserve|deserves|deserved)", r"(?:get|gets)\s+what's\s+coming",
)
# Who replacement rhetoric says is being replaced: "breeding us out", "outbreeding the locals".
_NATIVES = (r"us|the\s+natives?|the\s+locals|the\s+rest\s+of\s+us|white\s+people|whites|the\s+british|europeans|"
            r"christians|the\s+indigenous\s+(?:population|people)")
# Implicit derogation that no single word carries: where a group "belongs", how it should be kept.
IMPLICIT_AFTER = (
    r"place\s+is\s+(?:in\s+the\s+(?:kitchen|home|bedroom)|at\s+home|behind\s+the\s+stove|at\s+the\s+sink)",
    r"belongs?\s+in\s+(?:a\s+|the\s+)?(?:zoo|zoos|cages?|gutter|kitchen|asylums?|camps?|jungle|trash|bin|sewer|"
    r"ghettos?|dark\s+ages|stone\s+age|circus)",
    r"(?:should|must|need\s+to|needs\s+to|ought\s+to)\s+(?:all\s+)?be\s+(?:kept|locked|put|caged)\s+(?:up\s+)?in\s+"
    r"(?:cages|zoos|camps|ghettos|asylums|the\s+kitchen)",
    r"(?:don't|do\s+not|doesn't)\s+belong\s+in\s+(?:a\s+)?(?:civilised|civilized|decent|modern|normal|our)\s+"
    r"(?:society|country|world)",
    r"(?:should|must|need\s+to|needs\s+to|ought\s+to|have\s+to|can)\s+(?:all\s+)?(?:just\s+)?stay\s+"
    r"in\s+(?:the\s+kitchen|their\s+caves?|"
    r"the\s+jungle|the\s+closet|their\s+(?:own\s+)?(?:countries|country|holes?))",
    r"(?:are|is)\s+a\s+(?:drain|blight|stain|burden|curse)\s+on\s+(?:society|the\s+country|this\s+country|us|humanity|"
    r"the\s+nhs|the\s+economy|the\s+world|everyone)",
    r"(?:are|is)\s+(?:a\s+)?(?:mistakes?|accidents?)\s+(?:of|by)\s+(?:nature|god|evolution)",
    r"(?:are|is)\s+(?:an\s+)?evolutionary\s+(?:dead\s+ends?|failures?|throwbacks?)",
    r"(?:will|are\s+going\s+to|are\s+gonna|want\s+to|plan\s+to)\s+(?:\w+\s+)?(?:outbreed|out-breed|replace)\s+"
    r"(?:us|the\s+natives?|the\s+locals|white\s+people|the\s+british|europeans|christians)",
    r"(?:are|is)\s+(?:\w+\s+)?(?:outbreeding|out-breeding|replacing)\s+(?:us|the\s+natives?|the\s+locals|white\s+people|"
    r"the\s+british|europeans|christians)",
    # "are flooding Europe and breeding us out": replacement rhetoric, whatever verb of arrival comes before it
    rf"(?:breed|breeds|breeding|bred)\s+(?:{_NATIVES})\s+out", rf"(?:out-?breed|out-?breeding)\s+(?:{_NATIVES})",
)
# Exclusion: "deport the X", "X out", "X should go back", "X don't belong here".
EXCLUDE_BEFORE = (
    r"deport", r"expel", r"ban", r"ban\s+all", r"remove", r"kick\s+out", r"throw\s+out", r"send\s+back",
    r"ship\s+(?:back|out|off)", r"keep\s+out", r"lock\s+up", r"round\s+up", r"intern", r"sterili[sz]e",
    r"segregate", r"get\s+(?:rid\s+of|out)", r"(?:got|getting|gets)\s+rid\s+of", r"no\s+more", r"stop\s+letting\s+in",
    r"stop\s+(?:all\s+)?(?:the\s+)?"
    r"(?:immigration\s+of)",
)
EXCLUDE_AFTER = (
    r"should\s+(?:all\s+)?(?:be\s+)?(?:deported|expelled|banned|removed|sent\s+(?:back|home)|kicked\s+out|"
    r"thrown\s+out|locked\s+up|interned|segregated|rounded\s+up|shipped\s+(?:back|out|off)|go\s+(?:back|home)|"
    r"leave|get\s+out|be\s+kept\s+out|fuck\s+off)",
    r"(?:must|need\s+to|needs\s+to|ought\s+to|have\s+to)\s+(?:all\s+)?(?:be\s+)?(?:deported|expelled|banned|"
    r"removed|sent\s+(?:back|home)|kicked\s+out|go\s+(?:back|home)|leave|get\s+out)",
    r"out\s+of\s+(?:britain|england|the\s+uk|europe|our\s+country|this\s+country|here|"
    r"the\s+west|america|germany|france)\s*(?:now|!|\.|$)", r"go\s+home", r"go\s+back\s+to",
    r"(?:are|is)\s+not\s+welcome", r"(?:aren't|isn't)\s+welcome", r"(?:don't|do\s+not|doesn't)\s+belong",
    r"have\s+no\s+place\s+in",
    # "women have no business refereeing": a group ruled unfit for a role (not "... no business being detained")
    r"(?:have|has)\s+no\s+business\s+(?!being\s+(?:detained|locked|held|jailed|deported|treated|abused|targeted|"
    r"harassed|attacked|kept|sent|forced|denied|singled))(?:\w+ing|in|on|at|near|anywhere)",
    r"(?:shouldn't|should\s+not|should\s+never|must\s+not|mustn't|must\s+never)\s+be\s+allowed\s+"
    r"(?:to|in|into|near)",
    r"(?:shouldn't|should\s+not)\s+(?:have|get)\s+(?:the\s+)?(?:right|rights|vote|votes|benefits|citizenship)",
    r"should\s+lose\s+(?:their\s+)?(?:rights|citizenship|vote)", r"(?:not|never)\s+allowed",
    r"fuck\s+off\s+(?:back|home)", r"should\s+be\s+banned\s+from",
    r"(?:should|need\s+to|needs\s+to|must|can)\s+(?:all\s+)?(?:just\s+)?shut\s+(?:the\s+)?(?:fuck\s+|hell\s+|fk\s+)?up",
    r"can\s+(?:all\s+)?go\s+(?:fuck|screw)\s+themselves", r"go\s+(?:fuck|screw)\s+themselves",
    r"(?:should|can|must|need\s+to)\s+(?:all\s+)?"
    r"(?:fuck|piss|bugger)\s+off(?:\s+and\s+die)?", r"should\s+(?:all\s+)?be\s+kept\s+out",
)
# "Muslims out!": only right after the group word, at the end of the clause.
EXCLUDE_OUT = (r"out\s*(?:!|\.|,|$|now|of\s+here)",)
# Telling someone to "go back" to where their family came from is an attack on origin, named group or not.
GO_BACK = (r"(?:go|fuck\s+off|piss\s+off|get|sod\s+off|bugger\s+off|send\s+(?:them|him|her|'em))\s+(?:back\s+)?"
           r"(?:back\s+)?to\s+(?:africa|pakistan|somalia|india|bangladesh|jamaica|the\s+jungle|the\s+desert|"
           r"your\s+(?:own\s+)?(?:country|countries|mud\s+huts?|huts?|caves?|desert|jungle|village)|"
           r"their\s+(?:own\s+)?(?:country|countries|mud\s+huts?|huts?|caves?|desert|jungle|mountains)|"
           r"where\s+(?:you|they)\s+(?:came|come)\s+from)")
# Negated positives: hateful because they deny something good ("X lives don't matter").
NEGATED_POSITIVE_AFTER = (
    r"lives\s+(?:don't|do\s+not|doesn't|does\s+not)\s+matter", r"(?:are|is)\s+not\s+(?:even\s+)?(?:human|people)",
    r"(?:aren't|isn't)\s+(?:even\s+)?(?:human|people)",
    r"(?:don't|do\s+not|doesn't|does\s+not)\s+deserve\s+(?:any\s+|equal\s+|basic\s+|a\s+shred\s+of\s+|an\s+ounce\s+of\s+|"
    r"our\s+)?(?:rights|respect|to\s+live|"
    r"to\s+exist|to\s+be\s+here|a\s+place|anything|to\s+be\s+treated|human\s+rights|to\s+vote|to\s+breathe)",
    r"have\s+no\s+right\s+to\s+(?:exist|live|be\s+here)", r"(?:are|is)\s+not\s+equal\s+to",
    r"will\s+never\s+be\s+(?:real|proper|true|equal|british|english|european|one\s+of\s+us|welcome)",
    r"(?:are|is)\s+not\s+real\s+(?:women|men|people|britons|brits|citizens)",
    r"(?:aren't|isn't)\s+real\s+(?:women|men|people|britons|brits|citizens)",
    r"(?:shouldn't|should\s+not)\s+(?:exist|be\s+alive|have\s+(?:been\s+)?born)",
    r"should\s+never\s+have\s+been\s+(?:let|allowed)\s+in", r"(?:can|could)\s+never\s+be\s+trusted",
    r"(?:are|is)\s+never\s+(?:welcome|safe|trustworthy|to\s+be\s+trusted)", r"have\s+no\s+(?:right|rights)",
    r"(?:aren't|are\s+not|isn't|is\s+not)\s+worth\s+(?:anything|saving|a\s+damn|the\s+air|feeding|it)",
    r"(?:can|will)\s+(?:never|not)\s+be\s+(?:english|british|european|french|german|american|one\s+of\s+us|"
    r"trusted|integrated|civili[sz]ed)",
    r"(?:don't|do\s+not)\s+count\s+as\s+(?:people|human|real)",
)
# The only good X is a dead X; a good X is a dead X.
GOOD_DEAD = r"(?:the\s+only\s+)?good\s+({G})\s+(?:is|are)\s+(?:a\s+)?dead(?:\s+({G}))?"

# Wishing a group gone: the place "would be paradise if there were no X", "better off without X", "if only X
# were all dead". {G} is a protected group; the patterns run only when one of WISH_GONE_WORDS is present.
_NICER = (r"(?:better|nicer|safer|happier|cleaner|healthier|richer|wealthier|calmer|quieter|stronger|greater|great|"
          r"purer|paradise|perfect|heaven|lovely|peaceful|wonderful|fine|a\s+(?:better|nicer|safer|happier)\s+place)")
_GONE = (r"(?:dead|gone|extinct|wiped\s+out|exterminated|deported|sent\s+back|removed|killed|eradicated|"
         r"eliminated|dying|rotting)")
_EVERY = r"(?:all\s+|the\s+|those\s+|these\s+|all\s+the\s+|all\s+those\s+|every\s+(?:single\s+)?|each\s+|any\s+)?"
WISH_GONE = (
    rf"{_NICER}\s+(?:off\s+)?without\s+{_EVERY}(?P<g>{{G}})",
    rf"{_NICER}\s+if\s+there\s+(?:were|was|are|is)\s+no\s+(?:more\s+)?(?P<g>{{G}})",
    rf"{_NICER}\s+if\s+we\s+(?:got|get|had\s+got|could\s+get)\s+rid\s+of\s+{_EVERY}(?P<g>{{G}})",
    rf"{_NICER}\s+if\s+{_EVERY}(?P<g>{{G}})\s+(?:(?:were|was|are|got)\s+(?:all\s+)?{_GONE}|(?:all\s+)?(?:died|"
    rf"disappeared|vanished|went\s+back))",
    rf"if\s+only\s+{_EVERY}(?P<g>{{G}})\s+(?:were|would|could)\s+(?:all\s+|just\s+){{{{0,2}}}}(?:{_GONE}|die|"
    rf"disappear|vanish|go\s+away|drop\s+dead)",
    rf"why\s+(?:can't|cannot|don't|won't)\s+{_EVERY}(?P<g>{{G}})\s+(?:all\s+|just\s+){{{{0,2}}}}(?:disappear|vanish|die|"
    rf"drop\s+dead|go\s+away|fuck\s+off|piss\s+off)",
    rf"(?:wish|hope|pray)\s+(?:that\s+)?{_EVERY}(?P<g>{{G}})\s+(?:would\s+|will\s+)?(?:all\s+|just\s+){{{{0,2}}}}(?:die|"
    rf"died|drop\s+dead|disappear(?:ed)?|vanish(?:ed)?|(?:were|was|get|got)\s+{_GONE})",
    r"(?:world|country|europe|britain|planet|society|town|city)\s+(?:needs|could\s+do\s+with|would\s+be\s+better\s+"
    r"with)\s+(?:far\s+|a\s+lot\s+|many\s+|way\s+)?fewer\s+(?P<g>{G})",
)
WISH_GONE_WORDS = frozenset({"without", "if", "only", "wish", "hope", "pray", "fewer", "why"})

# Replacement rhetoric: a group "will turn this town into <their country>" (or into a ghetto, a war zone).
TAKEOVER_PLACES = (
    r"(?:(?:a|an|another|the\s+next|little|mini|a\s+little|a\s+mini|a\s+new|a\s+second)[\s-]+)?"
    r"(?:(?:third[- ]world\s+)?"
    r"(?:ghetto|slum|caliphate|sharia\s+state|shithole|hellhole|dump|war\s*zone|no-?go\s+(?:zone|area)|jungle|"
    r"zoo|favela|refugee\s+camp|toilet|cesspit|country|hole|town|city)|third[- ]world|"
    r"mogadishu|somalia|pakistan|karachi|islamabad|lahore|bangladesh|dhaka|india|delhi|mumbai|afghanistan|kabul|"
    r"baghdad|iraq|syria|damascus|beirut|lebanon|gaza|tehran|iran|saudi(?:\s+arabia)?|riyadh|yemen|libya|tripoli|"
    r"africa|lagos|nigeria|eritrea|sudan|morocco|marrakech|algeria|algiers|tunisia|turkey|istanbul|albania|tirana|"
    r"romania|bucharest|bulgaria|poland|warsaw|mexico|tijuana|jamaica|kingston|china|beijing|israel|tel\s+aviv|"
    r"jerusalem|the\s+middle\s+east|londonistan|eurabia)"
)
TAKEOVER = (
    rf"(?P<g>{{G}})\s+(?:will|would|'ll|are|is|were|was|keep|are\s+going\s+to|are\s+gonna|have|has|had|already|soon|"
    rf"slowly)?\s*(?:have\s+|already\s+|soon\s+|slowly\s+)?(?:turn|turned|turning|make|made|making|transform|"
    rf"transformed|transforming|change|changed|changing)\s+(?:\w+\s+){{{{0,4}}}}?into\s+(?:{TAKEOVER_PLACES})(?![\w'])"
)
TAKEOVER_WORDS = frozenset({"into"})

# --- stance cues ------------------------------------------------------------------------------------------
NEGATORS = frozenset({
    "not", "n't", "never", "no", "nor", "hardly", "neither", "aren't", "isn't", "don't", "doesn't", "wasn't",
    "weren't", "didn't", "won't", "wouldn't", "cannot", "can't", "nobody", "none", "dont", "arent", "isnt",
    "doesnt", "wont", "shouldn't", "mustn't",
})
