"""Quotes, speakers, figures and points on invented articles (issue 9, items 1, 5, 6 and 7).

Every article here is written for the test; none is copied from the dev set.
"""

from __future__ import annotations

from pathlib import Path

from summarise.extract.offline import summarise_article
from summarise.ingest.reader import load_article
from summarise.models import ArticleSummary


def extract(tmp_path: Path, text: str) -> ArticleSummary:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return summarise_article(load_article(path))


def speakers(s: ArticleSummary) -> dict[str, str | None]:
    """Each quote's first words → its speaker."""
    return {" ".join(q.text.split()[:3]): q.speaker for q in s.quotes}


def figures(s: ArticleSummary) -> list[str]:
    return [f.text for f in s.figures]


def point_texts(s: ArticleSummary) -> list[str]:
    return [p.text for p in s.strengths + s.concerns + s.recommendations]


def test_single_quote_marks_open_a_quote_and_apostrophes_do_not_close_it(
    tmp_path: Path,
) -> None:
    s = extract(
        tmp_path,
        "Dunmore children's services rated good\n\n"
        "Inspectors rated Dunmore's children's services good last week.\n\n"
        "'We have worked hard on the families' plans and it shows,' said Priya Nandakumar, "
        "chair of the Dunmore safeguarding board.\n",
    )
    assert speakers(s) == {"We have worked": "Priya Nandakumar"}
    assert s.quotes[0].text == "We have worked hard on the families' plans and it shows"


def test_speaker_named_in_the_paragraph_before_a_quote(tmp_path: Path) -> None:
    s = extract(
        tmp_path,
        "Council accepts findings\n\n"
        "Tobias Frenkel, chief executive of Harrowfield Council, said the council accepted every "
        "recommendation.\n\n"
        "\u201cWe have already begun the work and we will report on it in the spring.\u201d\n",
    )
    assert speakers(s) == {"We have already": "Tobias Frenkel"}


def test_quote_after_an_attributed_quote_in_the_same_paragraph_is_the_same_speaker(
    tmp_path: Path,
) -> None:
    s = extract(
        tmp_path,
        "Ratings out\n\n"
        "\u2018Too many councils are standing still,\u2019 said Orla Benedetti, chair of the "
        "commission. \u2018Every council should aim higher than this.\u2019\n",
    )
    assert speakers(s) == {
        "Too many councils": "Orla Benedetti",
        "Every council should": "Orla Benedetti",
    }


def test_role_words_before_a_name_are_not_part_of_it(tmp_path: Path) -> None:
    s = extract(
        tmp_path,
        "Report published\n\n"
        "Chief Inspector Marguerite Oyelaran said: \u201cThe council must act faster than it has "
        "so far.\u201d\n",
    )
    assert speakers(s) == {"The council must": "Marguerite Oyelaran"}
    assert s.quotes[0].role == "Chief Inspector"


def test_speaker_from_an_organisation_and_an_organisations_speaker(tmp_path: Path) -> None:
    s = extract(
        tmp_path,
        "Reactions\n\n"
        "Hamish Lockhart from Carers Together said: \u201cFamilies were never asked what they "
        "needed.\u201d\n\n"
        "Ofsted's Wilhelmina Crabtree said: \u201cWe will return within six months to check "
        "progress.\u201d\n",
    )
    by_speaker = {q.speaker: q.organisation for q in s.quotes}
    assert by_speaker == {"Hamish Lockhart": "Carers Together", "Wilhelmina Crabtree": "Ofsted"}


def test_any_past_tense_verb_beside_a_quote_attributes_it(tmp_path: Path) -> None:
    s = extract(
        tmp_path,
        "Budget warning\n\n"
        "Councillor Anselm Rigby leads the cabinet.\n\n"
        "\u201cThe service will be back in balance within two years,\u201d Rigby predicted.\n",
    )
    assert speakers(s) == {"The service will": "Anselm Rigby"}


def test_bare_surname_refers_back_to_a_full_name_no_rule_marked(tmp_path: Path) -> None:
    s = extract(
        tmp_path,
        "Ministers act\n\n"
        "Care ministers Rosalind Pemberton and Idris Vaughan said they would send in advisers.\n\n"
        "'We will not stand by while children are let down,' Pemberton added.\n",
    )
    assert speakers(s) == {"We will not": "Rosalind Pemberton"}


def test_quote_continued_across_paragraphs_and_page_furniture(tmp_path: Path) -> None:
    s = extract(
        tmp_path,
        "Council delighted\n\n"
        "Leader Ffion Aldridge said: \u201cThis result belongs to our social workers.\n\n"
        "Advertising\n\n"
        "\u201cWe will keep improving the service for every family in the borough.\u201d\n",
    )
    assert [q.speaker for q in s.quotes] == ["Ffion Aldridge", "Ffion Aldridge"]


