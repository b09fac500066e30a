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
//!   `Please do not hesitate to contact me`, `如有任何疑问，请随时与我联系`,
//!   `本证明仅用于…`) is a formula;
//! - praise of the person (`She is a dedicated and reliable employee`,
//!   `I highly recommend him`, `他工作认真负责，是一名优秀的员工`,
//!   `我强烈推荐他`, `特此推荐`) is praise. A Chinese word of praise
//!   counts only after the person and words such as `工作`, `为人`, `一贯`
//!   (or after `是一名`), and `推荐` only after the writer (`我`, `本人`)
//!   or as `特此推荐`, `强烈推荐`: `评选优秀员工` and
//!   `向上级推荐合适的服务方案` are duties;
//! - in a Chinese 工作证明, a labelled particular (`职位：…`,
//!   `入职时间：…`) is a term of employment, and the place of the seal
//!   (`单位（盖章）`) or a signer's label (`证明人：`) is the signature.

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
    "致有关",
    "致贵",
    "致：",
    "致:",
    "敬启者",
    "您好",
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
    "此致敬礼",
    "此致",
    "敬礼",
    "顺颂",
    // A Chinese closing runs on without a space: `顺祝商祺`.
    "顺祝商祺",
    "顺颂商祺",
    "顺颂时祺",
    "顺祝安康",
    "祝工作顺利",
    "祝好",
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
    "联系人",
    "联系电话",
    "联系方式",
    "办公电话",
    "单位地址",
    "公司地址",
    "邮编",
    "邮政编码",
    "微信",
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
    "日期",
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
    "在我中心",
    "在本中心",
    "在我机构",
    "在本机构",
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

