"""The terms of the project's ontology (``npo:``) and the other vocabularies it uses.

:data:`NPO` is a closed namespace: a misspelt term raises ``AttributeError`` instead
of minting a new IRI. A test keeps its terms equal to those ``ontology/nonprolif.ttl``
declares. This is the only module that names ontology terms.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = ["NPO", "NPO_IRI", "NIF", "ITSRDF", "WD", "PREFIXES"]

NPO_IRI = "https://w3id.org/nonprolif/ontology#"


class NPO(DefinedNamespace):
    """The nonprolif-kg ontology."""

    _NS = Namespace(NPO_IRI)
    _fail = True

    # -- classes
    # Something a document can name: a state, organisation, instrument, resolution, initiative,
    # event or place.
    Entity: URIRef
    State: URIRef  # A sovereign state: a member or observer state of the United Nations.
    # An international organisation, one of its organs, or a group of states acting together.
    Organization: URIRef
    # A treaty, convention, agreement, code of conduct, joint statement or other instrument.
    Treaty: URIRef
    # A resolution or other decision of a body such as the Security Council, the General Assembly or
    # the IAEA Board of Governors.
    Resolution: URIRef
    Initiative: URIRef  # An initiative, partnership, programme or proposal of one or more actors.
    Event: URIRef  # A summit, conference, meeting or other event.
    Place: URIRef  # A place that is not a state: a city, site, region or territory.
    Document: URIRef  # A document as a work, the same in every language version.
    Expression: URIRef  # One language version of a document.
    Section: URIRef  # A part of a document: its own covering text, or a text it transmits.
    # A block of a document (title, heading, numbered paragraph, bullet item or plain paragraph),
    # the same in every language version.
    Paragraph: URIRef
    ParagraphKind: URIRef  # What kind of block a paragraph is.
    DocumentType: URIRef  # The genre of a document, such as a note verbale.
    # A speech act a text reports: who reaffirms, urges, welcomes or condemns whom about what (an
    # n-ary relation).
    Stance: URIRef
    # A binary fact a text states (subject, predicate, object), reified so that it can carry its
    # evidence and provenance; the plain triple stands beside it in the document's graph.
    Fact: URIRef

    # -- paragraph kinds and document types
    Title: URIRef  # The title of a document.
    Heading: URIRef  # A heading inside a document.
    NumberedParagraph: URIRef  # A paragraph with a printed number.
    BulletItem: URIRef  # An item of a bulleted list.
    TextParagraph: URIRef  # A paragraph without number or bullet.
    NoteVerbale: URIRef  # A diplomatic note in the third person.
    Letter: URIRef  # A letter.
    ResolutionText: URIRef  # The text of a resolution as its body adopted it.

    # -- object properties
    mentions: URIRef  # The paragraph names the entity.
    inSection: URIRef  # The section that holds the paragraph.
    paragraphKind: URIRef  # What kind of block the paragraph is.
    expressionOf: URIRef  # The document of which this is a language version.
    documentType: URIRef  # The genre of the document.
    sender: URIRef  # The state or body that sends the document.
    recipient: URIRef  # The body the document is addressed to.
    transmits: URIRef  # A text the document transmits.
    ofParagraph: URIRef  # The paragraph whose text in one language this NIF context holds.
    heldAt: URIRef  # The place where the event was held.
    locatedIn: URIRef  # The state in which the place lies.
    partOf: URIRef  # The organisation of which this one is an organ or part.
    subjectState: URIRef  # The state a resolution is about (background knowledge).
    establishedBy: URIRef  # The resolution or decision that established the body.
    concernsTreaty: URIRef  # The treaty that the review conference or meeting reviews.
    preparesFor: URIRef  # The conference that a preparatory meeting prepares.
    proposedBy: URIRef  # The actor that proposed the initiative.
    launchedAt: URIRef  # The event at which the initiative was launched.
    establishedAt: URIRef  # The event at which the body was established.
    adoptedBy: URIRef  # The body that adopted the resolution or instrument.
    adoptedAt: URIRef  # The event at which the instrument was adopted.
    actor: URIRef  # Who takes the stance.
    addressee: URIRef  # Whom the stance addresses.
    topic: URIRef  # What the stance is about.
    stanceType: URIRef  # The kind of speech act (a SKOS concept).
    cue: URIRef  # The span of the word that reports the speech act (a NIF string).
    evidence: URIRef  # The span of text that states the fact (a NIF string).

    # -- datatype properties
    key: URIRef  # The entity's key: its IRI path under the resource base, such as state/IRN.
    # The position among its siblings: paragraphs count from 1; sections from 0, the document's own
    # text.
    order: URIRef
    number: URIRef  # The number printed before a numbered paragraph, as printed.
    text: URIRef  # The paragraph's text in one language, with its language tag.
    resolutionNumber: URIRef  # The number of a resolution.
    year: URIRef  # The year of adoption, founding or holding (background knowledge).
    startDate: URIRef  # The day an event began (background knowledge).
    series: URIRef  # The series an event belongs to, such as g8-summit.
    ordinal: URIRef  # The event's number within its series.
    session: URIRef  # The session number of a preparatory meeting.
    iso3166Alpha2: URIRef  # Two-letter ISO 3166-1 code.
    iso3166Alpha3: URIRef  # Three-letter ISO 3166-1 code.
    iso3166Numeric: URIRef  # Numeric ISO 3166-1 code.
    unSymbol: URIRef  # The United Nations document symbol, such as S/RES/1540 (2004).
    sourceFile: URIRef  # The name of the file the language version was read from.
    sha256: URIRef  # The SHA-256 hash of the source file's bytes, in hexadecimal.
    encoding: URIRef  # The character encoding the source file was decoded with.
    # Where the span starts in the source file's decoded text (code points).
    sourceBeginIndex: URIRef
    # Where the span ends (exclusive) in the source file's decoded text (code points).
    sourceEndIndex: URIRef
    rule: URIRef  # The extractor rule, with its version, that produced the statement.
    softwareVersion: URIRef  # The version of nonprolif-kg that ran the build.
    polarity: URIRef  # False where the text negates the stance.
    # The year or month the text gives for a fact, resolved against the document's date (xsd:gYear
    # or xsd:gYearMonth).
    when: URIRef
    whenText: URIRef  # The relative date as the text writes it, such as 五年前 (five years ago).
    date: URIRef  # A date a text gives for an event.
    # How many states a text says have committed to the instrument, as of the document's date.
    stateCount: URIRef

    # -- the stance-type scheme and its concepts
    StanceTypes: URIRef  # The kinds of speech act a stance reports (the values of npo:stanceType).
    Reaffirm: URIRef  # The actor states again a position or commitment it has taken before.
    Support: URIRef  # The actor backs an instrument, body, initiative or effort.
    Welcome: URIRef  # The actor greets a development, decision or initiative with approval.
    Urge: URIRef  # The actor presses an addressee to act.
    CallUpon: URIRef  # The actor calls on an addressee to act.
    Request: URIRef  # The actor asks an addressee to act.
    Encourage: URIRef  # The actor encourages an addressee to act.
    Commit: URIRef  # The actor binds itself to a goal or action.
    Condemn: URIRef  # The actor condemns an act or actor.
    Regret: URIRef  # The actor expresses regret about a fact or failure.
    Note: URIRef  # The actor takes note of a fact.
    Decide: URIRef  # The actor decides.
    Emphasize: URIRef  # The actor stresses a point.
    Agree: URIRef  # The actor agrees on a point or course of action.
    Recognize: URIRef  # The actor acknowledges a fact.
    Appreciate: URIRef  # The actor expresses appreciation.
    LookForward: URIRef  # The actor looks forward to a development.
    # The actor complies with an obligation; with polarity false, the text says it does not.
    Comply: URIRef
    Demand: URIRef  # The actor demands that an addressee act or refrain from acting.


#: NIF 2.1 core, for text spans.
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
#: The Internationalization Tag Set in RDF, for links from spans to entities.
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
#: Wikidata entities.
WD = Namespace("http://www.wikidata.org/entity/")

#: Prefixes of the standard vocabularies, used in every serialisation.
PREFIXES: dict[str, str] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "itsrdf": str(ITSRDF),
    "nif": str(NIF),
    "npo": NPO_IRI,
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "void": "http://rdfs.org/ns/void#",
    "wd": str(WD),
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
