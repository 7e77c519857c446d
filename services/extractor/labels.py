"""The parser's labels the rules read, named by what they mark; the English models' labels are data
(data/labels_en.tsv), so a parser with another label set changes a file, not the rules."""

from __future__ import annotations

from services.extractor.data import read_rows

LABELS_FILE = "labels_en.tsv"


def load_labels(name: str = LABELS_FILE) -> dict[tuple[str, str], str]:
    """(kind, role) → label, from a labels file."""
    return {(kind, role): label for kind, role, label in read_rows(name)}


_LABELS = load_labels()


def dep(role: str) -> str:
    """The dependency label of a role."""
    return _LABELS[("dep", role)]


def ent(role: str) -> str:
    """The named-entity label of a role."""
    return _LABELS[("ent", role)]


def tag(role: str) -> str:
    """The fine-grained tag of a role."""
    return _LABELS[("tag", role)]


NSUBJ, NSUBJPASS, CSUBJ = dep("subject"), dep("passive_subject"), dep("clausal_subject")
DOBJ, DATIVE, PREP, POBJ, AGENT = (dep("direct_object"), dep("dative"), dep("preposition"),
                                   dep("prepositional_object"), dep("agent"))
RELCL, ACL, ADVCL, CCOMP, XCOMP, PARATAXIS = (dep("relative_clause"), dep("clausal_modifier"),
                                              dep("adverbial_clause"), dep("clausal_complement"),
                                              dep("open_complement"), dep("parataxis"))
CONJ, CC, PUNCT, NPADVMOD = dep("conjunct"), dep("coordinator"), dep("punctuation"), dep("noun_phrase_adverbial")
PRT, ADVMOD, MARK, NEG = dep("particle"), dep("adverbial_modifier"), dep("marker"), dep("negation")
AUX, AUXPASS, POSS, COMPOUND = dep("auxiliary"), dep("passive_auxiliary"), dep("possessive"), dep("compound")
AMOD, NUMMOD = dep("adjectival_modifier"), dep("numeric_modifier")
PCOMP, ACOMP = dep("prepositional_complement"), dep("adjectival_complement")

VB, VBD, VBG, VBN, VBP, VBZ = (tag("base_verb"), tag("past_verb"), tag("gerund"), tag("past_participle"),
                               tag("present_verb"), tag("third_person_verb"))
NNS, NNPS, TO = tag("plural_noun"), tag("plural_proper_noun"), tag("infinitive_to")
PLACE_ENT, REGION_ENT, FACILITY_ENT = ent("place"), ent("region"), ent("facility")
