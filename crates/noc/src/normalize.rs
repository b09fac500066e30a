//! The one text pipeline, used for index titles and queries alike.
//!
//! [`Normalizer::analyze`] turns a job title into [`Analyzed`] terms:
//!
//! 1. Unicode NFKC, lower case, accents removed (`é` → `e`); U+3000 and
//!    other Unicode spaces are spaces.
//! 2. The parts of a title are found: an exception in parentheses
//!    (`(except day care)`, `(sauf …)`, `（除…）`) is set apart, text after
//!    ` - `/` – `/` | ` is a qualifier, and an inverted title
//!    (`co-ordinator, community centre`) is turned around
//!    (`community centre co-ordinator`).
//! 3. Words are split at punctuation. A hyphenated word with a short part
//!    is joined (`co-ordinator` → `coordinator`, `e-business`), any other
//!    is split (`child-care` → `child care`). French and English gendered
//!    pairs (`travailleur/travailleuse`, `foreman/woman`) become one word.
//! 4. In queries, abbreviations are expanded from [`ABBREVIATIONS`]
//!    (`sr` → `senior`, `mgr` → `manager`, `rn` → `registered nurse`);
//!    official titles spell theirs out already.
//! 5. Words that carry no occupation are dropped: [`STOPWORDS`] always,
//!    and, from queries only (official titles keep them),
//!    [`NOISE`] (seniority, employment terms, locations), single letters
//!    (`P/T`, `H/F`) and words with digits (requisition numbers) unless
//!    nothing would be left.
//! 6. Each word is reduced to a stem shared by its plural and feminine
//!    forms ([`stem`]: `workers` → `worker`, `intervenante` → `intervenant`),
//!    English masculine, feminine and neutral forms share one
//!    ([`gender_neutral`]: `saleswoman` → `salesperson`), and American
//!    spellings take their Canadian form ([`SPELLINGS`]:
//!    `counselor` → `counsellor`).
//! 7. Chinese text is read in simplified script (traditional characters
//!    and Taiwan phrasing folded, see [`crate::zh`]) and cut into words
//!    by the segmenter over the project's lexicon; its function words
//!    are dropped always and its noise words (`高级`, `兼职`) from
//!    queries. The head of a Chinese segment is its last word.
//!
//! The head of a title, the word that names the occupation
//! (`worker` in `youth worker`), is its last base term.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use crate::model::Lang;
use crate::parse::profile::is_cjk;

/// Which part of a title a term comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// The title itself (`rehabilitation worker`).
    Base,
    /// What follows a dash (`social services`).
    Qualifier,
}

/// One normalised word of a title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The stem.
    pub text: String,
    /// Where in the title it stands.
    pub part: Part,
    /// For an abbreviation that may stand for several words
    /// (`admin`: administrator, administrative), the other stems it may
    /// match.
    pub alternatives: Vec<String>,
    /// For a hyphenated word joined because a part is short
    /// (`egg-producer` → `eggproducer`), the stems of its two parts: a
    /// joined form the index does not know is matched as these two words.
    pub halves: Option<(String, String)>,
}

/// A title or query after normalisation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analyzed {
    /// The terms, each once, in order.
    pub terms: Vec<Term>,
    /// The stems of an `(except …)` part: an index title does not apply
    /// to a query that names them.
    pub exception: Vec<String>,
    /// Stems that head a segment: the last base term of each part split
    /// by commas, slashes, dashes or parentheses. For an index title the
    /// first is its head noun.
    pub heads: Vec<String>,
    /// Words dropped as noise, for explanations.
    pub dropped: Vec<String>,
    /// Each word dropped as noise (stemmed) beside a kept word of its
    /// segment: `(entry, order)` in `order entry administrator`. A
    /// matcher may keep the noise word where the index has titles with
    /// both (`order entry clerk`, `remote sensing technician`).
    pub noise_pairs: Vec<(String, String)>,
    /// For a query, each term's word as the query wrote it (folded), or
    /// the word an abbreviation stands for, in the order of `terms`:
    /// what an explanation shows (`waitresses` for the stem `waiter`).
    /// Empty for an official title, whose 64,000 analyses the index
    /// build holds at once.
    pub surfaces: Vec<String>,
}

impl Analyzed {
    /// How the query wrote its `i`th term (see [`Analyzed::surfaces`]),
    /// else the term's stem.
    pub fn surface(&self, i: usize) -> &str {
        match self.surfaces.get(i) {
            Some(s) => s,
            None => self.terms.get(i).map_or("", |t| t.text.as_str()),
        }
    }

    /// The head noun: the first of [`Analyzed::heads`].
    pub fn head(&self) -> Option<&str> {
        self.heads.first().map(String::as_str)
    }
}

/// Abbreviations and their expansions. An expansion with spaces becomes
/// several terms; `|` separates alternatives that the abbreviation may
/// stand for (the first is used on the index side).
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("sr", "senior"),
    ("snr", "senior"),
    ("jr", "junior"),
    ("jnr", "junior"),
    ("mgr", "manager"),
    ("mngr", "manager"),
    ("mgmt", "management"),
    ("math", "mathematics"),
    ("maths", "mathematics"),
    ("asst", "assistant"),
    ("assist", "assistant"),
    ("assoc", "associate"),
    ("coord", "coordinator"),
    ("coordr", "coordinator"),
    ("admin", "administrator|administrative|administration"),
    ("adm", "administrator|administrative|administration"),
    ("tech", "technician|technologist|technical"),
    ("techn", "technician"),
    ("lab", "laboratory|lab"),
    ("eng", "engineer|engineering"),
    ("engr", "engineer"),
    ("dev", "developer|development"),
    ("rep", "representative"),
    ("reps", "representative"),
    ("supv", "supervisor"),
    ("supvr", "supervisor"),
    ("supvsr", "supervisor"),
    ("supt", "superintendent"),
    ("dir", "director"),
    ("acct", "accountant|accounting|account"),
    ("acctg", "accounting"),
    ("svc", "service"),
    ("svcs", "service"),
    ("ops", "operations"),
    ("spec", "specialist"),
    ("mech", "mechanic|mechanical"),
    ("elec", "electrician|electrical"),
    ("maint", "maintenance"),
    ("clk", "clerk"),
    ("recep", "receptionist"),
    ("secy", "secretary"),
    ("dept", "department"),
    ("mfg", "manufacturing"),
    ("mktg", "marketing"),
    ("instr", "instructor"),
    ("tchr", "teacher"),
    ("prof", "professor"),
    ("hr", "human resources"),
    ("it", "information technology"),
    ("qa", "quality assurance"),
    ("qc", "quality control"),
    ("rn", "registered nurse"),
    ("rpn", "registered practical nurse"),
    ("lpn", "licensed practical nurse"),
    ("psw", "personal support worker"),
    ("csr", "customer service representative"),
    ("ece", "early childhood educator"),
    ("cpa", "chartered professional accountant"),
    ("ceo", "chief executive officer"),
    ("cfo", "chief financial officer"),
    ("coo", "chief operating officer"),
    ("cto", "chief technology officer"),
    ("cio", "chief information officer"),
    ("vp", "vice president"),
    ("avp", "vice president"),
    ("svp", "vice president"),
    ("evp", "vice president"),
    ("gm", "general manager"),
    ("pm", "project manager"),
    ("dba", "database administrator"),
    ("swe", "software engineer"),
    ("ux", "user experience"),
    ("ai", "artificial intelligence"),
    ("ti", "technologie information"),
    ("ba", "business analyst"),
    ("vet", "veterinary|veterinarian"),
    ("telecom", "telecommunications"),
    ("rehab", "rehabilitation"),
    ("med", "medical"),
    ("surg", "surgical"),
    ("rdh", "registered dental hygienist"),
    ("bi", "business intelligence"),
    ("ot", "occupational therapist"),
    ("slp", "speech language pathologist"),
    ("rmt", "registered massage therapist"),
    ("mlt", "medical laboratory technologist"),
    ("mla", "medical laboratory assistant"),
    ("cna", "nursing assistant"),
    ("ar", "accounts receivable"),
    ("ap", "accounts payable"),
];

/// Words the NOC does not use, read in queries as the general words it
/// uses for the same thing (`.NET developer` is a software developer,
/// not a film developer): technology and product names, US terms and
/// words written joined. Only general vocabulary: each alias names the
/// kind of work, never a unit group. Expanded like [`ABBREVIATIONS`]
/// (`.net` is read as `dotnet` first); those in [`CAPITALS_ONLY`] only
/// when written in capitals (`SAP`, not `sap gatherer`).
pub const ALIASES: &[(&str, &str)] = &[
    // programming languages and frameworks
    ("dotnet", "software"),
    ("cplusplus", "software"),
    ("csharp", "software"),
    ("java", "software"),
    ("javascript", "software"),
    ("typescript", "software"),
    ("python", "software"),
    ("reactjs", "software"),
    ("nodejs", "software"),
    ("php", "software"),
    ("uipath", "software"),
    ("golang", "software"),
    ("kotlin", "software"),
    ("scala", "software"),
    ("perl", "software"),
    ("cobol", "software"),
    ("fortran", "software"),
    ("vba", "software"),
    ("abap", "software"),
    ("angular", "software"),
    ("angularjs", "software"),
    ("vuejs", "software"),
    ("django", "software"),
    ("laravel", "software"),
    ("blockchain", "software"),
    ("saas", "software"),
    ("firmware", "embedded software"),
    ("ios", "mobile application"),
    ("android", "mobile application"),
    ("sql", "database"),
    // data platforms
    ("etl", "data"),
    ("hadoop", "data"),
    ("databricks", "data"),
    ("informatica", "data"),
    ("ssis", "data"),
    // cloud platforms and business software
    ("aws", "cloud"),
    ("azure", "cloud"),
    ("gcp", "cloud"),
    ("powerbi", "business intelligence"),
    ("salesforce", "information systems"),
    ("servicenow", "information systems"),
    ("sap", "information systems"),
    ("scada", "control systems"),
    ("sharepoint", "information systems"),
    ("netsuite", "information systems"),
    ("peoplesoft", "information systems"),
    // infrastructure
    ("kubernetes", "cloud"),
    ("terraform", "cloud"),
    ("ansible", "cloud"),
    ("openshift", "cloud"),
    ("linux", "computer network"),
    ("unix", "computer network"),
    ("vmware", "computer network"),
    ("citrix", "computer network"),
    ("cisco", "network"),
    // design software and web marketing
    ("autocad", "drafting"),
    ("revit", "drafting"),
    ("microstation", "drafting"),
    ("solidworks", "drafting"),
    ("catia", "drafting"),
    ("seo", "digital marketing"),
    ("geospatial", "geomatics"),
    // US terms
    ("railroad", "railway"),
    ("railroader", "railway worker"),
    ("hilo", "forklift"),
    ("towmotor", "forklift"),
    ("cab", "taxi"),
    ("cabbie", "taxi driver"),
    ("busboy", "bus boy"),
    ("busser", "bus boy"),
    ("mailman", "letter carrier"),
    ("prepper", "preparer"),
    // an owner runs the business: the NOC codes owners as its managers
    ("owner", "owner|manager"),
    ("coowner", "owner|manager"),
    ("proprietor", "owner|manager"),
    ("proprietaire", "proprietaire|directeur"),
    // gendered forms the NOC does not use (others: `FEMININE_FORMS`)
    ("saleswoman", "salesperson"),
    // joined words the NOC writes apart
    ("railcar", "railway car"),
    ("wellsite", "well site"),
    ("oilfield", "oil field"),
    ("housecleaning", "house cleaning"),
    ("housecleaner", "house cleaner"),
    ("healthcare", "health care"),
    ("powerplant", "power plant"),
];

