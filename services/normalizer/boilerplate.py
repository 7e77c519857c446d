"""Line classifiers: what kind of page furniture a single line is, judged by the line alone.

Patterns marked "folded" run on `text.fold` output (lower case, no accents, Arabic hamza forms
and digits unified); byline and caption patterns run on the line as written because they rely on
capitals and brackets.
"""

from __future__ import annotations

import re

from services.normalizer.text import fold, word_count

SHORT_LINE_WORDS = 12
CAPTION_MAX_WORDS = 50
CREDIT_MAX_WORDS = 40
CROSS_LINK_MAX_WORDS = 30

# folded
CROSS_LINK = re.compile(
    r"^(?:read|read more|read also|also read|see also|related|watch|listen|more|lire aussi|a lire aussi"
    r"|a lire egalement|voir aussi|lea tambien|lee tambien|leer mas|ver tambien|lesen sie auch|mehr zum thema"
    r"|siehe auch|leggi anche|leia tambem|veja tambem|اقرا ايضا|اقرا المزيد|شاهد ايضا)(?:\s*[:：»>|]|\s+[–-])\s*\S")
READ_MORE = re.compile(
    r"^(?:read more|read the full (?:story|article)|continue reading|lire la suite|leer mas|seguir leyendo"
    r"|weiterlesen|continua a leggere|اقرا المزيد)\W*$")
_MINUTES = (r"(?:about |environ |ca\.? |~)?\d+(?:\s*[-–]\s*\d+)?\s*"
            r"(?:min|mins|minute|minutes|minuten|minutos|minuti|دقيقة|دقائق)\.?")
READING_TIME = re.compile(
    rf"^(?:{_MINUTES}\s+(?:read|reading|reading time|de lecture|de lectura|lesezeit|di lettura|de leitura|للقراءة)"
    r"|(?:reading time|estimated reading time|temps de lecture|lecture|tiempo de lectura|lectura|lesezeit"
    rf"|lesedauer|tempo di lettura|tempo de leitura|مدة القراءة|قراءة)\s*:?\s*{_MINUTES}(?:\s+read)?)$")
SHARE_WORDS = frozenset({
    "share", "this", "article", "story", "post", "page", "on", "via", "facebook", "twitter", "x", "whatsapp",
    "linkedin", "email", "e", "mail", "telegram", "reddit", "print", "pinterest", "messenger", "copy", "link",
    "tweet", "partager", "cet", "compartir", "este", "articulo", "teilen", "diesen", "artikel", "condividi",
    "compartilhe", "شارك", "مشاركة", "الخبر", "المقال", "هذا",
})
SHARE_VERBS = frozenset({"share", "partager", "compartir", "teilen", "condividi", "compartilhe", "شارك", "مشاركة",
                         "tweet"})
CREDIT = re.compile(
    r"^\(?\s*(?:additional )?(?:reporting|writing|editing|edited|compiled|translated|translation|research"
    r"|graphics|video|produced|fact-checking) by\b|^(?:©|\(c\)|copyright)\s|all rights reserved\W*$")
FEED_FOOTER = re.compile(r"^the post .+ appeared first on .+$")
PROMPT = re.compile(
    r"^(?:advertisement|sponsored|sponsored content|subscribe|sign up|follow us|newsletter"
    r"|publicite|publicidad|anzeige|werbung|اعلان)\b")
ARABIC_BYLINE = re.compile(r"^(?:بقلم|كتب|كتبت|تحرير|اعداد|ترجمة|مراسل|المحرر)(?!\w)")
RELATED_HEADINGS = (
    r"related(?: news| stories| articles| posts| content| coverage| topics| links| reading)?",
    r"more (?:stories|news)", r"more on this (?:story|topic)", r"you (?:may|might) also like",
    r"recommended(?: for you| stories)?", r"most (?:read|popular)", r"trending(?: now)?", r"latest (?:news|stories)",
    r"read next",
    r"top (?:stories|news)", r"(?:editor'?s|editors) picks", r"more from [\w .'&-]{1,40}", r"partner news",
    r"(?:previous|next) (?:article|story|post)",
    r"sur le meme sujet", r"a lire aussi", r"lire aussi", r"articles? similaires", r"dans la meme rubrique",
    r"article (?:precedent|suivant)",
    r"noticias relacionadas", r"articulos relacionados", r"te puede interesar", r"mas noticias",
    r"(?:articulo|noticia) (?:anterior|siguiente)",
    r"mehr zum thema", r"das konnte sie auch interessieren", r"(?:verwandte|ahnliche) artikel",
    r"(?:voriger|nachster) artikel", r"articoli correlati", r"leggi anche", r"materias relacionadas",
    r"الا?خبار (?:المتعلقة|ذات الصلة)", r"(?:اخبار|مواضيع|مقالات) ذات صلة", r"اقرا ايضا", r"الاكثر قراءة",
    r"(?:الخبر|المقال|الموضوع) (?:السابق|التالي)",
)
RELATED_HEADING = re.compile(rf"^(?:{'|'.join(RELATED_HEADINGS)})\s*[:»]?$")
# headings of one inline link ("Related:", "Read also") rather than of a list that closes the article
INLINE_HEADING = re.compile(r"^(?:related|a lire aussi|lire aussi|leggi anche|mehr zum thema|اقرا ايضا)\s*[:»]?$")

