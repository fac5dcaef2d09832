"""Council membership and scope on invented articles: one rule per test, news English in general."""

from __future__ import annotations

import hashlib

from summarise.extract.offline import summarise_article
from summarise.ingest.textclean import clean_text
from summarise.models import Article, ArticleSummary


def summarise(raw: str) -> ArticleSummary:
    text = clean_text(raw)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return summarise_article(Article(id="t", path="t.txt", text=text, sha256=sha))


def names(s: ArticleSummary) -> list[str]:
    return sorted(c.name for c in s.councils)


def test_every_council_in_a_list_counts_when_its_paragraph_is_about_social_care() -> None:
    s = summarise(
        "Ratings published for social services\n\n"
        "Nine local authority departments were given no stars in this year's social services "
        "performance ratings, published today by the inspectorate.\n\n"
        "Those at the bottom of the table include Barnsley, Dudley, Halton and Thurrock. "
        "Ministers said they would be watched closely.\n"
    )
    assert names(s) == ["Barnsley", "Dudley", "Halton", "Thurrock"]
    assert s.scope.value == "multi_council"


def test_a_council_named_only_in_the_headline_is_the_subject() -> None:
    s = summarise(
        "Rutland children's services rated good\n\n"
        "Inspectors have praised the county's work with vulnerable children, saying that "
        "managers know their families well and plans are reviewed on time.\n"
    )
    assert names(s) == ["Rutland"]
    assert s.scope.value == "council"


def test_a_lightly_misspelt_council_is_found() -> None:
    s = summarise(
        "Inspectors visit county\n\n"
        "Staffordshre County Council's children's services have been rated requires improvement "
        "by Ofsted after an inspection in March.\n"
    )
    assert names(s) == ["Staffordshire"]
    assert s.councils[0].mentioned_as == ["Staffordshre County Council"]


def test_nhs_bodies_police_and_libraries_are_never_councils() -> None:
    s = summarise(
        "Care services criticised\n\n"
        "Inspectors criticised Walsall primary care trust and Walsall PCT for delays in "
        "assessing older people, while Dorset Police and Kent libraries were praised.\n\n"
        "Mid Essex Hospital Services NHS Trust said it would respond to the social care report.\n"
    )
    assert names(s) == []


def test_a_childrens_services_trust_is_reported_under_its_council() -> None:
    s = summarise(
        "Trust-run service improves\n\n"
        "Slough Children's Services Trust, which runs children's social care for the council, "
        "has been rated good by Ofsted.\n"
    )
    assert names(s) == ["Slough"]
    assert s.councils[0].mentioned_as == ["Slough Children's Services Trust"]


def test_a_national_article_keeps_its_scope_and_lists_only_the_councils_it_grades() -> None:
    s = summarise(
        "Councils across England face new inspection regime\n\n"
        "The chief inspector said councils in England would be inspected more often under "
        "plans announced today for children's social care.\n\n"
        "Of the councils inspected last year, Hartlepool and Solihull were rated outstanding. "
        "Officials from Lambeth attended the launch of the plans for children's services.\n"
    )
    assert s.scope.value == "national"
    assert names(s) == ["Hartlepool", "Solihull"]


def test_a_co_subject_is_kept_beside_the_main_council() -> None:
    s = summarise(
        "Kent children's services rated good\n\n"
        "Kent County Council's children's services have been rated good by Ofsted. Kent's "
        "fostering service was praised. Inspectors said Kent had improved its social work.\n\n"
        "Neighbouring Medway Council's children's services were rated inadequate in the same "
        "round of inspections.\n"
    )
    assert names(s) == ["Kent", "Medway"]


def test_a_former_council_named_beside_its_successor_is_background() -> None:
    s = summarise(
        "New unitary's children's services criticised\n\n"
        "Ofsted has criticised Cumberland Council's children's services, which it took over "
        "from Cumbria County Council when the county was abolished.\n"
    )
    assert names(s) == ["Cumberland"]