/// American spellings and their Canadian forms, as stems: the NOC is
/// written in Canadian English, many users and job boards write American
/// English (`Substance Abuse Counselor`, `Labor Relations`). Also French
/// words with two correct spellings, read in the one the CNP uses.
pub const SPELLINGS: &[(&str, &str)] = &[
    ("counselor", "counsellor"),
    ("counseling", "counselling"),
    ("labor", "labour"),
    ("laborer", "labourer"),
    ("center", "centre"),
    ("theater", "theatre"),
    ("fiber", "fibre"),
    ("liter", "litre"),
    ("behavior", "behaviour"),
    ("behavioral", "behavioural"),
    ("color", "colour"),
    ("colorist", "colourist"),
    ("harbor", "harbour"),
    ("neighborhood", "neighbourhood"),
    ("odor", "odour"),
    ("armor", "armour"),
    ("parlor", "parlour"),
    ("vapor", "vapour"),
    ("honor", "honour"),
    ("jewelry", "jewellery"),
    ("jeweler", "jeweller"),
    ("traveler", "traveller"),
    ("traveling", "travelling"),
    ("modeler", "modeller"),
    ("modeling", "modelling"),
    ("labeler", "labeller"),
    ("labeling", "labelling"),
    ("fueler", "fueller"),
    ("fueling", "fuelling"),
    ("signaler", "signaller"),
    ("signaling", "signalling"),
    ("mold", "mould"),
    ("molder", "moulder"),
    ("molding", "moulding"),
    ("aluminum", "aluminium"),
    ("gray", "grey"),
    ("catalog", "catalogue"),
    ("cataloger", "cataloguer"),
    ("defense", "defence"),
    ("enrollment", "enrolment"),
    ("plow", "plough"),
    ("woolen", "woollen"),
    ("license", "licence"),
    ("drier", "dryer"),
    ("locater", "locator"),
    ("crematory", "crematorium"),
    ("aesthetician", "esthetician"),
    // the NOC writes both (`income tax adviser`, `financial advisor`)
    ("adviser", "advisor"),
    // French: both spellings are correct; the NOC writes `paye` and
    // `coordonnateur` (job boards often `coordinateur`, `coordinatrice`)
    ("paie", "paye"),
    ("coordinateur", "coordonnateur"),
    // the feminine `cheffe` (also written `chef.fe`); the CNP's `chef` is
    // both
    ("cheffe", "chef"),
];

/// English feminine job words and the form the NOC files its titles
/// under, as stems: the index writes `waiter/waitress`,
/// `postmaster/mistress` and `foreman/woman` as pairs (one word, like a
/// French pair), and a user may write either form. Any `-woman` word with
/// a stem before it (`forewoman`, `chairwoman`) is read as its `-man`
/// form too ([`masculine`]).
pub const FEMININE_FORMS: &[(&str, &str)] = &[
    ("waitress", "waiter"),
    ("headwaitress", "headwaiter"),
    ("hostess", "host"),
    ("actress", "actor"),
    ("stewardess", "steward"),
    ("mistress", "master"),
    ("headmistress", "headmaster"),
    ("postmistress", "postmaster"),
    ("landlady", "landlord"),
];

/// The masculine form the NOC uses for the English feminine stem `word`
/// (`waitress` → `waiter`, `forewoman` → `foreman`), if it is one.
///
/// # Example
/// ```
/// use noc::normalize::masculine;
/// assert_eq!(masculine("linewoman").as_deref(), Some("lineman"));
/// assert_eq!(masculine("hostess").as_deref(), Some("host"));
/// assert_eq!(masculine("woman"), None);
/// ```
pub fn masculine(word: &str) -> Option<String> {
    if let Some((_, male)) = FEMININE_FORMS.iter().find(|(f, _)| *f == word) {
        return Some(male.to_string());
    }
    word.strip_suffix("woman")
        .filter(|prefix| prefix.len() >= 3)
        .map(|prefix| format!("{prefix}man"))
}

/// The one stem of an English job word that exists in masculine,
/// feminine and neutral forms: `salesman`, `saleswoman` and
/// `salesperson` are all `salesperson`, `waitress` is `waiter`. The
/// NOC writes some titles one way (`salesperson - retail`) and others
/// the other (`driver salesman/woman`), and users write all three; as
/// one stem on both sides they meet in full. A `-man` word needs four
/// letters before it (`human`, `woman`, `german` stay).
///
/// # Example
/// ```
/// use noc::normalize::gender_neutral;
/// assert_eq!(gender_neutral("foreman".into()), "foreperson");
/// assert_eq!(gender_neutral("forewoman".into()), "foreperson");
/// assert_eq!(gender_neutral("hostess".into()), "host");
/// assert_eq!(gender_neutral("woman".into()), "woman");
/// ```
pub fn gender_neutral(stem: String) -> String {
    let stem = masculine(&stem).unwrap_or(stem);
    match stem.strip_suffix("man") {
        Some(prefix) if prefix.len() >= 4 => format!("{prefix}person"),
        _ => stem,
    }
}

/// Whether `second` is the feminine of `first` in an English pair written
/// with a slash, as the index writes 1,700 titles: `foreman/woman`,
/// `fishermen/women`, `host/hostess`, `postmaster/mistress`,
/// `bus boy/girl`. Without this the pair would give two words and its
/// head would be `woman`.
fn is_feminine_pair(first: &str, second: &str) -> bool {
    let (first, second) = (stem(first), stem(second));
    match second.as_str() {
        "woman" => first.ends_with("man"),
        "mistress" => first.ends_with("master"),
        "lady" => first.ends_with("lord"),
        "girl" => first.ends_with("boy"),
        "sister" => first == "brother",
        _ => masculine(&second).is_some_and(|male| male == first),
    }
}

/// Abbreviations that are also ordinary words or units (`hr` for hour,
/// `it`, `pm`): expanded only when written in capitals (`HR`, `IT`).
pub const CAPITALS_ONLY: &[&str] = &[
    "hr", "it", "pm", "gm", "ai", "ti", "ux", "coo", "ba", "bi", "ot", "sap",
    "ar", "ap",
];

/// Words that never tell an occupation: articles, prepositions,
/// conjunctions and pronouns (English and French; the French pronouns
/// and determiners lifted French duty lists rewritten from dev,
/// README "Accuracy on duty lists").
pub const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
    "without",
    "au",
    "aux",
    "d",
    "de",
    "des",
    "du",
    "en",
    "et",
    "l",
    "la",
    "le",
    "les",
    "ou",
    "par",
    "pour",
    "sur",
    "un",
    "une",
    "dans",
    "avec",
    "s",
    "vers",
    "leur",
    "leurs",
    "qui",
    "que",
    "dont",
    "sa",
    "ses",
    "ce",
    "ces",
    "cette",
    "afin",
    "aupres",
    "selon",
    "chez",
    "lors",
    "ainsi",
    "autre",
    "autres",
    "se",
    "y",
    "il",
    "elle",
    "ils",
    "elles",
    "notre",
    "nos",
    "votre",
    "vos",
    "tout",
    "tous",
    "toute",
    "toutes",
    "je",
    "j",
    "me",
    "m",
    "mon",
    "mes",
    "nous",
    "vous",
    "lui",
    "qu",
    "comme",
    "notamment",
];

