//! Telling a reference letter's furniture from its duties.
//!
//! Consultants paste whole letters: a letterhead, a date, `To whom it may
//! concern`, a sentence on the dates, hours and pay of the employment,
//! the duties, a closing and a signature. Read as duties, the employer's
//! name in the letterhead (`Hope Community Services`) "covers" a main duty
//! of community service workers and the hours sentence another, which
//! inflates a check. [`LetterPart`] names what is set aside instead, and
//! the check lists it, so that nothing is lost from view.
//!
//! The rules are deliberately narrow, so that a real duty is not set
//! aside:
//!
//! - the lines above a greeting (`Dear …`, `To whom it may concern`,
//!   `Madame, Monsieur`, `尊敬的…`) and below a closing (`Sincerely`,
//!   `Regards`, `Cordialement`, `此致`) are the letterhead and the
//!   signature, when there are at most [`MAX_FRAME_LINES`] of them;
//! - a line with an e-mail or web address, a labelled phone number
//!   (`Tel:`, `电话：`) or one of nine digits or more is contact details;
//! - a line that is only a date (`March 3, 2024`, `2024年3月3日`) is a date;
//! - a statement on hours (`37.5 hours per week`, `每周工作40小时`), pay
//!   (a pay word and an amount of money) or dates of employment
//!   (`employed … since June 1, 2019`) is a term of employment, and a
//!   statement that only frames the letter (`This letter confirms …`,
//!   `Please do not hesitate to contact me`) is a formula.
//!
//! Praise (`a dedicated and reliable employee`) is not recognised: it is
//! read as a duty and is then "not in this profile".

use serde::{Deserialize, Serialize};

use crate::zh::simplify;

/// A line lower-cased, traditional Chinese folded to simplified, for the
/// word lists below (written in simplified script).
fn folded(line: &str) -> String {
    simplify(&line.to_lowercase()).into_owned()
}

/// The most lines a letterhead or a signature block may have: above a
/// greeting further down, or below a closing further up, the text is not
/// a letter's frame.
pub const MAX_FRAME_LINES: usize = 12;

/// A part of a pasted text that is not a duty statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LetterPart {
    /// Above the greeting: the employer's name and address, a reference.
    Letterhead,
    /// A greeting, a closing or a sentence that frames the letter.
    Formula,
    /// Below the closing: the name and position of who signs.
    Signature,
    /// An e-mail or web address, a phone number.
    Contact,
    /// A date on a line of its own.
    Date,
    /// Dates of employment, hours or pay.
    Terms,
    /// Praise of the person (`She is a dedicated employee`, `I highly
    /// recommend him`).
    Praise,
}

impl LetterPart {
    /// How reports name it.
    pub fn label(self) -> &'static str {
        match self {
            LetterPart::Letterhead => "letterhead",
            LetterPart::Formula => "letter formula",
            LetterPart::Signature => "signature",
            LetterPart::Contact => "contact details",
            LetterPart::Date => "date",
            LetterPart::Terms => "terms of employment",
            LetterPart::Praise => "praise",
        }
    }
}

/// A piece of the text set aside, with what it was read as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    /// The text, as written.
    pub text: String,
    /// What it was read as.
    pub part: LetterPart,
}

/// Greetings that open a letter, lower-cased.
const GREETINGS: &[&str] = &[
    "dear ",
    "to whom it may concern",
    "to whom this may concern",
    "à qui de droit",
    "a qui de droit",
    "madame, monsieur",
    "madame,",
    "monsieur,",
    "bonjour",
    "尊敬的",
    "致相关",
    "敬启者",
];

/// Closings that end a letter, lower-cased.
const CLOSINGS: &[&str] = &[
    "sincerely",
    "yours sincerely",
    "yours truly",
    "yours faithfully",
    "respectfully",
    "best regards",
    "kind regards",
    "warm regards",
    "with regards",
    "regards",
    "best wishes",
    "cordially",
    "cordialement",
    "veuillez agréer",
    "veuillez recevoir",
    "salutations",
    "此致",
    "敬礼",
    "顺颂",
];