def test_a_persons_quote_is_no_point_but_the_inspectors_quoted_words_are(
    tmp_path: Path,
) -> None:
    s = extract(
        tmp_path,
        "Mixed verdict for Harrowfield\n\n"
        "The report said: \u201cSupervision of social workers is poor and inconsistent.\u201d\n\n"
        "Councillor Bartholomew Quince said: \u201cOur staff are excellent and our services are "
        "strong.\u201d\n",
    )
    concerns = " ".join(p.evidence.text for p in s.concerns)
    strengths = " ".join(p.evidence.text for p in s.strengths)
    assert "Supervision of social workers is poor" in concerns
    assert "Our staff are excellent" not in strengths
    assert any(q.speaker == "Bartholomew Quince" for q in s.quotes)


def test_counted_nouns_proportions_compounds_and_bare_numbers_are_figures(
    tmp_path: Path,
) -> None:
    s = extract(
        tmp_path,
        "Demand rises\n\n"
        "Monday 3 March 2014 09:15 GMT\n\n"
        "Nearly 12,000 residents now receive care, and one in five waits longer than the target. "
        "Twenty other areas face the same pressure, with 200 or so families on the list. "
        "The council has an 18-month plan and saw 4375 referrals, against 96 the year before. "
        "Call 0800 123 456 for details.\n",
    )
    found = figures(s)
    for expected in ("12,000 residents", "one in five", "Twenty other areas", "18-month"):
        assert expected in found
    assert "200 or so families" in found
    assert "4375 referrals" in found and "96" in found
    assert not any(f in found for f in ("3 March 2014", "09", "15", "0800", "123", "456"))


def test_figures_inside_a_web_address_or_a_reference_are_not_figures(tmp_path: Path) -> None:
    s = extract(
        tmp_path,
        "SOURCE: https://example.org/news/2014/03/31/story-4471\n\n"
        "Under section 47 of the act, inspectors looked at 58 cases.\n",
    )
    assert figures(s) == ["58 cases"]


def test_cue_words_are_read_by_word_family(tmp_path: Path) -> None:
    s = extract(
        tmp_path,
        "Findings\n\n"
        "Inspectors made several criticisms of the duty team.\n\n"
        "Plans were applied inconsistently across the county.\n\n"
        "The council has strengthened its work with schools.\n",
    )
    concerns = [p.text for p in s.concerns]
    assert "Inspectors made several criticisms of the duty team" in concerns
    assert "Plans were applied inconsistently across the county" in concerns
    assert [p.text for p in s.strengths] == ["The council has strengthened its work with schools"]


def test_a_concession_is_judged_against_the_clause_it_qualifies(tmp_path: Path) -> None:
    s = extract(
        tmp_path,
        "Findings\n\n"
        "The review found that while families valued the new hub, waiting times were too long.\n\n"
        "Morale was positive despite staffing difficulties in the north.\n",
    )
    strengths = [p.text for p in s.strengths]
    concerns = [p.text for p in s.concerns]
    assert "while families valued the new hub" in strengths
    assert "waiting times were too long" in concerns
    assert "Morale was positive" in strengths
    assert "despite staffing difficulties in the north" in concerns


def test_headlines_breadcrumbs_and_cut_off_sentences(tmp_path: Path) -> None:
    s = extract(
        tmp_path,
        "Home / News / Social care / Poor services criticised\n\n"
        "Poor services criticised\n\n"
        "Inspectors found serious failings in how referrals were handled. They also found that "
        "the council's handling of complaints had slowly become less reliable and was now a risk "
        "to the families who depe",
    )
    texts = point_texts(s)
    assert "Inspectors found serious failings in how referrals were handled" in texts
    assert not any("Home /" in t or t == "Poor services criticised" for t in texts)
    cut = [t for t in texts if t.startswith("They also found")]
    assert cut and cut[0].endswith("families who …")
    assert all(not t.endswith("depe") for t in texts)


def test_hard_wrapped_text_with_a_blank_line_after_every_line(tmp_path: Path) -> None:
    s = extract(
        tmp_path,
        "Walmsfield review\n\n"
        "Reviewers said that assessments for older people\n\n"
        "were good and prompt, but the council had\n\n"
        "failed to recruit enough social workers and\n\n"
        "vacancies remained high across the county.\n",
    )
    assert any("assessments for older people" in p.evidence.text for p in s.strengths)
    assert any("failed to recruit enough social workers" in p.evidence.text for p in s.concerns)


def test_a_quote_relaying_the_inspections_finding_stays_a_point(tmp_path: Path) -> None:
    s = extract(
        tmp_path,
        "Director responds\n\n"
        "Director Imelda Strachan said: \u201cThe report praises our fostering service and we are "
        "proud of it.\u201d\n\n"
        "Councillor Osric Penhallow said: \u201cI am proud of our excellent staff.\u201d\n",
    )
    strengths = " ".join(p.evidence.text for p in s.strengths)
    assert "The report praises our fostering service" in strengths
    assert "excellent staff" not in strengths