/// Words that carry no occupation in a job posting: seniority and grade,
/// terms of employment, work arrangements, posting words, and Canadian
/// provinces and large cities. Dropped unless nothing else is left.
pub const NOISE: &[&str] = &[
    // seniority and grade
    "senior",
    "junior",
    "intermediate",
    "entry",
    "level",
    "lead",
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
    "trainee",
    "experienced",
    "experimente",
    "confirme",
    // trade grades (`TRADE_GRADES`)
    "journeyman",
    "journeywoman",
    "journeyperson",
    "compagnon",
    // terms of employment
    "part",
    "full",
    "time",
    "ft",
    "pt",
    "casual",
    "temporary",
    "temp",
    "permanent",
    "contract",
    "contractual",
    "seasonal",
    "term",
    "relief",
    "temps",
    "partiel",
    "plein",
    "occasionnel",
    "temporaire",
    "contractuel",
    "saisonnier",
    "cdi",
    "cdd",
    "h",
    "f",
    "m",
    "hf",
    "fh",
    // arrangements and posting words
    "remote",
    "hybrid",
    "onsite",
    "site",
    "bilingual",
    "bilingue",
    "urgent",
    "hiring",
    "immediate",
    "immediately",
    "needed",
    "wanted",
    "job",
    "jobs",
    "position",
    "opportunity",
    "opportunities",
    "probationary",
    "interim",
    // Canadian posting codes: full-time equivalent, regular/temporary
    // full-/part-time, long-term occasional (teaching)
    "fte",
    "rft",
    "rpt",
    "tft",
    "tpt",
    "lto",
    "new",
    "days",
    "nights",
    "weekend",
    "weekends",
    "evening",
    "evenings",
    "overnight",
    "shift",
    "shifts",
    "poste",
    "emploi",
    "can",
    "usa",
    "us",
    "canada",
    "travail",
    "distance",
    "details",
    // provinces and territories
    "ontario",
    "quebec",
    "alberta",
    "manitoba",
    "saskatchewan",
    "bc",
    "ab",
    "on",
    "qc",
    "ns",
    "nb",
    "nl",
    "pei",
    "pe",
    "sk",
    "mb",
    "yt",
    "nt",
    "nu",
    "yukon",
    "nunavut",
    "nova",
    "scotia",
    "brunswick",
    "newfoundland",
    "labrador",
    "columbia",
    "british",
    "prince",
    "edward",
    "island",
    // large cities
    "toronto",
    "montreal",
    "vancouver",
    "calgary",
    "edmonton",
    "ottawa",
    "winnipeg",
    "halifax",
    "mississauga",
    "brampton",
    "laval",
    "longueuil",
    "gatineau",
    "surrey",
    "burnaby",
    "markham",
    "vaughan",
    "saskatoon",
    "regina",
    "kitchener",
    "waterloo",
    "victoria",
    "oakville",
    "richmond",
    "windsor",
    "london",
    "hamilton",
    "sherbrooke",
    "levis",
    "moncton",
    "fredericton",
    "charlottetown",
    "whitehorse",
    "yellowknife",
    "iqaluit",
    "gta",
    "sault",
    "ste",
    "marie",
    "downtown",
];

/// The trade grades of [`NOISE`]: the NOC codes every grade of a trade
/// in the trade itself, so they are dropped even where the index writes
/// one beside the trade.
const TRADE_GRADES: &[&str] =
    &["journeyman", "journeywoman", "journeyperson", "compagnon"];

/// The text pipeline. Build it once ([`Normalizer::new`] or
/// [`Normalizer::shared`]) and use it for every title and query.
#[derive(Debug)]
pub struct Normalizer {
    abbreviations: HashMap<&'static str, Vec<Vec<&'static str>>>,
    spellings: HashMap<&'static str, &'static str>,
    stopwords: std::collections::HashSet<&'static str>,
    noise: std::collections::HashSet<&'static str>,
}

impl Default for Normalizer {
    fn default() -> Normalizer {
        Normalizer::new()
    }
}

/// A raw word, before expansion and stemming, with its segment number.
struct Word {
    text: String,
    part: Part,
    segment: usize,
    cjk: bool,
    /// For a hyphenated word that was joined (`sales-tru` →
    /// `salestru`), its long parts (`sales`): a joined form the index does
    /// not know still matches through them.
    parts: Vec<String>,
    /// For a hyphenated word that was joined, its two parts as written.
    halves: Option<(String, String)>,
}

impl Word {
    /// The same word's position, with no text.
    fn clone_empty(&self) -> Word {
        Word {
            text: String::new(),
            part: self.part,
            segment: self.segment,
            cjk: self.cjk,
            parts: vec![],
            halves: None,
        }
    }
}

/// The lexicon's kind of a Chinese word.
fn zh_kind(w: &Word) -> Option<crate::zh::WordKind> {
    if !w.cjk {
        return None;
    }
    crate::zh::lexicon().get(&w.text).map(|e| e.kind)
}

impl Normalizer {
    /// The pipeline with the built-in tables.
    pub fn new() -> Normalizer {
        let abbreviations = ABBREVIATIONS
            .iter()
            .chain(ALIASES)
            .map(|(k, v)| {
                let alts = v
                    .split('|')
                    .map(|alt| alt.split(' ').collect::<Vec<_>>())
                    .collect();
                (*k, alts)
            })
            .collect();
        Normalizer {
            abbreviations,
            spellings: SPELLINGS.iter().copied().collect(),
            stopwords: STOPWORDS.iter().copied().collect(),
            noise: NOISE.iter().copied().collect(),
        }
    }

