"""The vocabulary of the DSA Transparency Database statement of reasons, and a validator for it.

A statement of reasons (DSA Art. 17) is stored in the shape of the Transparency Database's statement fields so that
it can be exported as is (``StatementOfReasons.to_transparency_json``). The field names and values here are the
database's own (``StatementStoreRequest`` / ``Statement``, taxonomy version 2). Parley is a hosting service, not an
online platform, so it does not have to submit statements; it keeps them in this shape because Art. 17(3) asks for
the same facts and the shape makes the Art. 15 report and any later submission easy.
"""

from __future__ import annotations

import re
from datetime import date

DECISION_VISIBILITY = (
    "DECISION_VISIBILITY_CONTENT_REMOVED",
    "DECISION_VISIBILITY_CONTENT_DISABLED",
    "DECISION_VISIBILITY_CONTENT_DEMOTED",
    "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED",
    "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
    "DECISION_VISIBILITY_CONTENT_LABELLED",
    "DECISION_VISIBILITY_OTHER",
)
DECISION_MONETARY = ("DECISION_MONETARY_SUSPENSION", "DECISION_MONETARY_TERMINATION", "DECISION_MONETARY_OTHER")
DECISION_PROVISION = (
    "DECISION_PROVISION_PARTIAL_SUSPENSION",
    "DECISION_PROVISION_TOTAL_SUSPENSION",
    "DECISION_PROVISION_PARTIAL_TERMINATION",
    "DECISION_PROVISION_TOTAL_TERMINATION",
)
DECISION_ACCOUNT = ("DECISION_ACCOUNT_SUSPENDED", "DECISION_ACCOUNT_TERMINATED")
ACCOUNT_TYPE = ("ACCOUNT_TYPE_BUSINESS", "ACCOUNT_TYPE_PRIVATE")

ILLEGAL_CONTENT = "DECISION_GROUND_ILLEGAL_CONTENT"
INCOMPATIBLE_CONTENT = "DECISION_GROUND_INCOMPATIBLE_CONTENT"
DECISION_GROUND = (ILLEGAL_CONTENT, INCOMPATIBLE_CONTENT)

CONTENT_TYPE = (
    "CONTENT_TYPE_APP",
    "CONTENT_TYPE_AUDIO",
    "CONTENT_TYPE_IMAGE",
    "CONTENT_TYPE_PRODUCT",
    "CONTENT_TYPE_SYNTHETIC_MEDIA",
    "CONTENT_TYPE_TEXT",
    "CONTENT_TYPE_VIDEO",
    "CONTENT_TYPE_OTHER",
)

CATEGORY = (
    "STATEMENT_CATEGORY_ANIMAL_WELFARE",
    "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
    "STATEMENT_CATEGORY_CYBER_VIOLENCE",
    "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN",
    "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
    "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
    "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS",
    "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE",
    "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
    "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
    "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
    "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
    "STATEMENT_CATEGORY_SELF_HARM",
    "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
    "STATEMENT_CATEGORY_VIOLENCE",
)

