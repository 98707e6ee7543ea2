"""The words the extremism check reads: terrorist organisations and attackers, praise, slogans, calls to violence.

Plain data (lower case, regex fragments matched on ``Canon.text``) so that an editor can see and extend what
the rule knows. Naming an organisation is never enough: the rule needs praise or support linked to it in the
same sentence, an approving slogan, or a call to violence; reporting, analysis, condemnation and quotation
lower the score.
"""

from __future__ import annotations

# Organisations whose praise is withheld, and (for the message) what kind of group each is.
ORGANISATIONS: dict[str, str] = {
    r"isis|isil|is\s+fighters|islamic\s+state|the\s+islamic\s+state|daesh|da'esh|dawla|dawlah|al-?dawla": "jihadist",
    r"al[- ]?qa'?[ei]?da|alqaeda|aqap|aqim": "jihadist",
    r"al[- ]?shabaa?b|shabaa?b": "jihadist",
    r"boko\s+haram|iswap": "jihadist",
    r"(?:jabhat\s+)?al[- ]?nusra|nusra\s+front": "jihadist",
    r"lashkar-e-taiba|jaish-e-mohammed|isis-k|islamic\s+state\s+khorasan": "jihadist",
    r"the\s+taliban|taliban": "jihadist",
    r"(?:izz\s+ad-din\s+)?al-?qassam(?:\s+brigades?)?|qassam(?:\s+brigades?)?|hamas|hamas's\s+armed\s+wing": "armed",
    r"islamic\s+jihad|pij": "armed",
    r"hezbollah|hizballah|hizbullah|hezbollah's\s+military\s+wing|radwan\s+force": "armed",
    r"kata'?ib\s+hezbollah|houthis|ansar\s+allah": "armed",
    r"pkk|the\s+pkk|tak|kurdistan\s+freedom\s+falcons": "armed",
    r"the\s+ira|provisional\s+ira|provos|real\s+ira|new\s+ira|uvf|ltte|tamil\s+tigers": "armed",
    r"atomwaffen|national\s+action|combat\s+18|c18|blood\s+and\s+honour|o9a|order\s+of\s+nine\s+angles|"
    r"sonnenkrieg|feuerkrieg|kkk?|ku\s+klux\s+klan|klan|klansmen|aryan\s+brotherhood|patriot\s+front": "far_right",
    r"the\s+mujahideen|mujahideen|mujahidin|the\s+mujahid|jihadis|jihadists|the\s+caliphate|khilafah": "jihadist",
    r"nazis|the\s+nazis|the\s+third\s+reich|the\s+ss|waffen-ss": "far_right",
}
# Attackers and leaders whose glorification is withheld.
FIGURES: dict[str, str] = {
    r"(?:brenton\s+)?tarrant|(?:anders\s+(?:behring\s+)?)?breivik|dylann\s+roof|robert\s+bowers|patrick\s+crusius|"
    r"payton\s+gendron|(?:timothy\s+)?mcveigh|thomas\s+mair|darren\s+osborne|elliot\s+rodger|kaczynski|"
    r"the\s+unabomber|the\s+christchurch\s+(?:shooter|gunman|attacker)|the\s+buffalo\s+shooter": "far_right",
    r"(?:osama\s+)?bin\s+laden|(?:abu\s+bakr\s+)?(?:al-?)?baghdadi|zarqawi|zawahiri|jihadi\s+john|emwazi|salman\s+abedi|"
    r"khalid\s+masood|mohamed\s+atta|(?:the\s+)?9\s?/\s?11\s+hijackers|sinwar|deif|nasrallah": "jihadist",
    r"(?:the|that|this|these|those)\s+(?:\w+\s+){0,2}(?:bombers?|suicide\s+bombers?|attackers?|shooters?|gunm[ae]n|"
    r"hijackers|hostage[- ]takers|killers|jihadis)|whoever\s+(?:did|carried\s+out|torched|bombed|attacked|shot|"
    r"stabbed|burned|burnt|killed|planted)": "attacker",
    r"hitler|adolf|himmler|goebbels|the\s+f(?:u|ue)hrer": "far_right",
}
# Attacks: praising the event is praising the violence.
EVENTS = (
    r"9\s?/\s?11|9-11|september\s+11th?|october\s+(?:7th|7|seventh)|(?:7th|7|seven|seventh)\s+(?:of\s+)?october|"
    r"oct\s+7|7\s?/\s?7|"
    r"the\s+(?:christchurch|utoya|bataclan|manchester\s+arena|pittsburgh|el\s+paso|buffalo|halle|oklahoma\s+city)\s+"
    r"(?:attack|attacks|shooting|shootings|massacre|bombing)|the\s+(?:attack|attacks|bombing|bombings|shooting|"
    r"shootings|massacre|stabbing|stabbings|beheading|martyrdom\s+operations?)|(?:that|this|these|those)\s+(?:attack|"
    r"attacks|bombing|bombings|shooting|shootings|massacre|stabbings?|beheadings?)"
)
# Words of praise or support that make mentioning one of the above a glorification.
PRAISE = (
    r"heroe?s?|heroic|legends?|legendary|martyrs?|saints?|brave|bravery|courageous|lions?\s+of|(?:our\s+)?brothers|"
    r"warriors|glory\s+to|long\s+live|god\s+bless|allah\s+bless|may\s+allah\s+(?:accept|reward|have\s+mercy\s+on|"
    r"grant|protect|give\s+victory\s+to)|rest\s+in\s+power|based|did\s+nothing\s+wrong|(?:was|were)\s+right|"
    r"did\s+(?:the\s+right\s+thing|what\s+had\s+to\s+be\s+done|god's\s+work)|deserves?\s+a\s+(?:medal|statue)|"
    r"more\s+power\s+to|(?:i|we)\s+(?:fully\s+|proudly\s+|totally\s+)?support|support(?:ing)?\s+(?:the\s+)?"
    r"(?:brothers|fighters|resistance|mujahideen)|stand\s+with|salute|respect\s+to|proud\s+of|an?\s+inspiration|"
    r"inspired\s+(?:me|us)|role\s+models?|(?:i|we)\s+love|freedom\s+fighters|victory\s+to|will\s+(?:rise\s+again|"
    r"return|prevail|win|be\s+back|never\s+die)|remaining\s+and\s+expanding|beautiful|glorious|blessed|"
    r"well\s+done|good\s+job|job\s+well\s+done|finally\s+someone|we\s+need\s+more|need\s+more\s+(?:men\s+)?like|"
    r"(?:could|can)\s+(?:use|do\s+with)\s+(?:a\s+(?:few|couple(?:\s+of)?)\s+|some\s+|lots\s+|a\s+lot\s+)?more|"
    r"(?:needs?|could\s+use|could\s+do\s+with)\s+(?:is\s+)?(?:another|a\s+new|a\s+modern-day|a\s+(?:few|couple(?:\s+of)?)\s+"
    r"more|more)|(?:a\s+(?:few|couple(?:\s+of)?|handful)|one\s+or\s+two)\s+more|"
    r"more\s+(?:men\s+)?like\s+(?:him|them|this)|(?:wish|want)\s+(?:i|we)\s+(?:could|had)\s+(?:join|joined|been)|"
    r"join\s+(?:them|the\s+(?:brothers|fight|mujahideen|jihad))|pledge\s+(?:allegiance|bay'?ah)|bay'?ah\s+to|"
    r"hope\s+(?:they|he)\s+(?:win|wins|succeed|succeeds|finish|finishes)|justified|deserved\s+it|had\s+it\s+coming|"
    r"got\s+what\s+(?:they|he|she)\s+deserved|a\s+(?:great|good)\s+(?:man|day|thing)|king|the\s+goat|icon|"
    r"genius|champions?\s+of|defenders?\s+of|true\s+believers|our\s+boys|the\s+real\s+victims|gods?\s+among|"
    r"lions|blessings?|bravest|the\s+best\s+thing|the\s+only\s+(?:real\s+men|ones\s+(?:standing|fighting|who))|"
    r"true\s+(?:leaders?|heroe?s?|believers?|patriots?|warriors?|muslims?)|(?:well|fully|richly)\s+deserved|"
    r"cried\s+with\s+joy|doing\s+(?:the\s+right\s+thing|god's\s+work|what\s+must\s+be\s+done)|in\s+paradise|(?:may\s+)?god\s+(?:protect|reward)|respect\s+to\s+them|i'?d\s+do\s+it\s+again"
)
# Slogans and symbols whose approving use is itself the violation.
SLOGANS: tuple[tuple[str, float], ...] = (
    (r"baqiy(?:a|ah)\s+wa\s+tatamaddad|baqiy(?:a|ah)|remaining\s+and\s+expanding", 0.9),
    (r"1488|1\s4\s8\s8|14\s?/\s?88|14\s+88|fourteen\s+eighty-?eight|(?:the\s+)?14\s+words|"
     r"(?:the\s+)?fourteen\s+words", 0.9),
    (r"we\s+must\s+secure\s+the\s+existence\s+of\s+our\s+people", 0.9),
    (r"(?:saint|st)\s?\.?\s+(?:tarrant|breivik|roof|bowers|elliot|mcveigh|crusius)", 0.95),
    (r"day\s+of\s+the\s+rope|rahowa|racial\s+holy\s+war|race\s+war\s+now|total\s+race\s+war", 0.95),
    (r"sieg\s+heil|heil\s+hitler|hail\s+victory|88\s+heil|white\s+power", 0.85),
    (r"there\s+is\s+no\s+political\s+solution|hitler\s+was\s+right|hitler\s+did\s+nothing\s+wrong", 0.85),
    (r"(?:kill|death\s+to)\s+(?:all\s+)?(?:the\s+)?(?:kuffar|kufar|infidels|apostates|crusaders)", 0.95),
    (r"(?:the\s+)?caliphate\s+(?:will|shall)\s+(?:return|rise|be\s+back)|khilafah\s+(?:will|shall)\s+return", 0.9),
    (r"martyrdom\s+operations?|istishhad|inghimasi", 0.7),
    (r"subscribe\s+to\s+pewdiepie", 0.5),
)
# A slogan is looked for only in a comment holding one of these words (a cheap pre-check).
SLOGAN_WORDS = (
    "baqiya", "baqiyah", "remaining", "1488", "1", "14", "88", "fourteen", "we", "saint", "st", "day", "rahowa",
    "racial", "race", "total", "sieg", "heil", "hail", "88", "white", "there", "hitler", "kill", "death", "the",
    "caliphate", "khilafah", "martyrdom", "istishhad", "inghimasi", "subscribe",
)
# Calls to violence are looked for only in a comment with one of these word stems.
VIOLENT_WORDS = (
    r"kill\w*|shoot\w*|shot|bomb\w*|burn\w*|hang\w*|hung|stab\w*|death|die|dies|bullets?|arms|rifles?|guns?|"
    r"weapons|revolution|uprising|storm|sniper|lynch\w*|execut\w*|behead\w*|string|line|torch\w*|firebomb|"
    r"petrol|nuke|gas\w*|slaughter\w*|butcher\w*|extermin\w*|massacre\w*|murder\w*|assassinat\w*|run|mow|"
    r"blow\w*|blown|attack\w*|violence|rope|wall|strangle|slit|tortured|civil|more|strung|take|taken|someone|"
    r"somebody|anyone|deserves?|put|putting|send|make|making|deal|silence|shut|sort|get"
)
# Euphemisms for killing someone, said of a person ("take that judge out permanently", "put him in the ground").
_ROLES = (r"judges?|mps?|pm|prime\s+minister|president|ministers?|mayor|journalists?|reporters?|editor|referee|ref|"
          r"councillors?|king|queen|leaders?|officers?|cops?|coppers?|witness|traitors?|politicians?|bastards?|guy|man|"
          r"woman|bloke|lad|prick|scumbag|paedo|nonce|teacher|doctor|boss|manager|landlord|neighbour|lawyer|banker|"
          r"presenter|pundit|columnist|author|writer|governor|senator|general|imam|rabbi|priest|vicar|bishop|"
          r"chairman|owner|ceo|striker|keeper|goalkeeper|player|coach|commissioner|inspector|guard|terrorist|rapist|"
          r"murderer|thug|protesters?|activists?|cyclist|driver|candidate|speaker|chief|spokesman|spokeswoman")