    /// One shared instance.
    pub fn shared() -> &'static Normalizer {
        static CELL: OnceLock<Normalizer> = OnceLock::new();
        CELL.get_or_init(Normalizer::new)
    }

    /// Folds text for comparison: NFKC, lower case, accents removed,
    /// typographic apostrophes and dashes made plain, all whitespace one
    /// space.
    ///
    /// # Example
    /// ```
    /// use noc::normalize::Normalizer;
    /// let n = Normalizer::shared();
    /// assert_eq!(n.fold("Intervenante  en Toxicomanie"), "intervenante en toxicomanie");
    /// assert_eq!(n.fold("Éducatrice – petite enfance"), "educatrice - petite enfance");
    /// ```
    pub fn fold(&self, text: &str) -> String {
        if text.is_ascii() {
            return collapse_spaces(text.bytes().map(|b| match b {
                b'`' => '\'',
                b => b.to_ascii_lowercase() as char,
            }));
        }
        // Traditional script and Taiwan phrasing read as simplified.
        let text = crate::zh::simplify(text);
        let mapped = text
            .nfkc()
            .flat_map(char::to_lowercase)
            .nfd()
            .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
            .flat_map(|c| {
                let (a, b) = match c {
                    '\u{2019}' | '\u{2018}' | '`' | '´' => ('\'', None),
                    '\u{2010}'..='\u{2015}' | '\u{2212}' => ('-', None),
                    'œ' => ('o', Some('e')),
                    'æ' => ('a', Some('e')),
                    'ß' => ('s', None),
                    'ø' => ('o', None),
                    'ł' => ('l', None),
                    c => (c, None),
                };
                std::iter::once(a).chain(b)
            });
        collapse_spaces(mapped).nfc().collect()
    }

    /// Normalises one title or query into terms.
    ///
    /// # Example
    /// ```
    /// use noc::normalize::Normalizer;
    /// let n = Normalizer::shared();
    /// let a = n.analyze("Sr. Youth Workers (PT) - Toronto");
    /// let stems: Vec<&str> = a.terms.iter().map(|t| t.text.as_str()).collect();
    /// assert_eq!(stems, ["youth", "worker"]);
    /// assert_eq!(a.head(), Some("worker"));
    /// ```
    pub fn analyze(&self, text: &str) -> Analyzed {
        self.analyze_query(text, None)
    }

    /// Normalises a query (a job title as a user wrote it) known or
    /// guessed to be in `lang`. The head of a French title is its first
    /// word (`agent de bord`), of an English one its last before a
    /// preposition (`manager of sales`).
    ///
    /// Only the first [`MAX_QUERY_CHARS`] characters are read, so that a
    /// garbage row (a whole document on one line) costs no more than a
    /// long title.
    pub fn analyze_query(&self, text: &str, lang: Option<Lang>) -> Analyzed {
        self.analyze_with(cap_query(text), lang, true)
    }

    /// Normalises an official index title in `lang`. Everything is as for
    /// a query except that noise words are kept: in an official title
    /// they are part of the occupation (`contract administrator`,
    /// `senior manager`, `can machine operator`), and dropping them would
    /// turn specific titles into generic ones.
    pub fn analyze_title(&self, text: &str, lang: Lang) -> Analyzed {
        self.analyze_with(text, Some(lang), false)
    }

    fn analyze_with(
        &self,
        text: &str,
        lang: Option<Lang>,
        drop_noise: bool,
    ) -> Analyzed {
        let mut folded = strip_gender_endings(self.fold(text));
        if drop_noise {
            folded = spell_names(&folded);
        }
        let (main, exception) = split_exception(folded);
        let (base, qualifier) = split_qualifier(main);
        let base = uninvert(base, !drop_noise);
        let base = inline_glosses(base);
        let mut words = vec![];
        let mut segment = 0;
        self.words(&base, Part::Base, &mut segment, &mut words);
        segment += 1;
        if let Some(q) = &qualifier {
            self.words(q, Part::Qualifier, &mut segment, &mut words);
        }
        let mut out = Analyzed::default();
        if let Some(exc) = exception {
            let mut seg = 0;
            let mut exc_words = vec![];
            self.words(&exc, Part::Base, &mut seg, &mut exc_words);
            out.exception = exc_words
                .iter()
                .filter(|w| !self.stopwords.contains(w.text.as_str()))
                .flat_map(|w| self.expand(w, Some(&[])))
                .map(|(t, _)| t.text)
                .collect();
        }
        // Official titles spell their abbreviations out beside them
        // (`registered psychiatric nurse (R.P.N.)`), and the same
        // letters can stand for another title (`registered practical
        // nurse`): only queries expand them.
        let capitals: Vec<String> = if drop_noise {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| {
                    w.len() >= 2 && w.chars().all(|c| c.is_uppercase())
                })
                .map(str::to_lowercase)
                .collect()
        } else {
            vec![]
        };
        let capitals = drop_noise.then_some(capitals.as_slice());
        self.finish(words, lang, drop_noise, capitals, &mut out);
        out
    }

    /// The terms of a duty statement, each once, in order: the text of
    /// the terms [`Normalizer::analyze_title`] gives, read without the
    /// heads, alternatives and noise that only titles use. Duties are
    /// many and long (every statement of the NOC, every client duty), and
    /// this reading costs half as much.
    ///
    /// # Example
    /// ```
    /// use noc::{normalize::Normalizer, Lang};
    /// let n = Normalizer::shared();
    /// let text = "Supervises co-workers (except volunteers)";
    /// let terms: Vec<String> = n
    ///     .analyze_title(text, Lang::En)
    ///     .terms
    ///     .into_iter()
    ///     .map(|t| t.text)
    ///     .collect();
    /// assert_eq!(n.duty_terms(text), terms);
    /// ```
    pub fn duty_terms(&self, text: &str) -> Vec<String> {
        let folded = strip_gender_endings(self.fold(text));
        let (main, _) = split_exception(folded);
        let (base, qualifier) = split_qualifier(main);
        let base = uninvert(base, true);
        let mut out: Vec<String> = vec![];
        let mut add = |term: String| {
            if !out.contains(&term) {
                out.push(term);
            }
        };
        let stopword = |w: &str| self.stopwords.contains(w);
        // As in `words`: a French ending cut off from the word before it
        // in the same segment is no word of its own.
        let mut last: Option<(String, bool)> = None;
        let mut is_ending = |piece: &str, cjk: bool| {
            let ending = !cjk
                && last.as_ref().is_some_and(|(before, before_cjk)| {
                    !before_cjk && is_gender_ending(before, piece)
                });
            if !ending {
                last = Some((piece.to_string(), cjk));
            }
            ending
        };
        // `is_ending("", true)` starts a segment: nothing is cut off
        // from a word of another segment.
        for text in std::iter::once(base.as_str()).chain(qualifier.as_deref())
        {
            is_ending("", true);
            raw_words(text, |raw| {
                let (word, cjk) = match raw {
                    Raw::Word(word, cjk) => (word, cjk),
                    Raw::Break => {
                        is_ending("", true);
                        return;
                    }
                };
                if cjk {
                    for piece in crate::zh::segment(word) {
                        is_ending(&piece, true);
                        let function =
                            crate::zh::lexicon().get(&piece).is_some_and(
                                |e| e.kind == crate::zh::WordKind::Function,
                            );
                        if stopword(&piece) || function {
                            continue;
                        }
                        let inside = crate::zh::sub_words(&piece);
                        add(piece);
                        inside.into_iter().for_each(&mut add);
                    }
                } else if !word.contains(COMPOUND_MARKS) {
                    if !is_ending(word, false) && !stopword(word) {
                        add(self.stem(word));
                    }
                } else {
                    for piece in split_compound(word) {
                        if !is_ending(&piece, false) && !stopword(&piece) {
                            add(self.stem(&piece));
                        }
                    }
                }
            });
        }
        out
    }

    /// Splits text into raw words, numbering segments: a new segment
    /// starts at `,` `/` `(` `)` `|` `;` `:` and ` - `.
    fn words(
        &self,
        text: &str,
        part: Part,
        segment: &mut usize,
        out: &mut Vec<Word>,
    ) {
        // Words of an earlier part (`out` holds the base's when the
        // qualifier is read) were split already: only this text's are.
        let start = out.len();
        raw_words(text, |raw| match raw {
            Raw::Word(text, cjk) => out.push(Word {
                text: text.to_string(),
                part,
                segment: *segment,
                cjk,
                parts: vec![],
                halves: None,
            }),
            Raw::Break => *segment += 1,
        });
        // Split compound words; `word/word` pairs were kept whole above.
        let mut split = Vec::with_capacity(out.len() - start);
        for w in out.drain(start..) {
            if w.cjk {
                split.extend(
                    crate::zh::segment(&w.text)
                        .into_iter()
                        .map(|text| Word { text, ..w.clone_empty() }),
                );
                continue;
            }
            // Most words have nothing to split: kept as they are, with no
            // copy (what `split_compound` would give them).
            if !w.text.contains(COMPOUND_MARKS) {
                split.push(w);
                continue;
            }
            let pieces = split_compound(&w.text);
            let parts: Vec<String> =
                if pieces.len() == 1 && w.text.contains('-') {
                    w.text
                        .split('-')
                        .filter(|p| p.chars().count() >= 4)
                        .map(str::to_string)
                        .collect()
                } else {
                    vec![]
                };
            let halves = match (pieces.as_slice(), w.text.split_once('-')) {
                ([joined], Some((a, b))) => {
                    let (a, b) = (
                        a.replace(['\'', '.'], ""),
                        b.replace(['\'', '.'], ""),
                    );
                    (!a.is_empty()
                        && !b.is_empty()
                        && *joined == format!("{a}{b}"))
                    .then_some((a, b))
                }
                _ => None,
            };
            for piece in pieces {
                split.push(Word {
                    text: piece,
                    part: w.part,
                    segment: w.segment,
                    cjk: false,
                    parts: parts.clone(),
                    halves: halves.clone(),
                });
            }
        }
        // The feminine ending of inclusive French writing, cut off from
        // its word (`coordonnateur-trice`, `vendeur euse`, `technicien
        // ne`): the same occupation, not another word.
        split.dedup_by(|w, prev| {
            w.segment == prev.segment
                && !w.cjk
                && !prev.cjk
                && is_gender_ending(&prev.text, &w.text)
        });
        out.extend(split);
    }

    /// [`stem`], then the one form of an English gendered job word
    /// ([`gender_neutral`]) and the Canadian spelling of an American one.
    fn stem(&self, word: &str) -> String {
        let s = gender_neutral(stem(word));
        match self.spellings.get(s.as_str()) {
            Some(ca) => ca.to_string(),
            None => s,
        }
    }

    /// Expands abbreviations and stems one word into terms. `capitals`
    /// are the words written in capitals in the original text; `None`
    /// expands no abbreviation.
    fn expand(
        &self,
        w: &Word,
        capitals: Option<&[String]>,
    ) -> Vec<(Term, String)> {
        if w.cjk {
            // The word, then the shorter lexicon words inside it
            // (`社区工作者`: `社区`, `工作者`), so that titles cut into
            // other words still meet; the last is the head.
            return std::iter::once(w.text.clone())
                .chain(crate::zh::sub_words(&w.text))
                .map(|text| {
                    let surface = text.clone();
                    let term = Term {
                        text,
                        part: w.part,
                        alternatives: vec![],
                        halves: None,
                    };
                    (term, surface)
                })
                .collect();
        }
        let abbreviation = capitals.and_then(|capitals| {
            self.abbreviations.get(w.text.as_str()).filter(|_| {
                !CAPITALS_ONLY.contains(&w.text.as_str())
                    || capitals.contains(&w.text)
            })
        });
        match abbreviation {
            Some(alts) => {
                let first = &alts[0];
                let others: Vec<String> = alts[1..]
                    .iter()
                    .filter(|a| a.len() == 1)
                    .map(|a| self.stem(a[0]))
                    .collect();
                first
                    .iter()
                    .enumerate()
                    .map(|(i, word)| {
                        let term = Term {
                            text: self.stem(word),
                            part: w.part,
                            alternatives: if i == 0 && first.len() == 1 {
                                others.clone()
                            } else {
                                vec![]
                            },
                            halves: None,
                        };
                        (term, word.to_string())
                    })
                    .collect()
            }
            None => {
                let alternatives: Vec<String> =
                    w.parts.iter().map(|p| self.stem(p)).collect();
                let term = Term {
                    text: self.stem(&w.text),
                    part: w.part,
                    alternatives,
                    halves: w
                        .halves
                        .as_ref()
                        .map(|(a, b)| (self.stem(a), self.stem(b))),
                };
                vec![(term, w.text.clone())]
            }
        }
    }

    fn finish(
        &self,
        words: Vec<Word>,
        lang: Option<Lang>,
        drop_noise: bool,
        capitals: Option<&[String]>,
        out: &mut Analyzed,
    ) {
        // Mark the words that follow a preposition in their segment: the
        // head of `manager of operations` is `manager`.
        let mut after_prep = Vec::with_capacity(words.len());
        let mut seen_prep: Option<usize> = None;
        for w in &words {
            if seen_prep.is_some_and(|s| s != w.segment) {
                seen_prep = None;
            }
            after_prep.push(seen_prep.is_some());
            if HEAD_PREPOSITIONS.contains(&w.text.as_str())
                && words.iter().any(|x| {
                    x.segment == w.segment
                        && !self.stopwords.contains(x.text.as_str())
                })
            {
                seen_prep.get_or_insert(w.segment);
            }
        }
        // Drop stopwords, then noise unless nothing would remain.
        let kept: Vec<(Word, bool)> = words
            .into_iter()
            .zip(after_prep)
            .filter(|(w, _)| {
                !self.stopwords.contains(w.text.as_str())
                    && zh_kind(w) != Some(crate::zh::WordKind::Function)
            })
            .collect();
        let is_noise = |w: &Word| {
            if w.cjk {
                return zh_kind(w) == Some(crate::zh::WordKind::Noise);
            }
            !w.cjk
                && (self.noise.contains(w.text.as_str())
                    || w.text.bytes().any(|b| b.is_ascii_digit())
                    || w.text.len() == 1
                    || self.abbreviations.get(w.text.as_str()).is_some_and(
                        |a| a[0].len() == 1 && self.noise.contains(a[0][0]),
                    ))
        };
        let keep_all = !drop_noise || kept.iter().all(|(w, _)| is_noise(w));
        // Per segment: (segment, head before any preposition, last head).
        let mut heads: Vec<(usize, Option<String>, Option<String>)> = vec![];
        for (i, (w, after)) in kept.iter().enumerate() {
            if !keep_all && is_noise(w) {
                out.dropped.push(w.text.clone());
                let neighbours = [
                    i.checked_sub(1).and_then(|j| kept.get(j)),
                    kept.get(i + 1),
                ];
                // A trade grade is never part of the title: the index's
                // `journeyman/woman industrial electrician` is no reason
                // to read `journeyman electrician` as industrial.
                let grade = TRADE_GRADES.contains(&w.text.as_str());
                for (n, _) in neighbours.into_iter().flatten() {
                    if !grade
                        && n.segment == w.segment
                        && !n.cjk
                        && !is_noise(n)
                    {
                        out.noise_pairs
                            .push((self.stem(&w.text), self.stem(&n.text)));
                    }
                }
                continue;
            }
            if heads.last().map(|h| h.0) != Some(w.segment) {
                heads.push((w.segment, None, None));
            }
            let expanded = self.expand(w, capitals);
            let head_term = if w.cjk {
                expanded.last().map(|(t, _)| t.text.clone())
            } else {
                expanded
                    .iter()
                    .rev()
                    .find(|(t, _)| t.part == Part::Base)
                    .or(expanded.last())
                    .map(|(t, _)| t.text.clone())
            };
            if let Some(seg) = heads.last_mut() {
                let french = lang == Some(Lang::Fr);
                if french {
                    // French puts the head first: `agent de bord`.
                    if seg.1.is_none() {
                        seg.1 = head_term.clone();
                    }
                } else if !after {
                    seg.1 = head_term.clone();
                }
                seg.2 = head_term;
            }
            for (t, surface) in expanded {
                if !out.terms.iter().any(|x| x.text == t.text) {
                    out.terms.push(t);
                    // Official titles are never shown word by word.
                    if capitals.is_some() {
                        out.surfaces.push(surface);
                    }
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.heads = heads
            .into_iter()
            .filter_map(|(_, first, last)| first.or(last))
            .filter(|h| seen.insert(h.clone()))
            .collect();
    }
}

/// Prepositions after which a title names what the occupation works on,
/// not the occupation: the head noun stands before them.
/// The longest query read, in characters: the longest labelled job title
/// is some 150 characters, and a query is cut at a word boundary after
/// this many (the bound on the work for a garbage row, see: issue 11).
pub const MAX_QUERY_CHARS: usize = 256;

/// `text` cut to [`MAX_QUERY_CHARS`] characters, before the last word
/// that the cut would split (unless that word is all there is).
fn cap_query(text: &str) -> &str {
    let Some((end, _)) = text.char_indices().nth(MAX_QUERY_CHARS) else {
        return text;
    };
    let cut = &text[..end];
    if text[end..].starts_with(char::is_whitespace) {
        return cut;
    }
    match cut.rfind(char::is_whitespace) {
        Some(space) if space > 0 => &cut[..space],
        _ => cut,
    }
}

const HEAD_PREPOSITIONS: &[&str] =
    &["of", "in", "for", "at", "de", "du", "des", "en", "pour", "aux", "au"];

/// Technology names that punctuation would cut to a letter or a common
/// word, as the words [`ALIASES`] reads: `.net` (the framework, `Java
/// .NET developer`, `ASP.NET`) would leave `net`, `C++` and `C#` only
/// `c`, a single letter dropped as noise.
const SPELLED_NAMES: [(&str, &str); 3] =
    [(".net", "dotnet"), ("c++", "cplusplus"), ("c#", "csharp")];

/// Writes each of [`SPELLED_NAMES`] as its word when it stands alone: no
/// letter or digit right after it, and, for `c++` and `c#`, none right
/// before (`ASP.NET` is the framework too, `abc++` is not C++).
fn spell_names(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    'scan: while !rest.is_empty() {
        for (written, word) in SPELLED_NAMES {
            let Some(after) = rest.strip_prefix(written) else {
                continue;
            };
            let ends =
                !after.chars().next().is_some_and(char::is_alphanumeric);
            let starts = written.starts_with('.')
                || !out.chars().next_back().is_some_and(char::is_alphanumeric);
            if ends && starts {
                out.push(' ');
                out.push_str(word);
                out.push(' ');
                rest = after;
                continue 'scan;
            }
        }
        let mut chars = rest.chars();
        out.extend(chars.next());
        rest = chars.as_str();
    }
    out
}

/// Collects characters with every run of whitespace made one space and
/// none at either end.
fn collapse_spaces(chars: impl Iterator<Item = char>) -> String {
    // Sized once: growing a long duty statement char by char, one
    // reallocation after another, was much of what folding it cost.
    let mut out = String::with_capacity(chars.size_hint().0);
    let mut space = true;
    for c in chars {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A raw word of a text (its letters, and whether they are Han), or a
/// break between two segments.
enum Raw<'a> {
    Word(&'a str, bool),
    Break,
}

/// Reads `text` into raw words, in order: runs of letters and digits,
/// Han apart from the others, that keep `-` `'` `/` `.` `&` `·` between
/// two of them (`co-ordinator`, `women's`, `h/f`). A segment breaks
/// after the word before `,` `/` `(` `)` `|` `;` `:` `-` `[` `]` `·`
/// `•` and CJK punctuation. A word is a slice of `text`: nothing is
/// copied.
fn raw_words<'a>(text: &'a str, mut f: impl FnMut(Raw<'a>)) {
    // The current word: where it starts and ends, and whether it is Han.
    let mut word: Option<(usize, usize)> = None;
    let mut word_cjk = false;
    let flush = |f: &mut dyn FnMut(Raw<'a>),
                 word: &mut Option<(usize, usize)>,
                 cjk: bool| {
        if let Some((a, b)) = word.take() {
            f(Raw::Word(&text[a..b], cjk));
        }
    };
    let mut chars = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let prev_alnum = prev.is_some_and(char::is_alphanumeric);
        prev = Some(c);
        let end = i + c.len_utf8();
        // A Han character is a letter; CJK punctuation is not.
        let cjk = is_cjk(c) && c.is_alphabetic();
        let cjk_punctuation = is_cjk(c) && !cjk;
        if c.is_alphanumeric() && !cjk_punctuation {
            if word.is_some() && cjk != word_cjk {
                flush(&mut f, &mut word, word_cjk);
            }
            word_cjk = cjk;
            word = Some((word.map_or(i, |w| w.0), end));
            continue;
        }
        let next_alnum =
            chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        match c {
            // Inside a word: `co-ordinator`, `women's`, `h/f`.
            '-' | '\'' | '/' | '.' | '&' | '·' if prev_alnum && next_alnum => {
                word = Some((word.map_or(i, |w| w.0), end));
            }
            _ => {
                flush(&mut f, &mut word, word_cjk);
                if matches!(
                    c,
                    ',' | '/'
                        | '('
                        | ')'
                        | '|'
                        | ';'
                        | ':'
                        | '-'
                        | '['
                        | ']'
                        | '·'
                        | '•'
                ) || (is_cjk(c) && !cjk)
                {
                    f(Raw::Break);
                }
            }
        }
    }
    flush(&mut f, &mut word, word_cjk);
}

/// The characters `split_compound` reads: a word without any is one
/// piece, itself.
const COMPOUND_MARKS: [char; 6] = ['\'', '.', '/', '-', '&', '·'];

/// Splits `child-care` into `child`, `care`, but joins a hyphenated word
/// with a part of 1 to 3 letters (`co-ordinator` → `coordinator`,
/// `e-business`, `x-ray`), so that both spellings meet. Apostrophes and
/// dots are removed (`women's` → `womens`, `b.sc` → `bsc`); a French
/// gendered pair `travailleur/travailleuse` keeps its first word;
/// `&` splits. French elisions (`d'`, `l'`) and the English possessive
/// `'s` are removed, and inclusive writing `gérant·e` keeps `gérant`.
fn split_compound(word: &str) -> Vec<String> {
    // French elision (`d'épicerie`) and English possessive (`women's`).
    let mut word = word;
    for elided in ["d'", "l'", "qu'", "j'", "n'", "s'", "c'", "m'", "t'"] {
        if let Some(rest) = word.strip_prefix(elided) {
            word = rest;
            break;
        }
    }
    let word = word.strip_suffix("'s").unwrap_or(word);
    // Inclusive French writing: `gérant·e` and `candidat.e` are `gérant`
    // and `candidat`.
    let word = word.split('·').next().unwrap_or(word);
    let word = match word.rsplit_once('.') {
        Some((
            stem,
            "e" | "es" | "ne" | "ere" | "euse" | "trice" | "rice",
        )) if stem.chars().count() >= 3 => stem,
        _ => word,
    };
    let word = word.replace(['\'', '.'], "");
    if let Some((first, second)) = word.split_once('/') {
        // Gendered pair: the second form shares a stem with the first.
        if !first.is_empty()
            && (stem(first) == stem(second) || is_feminine_pair(first, second))
        {
            return split_compound(first);
        }
        return [first, second]
            .iter()
            .filter(|s| !s.is_empty())
            .flat_map(|s| split_compound(s))
            .collect();
    }
    let parts: Vec<&str> =
        word.split(['-', '&']).filter(|p| !p.is_empty()).collect();
    if parts.len() > 1 && word.contains('-') {
        let short = parts.iter().any(|p| p.chars().count() <= 3)
            && parts.len() == 2
            && !word.contains('&');
        if short && !STOPWORDS.contains(&parts[1]) {
            return vec![parts.concat()];
        }
    }
    parts.into_iter().map(str::to_string).collect()
}

/// Whether `word` is only the other gender's ending of the French word
/// before it (`coordonnateur` `trice`, `coordonnatrice` `teur`,
/// `conseiller` `ere`, `technicien` `ne`). Works on folded text.
fn is_gender_ending(before: &str, word: &str) -> bool {
    match word {
        "trice" | "rice" => before.ends_with("teur"),
        "teur" => before.ends_with("trice"),
        "euse" => before.ends_with("eur"),
        "eur" => before.ends_with("euse"),
        "ere" | "iere" => before.ends_with("er"),
        "ienne" | "enne" | "ne" => before.ends_with('n'),
        "fe" => before.ends_with('f'),
        "te" => before.ends_with('t'),
        _ => false,
    }
}

/// French feminine endings written in parentheses (`conseiller(ère)`,
/// `mécanicien (ne)`, `employé(e)`) name the same occupation: they are
/// removed, keeping the masculine form the index is searched with.
/// Works on folded text (accents already removed).
fn strip_gender_endings(text: String) -> String {
    const ENDINGS: [&str; 14] = [
        "e", "es", "ne", "nes", "ere", "euse", "trice", "rice", "se", "le",
        "ve", "ive", "fe", "te",
    ];
    if !text.contains('(') {
        return text;
    }
    // One pass over the parenthesised parts: `(trice)`, `(-trice)` and
    // `( trice )` go, any other part stays.
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    // Each `)` closes the nearest `(` before it, so a nested ending
    // (`(agent (e) de bureau)`) goes as well.
    while let Some(close) = rest.find(')') {
        let Some(open) = rest[..close].rfind('(') else {
            out.push_str(&rest[..=close]);
            rest = &rest[close + 1..];
            continue;
        };
        let inner = &rest[open + 1..close];
        let ending = inner
            .strip_prefix('-')
            .or_else(|| inner.strip_prefix(' ')?.strip_suffix(' '))
            .unwrap_or(inner);
        out.push_str(&rest[..open]);
        if !ENDINGS.contains(&ending) {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Sets an `(except …)` / `(sauf …)` / `(除…)` / `(…除外)` part apart.
fn split_exception(text: String) -> (String, Option<String>) {
    // Every form below opens with a parenthesis: most text has none and
    // is kept as it is, with no search.
    if !text.contains(['(', '（']) {
        return (text, None);
    }
    // Chinese puts the word last: `（软件工程师和设计师除外）`.
    if let Some(end) = text.find("除外)").or_else(|| text.find("除外）"))
    {
        if let Some(open) = text[..end].rfind(['(', '（']) {
            let open_len =
                text[open..].chars().next().map_or(1, char::len_utf8);
            let close = end + "除外".len();
            let close_len =
                text[close..].chars().next().map_or(0, char::len_utf8);
            let rest =
                format!("{} {}", &text[..open], &text[close + close_len..]);
            return (
                rest.trim().to_string(),
                Some(text[open + open_len..end].to_string()),
            );
        }
    }
    for open in ["(except ", "(sauf ", "(excluding ", "(除", "（除"] {
        if let Some(i) = text.find(open) {
            let after = &text[i + open.len()..];
            let end = after.find([')', '）']).unwrap_or(after.len());
            let rest = format!(
                "{} {}",
                &text[..i],
                after.get(end + 1..).unwrap_or("")
            );
            return (rest.trim().to_string(), Some(after[..end].to_string()));
        }
    }
    (text, None)
}

/// Splits off what follows the first ` - ` (the dash was folded to `-`)
/// or ` | ` (job boards: `Store Manager | Mall name | City`).
fn split_qualifier(text: String) -> (String, Option<String>) {
    let at = [" - ", " | "].iter().filter_map(|sep| text.find(sep)).min();
    match at.map(|i| (&text[..i], &text[i + 3..])) {
        Some((base, q)) if !base.trim().is_empty() => {
            (base.trim().to_string(), Some(q.trim().to_string()))
        }
        _ if text.trim().len() == text.len() => (text, None),
        _ => (text.trim().to_string(), None),
    }
}

/// Turns an inverted index title around: `co-ordinator, community
/// centre` → `community centre co-ordinator`. Only a single comma whose
/// first part is one word is read as an inversion; other commas separate
/// segments.
///
/// In an official title (`official`), a first word followed by a list
/// (`meat, poultry and fish chef`, `heating, ventilating and air
/// conditioning technician`) is the list's first item, not an inverted
/// head: the NOC's 40 such titles are all lists, its inversions never
/// hold `and` or `or`. Queries keep the inversion, since job postings
/// write `Manager, Sales and Marketing`.
fn uninvert(text: String, official: bool) -> String {
    let mut parts = text.splitn(3, ", ");
    match (parts.next(), parts.next(), parts.next()) {
        (Some(head), Some(rest), None)
            if !head.contains(' ') && !rest.is_empty() =>
        {
            let list = [" and ", " or ", " et ", " ou "]
                .iter()
                .any(|c| rest.contains(c));
            if official && list {
                format!("{head} {rest}")
            } else {
                format!("{rest} {head}")
            }
        }
        _ => text,
    }
}

/// `text` with each one-word parenthesis inside a title read as a word of
/// it: `information technology (it) security analyst` is
/// `information technology it security analyst`, whose head is
/// `analyst`. The index writes 240 titles so, and as separate segments
/// their head would be `technology`. A parenthesis that ends the text or
/// holds several words stays a segment of its own.
fn inline_glosses(text: String) -> String {
    if !text.contains('(') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find(" (") {
        let after = &rest[open + 2..];
        // One word in the parenthesis, then a space and another word.
        let gloss = after.split_once(')').filter(|(g, tail)| {
            !g.is_empty()
                && !g.contains([' ', '('])
                && tail
                    .strip_prefix(' ')
                    .and_then(|t| t.chars().next())
                    .is_some_and(char::is_alphanumeric)
        });
        match gloss {
            Some((g, tail)) => {
                out.push_str(&rest[..open]);
                out.push(' ');
                out.push_str(g);
                rest = tail;
            }
            None => {
                out.push_str(&rest[..open + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reduces a folded word to a stem shared by its singular and plural and
/// its masculine and feminine forms (English and French):
/// `secretaries` → `secretary`, `workers` → `worker`, `travailleuse` →
/// `travailleur`, `directrice` → `directeur`, `infirmiere` → `infirmier`,
/// `technicienne` → `technicien`, `intervenante` → `intervenant`.
///
/// # Example
/// ```
/// use noc::normalize::stem;
/// assert_eq!(stem("workers"), "worker");
/// assert_eq!(stem("travailleuses"), "travailleur");
/// assert_eq!(stem("business"), "business");
/// ```
pub fn stem(word: &str) -> String {
    let w = word;
    let n = w.chars().count();
    if n <= 3 || !w.is_ascii() {
        return w.to_string();
    }
    let mut s = plural(w);
    for (from, to) in [
        ("euse", "eur"),
        ("trice", "teur"),
        ("ienne", "ien"),
        ("eure", "eur"),
        ("ere", "er"),
        ("elle", "el"),
        ("nte", "nt"),
        ("ive", "if"),
        ("ale", "al"),
        ("ee", "e"),
    ] {
        if s.len() > from.len() + 2 && s.ends_with(from) {
            s.truncate(s.len() - from.len());
            s.push_str(to);
            break;
        }
    }
    s
}

fn plural(w: &str) -> String {
    if w.ends_with("men") && w.len() > 4 {
        return format!("{}man", &w[..w.len() - 3]);
    }
    if w.ends_with("mens") && w.len() > 5 {
        return format!("{}man", &w[..w.len() - 4]);
    }
    if w.ends_with("aux") && w.len() > 5 {
        return format!("{}al", &w[..w.len() - 3]);
    }
    if w.ends_with("ies") && w.len() > 4 {
        return format!("{}y", &w[..w.len() - 3]);
    }
    for suffix in ["sses", "xes", "ches", "shes", "zes"] {
        if w.ends_with(suffix) {
            return w[..w.len() - 2].to_string();
        }
    }
    if (w.ends_with('s') || w.ends_with('x'))
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("ys")
    {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        Normalizer::shared()
            .analyze(text)
            .terms
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn ascii_fast_path_agrees_with_unicode_path() {
        let n = Normalizer::shared();
        for s in ["  Youth\tWorker  ", "Sr. Mgr `x`", "A-B / C", "", "   "] {
            let slow: String = {
                // The Unicode path, forced by a non-ASCII space that
                // folds to an ordinary one.
                let t = format!("{s}\u{3000}");
                n.fold(&t)
            };
            assert_eq!(n.fold(s), slow.trim_end(), "{s:?}");
        }
    }

    #[test]
    fn folds_case_accents_and_spaces() {
        let n = Normalizer::shared();
        assert_eq!(n.fold("  Ingénieure\u{3000}CIVILE "), "ingenieure civile");
        assert_eq!(n.fold("Œuvre"), "oeuvre");
        assert_eq!(n.fold("ＡＢＣ"), "abc");
    }

    #[test]
    fn qualifier_and_exception_are_parts() {
        let a = Normalizer::shared()
            .analyze("child-care worker (except day care) - social services");
        let parts: Vec<(String, Part)> =
            a.terms.iter().map(|t| (t.text.clone(), t.part)).collect();
        assert_eq!(
            parts,
            [
                ("child".into(), Part::Base),
                ("care".into(), Part::Base),
                ("worker".into(), Part::Base),
                ("social".into(), Part::Qualifier),
                ("service".into(), Part::Qualifier),
            ]
        );
        assert_eq!(a.exception, ["day", "care"]);
        assert_eq!(a.head(), Some("worker"));
    }

    #[test]
    fn a_bar_sets_a_qualifier_apart_too() {
        let a = Normalizer::shared()
            .analyze("Physiotherapist | Long-Term Care - Hensall");
        let parts: Vec<Part> = a.terms.iter().map(|t| t.part).collect();
        assert_eq!(parts[0], Part::Base);
        assert!(parts[1..].iter().all(|p| *p == Part::Qualifier));
        assert_eq!(a.head(), Some("physiotherapist"));
    }

    #[test]
    fn en_dash_and_hyphen_qualifiers_agree() {
        assert_eq!(
            Normalizer::shared().analyze("worker – social services"),
            Normalizer::shared().analyze("worker - social services")
        );
    }

    #[test]
    fn inverted_titles_turn_around() {
        assert_eq!(
            stems("co-ordinator, community centre"),
            stems("community centre co-ordinator")
        );
        assert_eq!(
            Normalizer::shared().analyze("coach, life skills").head(),
            Some("coach")
        );
        // An official title that starts with a list is not inverted.
        let n = Normalizer::shared();
        let a = n.analyze_title("meat, poultry and fish chef", Lang::En);
        assert_eq!(a.head(), Some("chef"));
        let a = n.analyze_query("Manager, Sales and Marketing", None);
        assert_eq!(a.head(), Some("manager"));
    }

    #[test]
    fn hyphens_join_short_parts_and_split_long_ones() {
        assert_eq!(stems("co-ordinator"), stems("coordinator"));
        assert_eq!(stems("child-care worker"), ["child", "care", "worker"]);
        assert_eq!(
            stems("meals-on-wheels worker"),
            ["meal", "wheel", "worker"]
        );
    }

    #[test]
    fn a_joined_hyphenated_word_keeps_its_two_parts() {
        // The matcher reads `bus-driver` as `bus driver` when the index
        // has no `busdriver`; the parts are stemmed like any word.
        let halves = |text: &str| {
            Normalizer::shared().analyze(text).terms[0].halves.clone()
        };
        assert_eq!(
            halves("bus-drivers"),
            Some(("bus".into(), "driver".into()))
        );
        assert_eq!(
            halves("co-ordinator"),
            Some(("co".into(), "ordinator".into()))
        );
        // Split words and plain words have none.
        assert_eq!(halves("child-care"), None);
        assert_eq!(halves("driver"), None);
        assert_eq!(halves("b.sc"), None);
    }

    #[test]
    fn a_qualifier_leaves_the_base_words_as_they_were() {
        // A joined word keeps its long part as an alternative (`sans`, stemmed,
        // of `sans-fil`), also when a qualifier follows: the base's words
        // are split once, not again with the qualifier's.
        let n = Normalizer::shared();
        let alternatives = |text: &str| {
            n.analyze(text)
                .terms
                .into_iter()
                .find(|t| t.text == "sansfil")
                .map(|t| t.alternatives)
        };
        assert_eq!(alternatives("ventes sans-fil"), Some(vec!["san".into()]));
        assert_eq!(
            alternatives("ventes sans-fil - marche central"),
            alternatives("ventes sans-fil")
        );
    }

    #[test]
    fn french_gendered_forms_meet() {
        assert_eq!(
            stems("travailleur/travailleuse social"),
            stems("travailleuse sociale")
        );
        assert_eq!(stems("intervenant/intervenante"), stems("intervenante"));
        assert_eq!(stems("infirmière"), stems("infirmier"));
        assert_eq!(stems("directrice"), stems("directeur"));
        assert_eq!(stems("technicienne"), stems("technicien"));
        assert_eq!(stems("conseillère"), stems("conseiller"));
    }

    #[test]
    fn plurals_meet_singulars() {
        for (a, b) in [
            ("secretaries", "secretary"),
            ("workers", "worker"),
            ("womens shelter", "women shelter"),
            ("coaches", "coach"),
            ("fishermen", "fisherman"),
            ("services", "service"),
        ] {
            assert_eq!(stems(a), stems(b), "{a} / {b}");
        }
        assert_eq!(stem("business"), "business");
        assert_eq!(stem("analysis"), "analysis");
        assert_eq!(stem("bus"), "bus");
    }

    #[test]
    fn abbreviations_expand() {
        let same = [
            ("Sr. Mgr", "manager"),
            ("RN", "registered nurse"),
            ("PSW", "personal support worker"),
            ("HR asst", "human resources assistant"),
            ("CSR", "customer service representative"),
            ("QA tech", "quality assurance technician"),
            ("eng mgr", "engineer manager"),
            ("software dev", "software developer"),
            ("sales rep", "sales representative"),
            ("IT coord", "information technology coordinator"),
            ("jr. acct", "accountant"),
            ("supv", "supervisor"),
            ("LPN", "licensed practical nurse"),
            ("Asst. Dir.", "assistant director"),
            ("Lab Tech", "laboratory technician"),
            ("BI developer", "business intelligence developer"),
            ("SLP", "speech-language pathologist"),
            ("RMT", "registered massage therapist"),
            ("MLT", "medical laboratory technologist"),
        ];
        for (short, long) in same {
            assert_eq!(stems(short), stems(long), "{short}");
        }
        let a = Normalizer::shared().analyze("admin assistant");
        assert_eq!(a.terms[0].text, "administrator");
        assert_eq!(
            a.terms[0].alternatives,
            [stem("administrative"), stem("administration")]
        );
    }

    #[test]
    fn aliases_name_general_words() {
        let same = [
            (".NET developer", "software developer"),
            ("C++ developer", "software developer"),
            ("C# programmer", "software programmer"),
            ("Java .NET Developer", "software developer"),
            ("ASP.NET programmer", "asp software programmer"),
            ("Salesforce administrator", "information systems administrator"),
            ("SAP consultant", "information systems consultant"),
            ("SCADA technician", "control systems technician"),
            ("railroad conductor", "railway conductor"),
            ("hi-lo operator", "forklift operator"),
            ("railcar repairer", "railway car repairer"),
            ("Cab Driver", "taxi driver"),
            ("Kotlin developer", "software developer"),
            ("Android developer", "mobile application developer"),
            ("Linux administrator", "computer network administrator"),
            ("Revit technician", "drafting technician"),
            ("Flight Stewardess", "flight steward"),
            ("Housecleaning", "house cleaning"),
        ];
        for (alias, general) in same {
            assert_eq!(stems(alias), stems(general), "{alias}");
        }
        // `sap` is a word too; only `SAP` is the software.
        assert_eq!(stems("sap gatherer"), ["sap", "gatherer"]);
        // Only a whole `.net` is the framework, and only a `c` alone is
        // the language.
        assert_eq!(stems("a.network"), ["anetwork"]);
        assert_eq!(
            stems("C++/C# developer"),
            stems("software software developer")
        );
        assert_eq!(stems("abc++ developer"), ["abc", "developer"]);
        // An owner is read as the owner and, next, as the manager: the
        // index's own owner titles (`truck owner operator`) still match
        // as written.
        let q = Normalizer::shared().analyze_query("Farm owner", None);
        assert_eq!(q.terms[1].text, "owner");
        assert_eq!(q.terms[1].alternatives, ["manager"]);
        let q =
            Normalizer::shared().analyze_query("Propriétaire de ferme", None);
        assert_eq!(q.terms[0].alternatives, ["directeur"]);
        // Official titles are not read through aliases.
        let t =
            Normalizer::shared().analyze_title("railroad worker", Lang::En);
        assert_eq!(t.terms[0].text, "railroad");
    }

    #[test]
    fn noise_beside_a_kept_word_is_recorded() {
        let a = Normalizer::shared().analyze("Remote Sensing Analyst");
        assert_eq!(a.dropped, ["remote"]);
        assert_eq!(a.noise_pairs, [("remote".into(), "sensing".into())]);
        let a = Normalizer::shared().analyze("order entry clerk - part time");
        assert_eq!(
            a.noise_pairs,
            [
                ("entry".to_string(), "order".to_string()),
                ("entry".to_string(), "clerk".to_string())
            ]
        );
    }

    #[test]
    fn american_spellings_meet_canadian_ones() {
        assert_eq!(
            stems("Substance Abuse Counselors"),
            stems("substance abuse counsellor")
        );
        assert_eq!(stems("Labor Relations"), stems("labour relations"));
        assert_eq!(stems("Fitness Center"), stems("fitness centre"));
        assert_eq!(stems("Core Molder"), stems("core moulder"));
        assert_eq!(stems("Aesthetician"), stems("esthetician"));
        assert_eq!(stems("coordinatrice"), stems("coordonnateur"));
        assert_eq!(stems("Tax Advisers"), stems("tax advisor"));
        assert_eq!(stems("Belt Conveyor Drier"), stems("belt conveyor dryer"));
        assert_eq!(stems("driver's license"), stems("driver licence"));
    }

    #[test]
    fn masculine_feminine_and_neutral_forms_are_one_stem() {
        assert_eq!(stems("salesman"), ["salesperson"]);
        assert_eq!(stems("saleswomen"), ["salesperson"]);
        assert_eq!(stems("tradesperson"), stems("tradesman"));
        assert_eq!(stems("waitress"), ["waiter"]);
        assert_eq!(stems("headmistress"), ["headmaster"]);
        // Too short a stem to be a compound: `human`, `woman`.
        assert_eq!(stems("human"), ["human"]);
        assert_eq!(stems("woman"), ["woman"]);
    }

    #[test]
    fn english_gendered_pairs_are_one_word() {
        // The index's `foreman/woman`: one word, which is the head, not
        // `woman`.
        let n = Normalizer::shared();
        let a =
            n.analyze_title("general construction foreman/woman", Lang::En);
        assert_eq!(a.head(), Some("foreperson"));
        assert_eq!(stems("fishermen/women"), ["fisherperson"]);
        assert_eq!(stems("waiter/waitress"), ["waiter"]);
        assert_eq!(stems("postmaster/mistress"), ["postmaster"]);
        assert_eq!(stems("bus boy/girl"), ["bus", "boy"]);
        assert_eq!(stems("hired man/woman"), ["hired", "man"]);
        // Not a gendered pair: both words stay.
        assert_eq!(
            stems("steamfitter/pipefitter"),
            ["steamfitter", "pipefitter"]
        );
    }

    #[test]
    fn ambiguous_abbreviations_need_capitals() {
        assert_eq!(stems("HR assistant"), stems("human resources assistant"));
        assert_eq!(stems("Electrician 45 hr"), ["electrician", "hr"]);
        assert_eq!(
            stems("IT support"),
            stems("information technology support")
        );
        assert_eq!(stems("it support"), ["it", "support"]);
        assert_eq!(stems("AP Clerk"), stems("accounts payable clerk"));
        assert_eq!(stems("Math teacher"), stems("mathematics teacher"));
        assert_eq!(stems("Healthcare aide"), stems("health care aide"));
        assert_eq!(stems("ap clerk"), ["ap", "clerk"]);
    }

    #[test]
    fn elision_possessive_and_inclusive_writing() {
        assert_eq!(stems("Gérant·e d'épicerie"), ["gerant", "epicerie"]);
        // The ending cut off from its word by a hyphen or a space.
        for cut in [
            "coordonnateur-trice de site",
            "coordonnateur trice de site",
            "coordonnatrice teur de site",
        ] {
            assert_eq!(stems(cut), stems("coordonnateur de site"), "{cut}");
        }
        assert_eq!(stems("Vendeur euse"), stems("vendeur"));
        // Duties are read the same way (the fuzzer found `t te`).
        let n = Normalizer::shared();
        for text in
            ["t\0te", "t te", "vendeur, euse", "coordonnateur trice 社区 ne"]
        {
            let title: Vec<String> = n
                .analyze_title(text, Lang::En)
                .terms
                .into_iter()
                .map(|t| t.text)
                .collect();
            assert_eq!(n.duty_terms(text), title, "{text:?}");
        }
        assert_eq!(
            stems("Coordonnateur (trice) administratif (ve)"),
            stems("coordonnateur administratif")
        );
        assert_eq!(
            stems("Agent (de bureau (e)) principal"),
            stems("agent (de bureau) principal")
        );
        assert_eq!(
            stems("Concepteur(-trice) narratif"),
            stems("concepteur narratif")
        );
        assert_eq!(
            stems("Conseiller ère en ventes"),
            stems("conseiller en ventes")
        );
        assert_eq!(
            stems("Technicien ne en informatique"),
            stems("technicien en informatique")
        );
        // Only after a word it could end: `rice` is a word of its own.
        assert_eq!(stems("rice mill worker"), ["rice", "mill", "worker"]);
        assert_eq!(stems("mill rice"), ["mill", "rice"]);
        assert_eq!(stems("women's shelter"), stems("woman shelter"));
        assert_eq!(stems("préposé à l'entretien"), ["prepose", "entretien"]);
    }

    #[test]
    fn noise_is_dropped_unless_alone() {
        assert_eq!(
            stems("Senior Youth Worker II (PT) - Toronto"),
            ["youth", "worker"]
        );
        assert_eq!(stems("Cashier (P/T) #12345"), ["cashier"]);
        assert_eq!(stems("Remote bilingual part-time casual cook"), ["cook"]);
        assert_eq!(stems("Senior"), ["senior"]);
        assert_eq!(
            stems("Opérateur de chargeur - Longueuil"),
            ["operateur", "chargeur"]
        );
        assert_eq!(stems("Caissier (H/F) temps partiel"), ["caissier"]);
        assert_eq!(stems("Electrician Job Details"), ["electrician"]);
        let a = Normalizer::shared().analyze("Lead Developer");
        assert_eq!(a.dropped, ["lead"]);
        // A trade grade is dropped, and not kept beside the trade even
        // where an index title has both.
        let a = Normalizer::shared().analyze("Journeyman Electrician");
        assert_eq!(a.dropped, ["journeyman"]);
        assert!(a.noise_pairs.is_empty());
    }

    #[test]
    fn official_titles_keep_noise_words() {
        let n = Normalizer::shared();
        let t = n.analyze_title("contract administrator", Lang::En);
        assert_eq!(t.terms.len(), 2);
        let t =
            n.analyze_title("registered psychiatric nurse (R.P.N.)", Lang::En);
        assert!(!t.terms.iter().any(|t| t.text == "practical"));
        assert_eq!(n.analyze("contract administrator").terms.len(), 1);
    }

    #[test]
    fn chinese_gives_words() {
        assert_eq!(stems("社区工作者"), ["社区工作者", "社区", "工作者"]);
        assert_eq!(
            Normalizer::shared().analyze("社区工作者").head(),
            Some("工作者")
        );
        // Traditional script reads as simplified; noise (高级) is
        // dropped from queries but kept in titles.
        assert_eq!(stems("高級會計師"), ["高级会计师", "会计师"]);
        assert_eq!(stems("高級 會計"), ["会计"]);
        let title = Normalizer::shared().analyze_title("高级会计师", Lang::Zh);
        assert_eq!(title.terms.len(), 2);
        for title in
            ["儿童保健工作者（除日间护理）", "儿童保健工作者（日间护理除外）"]
        {
            let a = Normalizer::shared().analyze(title);
            assert!(!a.exception.is_empty(), "{title}");
            assert!(a.terms.iter().all(|t| !a.exception.contains(&t.text)));
        }
    }

    #[test]
    fn heads_stand_before_prepositions_and_first_in_french() {
        let n = Normalizer::shared();
        let a = n.analyze(
            "Managers in social, community and correctional services",
        );
        assert_eq!(a.head(), Some("manager"));
        assert_eq!(n.analyze("Manager of Operations").head(), Some("manager"));
        let a = n.analyze_query("intervenante en toxicomanie", Some(Lang::Fr));
        assert_eq!(a.head(), Some("intervenant"));
        let a = n.analyze_title("agent/agente de bord", Lang::Fr);
        assert_eq!(a.head(), Some("agent"));
    }

    #[test]
    fn a_parenthesised_abbreviation_inside_a_title_is_a_word_of_it() {
        let n = Normalizer::shared();
        let a = n.analyze_title(
            "information technology (IT) security analyst",
            Lang::En,
        );
        assert_eq!(a.head(), Some("analyst"));
        assert!(a.terms.iter().any(|t| t.text == "it"));
        // At the end, or of several words, it stays a segment.
        assert_eq!(
            inline_glosses("registered nurse (rn)".into()),
            "registered nurse (rn)"
        );
        assert_eq!(
            inline_glosses("cook (night shift) kitchen".into()),
            "cook (night shift) kitchen"
        );
        assert_eq!(inline_glosses("a (b) (c) d".into()), "a (b) c d");
        assert_eq!(inline_glosses("a ( b) c (".into()), "a ( b) c (");
    }

    #[test]
    fn heads_of_segments() {
        let a = Normalizer::shared()
            .analyze("Associate Director, Quantitative Developer");
        assert_eq!(a.heads, ["director", "developer"]);
        let a = Normalizer::shared().analyze("Registered Nurse - ICU");
        assert_eq!(a.head(), Some("nurse"));
    }

    /// See: issue 11 (a 1 MB single-word line took 128 s).
    #[test]
    fn long_queries_are_cut_at_a_word_boundary() {
        let n = Normalizer::shared();
        let word = "a".repeat(1_000_000);
        assert_eq!(cap_query(&word).len(), MAX_QUERY_CHARS);
        let long = format!("{} social worker", "x ".repeat(200));
        let cut = cap_query(&long);
        assert!(cut.len() <= MAX_QUERY_CHARS && cut.ends_with('x'), "{cut}");
        assert_eq!(cap_query("youth worker"), "youth worker");
        // Cut before the word the cap would split.
        let text = format!("{} welder", "é".repeat(MAX_QUERY_CHARS - 3));
        assert_eq!(cap_query(&text), "é".repeat(MAX_QUERY_CHARS - 3));
        let t = std::time::Instant::now();
        let a = n.analyze_query(&word, None);
        assert_eq!(a.terms.len(), 1);
        assert!(t.elapsed().as_secs() < 5);
    }

    #[test]
    fn empty_and_symbol_only_input() {
        for s in ["", "   ", "!!!", "()", "-", "\u{3000}"] {
            let a = Normalizer::shared().analyze(s);
            assert!(a.terms.is_empty(), "{s:?}");
        }
    }

    /// The terms of `analyze_title`, which `duty_terms` must give.
    fn title_terms(text: &str) -> Vec<String> {
        let n = Normalizer::shared();
        n.analyze_title(text, Lang::En)
            .terms
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    /// French duties keep only words of work: `vers` (stemmed `ver`),
    /// `leurs`, `qui`, `m'` matched unrelated statements that shared them.
    #[test]
    fn french_function_words_are_not_duty_terms() {
        let n = Normalizer::shared();
        assert_eq!(
            n.duty_terms(
                "Orienter les clients vers leurs ressources, qui me \
                 permettent de m'assurer de tout"
            ),
            ["orienter", "client", "ressource", "permettent", "assurer"]
        );
    }

    /// A function word that is also a noun of work stays: `son` is
    /// "sound" in `technicien du son`, which must not read as a bare
    /// `technicien`. French spelling variants meet (`paie`, `paye`).
    #[test]
    fn french_nouns_of_work_stay_and_variants_meet() {
        let n = Normalizer::shared();
        assert_eq!(n.duty_terms("technicien du son"), ["technicien", "son"]);
        assert_eq!(
            n.duty_terms("commis à la paie"),
            n.duty_terms("commis à la paye")
        );
        assert_eq!(n.duty_terms("Chef.fe cuisinier"), ["chef", "cuisinier"]);
        assert_eq!(
            n.duty_terms("cheffe d'équipe"),
            n.duty_terms("chef d'équipe")
        );
    }

    #[test]
    fn duty_terms_are_the_terms_of_a_title() {
        let n = Normalizer::shared();
        // Every statement of the seed profile, both languages.
        let c = crate::embedded::classification();
        let mut texts: Vec<String> = vec![];
        for g in c.unit_groups() {
            for (_, t) in g.lead_statement.iter() {
                texts.push(t.clone());
            }
            for item in g.main_duties.iter().flat_map(|s| &s.items) {
                texts.extend(item.iter().map(|(_, t)| t.clone()));
            }
        }
        assert!(texts.len() > 10);
        // And text made of the pieces every rule reads, in pseudo-random
        // order (a fixed seed: the same texts on every run).
        const PIECES: [&str; 32] = [
            "co-ordinator",
            "d'épicerie",
            "women's",
            "h/f",
            "(except ",
            "(sauf ",
            ")",
            " - ",
            ", ",
            "/",
            "child-care",
            "x-ray",
            "&",
            "gérant·e",
            "conseiller(ère)",
            "Supervised",
            "the",
            "of",
            "社区工作者",
            "的",
            "RN",
            "salesmen",
            "journeyperson",
            "1st",
            "b.sc",
            "œuvre",
            "  ",
            ";",
            "meals-on-wheels",
            "é",
            "-",
            "'",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..5_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for _ in 0..(state % 9) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(PIECES[(state % 32) as usize]);
                if state % 3 == 0 {
                    text.push(' ');
                }
            }
            texts.push(text);
        }
        for t in &texts {
            assert_eq!(n.duty_terms(t), title_terms(t), "{t:?}");
        }
    }
}