KEYWORD_OTHER = "KEYWORD_OTHER"
CATEGORY_SPECIFICATION = (
    # animal welfare
    "KEYWORD_ANIMAL_HARM", "KEYWORD_UNLAWFUL_SALE_ANIMALS",
    # consumer information
    "KEYWORD_HIDDEN_ADVERTISEMENT", "KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS",
    "KEYWORD_MISLEADING_INFO_CONSUMER_RIGHTS", "KEYWORD_MISLEADING_INFO_GOODS_SERVICES", "KEYWORD_NONCOMPLIANCE_PRICING",
    # cyber violence
    "KEYWORD_CYBER_BULLYING_INTIMIDATION", "KEYWORD_CYBER_HARASSMENT", "KEYWORD_CYBER_INCITEMENT",
    "KEYWORD_CYBER_STALKING", "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING", "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE",
    # cyber violence against women
    "KEYWORD_BULLYING_AGAINST_GIRLS", "KEYWORD_CYBER_HARASSMENT_AGAINST_WOMEN", "KEYWORD_CYBER_STALKING_AGAINST_WOMEN",
    "KEYWORD_FEMALE_GENDERED_DISINFORMATION", "KEYWORD_INCITEMENT_AGAINST_WOMEN",
    "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN", "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN",
    # data protection and privacy
    "KEYWORD_BIOMETRIC_DATA_BREACH", "KEYWORD_MISSING_PROCESSING_GROUND", "KEYWORD_RIGHT_TO_BE_FORGOTTEN",
    "KEYWORD_DATA_FALSIFICATION",
    # illegal or harmful speech
    "KEYWORD_DEFAMATION", "KEYWORD_DISCRIMINATION", "KEYWORD_HATE_SPEECH",
    # intellectual property
    "KEYWORD_COPYRIGHT_INFRINGEMENT", "KEYWORD_DESIGN_INFRINGEMENT", "KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT",
    "KEYWORD_PATENT_INFRINGEMENT", "KEYWORD_TRADE_SECRET_INFRINGEMENT", "KEYWORD_TRADEMARK_INFRINGEMENT",
    # civic discourse and elections
    "KEYWORD_MISINFORMATION_DISINFORMATION", "KEYWORD_VIOLATION_EU_LAW", "KEYWORD_VIOLATION_NATIONAL_LAW",
    # protection of minors
    "KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS", "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL",
    "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE", "KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS",
    "KEYWORD_UNSAFE_CHALLENGES",
    # risk for public security
    "KEYWORD_ILLEGAL_ORGANIZATIONS", "KEYWORD_RISK_ENVIRONMENTAL_DAMAGE", "KEYWORD_RISK_PUBLIC_HEALTH",
    "KEYWORD_TERRORIST_CONTENT",
    # scams and fraud
    "KEYWORD_INAUTHENTIC_ACCOUNTS", "KEYWORD_INAUTHENTIC_LISTINGS", "KEYWORD_INAUTHENTIC_USER_REVIEWS",
    "KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING", "KEYWORD_PHISHING", "KEYWORD_PYRAMID_SCHEMES",
    # self-harm
    "KEYWORD_CONTENT_PROMOTING_EATING_DISORDERS", "KEYWORD_SELF_MUTILATION", "KEYWORD_SUICIDE",
    # other violations of the provider's terms (scope of the service)
    "KEYWORD_ADULT_SEXUAL_MATERIAL", "KEYWORD_AGE_SPECIFIC_RESTRICTIONS", "KEYWORD_GEOGRAPHICAL_REQUIREMENTS",
    "KEYWORD_GOODS_SERVICES_NOT_PERMITTED", "KEYWORD_LANGUAGE_REQUIREMENTS", "KEYWORD_NUDITY",
    # unsafe and prohibited products
    "KEYWORD_INSUFFICIENT_INFORMATION_TRADERS", "KEYWORD_PROHIBITED_PRODUCTS", "KEYWORD_UNSAFE_PRODUCTS",
    "KEYWORD_REGULATED_GOODS_SERVICES", "KEYWORD_DANGEROUS_TOYS",
    # violence
    "KEYWORD_COORDINATED_HARM", "KEYWORD_GENDER_BASED_VIOLENCE", "KEYWORD_HUMAN_EXPLOITATION",
    "KEYWORD_HUMAN_TRAFFICKING", "KEYWORD_INCITEMENT_VIOLENCE_HATRED", "KEYWORD_TRAFFICKING_WOMEN_GIRLS",
    KEYWORD_OTHER,
)

SOURCE_ARTICLE_16 = "SOURCE_ARTICLE_16"
SOURCE_TRUSTED_FLAGGER = "SOURCE_TRUSTED_FLAGGER"
SOURCE_OTHER_NOTIFICATION = "SOURCE_TYPE_OTHER_NOTIFICATION"
SOURCE_VOLUNTARY = "SOURCE_VOLUNTARY"
SOURCE_TYPE = (SOURCE_ARTICLE_16, SOURCE_TRUSTED_FLAGGER, SOURCE_OTHER_NOTIFICATION, SOURCE_VOLUNTARY)

YES, NO = "Yes", "No"
AUTOMATED_FULLY = "AUTOMATED_DECISION_FULLY"
AUTOMATED_PARTIALLY = "AUTOMATED_DECISION_PARTIALLY"
NOT_AUTOMATED = "AUTOMATED_DECISION_NOT_AUTOMATED"
AUTOMATED_DECISION = (AUTOMATED_FULLY, AUTOMATED_PARTIALLY, NOT_AUTOMATED)

# EU member states and the other EEA states (Iceland, Liechtenstein, Norway): a removed comment is removed everywhere.
EEA_COUNTRIES = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IS", "IT", "LI",
    "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
)

PUID_PATTERN = re.compile(r"^[a-zA-Z0-9_-]{1,500}$")

MAX_LENGTHS = {
    "decision_visibility_other": 500,
    "decision_monetary_other": 500,
    "illegal_content_legal_ground": 500,
    "illegal_content_explanation": 2000,
    "incompatible_content_ground": 500,
    "incompatible_content_explanation": 2000,
    "decision_facts": 5000,
    "content_type_other": 500,
    "category_specification_other": 500,
    "source_identity": 500,
    "decision_ground_reference_url": 500,
    "puid": 500,
}


def choices(values) -> list[tuple[str, str]]:
    """Django ``choices`` for a vocabulary: the value, and a readable label made from it."""
    return [(value, _label(value)) for value in values]


def _label(value: str) -> str:
    for prefix in ("DECISION_VISIBILITY_", "DECISION_MONETARY_", "DECISION_PROVISION_", "DECISION_ACCOUNT_",
                   "DECISION_GROUND_", "CONTENT_TYPE_", "STATEMENT_CATEGORY_", "KEYWORD_", "SOURCE_TYPE_",
                   "SOURCE_", "AUTOMATED_DECISION_", "ACCOUNT_TYPE_"):
        if value.startswith(prefix):
            value = value[len(prefix):]
            break
    return value.replace("_", " ").capitalize()