_PERSON = rf"(?:him|her|them|'em|(?:the|that|this|these|those|our|their|your)\s+(?:\w+\s+)?(?:{_ROLES}))(?![\w'])"
# What "someone should shoot/kill/bomb ..." may aim at without aiming at people ("shoot a film", "kill the rumour").
_NOT_PEOPLE = (r"(?!\s+(?:a|an|the|this|that|some|more|another|his|her|their|our)?\s*(?:\w+\s+)?(?:film|movie|video|"
               r"documentary|photos?|pictures?|scene|advert|ad|episode|series|penalt(?:y|ies)|free\s+kick|ball|shots?|"
               r"rumou?rs?|story|bill|idea|plan|deal|myth|proposal|thread|joke|game|engine|lights|music|noise|app|"
               r"project|hype|mood|vibe|conversation|debate|question|test|exam|interview|gig|set)\b)")
_FOR_GOOD = r"(?:permanently|for\s+good|once\s+and\s+for\s+all|for\s+ever|forever)"
EUPHEMISMS = (
    rf"(?:someone|somebody|anyone|anybody)\s+(?:should|needs?\s+to|ought\s+to|has\s+to|must|could|can|will|just|"
    rf"please)?\s*(?:just\s+|please\s+)?take\s+{_PERSON}\s+out(?:\s+{_FOR_GOOD})?",
    rf"take\s+{_PERSON}\s+out\s+{_FOR_GOOD}",
    rf"(?:put|putting|send|sending)\s+{_PERSON}\s+(?:in\s+(?:the\s+ground|a\s+(?:box|body\s+bag|coffin|grave))|"
    rf"six\s+feet\s+under|to\s+(?:an\s+early\s+grave|meet\s+(?:his|her|their)\s+maker))",
    rf"(?:make|deal\s+with|silence|shut|sort\s+out|get\s+rid\s+of)\s+{_PERSON}\s+(?:disappear\s+)?(?:up\s+)?{_FOR_GOOD}",
    rf"(?:make|making)\s+{_PERSON}\s+disappear",
)