# as written
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_PARTICLE = r"(?:and|&|de|da|del|van|von|der|al|el|bin|ibn|la|le|y|und|et|e)"
BYLINE = re.compile(
    rf"^(?:By|BY|Par|PAR|Por|POR|Von|VON|Written by|Reported by|Posted by|Story by|Words by|Text by|Edited by"
    rf"|Authors?:|Auteur\s?:|Autor(?:a|in)?:)\s+{_NAME}(?:,?\s+(?:{_NAME}|{_PARTICLE}))*"
    rf"(?:\s*[,|/–—-]\s*{_NAME}(?:\s+{_NAME}){{0,3}})*(?:\s+in\s+{_NAME}(?:\s+{_NAME})?)?\.?$")
BRACKET_CREDIT = re.compile(
    r"\s\[(?=[^\[\]]*[^\W\d_])[^\[\]]{1,80}\]\s*$|\s\((?:[^()]*\b(?:photo|image|foto|picture)\b[^()]*|[^()\s]+/[^()]+)\)\s*$",
    re.IGNORECASE)
ONLY_BRACKET = re.compile(r"^\s*[\[(][^\[\]()]{1,80}[\])]\W*$")
PHOTO_CREDIT = re.compile(
    r"^(?:photo|image|picture|photograph|photo credit|image credit|credit|credits|foto|bild|imagen|credit photo"
    r"|صورة)s?\s*(?::|by|from|via|courtesy of)\s*\S")
CAPTION_MARK = re.compile(
    r"\b(?:image|photo|picture|foto|bild|imagen)\s+(?:from|by|courtesy(?: of)?|via|credit)\b"
    r"|\b(?:photo|image|picture|photograph|credit|foto|bild|imagen)\s*:|\(صورة")
SENTENCE_END = re.compile(r"[.!?؟。…][\"'”’»)\]]*$")


def classify_line(line: str) -> str | None:
    """The kind of boilerplate a line is on its own ("share", "byline", "caption", ...), or None."""
    folded = fold(line)
    words = word_count(line)
    if RELATED_HEADING.match(folded):
        return "related"
    if words <= CROSS_LINK_MAX_WORDS and (CROSS_LINK.match(folded) or READ_MORE.match(folded)):
        return "cross-link"
    if _is_share_prompt(folded):
        return "share"
    if READING_TIME.match(folded):
        return "reading-time"
    if words <= SHORT_LINE_WORDS and (BYLINE.match(line) or PROMPT.match(folded)):
        return "byline" if BYLINE.match(line) else "prompt"
    if words <= CREDIT_MAX_WORDS and (CREDIT.search(folded) or (ARABIC_BYLINE.match(folded) and not is_sentence(line))):
        return "credit"
    if FEED_FOOTER.match(folded):
        return "feed-footer"
    if ONLY_BRACKET.match(line) or (words <= 8 and PHOTO_CREDIT.match(folded)):
        return "photo-credit"
    if words <= CAPTION_MAX_WORDS and (BRACKET_CREDIT.search(line) or CAPTION_MARK.search(folded)):
        return "caption"
    return None


def is_list_heading(line: str) -> bool:
    """True for a heading of a list of other stories ("Top stories", "More news"), not of one inline link."""
    folded = fold(line)
    return bool(RELATED_HEADING.match(folded)) and not INLINE_HEADING.match(folded)


def is_sentence(line: str) -> bool:
    """True when the line ends like a sentence (full stop, question or exclamation mark)."""
    return bool(SENTENCE_END.search(line))


def is_short_label(line: str) -> bool:
    """True for a short line that does not end like a sentence: a slogan, a label, a link title."""
    return word_count(line) <= SHORT_LINE_WORDS and not is_sentence(line)


def _is_share_prompt(folded: str) -> bool:
    """True when every word is share-button vocabulary and one of them is a share verb."""
    words = re.findall(r"\w+", folded)
    return bool(words) and all(word in SHARE_WORDS for word in words) and any(w in SHARE_VERBS for w in words)