/// What a whole line is, when it is contact details, a date or the place
/// of a signature or seal.
pub(crate) fn line_part(line: &str) -> Option<LetterPart> {
    if is_contact(line) {
        Some(LetterPart::Contact)
    } else if is_date(line) || zh_date(line) {
        Some(LetterPart::Date)
    } else if zh_signature(line) {
        Some(LetterPart::Signature)
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
        || chinese::formula(&l)
    {
        return Some(LetterPart::Formula);
    }
    let hours = HOURS.iter().any(|h| l.contains(h)) || zh_hours(&l);
    let pay = PAY.iter().any(|p| l.contains(p)) && has_money(&l);
    let employed = EMPLOYED.iter().any(|e| l.contains(e)) && has_year(&l);
    if hours || pay || employed || chinese::particulars(&l) {
        return Some(LetterPart::Terms);
    }
    let padded = format!(" {l} ");
    if (PRAISE.iter().any(|p| l.contains(p))
        && PERSON.iter().any(|p| padded.contains(p)))
        || RECOMMENDS.iter().any(|r| l.contains(r))
        || chinese::praise(&l)
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

/// `二〇二四年三月三日`: a date in Chinese numerals on a line of its own,
/// as a 工作证明 is dated under its seal.
fn zh_date(line: &str) -> bool {
    let l: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let year = l.split_once('年').map_or(0, |(y, _)| y.chars().count());
    year == 4
        && l.chars().all(|c| "〇零一二三四五六七八九十年月日号號".contains(c))
}

/// `单位（盖章）：`, `人事部（公章）`: the place of a seal at the foot of a
/// Chinese letter, and the labels of who signs (`证明人：李明`).
fn zh_signature(line: &str) -> bool {
    let l = folded(line);
    if l.chars().count() > 30 {
        return false;
    }
    let t = l.trim_end_matches([' ', ':', '：', '_']);
    let seal = ["盖章）", "盖章)", "公章）", "公章)", "（章）", "(章)"]
        .iter()
        .any(|s| t.ends_with(s))
        || ["盖章", "公章", "单位盖章", "公司盖章", "单位公章", "加盖公章"]
            .contains(&t);
    let labelled = ["签名", "签字", "证明人", "推荐人", "经办人", "负责人"]
        .iter()
        .any(|label| {
            l.strip_prefix(label)
                .is_some_and(|rest| rest.trim_start().starts_with([':', '：']))
        });
    seal || labelled
}

/// The furniture of a Chinese 工作证明 or 推荐信 that is written as a
/// sentence: formulas, the particulars of the person and the post, and
/// praise. Each function takes a statement already folded (lower-cased,
/// simplified) and is as narrow as the English lists: `负责联系客户`,
/// `向上级推荐合适的服务方案` and `评估员工的工作表现` are duties.
mod chinese {
    /// Who writes the letter, at the start of a clause.
    const WRITERS: &[&str] = &[
        "我们",
        "我",
        "本人",
        "本公司",
        "我公司",
        "本单位",
        "我单位",
        "本中心",
        "我中心",
        "本机构",
        "我机构",
        "在此",
        "谨此",
        "谨",
    ];

    /// Who the letter is about, at the start of a clause.
    const SUBJECTS: &[&str] = &[
        "他们",
        "她们",
        "他",
        "她",
        "其",
        "该员工",
        "该同志",
        "该生",
        "该名员工",
        "此人",
        "ta",
        "本人",
    ];

    /// Words between the person and the praise: `他工作认真负责`,
    /// `她在工作中一贯表现出色`, `他为人正直`.
    const FILLERS: &[&str] = &[
        "在工作中",
        "工作中",
        "在职期间",
        "任职期间",
        "在我公司",
        "在本公司",
        "在我单位",
        "在本单位",
        "在我中心",
        "在本中心",
        "工作态度",
        "工作表现",
        "工作作风",
        "工作上",
        "工作",
        "为人",
        "做事",
        "态度",
        "表现",
        "平时",
        "平日",
        "一向",
        "一贯",
        "一直",
        "始终",
        "向来",
        "各方面",
        "非常",
        "十分",
        "极其",
        "极为",
        "特别",
        "相当",
        "很",
        "都",
        "也",
        "还",
        "又",
        "且",
        "的",
        "地",
        " ",
    ];

    /// Praise of the person: with a person (or a filler) before it in its
    /// clause, or after `是一名`, it makes praise.
    const PRAISE: &[&str] = &[
        "认真负责",
        "尽职尽责",
        "尽心尽力",
        "兢兢业业",
        "任劳任怨",
        "吃苦耐劳",
        "踏实肯干",
        "勤奋",
        "勤恳",
        "勤勉",
        "敬业",
        "踏实",
        "认真细致",
        "值得信赖",
        "值得信任",
        "可以信赖",
        "诚实守信",
        "诚实可靠",
        "诚恳",
        "正直",
        "品行端正",
        "品德优良",
        "品德高尚",
        "优秀",
        "出色",
        "优异",
        "突出",
        "良好",
        "责任心",
        "责任感",
        "上进心",
        "积极主动",
        "积极进取",
        "团队合作精神",
        "团队精神",
        "不可多得",
        "不可或缺",
        "理想人选",
        "最佳人选",
        "合适人选",
        "难得的人才",
    ];

    /// `他是一名…`, `张伟是我们团队…`: the person as what they are.
    const COPULAS: &[&str] = &[
        "是一名",
        "是一位",
        "是一个",
        "是个",
        "是位",
        "是名",
        "是我",
        "是本",
        "是贵",
        "是该",
        "是公司",
        "是团队",
        "是难得",
        "是不可多得",
        "是非常",
        "是十分",
        "堪称",
        "称得上",
        "不愧是",
    ];

    /// Praise whatever comes before: nobody's duty is to be these.
    const ACCLAIM: &[&str] =
        &["不可多得", "不可或缺的一员", "得力助手", "宝贵财富", "有口皆碑"];

    /// Being praised by others (`深受同事和客户的好评`): the verb, then
    /// within a few characters what is received. Said of the person (at
    /// the start of the statement or after `他`), not of an activity
    /// (`开展深受居民欢迎的社区活动`).
    const ACCLAIMED: &[(&[&str], &[&str])] = &[
        (
            &["深受", "广受", "备受"],
            &[
                "好评", "赞誉", "赞扬", "称赞", "表扬", "肯定", "信赖",
                "信任", "喜爱", "欢迎", "尊敬", "爱戴",
            ],
        ),
        (
            &["赢得", "获得", "得到", "受到"],
            &["好评", "赞誉", "赞扬", "称赞", "表扬", "一致认可", "高度认可"],
        ),
    ];

    /// A recommendation in any clause (`特此推荐`, `强烈推荐`).
    const RECOMMENDATIONS: &[&str] = &[
        "特此推荐",
        "郑重推荐",
        "强烈推荐",
        "极力推荐",
        "鼎力推荐",
        "诚挚推荐",
        "衷心推荐",
        "毫无保留地推荐",
        "力荐",
        "推荐此人",
        "推荐该员工",
        "推荐该同志",
        "推荐该生",
    ];

    /// Words between the writer and `推荐`: `我非常荣幸地向您推荐`.
    const RECOMMEND_ADVERBS: &[&str] = &[
        "很荣幸",
        "很高兴",
        "非常荣幸",
        "非常高兴",
        "十分荣幸",
        "十分高兴",
        "荣幸",
        "高兴",
        "愿意",
        "乐意",
        "真诚",
        "诚挚",
        "郑重",
        "衷心",
        "毫不犹豫",
        "毫无保留",
        "非常",
        "十分",
        "特别",
        "在此",
        "谨此",
        "特",
        "愿",
        "也",
        "都",
        "会",
        "将",
        "想",
        "要",
        "向您",
        "向你",
        "向贵公司",
        "向贵单位",
        "向贵校",
        "向贵方",
        "向贵机构",
        "向贵处",
        "向各位",
        "地",
        " ",
    ];

    /// What a duty recommends: `我推荐客户参加…` is work, not a letter.
    const RECOMMENDED_THINGS: &[&str] = &[
        "客户",
        "服务",
        "合适",
        "适合",
        "相关",
        "资源",
        "产品",
        "方案",
        "项目",
        "课程",
        "活动",
        "机构",
        "岗位",
        "就业",
        "工作",
        "给客户",
    ];

    /// The start of a formula.
    const OPENINGS: &[&str] = &[
        "兹有",
        "兹介绍",
        "现证明",
        "特此说明",
        "特此函告",
        "特此致函",
        "特此告知",
        "以上情况属实",
        "以上内容属实",
        "以上信息属实",
        "情况属实",
        "如有不实",
        "如有虚假",
        "如有任何不实",
    ];

    /// The letter speaking of itself (`本证明仅用于…`,
    /// `我很高兴为张伟写这封推荐信`, `（以下无正文）`).
    const SELF: &[&str] = &[
        "此证明",
        "本证明",
        "该证明",
        "此推荐信",
        "本推荐信",
        "这封推荐信",
        "此封推荐信",
        "这封信",
        "此函",
        "本函",
        "以下无正文",
    ];

    /// Labels of the particulars in a 工作证明 filled in like a form
    /// (`职位：社会工作者`, `入职时间：2019年6月`).
    const PARTICULARS: &[&str] = &[
        "姓名",
        "性别",
        "身份证号码",
        "身份证号",
        "护照号码",
        "护照号",
        "出生日期",
        "职位",
        "职务",
        "岗位",
        "所在部门",
        "部门",
        "入职时间",
        "入职日期",
        "任职时间",
        "在职时间",
        "工作时间",
        "聘用期限",
        "合同期限",
        "工作性质",
        "用工性质",
        "工号",
        "员工编号",
    ];

    /// The clauses of a statement: a comma or a colon ends one.
    fn clauses(l: &str) -> impl Iterator<Item = &str> {
        l.split(['，', ',', '；', ';', '：', ':', '！', '!', '？', '?', '。'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
    }

    /// `s` without the words of `words` it starts with, one after the
    /// other, the longest first; and how many were taken.
    fn strip_words<'a>(mut s: &'a str, words: &[&str]) -> (&'a str, usize) {
        let mut n = 0;
        while let Some(w) =
            words.iter().filter(|w| s.starts_with(**w)).max_by_key(|w| w.len())
        {
            s = &s[w.len()..];
            n += 1;
        }
        (s, n)
    }

    /// `s` without one of `words` it starts with, the longest.
    fn strip_one<'a>(s: &'a str, words: &[&str]) -> Option<&'a str> {
        words
            .iter()
            .filter(|w| s.starts_with(**w))
            .max_by_key(|w| w.len())
            .map(|w| &s[w.len()..])
    }

    /// Whether what comes before a word of praise in its clause is the
    /// person: a pronoun (`他`), or a name of two or three characters, or
    /// nothing, then only fillers (`工作`, `一贯`), at least one after a
    /// name or nothing. `评选优秀员工` has a verb before `优秀`.
    fn the_person(before: &str) -> bool {
        if let Some(rest) = strip_one(before, SUBJECTS) {
            if strip_words(rest, FILLERS).0.is_empty() {
                return true;
            }
        }
        let (rest, n) = strip_words(before, FILLERS);
        if rest.is_empty() && n > 0 {
            return true;
        }
        (2..=3).any(|k| {
            let Some((i, _)) = before.char_indices().nth(k) else {
                return false;
            };
            let name = &before[..i];
            let (rest, n) = strip_words(&before[i..], FILLERS);
            name.chars().all(crate::zh::is_han) && rest.is_empty() && n > 0
        })
    }

    /// Whether a folded statement praises or recommends the person. The
    /// person is named or implied in the first clause (`张伟工作认真负责`,
    /// `工作认真负责`) and named again in a later one (`在职期间，他…`):
    /// `负责组织社区活动，工作认真负责` is still a duty.
    pub(super) fn praise(l: &str) -> bool {
        if ACCLAIM.iter().any(|a| l.contains(a))
            || RECOMMENDATIONS.iter().any(|r| l.contains(r))
        {
            return true;
        }
        clauses(l).enumerate().any(|(k, c)| {
            let person = |before: &str| {
                if k == 0 {
                    the_person(before)
                } else {
                    strip_one(before, SUBJECTS).is_some_and(|rest| {
                        strip_words(rest, FILLERS).0.is_empty()
                    })
                }
            };
            let praised = PRAISE.iter().any(|p| {
                c.match_indices(p).any(|(i, _)| {
                    let before = &c[..i];
                    person(before)
                        || COPULAS.iter().any(|k| before.contains(k))
                })
            });
            praised
                || acclaimed(c, |before| {
                    person(before) || (k == 0 && before.is_empty())
                })
                || recommends(c)
        })
    }

    /// `深受同事和客户的好评`: praise received, by whom `person` accepts
    /// what comes before the verb as.
    fn acclaimed(c: &str, person: impl Fn(&str) -> bool) -> bool {
        ACCLAIMED.iter().any(|(verbs, things)| {
            verbs.iter().any(|v| {
                c.match_indices(v).any(|(i, _)| {
                    let after: String =
                        c[i + v.len()..].chars().take(12).collect();
                    things.iter().any(|t| after.contains(t)) && person(&c[..i])
                })
            })
        })
    }

    /// `我强烈推荐他`, `我们非常荣幸地向您推荐张伟`: the writer
    /// recommends, not `向上级推荐合适的服务方案`.
    fn recommends(clause: &str) -> bool {
        clause.match_indices("推荐").any(|(i, _)| {
            let after = &clause[i + "推荐".len()..];
            strip_one(&clause[..i], WRITERS).is_some_and(|rest| {
                strip_words(rest, RECOMMEND_ADVERBS).0.is_empty()
            }) && !after.starts_with("信")
                && !RECOMMENDED_THINGS.iter().any(|t| after.starts_with(t))
        })
    }

    /// Whether a folded statement frames the letter: it certifies, speaks
    /// of itself, vouches for its truth, introduces the writer or invites
    /// questions.
    pub(super) fn formula(l: &str) -> bool {
        let writer_first = strip_one(l, WRITERS).is_some();
        OPENINGS.iter().any(|o| l.starts_with(o))
            || SELF.iter().any(|s| l.contains(s))
            // `本单位对以上内容的真实性负责`
            || (writer_first
                && ["真实性负责", "真实有效", "真实无误", "真实性承担"]
                    .iter()
                    .any(|t| l.contains(t)))
            // `我是他的直属上司`, `作为她的直接主管，我…`, `我与他共事三年`
            || introduces_writer(l)
            || (writer_first && l.contains("共事"))
            || invites_contact(l)
    }

    /// `我是他的直属上司`, `作为她的直接主管，我…`: the writer says who
    /// they are to the person, not `作为项目主管，他负责监督员工`.
    fn introduces_writer(l: &str) -> bool {
        let opens = l.starts_with("我是")
            || l.starts_with("本人是")
            || (l.starts_with("作为")
                && (l.contains('我') || l.contains("本人")));
        opens
            && ["上司", "上级", "主管", "领导", "经理", "导师", "同事"]
                .iter()
                .any(|role| {
                    l.find(role).is_some_and(|i| {
                        ["他的", "她的", "其"]
                            .iter()
                            .any(|p| l[..i].contains(p))
                    })
                })
    }

    /// `如有任何疑问，请随时与我联系`, `欢迎来电垂询`: but not a duty
    /// such as `如有问题，及时联系家长`.
    fn invites_contact(l: &str) -> bool {
        let contact = ["联系", "致电", "来电", "垂询", "拨打", "咨询"]
            .iter()
            .any(|c| l.contains(c));
        let condition =
            ["如", "若", "倘若", "如果"].iter().any(|c| l.starts_with(c))
                && [
                    "疑问", "问题", "需要", "需", "了解", "核实", "查证",
                    "核查", "咨询",
                ]
                .iter()
                .any(|c| l.contains(c));
        let polite = [
            "请",
            "欢迎",
            "与我",
            "联系我",
            "本人",
            "与本单位",
            "与本公司",
            "与本中心",
            "与本机构",
        ]
        .iter()
        .any(|c| l.contains(c));
        let invitation =
            ["请", "欢迎", "敬请"].iter().any(|c| l.starts_with(c));
        contact && ((condition && polite) || invitation)
    }

    /// Whether a folded statement is a labelled particular of the person
    /// or the post (`职位：社会工作者`).
    pub(super) fn particulars(l: &str) -> bool {
        PARTICULARS.iter().any(|label| {
            l.strip_prefix(label)
                .is_some_and(|rest| rest.trim_start().starts_with([':', '：']))
        })
    }
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
        assert!(is_greeting("致貴公司："));
        assert!(is_greeting("您好！"));
        assert!(is_closing("此致敬禮！"));
        assert!(is_closing("順祝商祺"));
        assert!(!is_closing("此致力于社区服务"));
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

    /// A Chinese letter's praise and formulas, in simplified and
    /// traditional script, and the duties that share their words.
    #[test]
    fn chinese_praise_and_formulas_are_not_duties() {
        let cases: &[(&str, &str, Option<LetterPart>)] = &[
            ("我强烈推荐他", "我強烈推薦他", Some(LetterPart::Praise)),
            ("我推荐她", "我推薦她", Some(LetterPart::Praise)),
            (
                "我们非常荣幸地向您推荐张伟",
                "我們非常榮幸地向您推薦張偉",
                Some(LetterPart::Praise),
            ),
            (
                "张伟工作认真负责，特此推荐",
                "張偉工作認真負責，特此推薦",
                Some(LetterPart::Praise),
            ),
            (
                "他工作认真负责，是一名优秀的员工",
                "他工作認真負責，是一名優秀的員工",
                Some(LetterPart::Praise),
            ),
            (
                "她勤奋踏实，值得信赖",
                "她勤奮踏實，值得信賴",
                Some(LetterPart::Praise),
            ),
            (
                "张伟在职期间表现出色",
                "張偉在職期間表現出色",
                Some(LetterPart::Praise),
            ),
            (
                "深受同事和客户的信赖",
                "深受同事和客戶的信賴",
                Some(LetterPart::Praise),
            ),
            (
                "在职期间，他工作积极主动",
                "在職期間，他工作積極主動",
                Some(LetterPart::Praise),
            ),
            (
                "他为人正直，深受同事和客户的好评",
                "他為人正直，深受同事和客戶的好評",
                Some(LetterPart::Praise),
            ),
            (
                "她是我们团队中不可或缺的一员",
                "她是我們團隊中不可或缺的一員",
                Some(LetterPart::Praise),
            ),
            (
                "如有任何疑问，请随时与我联系",
                "如有任何疑問，請隨時與我聯繫",
                Some(LetterPart::Formula),
            ),
            (
                "如需核实，请致电本单位人事部",
                "如需核實，請致電本單位人事部",
                Some(LetterPart::Formula),
            ),
            ("欢迎来电垂询", "歡迎來電垂詢", Some(LetterPart::Formula)),
            ("此致敬礼", "此致敬禮", Some(LetterPart::Formula)),
            (
                "本证明仅用于办理签证",
                "本證明僅用於辦理簽證",
                Some(LetterPart::Formula),
            ),
            (
                "以上情况属实，本单位对其真实性负责",
                "以上情況屬實，本單位對其真實性負責",
                Some(LetterPart::Formula),
            ),
            (
                "我是他的直属上司",
                "我是他的直屬上司",
                Some(LetterPart::Formula),
            ),
            ("（以下无正文）", "（以下無正文）", Some(LetterPart::Formula)),
            ("职位：社会工作者", "職位：社會工作者", Some(LetterPart::Terms)),
            // Duties that share the letter's words.
            ("负责联系客户并安排会议", "負責聯繫客戶並安排會議", None),
            ("向上级推荐合适的服务方案", "向上級推薦合適的服務方案", None),
            ("联系社区资源", "聯繫社區資源", None),
            ("评估员工的工作表现", "評估員工的工作表現", None),
            ("组织评选优秀员工", "組織評選優秀員工", None),
            ("推荐客户参加就业培训", "推薦客戶參加就業培訓", None),
            ("我推荐客户参加就业培训", "我推薦客戶參加就業培訓", None),
            ("如有问题，及时联系家长", "如有問題，及時聯繫家長", None),
            ("积极主动地联系社区资源", "積極主動地聯繫社區資源", None),
            ("协助新移民获得学历认可", "協助新移民獲得學歷認可", None),
            (
                "核实服务对象提供的信息是否属实",
                "核實服務對象提供的信息是否屬實",
                None,
            ),
            (
                "作为项目主管，他负责监督员工",
                "作為項目主管，他負責監督員工",
                None,
            ),
            ("为学生撰写推荐信", "為學生撰寫推薦信", None),
            (
                "与服务对象建立良好的信任关系",
                "與服務對象建立良好的信任關係",
                None,
            ),
            ("开展深受居民欢迎的社区活动", "開展深受居民歡迎的社區活動", None),
            (
                "策划社区活动，获得居民一致好评",
                "策劃社區活動，獲得居民一致好評",
                None,
            ),
            (
                "负责组织社区活动，工作认真负责",
                "負責組織社區活動，工作認真負責",
                None,
            ),
            ("如有需要，与本地机构联系", "如有需要，與本地機構聯繫", None),
            (
                "为服务对象推荐合适的社区资源",
                "為服務對象推薦合適的社區資源",
                None,
            ),
        ];
        for (simplified, traditional, part) in cases {
            assert_ne!(simplified, traditional);
            for s in [simplified, traditional] {
                assert_eq!(statement_part(s), *part, "{s}");
            }
        }
    }

    #[test]
    fn chinese_seals_signatures_and_dates() {
        for line in
            ["单位（盖章）：", "人事部（公章）", "证明人：李明", "簽名："]
        {
            assert_eq!(line_part(line), Some(LetterPart::Signature), "{line}");
        }
        for line in
            ["二〇二四年三月三日", "日期：2024年3月3日", "联系人：王芳"]
        {
            assert!(line_part(line).is_some(), "{line}");
        }
        for duty in ["负责合同盖章及归档", "负责人员招聘", "联系社区资源"]
        {
            assert_eq!(line_part(duty), None, "{duty}");
        }
    }
}
