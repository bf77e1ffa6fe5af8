"""Dutch text normalisation for lesson search: folding, tokens, stopwords, stems, compounds."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from functools import lru_cache

import snowballstemmer


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words of Dutch (the Snowball list, trimmed of words that carry meaning in this
# domain) plus the question and helper words participants wrap around a topic ("hoe werk ik
# samen met ..."), and the English function words for English queries. Content verbs such as
# "samenwerken" or "meedoen" stay searchable: only the bare auxiliaries are dropped.
STOPWORDS: frozenset[str] = _words(
    """
    aan al alle alles als alsof altijd andere ben bij binnen da daar daarom dan dat de deze die
    dit doch doen doet door dus een eens en er ge geen geweest haar had heb hebben heeft hem
    het hier hij hoe hun ik in is ja je jij jou jouw jullie kan kun kunnen kon kunt let
    maar me mee meer men met mij mijn moet moeten na naar niet niets nog nu of om omdat ons
    onze ook op over reeds te tegen toch toen tot u uit uw van veel voor waar waarom wanneer
    want was wat we wel welk welke werd wie wij wil willen word wordt worden wezen zal ze zei
    zelf zich zij zijn zo zonder zou zouden zulke zullen steeds telkens af toe niks minder
    weinig
    kijk kijken kijkt volgende vorige vandaag vanavond morgen gisteren straks nou hallo hoi
    weer lekker
    graag eigenlijk even gewoon heel iemand iets krijg krijgen krijgt ga gaat gaan kom komt
    komen laat laten maak maakt maken mag mogen zit zitten zie zien ziet weet weten vind
    vinden vindt vraag vraagt vragen zeg zeggen doe deed hoeveel
    tip tips idee ideeen iets manier manieren beste goed goede precies echt vooral soms
    a an and are as at be by can do does for from get got how i if into it its me my of on
    or our should so that the their them there these they this those to us was we what when
    where which who why will with would you your keep make take need want much many
    """
)

# Generic words of this booklet that still mean something: almost every unit is about the
# "wijk" and its "aanpak", so they are kept in the index but searched with a small weight.
WEAK_WORDS: frozenset[str] = _words(
    """
    werk werken samen wijk wijken wijkenaanpak wijkaanpak aanpak lessen les mensen nieuw
    nieuwe anderen
    """
)

# Greetings, thanks and chat fillers: what people type to a bot that is not a question. They are
# dropped from a query, and a message that contains one needs clearer evidence of a topic
# ("hallo wereld" is no question about the systeemwereld). They stay in the index: "ambtelijke
# top" is a topic.
CHAT_WORDS: frozenset[str] = _words(
    """
    hallo hoi hey hee hi hello hiya yo goedemorgen goedemiddag goedenavond goedenacht
    dag daag doei ciao bye welterusten groet groeten groetjes gegroet ziens dank danku
    dankje dankjewel dankuwel bedankt merci thanks thank thx ty ok oke okay okey prima top
    fijn fijne mooi super cool ja nee yes no nope jawel sorry excuus welkom test testen
    testje allemaal copbot bot botje help
    """
)

# Suffixes of Dutch person nouns: "nieuwkomer" and "nieuweling" are one family with base
# "nieuw", "buitenstaander" and "buitenstaanders" too.
AGENT_SUFFIXES: tuple[str, ...] = (
    "elingen",
    "eling",
    "lingen",
    "ling",
    "komers",
    "komer",
    "gangers",
    "ganger",
    "staanders",
    "staander",
)

# Particles of Dutch separable verbs ("zet ... op" is "opzetten").
PARTICLES: frozenset[str] = _words(
    "aan af bij door in los mee na om op over samen terug toe uit vast voor weg"
)

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_STEMMER = snowballstemmer.stemmer("dutch")
# The older Porter-style Dutch stemmer keeps a final "d" the Kraaij-Pohlmann one drops
# ("verantwoorden" -> "verantwoor" but "verantwoording" -> "verantwoord"); the index uses it
# to merge such stem families.
_PORTER = snowballstemmer.stemmer("dutch_porter")

# Linking elements between the parts of a Dutch compound: "gebied-s-gericht",
# "wijk-en-aanpak", "bewoner-s-participatie", "kinder-en-opvang".
_LINKERS: tuple[str, ...] = ("", "s", "en", "e", "n")
MIN_PART = 4


def fold(text: str) -> str:
    """Lowercase and strip accents ("Continuïteit" -> "continuiteit")."""
    if text.isascii():  # most words: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[str]:
    """Folded word tokens; hyphens and slashes split words, apostrophes stay ("cop's")."""
    tokens = _TOKEN_RE.findall(fold(text))
    # "CoP's" and "CoP’s" mean "cop": the possessive/plural s carries nothing
    return [tok.split("'")[0].split("’")[0] for tok in tokens]


def is_stopword(token: str) -> bool:
    return token in STOPWORDS


def content_tokens(text: str) -> list[str]:
    """Tokens with stopwords and one-letter tokens removed."""
    return [tok for tok in tokenize(text) if len(tok) > 1 and tok not in STOPWORDS]


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """Snowball Dutch stem of a folded token; digits and very short tokens stay as they are."""
    if len(token) <= 3 or token.isdigit():
        return token
    return str(_STEMMER.stemWord(token))


@lru_cache(maxsize=65536)
def porter_stem(token: str) -> str:
    if len(token) <= 3 or token.isdigit():
        return token
    return str(_PORTER.stemWord(token))


def split_compound(
    word: str,
    vocabulary: Collection[str],
    min_part: int = MIN_PART,
    is_word: Callable[[str], bool] | None = None,
) -> tuple[str, ...] | None:
    """Split a compound into words of the vocabulary, or None if it is not one.

    "woningcorporaties" -> ("woning", "corporaties"), "bewonersparticipatie" -> ("bewoners",
    "participatie") or ("bewoner", "participatie"), "wijkenaanpak" -> ("wijk", "aanpak").
    Splits into fewer, longer parts win; a modifier may carry a linking -s-, -e-, -en-.
    `is_word`, when given, decides what counts as a word instead of membership of the
    vocabulary (e.g. "has the stem of a vocabulary word").
    """
    words = frozenset(vocabulary) if not isinstance(vocabulary, frozenset) else vocabulary
    known = is_word if is_word is not None else words.__contains__
    best = _split(word, known, min_part, depth=0)
    return best if best is not None and len(best) > 1 else None


def _split(
    word: str, vocabulary: Callable[[str], bool], min_part: int, depth: int
) -> tuple[str, ...] | None:
    if depth > 0 and word not in STOPWORDS and vocabulary(word):
        return (word,)
    if depth >= 3 or len(word) < 2 * min_part:
        return None
    best: tuple[str, ...] | None = None
    # Longest head first: Dutch compounds are right-headed and the head is the stronger part.
    for cut in range(min_part, len(word) - min_part + 1):
        head = word[cut:]
        left = word[:cut]
        for linker in _LINKERS:
            if linker and not left.endswith(linker):
                continue
            modifier = left[: len(left) - len(linker)] if linker else left
            if len(modifier) < min_part or modifier in STOPWORDS:
                continue
            if not vocabulary(modifier):
                continue
            rest = _split(head, vocabulary, min_part, depth + 1)
            if rest is None:
                continue
            # Prefer the surface form "bewoners" over "bewoner" + linker when both exist.
            first = left if linker and vocabulary(left) else modifier
            candidate = (first, *rest)
            if best is None or _better(candidate, best):
                best = candidate
    return best


def _better(candidate: tuple[str, ...], best: tuple[str, ...]) -> bool:
    if len(candidate) != len(best):
        return len(candidate) < len(best)
    # Same number of parts: prefer the longer head (last part).
    return len(candidate[-1]) > len(best[-1])


def known_affix(word: str, vocabulary: Collection[str], min_len: int = 6) -> str | None:
    """The longest vocabulary word that starts or ends `word` and covers half of it, or None."""
    for size in range(len(word) - 1, min_len - 1, -1):
        if size * 2 < len(word):
            break
        for part in (word[:size], word[-size:]):
            if part in vocabulary and part not in STOPWORDS:
                return part
    return None


_PHONETIC_RULES: tuple[tuple[str, str], ...] = (
    ("eau", "o"),
    ("au", "ou"),
    ("ij", "ei"),
    ("y", "ei"),
    ("ph", "f"),
    ("th", "t"),
    ("qu", "kw"),
    ("x", "ks"),
    ("dt", "t"),
    ("ce", "se"),
    ("ci", "si"),
    ("c", "k"),
    ("z", "s"),
    ("v", "f"),
)
_DOUBLES_RE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def phonetic(word: str) -> str:
    """A rough Dutch sound key, so that spelling slips compare as equal.

    "burocratie" and "bureaucratie" -> "burokratie"; "monitorring" -> "monitoring".
    """
    key = fold(word)
    for old, new in _PHONETIC_RULES:
        key = key.replace(old, new)
    key = _DOUBLES_RE.sub(r"\1", key)
    return key[:-1] + "t" if key.endswith("d") else key


def ngrams(tokens: Iterable[str], n: int = 2) -> list[tuple[str, ...]]:
    items = list(tokens)
    return [tuple(items[i : i + n]) for i in range(len(items) - n + 1)]