# Calls to violence, whoever the target: the violation is the call itself. A strength of LETHAL_CALL marks a
# call for someone to kill a person, which the check treats as categorical.
LETHAL_CALL = 1.0
VIOLENCE: tuple[tuple[str, float], ...] = (
    # someone should kill a person: the plainest call to murder, strength 1.0 (see LETHAL_CALL)
    (rf"(?:someone|somebody|anyone|anybody)\s+(?:should|needs?\s+to|ought\s+to|has\s+to|must|just|please|gotta|"
     rf"go)\s+(?:just\s+|please\s+|go\s+(?:and\s+)?)?(?:shoot|kill|murder|stab|behead|hang|lynch|assassinate|execute|"
     rf"strangle|butcher)\s+{_PERSON}", 1.0),
    (r"(?:someone|somebody|anyone|someone\s+needs\s+to|somebody\s+needs\s+to)\s+(?:should|needs\s+to|ought\s+to|"
     r"has\s+to|must|just)?\s*(?:bomb|shoot|kill|burn|blow\s+up|stab|assassinate|hang|torch|take\s+out|murder|"
     rf"lynch|execute|behead|run\s+over|firebomb|petrol\s+bomb){_NOT_PEOPLE}", 0.9),
    (r"(?:i\s+)?(?:wish|hope|pray)\s+(?:someone|somebody)\s+(?:would\s+|will\s+|does\s+)?(?:bomb|shoot|kill|burn|"
     r"blow\s+up|stab|assassinate|hang|torch|murder|lynch|run|mow)(?:s)?\b", 0.9),
    (r"(?:run|mow)\s+(?:him|her|them|'em)\s+(?:over|down)|petrol\s+bomb\s+(?:it|them|the\s+place)|"
     r"(?:kill|shoot|stab|attack)\s+(?:every|any)\s+\w+\s+(?:you\s+see|you\s+find|on\s+sight)", 0.85),
    (r"(?:should|must|needs?\s+to|ought\s+to)\s+be\s+(?:burned|burnt|blown\s+up|torched|bombed|firebombed)\s+"
     r"(?:to\s+the\s+ground|down)", 0.85),
    (r"where'?s\s+(?:a|the)\s+(?:sniper|bomb|drone|bullet)\s+when\s+you\s+need|why\s+(?:hasn't|has\s+no\s*one|"
     r"has\s+nobody)\s+(?:anyone\s+)?(?:shot|killed|bombed|stabbed)", 0.85),
    (r"(?:kill|shoot|hang|burn|bomb|nuke|gas|behead|lynch|execute|slaughter|stab|butcher|exterminate|massacre)\s+"
     r"(?:them|'em|em|the\s+lot|every\s+(?:last\s+)?one\s+of\s+them|them\s+all|all\s+of\s+them|the\s+lot\s+of\s+them)"
     r"(?:\s+all)?(?!\s+off)", 0.85),
    (r"(?:should|must|need\s+to|needs\s+to|ought\s+to|deserves?\s+to|deserve\s+to)\s+(?:all\s+)?(?:be\s+)?"
     r"(?:shot|killed|lynched|bombed|strung\s+up|beheaded|murdered|gassed|shot\s+dead|put\s+against\s+a\s+wall|"
     r"tortured|burned\s+alive|burnt\s+alive|blown\s+up|assassinated|taken\s+out\s+and\s+shot)", 0.9),
    (r"(?:should|must|need\s+to|needs\s+to|ought\s+to|deserves?\s+to|deserve\s+to)\s+(?:all\s+)?(?:be\s+)?"
     r"(?:hanged|hung|executed|put\s+to\s+death)", 0.7),
    (r"deserves?\s+(?:to\s+die|death|a\s+bullet|bullets|the\s+rope|to\s+be\s+shot|a\s+bomb)"
     r"(?!\s+(?:in\s+(?:prison|jail|a\s+cell)|behind\s+bars|alone|of\s+old\s+age))", 0.85),
    (r"line\s+(?:them|him|her|'em|the\s+lot)\s+up(?:\s+against\s+a\s+wall)?|put\s+(?:them|him|her|'em)\s+against\s+"
     r"a\s+wall|string\s+(?:them|him|her|'em|the\s+lot)\s+up|hang\s+the\s+traitors|traitors\s+(?:should|will|must)\s+"
     r"hang", 0.9),
    (r"(?:a\s+)?bullets?\s+(?:in|through|between)\s+(?:his|her|their|the)\s+(?:head|heads|brain|skull|eyes)|"
     r"needs?\s+a\s+bullet|put\s+a\s+bullet\s+in", 0.9),
    (r"(?:burn|torch|firebomb|petrol\s+bomb|blow\s+up|bomb)\s+(?:down\s+)?(?:the|their|every|that|this|all\s+the)\s+"
     r"(?:mosques?|synagogues?|churches|church|temples?|gurdwaras?|hotels?|asylum\s+hotels?|parliament|houses?|"
     r"homes?|offices?|embassy|embassies|camps?|shops?|building|buildings|station|stations|police\s+station|"
     r"council|town\s+hall|capitol|newsroom|studios?|clinic|clinics|school|schools|ministry|ministries|"
    r"headquarters|hq|courthouse|courts?|commission|consulates?|barracks|depot|town\s+halls)", 0.9),
    (r"burn\s+(?:it|them|the\s+place|the\s+lot|everything)\s+(?:all\s+)?down", 0.85),
    # "somebody should put a bomb under the Commission building": planting a bomb, asked of someone
    (r"(?:someone|somebody|anyone|anybody|we|you|they)\s+(?:should|needs?\s+to|ought\s+to|has\s+to|have\s+to|must|"
     r"gotta|could\s+just|just)\s+(?:go\s+(?:and\s+)?)?(?:put|plant|stick|place|leave|drop)\s+(?:a|an|some)\s+"
     r"(?:\w+\s+)?(?:bombs?|explosives|device|grenade|ied)\s+(?:under|in|inside|outside|on|at|into|through)\b|"
     r"time\s+(?:that\s+)?(?:someone|somebody)\s+(?:put|planted|stuck)\s+a\s+bomb\s+under", 0.9),
    (r"take\s+up\s+arms|pick\s+up\s+(?:a\s+|the\s+|your\s+)?(?:guns?|rifles?|weapons|arms)|grab\s+(?:your|the)\s+(?:guns|"
     r"rifles|pitchforks|weapons)|time\s+(?:for|to\s+start)\s+(?:a\s+)?(?:civil\s+war|bullets|violence|the\s+rope|"
     r"shooting|killing)|(?:violent|armed)\s+(?:revolution|uprising)\s+(?:now|is\s+the\s+only)|storm\s+(?:the\s+)?"
     r"(?:parliament|capitol|building|palace|courts?)", 0.85),
    (r"death\s+to\s+(?:the\s+)?(?:america|israel|britain|the\s+west|traitors|politicians|police|cops|infidels|"
     r"zionists|shias|sunnis|jews|muslims|arabs|kurds|turks|christians|journalists|judges|mps)", 0.85),
    (r"(?:kill|shoot|hang|behead|bomb|burn|lynch|execute|murder|stab)\s+(?:all\s+|every\s+(?:last\s+)?|more\s+)?(?:the\s+)?"
     r"(?:politicians|mps|judges|cops|police|police\s+officers|journalists|reporters|traitors|bankers|landlords|"
     r"tories|zionists|settlers|soldiers|infidels|kuffar|apostates|refs|referees|protesters|migrants|immigrants|"
     r"refugees|jews|muslims|arabs|kurds|shias|sunnis|gays|liberals|lefties|leftists|conservatives|"
     r"the\s+(?:mp|pm|prime\s+minister|president|king|minister|judge|mayor))", 0.9),
    (r"i(?:'ll|\s+will|'m\s+going\s+to|'m\s+gonna|\s+am\s+going\s+to|\s+am\s+gonna)\s+(?:kill|shoot|stab|bomb|"
     r"blow\s+up|burn|murder|behead|slit|strangle|run\s+over)\s+"
     r"(?:you|him|her|them|the|every|all|your|his|their)", 0.9),
    (r"(?:i\s+)?hope\s+(?:he|she|they|you|the\s+\w+)\s+(?:dies|die|gets?\s+(?:shot|killed|stabbed|blown\s+up|"
     r"murdered|lynched)|is\s+(?:shot|killed|murdered))", 0.75),
    (r"more\s+(?:attacks|bombings|shootings|stabbings|massacres)\s+like\s+(?:this|that)|(?:hope|pray)\s+(?:there\s+"
     r"(?:are|is|will\s+be)|we\s+see)\s+more\s+(?:attacks|bombings|shootings|of\s+this)", 0.9),
)
# Subjects that make "should bomb/strike" a view on a state's military action, discussed in news terms.
STATE_ACTORS = (
    r"israel|the\s+idf|nato|the\s+us|the\s+usa|america|the\s+americans|britain|the\s+uk|the\s+raf|the\s+army|"
    r"the\s+government|ukraine|russia|iran|the\s+air\s+force|the\s+west|the\s+coalition|the\s+un|france|turkey|"
    r"the\s+navy|the\s+military|the\s+allies|egypt|jordan|saudi\s+arabia|the\s+iraqi\s+army|the\s+peshmerga|"
    r"the\s+police|the\s+state|the\s+courts?|the\s+judge|a\s+court"
)
# The sentence reports, analyses or explains: what it mentions is not the writer's view.
ANALYSIS = (
    r"according\s+to|claimed\s+responsibility|claims?\s+responsibility|reportedly|(?:was|were|is|are)\s+reported|"
    r"analysts?|experts?|researchers?|historians?|report(?:s|ed)?\s+(?:that|says|said|found)|propaganda|recruit\w*|"
    r"designated|proscribed|banned\s+(?:group|organisation|organization)|sanction(?:s|ed)|arrested|convicted|"
    r"sentenced|charged|jailed|on\s+trial|the\s+trial|court|manifesto|the\s+group's|its\s+fighters|supporters\s+of|"
    r"described\s+(?:himself|herself|themselves)|(?:his|her|their)\s+(?:followers|supporters|admirers)|"
    r"(?:call|calls|called|hail|hails|hailed|celebrate|celebrated|glorif\w+|praised?|praising|lionis\w+|lioniz\w+)\s+"
    r"(?:him|her|them|it|the\s+attackers?|the\s+killers?)|slogans?|motto|means|meaning|translates?|stands\s+for|"
    r"refers?\s+to|code\s+for|coded|symbols?|dog[- ]?whistles?|chant(?:s|ed)?|the\s+phrase|the\s+term|so-called|"
    r"known\s+as|numerolog\w*|(?:white\s+supremacist|neo-?nazi|far-right|jihadist|extremist|racist)\s+(?:code|"
    r"codes|slogans?|symbols?|numbers?|groups?|propaganda|movements?|forums?|networks?|ideology)|neo-nazi\s+(?:code|slogan|symbol|number)|investigat\w+|documentary|the\s+book|"
    r"the\s+film|in\s+(?:19|20)\d\d|decades?\s+ago|during\s+the|history|historically|the\s+rise\s+of|why\s+(?:young\s+)?"
    r"(?:men|people)\s+(?:join|are\s+drawn)|radicali[sz]\w+|deradicali[sz]\w+|prevent\s+programme|counter-?terror\w*"
)
# The sentence condemns or mourns: the praise words in it are not praise.
CONDEMNATION = (
    r"murderers?|murdered|massacred|atrocit(?:y|ies)|evil|horrific|horrendous|barbaric|barbarism|sick|disgusting|"
    r"vile|monstrous|monsters?|cowardly|cowards?|scum|butchers?|slaughtered|condemn\w*|mourn\w*|grief|"
    r"tragedy|tragic|thoughts\s+(?:are\s+)?with|rest\s+in\s+peace|rip\s+to\s+the\s+victims|face\s+justice|rot\s+in\s+"
    r"(?:hell|jail|prison)|life\s+sentence|abhorrent|appalling|shameful|disgrace\w*|"
    r"heartbroken|heartbreaking|despicable|no\s+excuse|unforgivable|inexcusable|deranged|psychopath\w*|"
    r"hateful|fanatics?|extremis[tm]s?|bloodthirsty|war\s+crimes?|crimes?\s+against\s+humanity|"
    r"no\s+hero|not\s+(?:a\s+)?(?:hero|heroes|martyr|martyrs|saint|brave)|far\s+from\s+(?:heroes|a\s+hero|brave)|"
    r"nothing\s+(?:heroic|brave|glorious)|neither\s+(?:brave|heroic)|the\s+last\s+thing|never\s+again|"
    r"no\s+more\s+(?:attacks|bombings|shootings|massacres|killings|victims)"
)