/// Sentences that frame a letter rather than describe work, lower-cased.
const FORMULAS: &[&str] = &[
    "this letter ",
    "this is to certify",
    "this is to confirm",
    "this is to verify",
    "i am writing ",
    "i am pleased to ",
    "please do not hesitate",
    "please feel free",
    "feel free to contact",
    "should you have any",
    "should you require",
    "if you have any question",
    "if you require",
    "if you need any further",
    "for further information",
    "la présente",
    "nous certifions",
    "je certifie",
    "n'hésitez pas",
    "兹证明",
    "特此证明",
    "如有疑问",
    "如需进一步",
];

/// Labels of contact details at the start of a line, lower-cased.
const CONTACT_LABELS: &[&str] = &[
    "tel",
    "tél",
    "phone",
    "telephone",
    "téléphone",
    "fax",
    "mobile",
    "cell",
    "email",
    "e-mail",
    "courriel",
    "website",
    "电话",
    "電話",
    "手机",
    "手機",
    "传真",
    "邮箱",
    "电子邮件",
    "地址",
];

/// Month names and their abbreviations (English, French), lower-cased.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "le",
    "the",
    "of",
    "date",
];

/// Words of hours worked, lower-cased.
const HOURS: &[&str] = &[
    "hours per week",
    "hours a week",
    "hours weekly",
    "hrs per week",
    "hours/week",
    "hrs/week",
    "h/week",
    "heures par semaine",
    "h par semaine",
    "heures/semaine",
];

/// Words of pay, lower-cased: with an amount of money they make a
/// statement of pay.
const PAY: &[&str] = &[
    "salary",
    "wage",
    "per hour",
    "an hour",
    "/hour",
    "/hr",
    "per annum",
    "per year",
    "annually",
    "salaire",
    "l'heure",
    "par année",
    "par an",
    "年薪",
    "月薪",
    "时薪",
    "薪资",
    "薪酬",
    "起薪",
    "薪水",
    "工资",
];

/// Words of praise, lower-cased: in a sentence that says what the person
/// is (`is a`, `has been an`) or recommends them, they make praise.
const PRAISE: &[&str] = &[
    "dedicated",
    "reliable",
    "hard-working",
    "hardworking",
    "diligent",
    "punctual",
    "trustworthy",
    "honest",
    "pleasure to work with",
    "asset to",
    "valuable member",
    "valued member",
    "excellent employee",
    "outstanding",
    "fiable",
    "dévoué",
    "dévouée",
    "atout",
];

/// What says a sentence is about the person, not the work, lower-cased.
const PERSON: &[&str] = &[
    " is a ",
    " is an ",
    " was a ",
    " was an ",
    " has been a ",
    " has been an ",
    " has proven ",
    " has shown ",
    " est un ",
    " est une ",
];

/// A writer recommending the person, lower-cased.
const RECOMMENDS: &[&str] = &[
    "i recommend",
    "i highly recommend",
    "i strongly recommend",
    "i would recommend",
    "i can recommend",
    "we recommend",
    "we highly recommend",
    "we strongly recommend",
    "je recommande",
    "nous recommandons",
];

/// Words of being employed, lower-cased: with a year they make a
/// statement of the dates of employment.
const EMPLOYED: &[&str] = &[
    "employed",
    "has worked",
    "have worked",
    "has been working",
    "worked for",
    "working for",
    "joined",
    "employment with",
    "employé",
    "employée",
    "à l'emploi",
    "travaille pour",
    "入职",
    "任职",
    "受雇",
    "在我公司",
    "在本公司",
    "在我单位",
    "在本单位",
];

/// Whether `line` (trimmed) opens a letter.
pub(crate) fn is_greeting(line: &str) -> bool {
    let l = folded(line);
    short(&l) && GREETINGS.iter().any(|g| l.starts_with(g))
}

/// Whether `line` (trimmed) closes a letter.
pub(crate) fn is_closing(line: &str) -> bool {
    let l = folded(line);
    short(&l)
        && CLOSINGS.iter().any(|c| {
            l.strip_prefix(c).is_some_and(|rest| {
                // `Regards,` but not `Regardless of …`.
                rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
            })
        })
}

/// A greeting or closing line is short: `Dear Ms. Smith,`, not a
/// paragraph that happens to start with `Dear`.
fn short(l: &str) -> bool {
    l.split_whitespace().count() <= 8 && l.chars().count() <= 80
}

