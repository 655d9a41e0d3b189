"""The plain words the legal catalogue gives each regime: complaint notes, reasons, lines.

Pure data, kept apart from rights/regimes.py so the catalogue's rows stay readable. Each text is
used through a `Regime` attribute, never by regime id.
"""

from django.utils.translation import gettext_lazy as _

DPO_ATTENTION = _("Attn: Data Protection Officer")
PRIVACY_ATTENTION = _("Attn: Privacy")

LETTER_SUBJECT = _("Request under %(provisions)s %(law)s: workplace monitoring data")
CCPA_LETTER_SUBJECT = _(
    "Request under Cal. Civ. Code %(provisions)s (CCPA): workplace monitoring data"
)

# The completeness item for the access answer's mention of the right to complain (Art. 15(1)(f)).
EU_ACCESS_COMPLAINT_ITEM = _("That you may complain to a data protection supervisory authority")
UK_ACCESS_COMPLAINT_ITEM = _("That you may complain to the Information Commissioner")

# Why a chosen law does not cover this workplace (see places.why_regime_does_not_fit).
EU_NOT_FOR_US = _(
    "The EU GDPR does not, as a rule, cover US-based staff of a US employer; "
    "for California the CCPA is the route."
)
EU_NOT_FOR_UK = _("Since Brexit, the UK has its own version: the UK GDPR.")
UK_MISMATCH = _("The UK GDPR covers people working in the United Kingdom.")
CCPA_MISMATCH = _("The CCPA protects California residents, wherever they work.")

# Why an authority is suggested (services.authorities).
EU_LEAD_REASON = _(
    "The lead supervisory authority for %(employer)s, if %(employer)s is your "
    "employer: it leads on processing by an employer whose main establishment in the "
    "EU is in its country (Art. 56 GDPR)."
)
EU_WORKPLACE_REASON = _(
    "You work in %(place)s: a worker may complain to the supervisory authority of the "
    "Member State where they work or live (Art. 77(1) GDPR). It passes a cross-border "
    "case on to the lead authority."
)
UK_WORKPLACE_REASON = _(
    "The UK regulator (Art. 77 UK GDPR and section 165 of the Data Protection Act "
    "2018). Since 19 June 2026 it expects you, in most cases, to complain to your "
    "employer first (section 164A of the Data Protection Act 2018)."
)
CCPA_FIRST_ROUTE_REASON = _(
    "The California Privacy Protection Agency investigates sworn complaints about "
    "the CCPA (Cal. Civ. Code § 1798.199.45)."
)

# Notes for the worker beside a complaint to the authority (not part of the letter).
UK_CONTROLLER_COMPLAINT_NOTE = _(
    "Since 19 June 2026 you have a right to complain to your employer first "
    "(section 164A of the Data Protection Act 2018, added by section 103 of the "
    "Data (Use and Access) Act 2025). The ICO says that in most cases it will "
    "only look at your complaint once you have complained to the organisation, "
    "followed up if it did not reply within 30 days, and come to the ICO within "
    "three months of your last contact with it. Standing's reminder, extension "
    "and gap letters each count as such a complaint: send one before this."
)
UK_UNDATED_CONTROLLER_COMPLAINT_NOTE = _(
    "This complaint does not say when you complained to your employer. Add "
    "that date to the request's timeline if you have done so."
)
UK_COMPLAINT_NOTE = _(
    "The ICO prefers its online complaint form: you can paste this text into it "
    "and upload the PDF, which has your original request as an annex."
)
EU_COMPLAINT_NOTE = _(
    "You may complain to the authority of the country where you work or live, or to "
    "the employer's lead authority (Art. 77(1) GDPR). Some authorities want "
    "complaints in their own language or on their own form; check its complaint page."
)
CCPA_SWORN_NOTE = _(
    "A sworn complaint is shared with your employer: by signing it you authorize the "
    "agency and your employer to communicate about it, including by disclosing it "
    "(Cal. Code Regs. tit. 11, § 7300(a)(3)). You sign it under penalty of perjury. "
    "Sign and date it by hand before you post it."
)
CCPA_UNSWORN_NOTE = _(
    "This complaint is not sworn. The agency may investigate complaints that are not "
    "sworn, or are anonymous (Cal. Code Regs. tit. 11, § 7301(a)). A sworn complaint "
    "gives you more formal rights to hear back, but it is shared with your employer."
)
CCPA_COMPLAINT_NOTE = _(
    "Prefer the agency's online complaint form: you can paste this text into it. Its "
    "postal address in our directory is not verified: check the agency's paper "
    "complaint form before posting. The agency does not act as your lawyer. You may "
    "also complain to the California Attorney General."
)


# The request form groups each law's rights by what the worker wants: a title, what it gives in
# one plain sentence, and what happens next. Keys are Right.aim.
AIMS = {
    "see": (
        _("See what they hold"),
        _("They send you a copy of the monitoring data about you and explain how they use it."),
        _(
            "Next: the answer is due by the date on your letter; if it does not come, Standing "
            "drafts a reminder, then a complaint."
        ),
    ),
    "stop": (
        _("Make them stop"),
        _("They stop using the data, for the monitoring or for training AI, or limit its use."),
        _("Next: they must act or explain why they will not by the due date."),
    ),
    "delete": (
        _("Delete it"),
        _("They delete the monitoring data about you, unless the law lets them keep it."),
        _("Next: they must confirm the deletion, or say why not, by the due date."),
    ),
    "fix": (
        _("Fix what is wrong"),
        _("They correct scores, ratings or information about you that are wrong."),
        _("Next: they must correct it, or say why not, by the due date."),
    ),
    "decide": (
        _("Decisions made by software"),
        _("A person, not software alone, decides what matters to you, and you can contest it."),
        _("Next: they must answer by the due date."),
    ),
}