def _is_date(value) -> bool:
    if isinstance(value, date):
        return True
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)))


def validate(data: dict) -> list[str]:
    """Every way ``data`` (a statement in Transparency Database field names) breaks the database's rules.

    An empty list means the statement is valid. The checks follow the database's own request validation:
    required fields, closed vocabularies, fields required by another field's value, and lengths.
    """
    errors: list[str] = []

    def one_of(field: str, allowed, *, required: bool = True) -> None:
        value = data.get(field)
        if value in (None, ""):
            if required:
                errors.append(f"{field} is required")
        elif value not in allowed:
            errors.append(f"{field}: {value!r} is not one of the allowed values")

    def many_of(field: str, allowed, *, required: bool = False) -> None:
        value = data.get(field)
        if value in (None, []):
            if required:
                errors.append(f"{field} is required")
            return
        if not isinstance(value, list):
            errors.append(f"{field} must be a list")
            return
        bad = [v for v in value if v not in allowed]
        if bad:
            errors.append(f"{field}: {', '.join(map(repr, bad))} not allowed")
        if len(set(value)) != len(value):
            errors.append(f"{field} repeats a value")

    restrictions = [data.get(f) for f in ("decision_visibility", "decision_monetary", "decision_provision",
                                          "decision_account")]
    if not any(restrictions):
        errors.append("at least one of decision_visibility, decision_monetary, decision_provision or "
                      "decision_account is required")
    many_of("decision_visibility", DECISION_VISIBILITY)
    if "DECISION_VISIBILITY_OTHER" in (data.get("decision_visibility") or []) and not data.get(
            "decision_visibility_other"):
        errors.append("decision_visibility_other is required when decision_visibility includes OTHER")
    one_of("decision_monetary", DECISION_MONETARY, required=False)
    if data.get("decision_monetary") == "DECISION_MONETARY_OTHER" and not data.get("decision_monetary_other"):
        errors.append("decision_monetary_other is required when decision_monetary is OTHER")
    one_of("decision_provision", DECISION_PROVISION, required=False)
    one_of("decision_account", DECISION_ACCOUNT, required=False)
    one_of("account_type", ACCOUNT_TYPE, required=False)

    one_of("decision_ground", DECISION_GROUND)
    if data.get("decision_ground") == ILLEGAL_CONTENT:
        for field in ("illegal_content_legal_ground", "illegal_content_explanation"):
            if not data.get(field):
                errors.append(f"{field} is required when the ground is illegal content")
    if data.get("decision_ground") == INCOMPATIBLE_CONTENT:
        for field in ("incompatible_content_ground", "incompatible_content_explanation"):
            if not data.get(field):
                errors.append(f"{field} is required when the ground is incompatibility with the terms")
        one_of("incompatible_content_illegal", (YES, NO), required=False)

    many_of("content_type", CONTENT_TYPE, required=True)
    if "CONTENT_TYPE_OTHER" in (data.get("content_type") or []) and not data.get("content_type_other"):
        errors.append("content_type_other is required when content_type includes OTHER")

    one_of("category", CATEGORY)
    many_of("category_addition", CATEGORY)
    many_of("category_specification", CATEGORY_SPECIFICATION)
    if KEYWORD_OTHER in (data.get("category_specification") or []) and not data.get("category_specification_other"):
        errors.append("category_specification_other is required when category_specification includes OTHER")
    many_of("territorial_scope", EEA_COUNTRIES)

    if not data.get("decision_facts"):
        errors.append("decision_facts is required")
    one_of("source_type", SOURCE_TYPE)
    if data.get("source_type") == SOURCE_VOLUNTARY and data.get("source_identity"):
        errors.append("source_identity must be left out for own-initiative decisions")
    one_of("automated_detection", (YES, NO))
    one_of("automated_decision", AUTOMATED_DECISION)

    for field in ("content_date", "application_date"):
        if not data.get(field):
            errors.append(f"{field} is required")
        elif not _is_date(data[field]):
            errors.append(f"{field} must be a date written YYYY-MM-DD")
    for field in ("end_date_visibility_restriction", "end_date_monetary_restriction", "end_date_service_restriction",
                  "end_date_account_restriction"):
        if data.get(field) and not _is_date(data[field]):
            errors.append(f"{field} must be a date written YYYY-MM-DD")

    puid = data.get("puid") or ""
    if not PUID_PATTERN.match(puid):
        errors.append("puid is required: up to 500 letters, digits, '-' or '_'")
    for field, limit in MAX_LENGTHS.items():
        value = data.get(field)
        if isinstance(value, str) and len(value) > limit:
            errors.append(f"{field} is longer than {limit} characters")
    return errors