/// What a whole line is, when it is contact details or a date.
pub(crate) fn line_part(line: &str) -> Option<LetterPart> {
    if is_contact(line) {
        Some(LetterPart::Contact)
    } else if is_date(line) {
        Some(LetterPart::Date)
    } else {
        None
    }
}

/// What a duty statement is, when it frames the letter or states terms
/// of employment rather than work.
pub(crate) fn statement_part(statement: &str) -> Option<LetterPart> {
    let l = folded(statement);
    if FORMULAS.iter().any(|f| l.starts_with(f))
        || is_greeting(statement)
        || is_closing(statement)
    {
        return Some(LetterPart::Formula);
    }
    let hours = HOURS.iter().any(|h| l.contains(h)) || zh_hours(&l);
    let pay = PAY.iter().any(|p| l.contains(p)) && has_money(&l);
    let employed = EMPLOYED.iter().any(|e| l.contains(e)) && has_year(&l);
    if hours || pay || employed {
        return Some(LetterPart::Terms);
    }
    let padded = format!(" {l} ");
    if (PRAISE.iter().any(|p| l.contains(p))
        && PERSON.iter().any(|p| padded.contains(p)))
        || RECOMMENDS.iter().any(|r| l.contains(r))
    {
        return Some(LetterPart::Praise);
    }
    // A sentence that frames the letter may also end one of its terms
    // (`This letter confirms that … since 2019`): checked above first.
    None
}

fn is_contact(line: &str) -> bool {
    let l = folded(line);
    let email = l.split_whitespace().any(|w| {
        w.split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
    });
    let web =
        l.contains("http://") || l.contains("https://") || l.contains("www.");
    let labelled = CONTACT_LABELS.iter().any(|label| {
        l.strip_prefix(label).is_some_and(|rest| {
            let rest = rest.trim_start_matches([' ', '.']);
            rest.starts_with([':', '：'])
                || rest.starts_with(|c: char| c.is_ascii_digit() || c == '(')
        })
    });
    email || web || labelled || longest_phone_run(&l) >= 9
}

/// The most digits in one run of phone-number characters (digits, spaces,
/// `(`, `)`, `-`, `.`, `+`): `(416) 555-0199` has 10. A thousands
/// separator (`,`) breaks a run, so amounts do not count.
fn longest_phone_run(l: &str) -> usize {
    let mut best = 0;
    let mut digits = 0;
    for c in l.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            best = best.max(digits);
        } else if !matches!(c, ' ' | '(' | ')' | '-' | '.' | '+') {
            digits = 0;
        }
    }
    best
}

/// A line that is only a date: a year, with month names, numbers and
/// punctuation (`March 3, 2024`, `le 3 mars 2024`, `2024-03-03`,
/// `2024年3月3日`).
fn is_date(line: &str) -> bool {
    let l = folded(line);
    if !has_year(&l) || l.split_whitespace().count() > 6 {
        return false;
    }
    l.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).all(|w| {
        MONTHS.contains(&w)
            || w.chars().all(|c| "年月日号號".contains(c))
            || matches!(w, "st" | "nd" | "rd" | "th" | "er")
    })
}

