"""Month names, weekday names and date-line filler words, in `text.fold` form (lower case, no accents).

Languages: English, French, Spanish, German, Italian, Portuguese and Arabic (Egyptian/Gulf
transliterated month names and the Levantine Syriac ones). Adding a language is adding words here.
"""

from __future__ import annotations

MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "janvier", "janv", "enero", "ene", "januar", "janner", "gennaio", "janeiro",
        "يناير", "كانون الثاني"),
    2: ("february", "feb", "fevrier", "fevr", "fev", "febrero", "februar", "febbraio", "fevereiro",
        "فبراير", "شباط"),
    3: ("march", "mar", "mars", "marzo", "marz", "maerz", "marco", "مارس", "اذار"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "ابريل", "نيسان"),
    5: ("may", "mai", "mayo", "maggio", "maio", "مايو", "ايار"),
    6: ("june", "jun", "juin", "junio", "juni", "giugno", "junho", "يونيو", "يونيه", "حزيران"),
    7: ("july", "jul", "juillet", "juil", "julio", "juli", "luglio", "julho", "يوليو", "يوليه", "تموز"),
    8: ("august", "aug", "aout", "agosto", "ago", "اغسطس", "اب"),
    9: ("september", "sept", "sep", "septembre", "septiembre", "setiembre", "set", "settembre", "setembro",
        "سبتمبر", "ايلول"),
    10: ("october", "oct", "octobre", "octubre", "oktober", "okt", "ottobre", "outubro", "اكتوبر",
         "تشرين الاول"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "نوفمبر", "تشرين الثاني"),
    12: ("december", "dec", "decembre", "diciembre", "dezember", "dez", "dicembre", "dezembro", "dic",
         "ديسمبر", "كانون الاول"),
}

MONTHS: dict[str, int] = {name: number for number, names in MONTH_NAMES.items() for name in names}

WEEKDAYS: frozenset[str] = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "lunedi", "martedi", "mercoledi", "giovedi", "venerdi",
    "segunda", "terca", "quarta", "quinta", "sexta", "feira",
    "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعة", "السبت", "الاحد", "يوم",
})

DATE_LINE_FILLERS: frozenset[str] = frozenset({
    "published", "updated", "posted", "last", "modified", "on", "at", "date", "time", "first",
    "publie", "le", "mis", "a", "jour", "publicado", "el", "actualizado", "actualizacion",
    "veroffentlicht", "aktualisiert", "am", "um", "uhr", "pubblicato", "aggiornato", "il", "alle",
    "تم", "النشر", "بتاريخ", "نشر", "في", "تاريخ", "اخر", "تحديث", "الساعة",
})
