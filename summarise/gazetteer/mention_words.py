"""Word lists for the mention rules in `summarise.gazetteer.mentions`.

All are casefolded, with ’ written as '. Each list says which neighbouring words leave a
gazetteer name standing as the council and which make it part of another proper noun.
"""

from __future__ import annotations


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Capitalised words that may directly precede a name without making it part of another proper
# noun: function words (sentence-initial or in titles), months, days, parties, inspectorates.
PREV_OK = _words(
    """
    a an the in at on for from by with within without across about and but or nor so yet as to
    into onto under over after before since while whereas when where if unlike like both neither
    either all only even also meanwhile however thus then now last this that these those its
    their our his her whether although though because despite during outside inside near around
    between beyond throughout until via towards toward against among amongst upon including
    plus versus vs not indeed today yesterday currently previously elsewhere here there overall
    yes no every each other another most many some what which who whose how why said says
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    labour conservative conservatives tory tories liberal lib dem dems democrat democrats
    green greens reform independent independents plaid ukip
    ofsted ssi cqc csci estyn ciw ssiw audit inspectors inspector government minister ministers
    rural urban neighbouring neighboring nearby county-wide former troubled struggling failing
    embattled beleaguered cash-strapped improving
    """
)
# Capitalised words that may directly follow a name: it is still the council (or its area).
# "County" and "City" are deliberately absent ("Derby County", "Cardiff City"): they count only
# as part of a suffix ("County Council", "City Council").
NEXT_OK = _words(
    """
    council councils councillor councillors borough metropolitan social children's childrens
    children child services service adult adults adults' education department dept
    directorate corporation authority local safeguarding cabinet unitary ssd joint review
    inspection leader director mayor scrutiny fostering adoption youth early
    """
)
# Words after a name that make it something else, in any case ("Kent police").
NEXT_BLOCK = _words(
    """
    police constabulary fire university hospital hospitals nhs ccg icb cricket football fc afc
    ambulance probation healthcare primary pct pcts library libraries market markets
    """
)
# In a headline (all caps or Title Case) every word is capitalised, so only these block.
NEXT_BLOCK_HEADLINE = NEXT_BLOCK | _words(
    """
    echo news times post gazette herald chronicle advertiser mail telegraph argus express star
    journal standard press evening live observer mercury courier sentinel citizen college school
    academy trust partnership health county city united rovers wanderers athletic club heath
    coldfield valley wildlife airport museum cathedral castle palace racecourse show festival
    chamber prison crown court water rfc ccc rugby zoo diocese
    """
)
# After a council word ("Children's"), these still make it something else.
SECOND_BLOCK = NEXT_BLOCK_HEADLINE - {"county", "city", "trust", "partnership"}
TITLES = _words(
    """
    mr mrs ms miss mx dr sir lord lady dame councillor cllr prof professor rev revd reverend
    father judge baroness baron
    """
)
# Compass and similar words: "South Essex", "Greater Manchester", "New York".
GEO = _words(
    """
    north south east west mid central greater new upper lower great little old inner outer
    north-east north-west south-east south-west ne nw se sw
    """
)
PREV_BLOCK_HEADLINE = (
    TITLES
    | GEO
    | _words(
        """
        royal university afc fc river lake port fort saint st nhs hms bishop archbishop duke
        duchess earl cardinal
        """
    )
)
# "<Head> of <Name>" is not the council ("University of Essex", "Bishop of Durham") unless Head
# is one of these.
OF_OK = _words(
    """
    borough city county council councils mayor leader director directors head chief cabinet
    member members part parts outside most all much rest people residents children families
    """
)
OF_BLOCK_HEADLINE = _words(
    """
    university bishop archbishop duke duchess earl vale port isle museum bank hospital college
    diocese
    """
)
# In "<Name>, X and Y <Org>" / "<Name> and Y <Org>" every name in the list belongs to the
# organisation ("Devon and Cornwall Police", "Norfolk and Suffolk NHS Foundation Trust").
CHAIN_ORG = _words(
    """
    police constabulary fire nhs trust health healthcare partnership ccg icb ambulance university
    hospital hospitals probation deanery foundation water wildlife integrated
    """
)
CHAIN_CONNECTORS = frozenset({",", "&", "and", "of", "upon", "on", "the", "with"})
SMALL_WORDS = _words(
    """
    a an the of and in on for to at by with as but or from into over after is are its it up
    out off vs
    """
)
BULLETS = "-•*–—·"