/// Whether `l` holds a year from 1950 to 2099 standing alone (not inside
/// a longer number).
fn has_year(l: &str) -> bool {
    let chars: Vec<char> = l.chars().collect();
    chars.windows(4).enumerate().any(|(i, w)| {
        let year = w.iter().all(char::is_ascii_digit)
            && matches!((w[0], w[1]), ('1', '9') | ('2', '0'))
            && (w[0] != '1' || w[2] >= '5');
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 4).copied();
        year && !before.is_some_and(|c| c.is_ascii_digit())
            && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// Whether `l` names an amount of money: a currency sign or word next to
/// a number (`$52,000`, `25 $`, `52 000 dollars`, `8000元`).
fn has_money(l: &str) -> bool {
    let chars: Vec<char> = l.chars().collect();
    let sign = |c: char| matches!(c, '$' | '€' | '£' | '¥' | '元');
    // `4.4万美元`: a Chinese amount may put a unit of ten thousand and
    // the currency's name between the number and `元`.
    let near_digit = |i: usize| {
        chars[i.saturating_sub(4)..(i + 3).min(chars.len())]
            .iter()
            .any(char::is_ascii_digit)
    };
    chars.iter().enumerate().any(|(i, c)| sign(*c) && near_digit(i))
        || (l.contains("dollar") && l.chars().any(|c| c.is_ascii_digit()))
}

/// `每周工作40小时`, `每週 40 小時`: a week's hours in Chinese.
fn zh_hours(l: &str) -> bool {
    ["每周", "每週", "周工作", "週工作"].iter().any(|w| {
        l.find(w).is_some_and(|i| {
            let rest: String = l[i..].chars().take(12).collect();
            rest.chars().any(|c| c.is_ascii_digit() || "十".contains(c))
                && (rest.contains("小时") || rest.contains("小時"))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greetings_and_closings_are_short_formulas() {
        assert!(is_greeting("To Whom It May Concern:"));
        assert!(is_greeting("Dear Ms. Smith,"));
        assert!(is_greeting("Madame, Monsieur,"));
        assert!(is_greeting("尊敬的签证官："));
        assert!(!is_greeting(
            "Dear colleagues were trained by her on the new intake \
             software and the filing of case notes every week"
        ));
        assert!(is_closing("Sincerely,"));
        assert!(is_closing("Best regards"));
        assert!(is_closing("此致"));
        assert!(is_closing("敬禮！"));
        assert!(is_greeting("敬啟者："));
        assert!(!is_closing("Regardless of the weather, deliver mail"));
    }

    #[test]
    fn contact_lines_and_dates() {
        for line in [
            "Tel: (416) 555-0199 | www.hopecs.org",
            "jsmith@hopecs.org",
            "Phone 416-555-0199",
            "电话：010-12345678",
            "傳真：(02) 2345-6789",
            "(416) 555-0199",
        ] {
            assert_eq!(line_part(line), Some(LetterPart::Contact), "{line}");
        }
        for line in
            ["March 3, 2024", "le 3 mars 2024", "2024-03-03", "2024年3月3日"]
        {
            assert_eq!(line_part(line), Some(LetterPart::Date), "{line}");
        }
        for duty in [
            "Answer phone calls and e-mails from clients",
            "Processed 1,000,000 records in the 2019 census",
            "Prepare the March 2024 budget for the shelter",
            "Telephone clients to schedule follow-up visits",
        ] {
            assert_eq!(line_part(duty), None, "{duty}");
        }
    }

    #[test]
    fn terms_of_employment_and_formulas_are_not_duties() {
        for s in [
            "She works 37.5 hours per week and her current annual salary \
             is $52,000",
            "He has been employed by ABC Ltd. as a cook since June 1, 2019",
            "社会与人类服务助理通常每周工作40小时,工作日为周一至周五",
            "自2019年6月起在我公司担任社会工作者",
            "Il travaille 40 heures par semaine",
            "Her wage is $25 per hour",
            "新员工起薪约为4.4万美元",
        ] {
            assert_eq!(statement_part(s), Some(LetterPart::Terms), "{s}");
        }
        for s in [
            "This letter confirms the employment of Ms. Li",
            "Please do not hesitate to contact me",
            "兹证明张三自2019年6月起在我公司担任社会工作者",
            "特此证明",
            "特此證明",
        ] {
            assert_eq!(statement_part(s), Some(LetterPart::Formula), "{s}");
        }
        for s in [
            "Ms. Li is a dedicated and reliable employee and a pleasure to \
             work with",
            "I highly recommend him for any position in social services",
            "Elle est une employée fiable et dévouée",
        ] {
            assert_eq!(statement_part(s), Some(LetterPart::Praise), "{s}");
        }
        for duty in [
            "Ensure that the dedicated line for clients is staffed",
            "Recommend services to clients and follow up on referrals",
            "Process payroll and salary adjustments for 200 employees",
            "Manage an annual budget of $2 million",
            "Schedule staff shifts to cover 24 hours a day",
            "Help clients find employment and fill out applications",
            "Joined meetings with landlords to resolve disputes",
            "为客户提供咨询服务",
        ] {
            assert_eq!(statement_part(duty), None, "{duty}");
        }
    }
}
