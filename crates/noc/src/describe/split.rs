//! Splitting a free-text description of work into duty statements.
//!
//! A reference letter lists duties as bullets, numbered lines, sentences
//! of a paragraph, or clauses joined by semicolons, in English, French or
//! Chinese. [`split_duties`] returns one statement per duty:
//!
//! - a line that starts with a bullet (`-`, `*`, `•`, `·`, `▪`, `◦`,
//!   `●`, `■`, `–`, `—`, `>`, `✓`) or a number (`1.`, `2)`, `(3)`,
//!   `a)`, `iv.`, `1、`, `一、`, `（一）`, `①`) opens a duty, and the lines
//!   after it that open none continue it;
//! - without any bullet or number, each line is its own duty;
//! - inside a duty, `;` `；` `。` and the end of a sentence (`. ` before a
//!   capital letter) split it further: a paragraph becomes its sentences;
//! - a short line ending with a colon (`Main duties:`, `Fonctions :`,
//!   `主要职责：`) is a heading, not a duty;
//! - `、` after a number is a list marker; elsewhere it joins the items of
//!   one duty (`记录、整理档案`), so it does not split;
//! - a blank line ends a bulleted duty;
//! - a pasted letter's furniture (letterhead, greeting, dates, hours and
//!   pay, praise, signature) is set aside by [`split_letter`]
//!   (see [`crate::describe::letter`]).

use super::letter::{self, LetterPart, SetAside, MAX_FRAME_LINES};

/// Characters that open a bulleted line.
const BULLETS: &[char] = &[
    '-', '*', '•', '·', '▪', '◦', '●', '○', '■', '□', '–', '—', '>', '✓', '✔',
    '➢', '►', '‣', '⁃', '+',
];

/// Chinese numerals used to number list items (`一、`, `（二）`).
const ZH_NUMERALS: &str = "一二三四五六七八九十";

/// Circled numbers (`①`).
fn is_circled(c: char) -> bool {
    ('\u{2460}'..='\u{2473}').contains(&c)
        || ('\u{2776}'..='\u{277f}').contains(&c)
}

/// The length in bytes of a list marker at the start of `line` (already
/// trimmed), if it has one.
fn marker_len(line: &str) -> Option<usize> {
    let mut chars = line.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    if BULLETS.contains(&first) {
        // `-` or `+` directly before a digit is a sign, not a bullet.
        let next = line[first.len_utf8()..].chars().next();
        if matches!(first, '-' | '+')
            && next.is_some_and(|c| c.is_ascii_digit())
        {
            return None;
        }
        return Some(first.len_utf8());
    }
    if is_circled(first) {
        return Some(first.len_utf8());
    }
    // `(1)`, `(a)`, `（一）`
    if matches!(first, '(' | '（') {
        let close = line.find([')', '）'])?;
        let inner = &line[first.len_utf8()..close];
        let numeric = !inner.is_empty()
            && inner.chars().count() <= 3
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || ZH_NUMERALS.contains(c));
        let letter =
            inner.len() == 1 && inner.chars().all(|c| c.is_ascii_alphabetic());
        let close_len = line[close..].chars().next()?.len_utf8();
        return (numeric || letter).then_some(close + close_len);
    }
    // `1.`, `12)`, `3、`, `一、`, `a)`, `iv.`
    let end = line
        .char_indices()
        .find(|(_, c)| {
            !(c.is_ascii_digit()
                || ZH_NUMERALS.contains(*c)
                || c.is_ascii_alphabetic())
        })
        .map(|(i, _)| i)?;
    let token = &line[..end];
    if token.is_empty() || token.chars().count() > 4 {
        return None;
    }
    let digits = token.chars().all(|c| c.is_ascii_digit());
    let zh = token.chars().all(|c| ZH_NUMERALS.contains(c));
    let letter = token.len() == 1 && token.chars().all(|c| c.is_alphabetic());
    let roman = token.chars().all(|c| "ivx".contains(c));
    let sep = line[end..].chars().next()?;
    let after = &line[end + sep.len_utf8()..];
    let ok = match sep {
        // `1.` needs a space after it, so that `3.5 hours` or a version
        // number is not a marker.
        '.' => {
            (digits || roman || letter)
                && (after.is_empty() || after.starts_with(char::is_whitespace))
        }
        ')' | '）' => digits || letter || roman || zh,
        '、' | '．' => digits || zh,
        _ => false,
    };
    ok.then_some(end + sep.len_utf8())
}

/// Whether a line is a heading over the duties (`Main duties:`), which is
/// dropped.
fn is_heading(line: &str) -> bool {
    let l = line.trim_end();
    (l.ends_with(':') || l.ends_with('：'))
        && l.split_whitespace().count() <= 6
        && l.chars().count() <= 60
}

/// Splits `text` into duty statements, trimmed, in order, without list
/// markers, headings or the furniture of a letter around them (see
/// [`split_letter`]). Statements without a letter are dropped.
///
/// # Example
/// ```
/// use noc::describe::split_duties;
/// let duties = split_duties(
///     "Duties:\n- Counsel clients; refer them to agencies\n\
///      - Keep case notes",
/// );
/// assert_eq!(
///     duties,
///     ["Counsel clients", "refer them to agencies", "Keep case notes"]
/// );
/// assert_eq!(split_duties("一、为客户提供咨询。二、记录、整理档案"),
///     ["为客户提供咨询", "记录、整理档案"]);
/// ```
pub fn split_duties(text: &str) -> Vec<String> {
    split_letter(text).duties
}

/// A text split into duty statements and the parts of a letter set aside.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SplitText {
    /// The duty statements, in order.
    pub duties: Vec<String>,
    /// What was set aside as a letter's furniture, in order.
    pub set_aside: Vec<SetAside>,
}

/// Splits `text` as [`split_duties`] does, setting aside what a pasted
/// reference letter holds besides duties: its letterhead and signature,
/// greeting and closing, contact details, dates, and statements of the
/// terms of employment (see [`crate::describe::letter`]).
///
/// # Example
/// ```
/// use noc::describe::{split_letter, LetterPart};
/// let s = split_letter(
///     "Hope Community Services\nTo whom it may concern:\n\
///      She works 37.5 hours per week. Her duties:\n\
///      - Refer clients to community resources\n\
///      Sincerely,\nJohn Smith",
/// );
/// assert_eq!(s.duties, ["Refer clients to community resources"]);
/// let parts: Vec<LetterPart> = s.set_aside.iter().map(|a| a.part).collect();
/// assert_eq!(parts, [
///     LetterPart::Letterhead,
///     LetterPart::Formula,
///     LetterPart::Terms,
///     LetterPart::Formula,
///     LetterPart::Signature,
/// ]);
/// ```
pub fn split_letter(text: &str) -> SplitText {
    // The lines with text, and whether a blank line comes before each.
    let mut lines: Vec<&str> = vec![];
    let mut after_blank: Vec<bool> = vec![];
    let mut blank = false;
    for l in text.lines() {
        let l = l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if l.is_empty() {
            blank = true;
        } else {
            lines.push(l);
            after_blank.push(std::mem::take(&mut blank));
        }
    }
    // The letter's frame: a letterhead above the greeting, a signature
    // below the closing, each of a few lines at most.
    let greeting = lines
        .iter()
        .take(MAX_FRAME_LINES + 1)
        .position(|l| letter::is_greeting(l));
    let start = greeting.map_or(0, |g| g + 1);
    let closing = lines[start..]
        .iter()
        .rposition(|l| letter::is_closing(l))
        .map(|j| start + j)
        .filter(|j| lines.len() - j - 1 <= MAX_FRAME_LINES);
    // `此致` / `敬礼！`: a closing may take more than one line.
    let end = closing.map_or(lines.len(), |mut j| {
        while j > start && letter::is_closing(lines[j - 1]) {
            j -= 1;
        }
        j
    });
    // Set-aside parts with the index of their line, to list them in order.
    let mut set_aside: Vec<(usize, SetAside)> = vec![];
    let mut aside = |i: usize, text: &str, part: LetterPart| {
        set_aside.push((i, SetAside { text: text.to_string(), part }));
    };
    for (i, line) in lines.iter().enumerate() {
        let frame = if Some(i) == greeting
            || closing.is_some_and(|j| (end..=j).contains(&i))
        {
            Some(LetterPart::Formula)
        } else if i < start {
            Some(LetterPart::Letterhead)
        } else if closing.is_some_and(|j| i > j) {
            Some(LetterPart::Signature)
        } else {
            None
        };
        if let Some(part) = frame {
            aside(i, line, letter::line_part(line).unwrap_or(part));
        }
    }
    let mut body: Vec<(usize, &str)> = vec![];
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
        match letter::line_part(line) {
            Some(part) => aside(i, line, part),
            None => body.push((i, line)),
        }
    }
    let marked = body.iter().any(|(_, l)| marker_len(l).is_some());
    // Group lines into items: a marked line opens one; unmarked lines
    // continue it when the text uses markers at all.
    let mut items: Vec<(usize, String)> = vec![];
    let mut open = false;
    for (i, line) in body {
        // A heading or a blank line ends an item: the paragraph after a
        // list is not its last duty.
        if after_blank[i] {
            open = false;
        }
        if is_heading(line) {
            open = false;
            continue;
        }
        match marker_len(line) {
            Some(n) => {
                items.push((i, line[n..].trim().to_string()));
                open = true;
            }
            // A line of its own that is letter text (`She works 40 hours
            // per week.` right under the last bullet) does not continue
            // the duty above it: joined, the duty would be set aside too.
            None if marked
                && open
                && letter::statement_part(line).is_some() =>
            {
                open = false;
                items.push((i, line.to_string()));
            }
            None if marked && open => {
                if let Some((_, last)) = items.last_mut() {
                    if !last.is_empty() {
                        last.push(' ');
                    }
                    last.push_str(line);
                }
            }
            None => items.push((i, line.to_string())),
        }
    }
    let mut duties = vec![];
    for (i, item) in items {
        for piece in split_inline(&item) {
            // `She works full time. Her duties include:` ends in a heading.
            if is_heading(&piece) {
                continue;
            }
            let piece = piece.trim_matches(|c: char| {
                c.is_whitespace()
                    || matches!(c, '.' | ',' | ';' | '，' | '、' | '：' | ':')
            });
            if !piece.chars().any(char::is_alphabetic) {
                continue;
            }
            match letter::statement_part(piece) {
                Some(part) => aside(i, piece, part),
                None => duties.push(piece.to_string()),
            }
        }
    }
    set_aside.sort_by_key(|(i, _)| *i);
    SplitText {
        duties,
        set_aside: set_aside.into_iter().map(|(_, a)| a).collect(),
    }
}

/// Splits one item at semicolons, Chinese full stops and sentence ends,
/// and at list markers inside a line (`一、… 二、…`).
fn split_inline(item: &str) -> Vec<String> {
    let chars: Vec<char> = item.chars().collect();
    let mut out = vec![];
    let mut cur = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let split_here = match c {
            ';' | '；' | '。' | '！' | '？' | '\t' => true,
            '.' | '!' | '?' => {
                // A sentence end: a space, then a capital letter or an
                // opening quote. `e.g. Excel` and `Dr. Smith` are rare
                // enough in duties to be left to this rule.
                next.is_some_and(char::is_whitespace)
                    && chars[i + 1..]
                        .iter()
                        .find(|c| !c.is_whitespace())
                        .is_some_and(|c| c.is_uppercase())
                    && !ends_with_abbreviation(&cur)
            }
            _ => false,
        };
        if split_here {
            out.push(std::mem::take(&mut cur));
            i += 1;
            continue;
        }
        cur.push(c);
        i += 1;
        // A Chinese list marker inside a line (`…。二、…` is handled by
        // the full stop; `… 二、…` after a space here).
        if c.is_whitespace() || c == '，' {
            let rest: String = chars[i..].iter().collect();
            if let Some(n) = marker_len(&rest) {
                let is_zh = rest
                    .chars()
                    .next()
                    .is_some_and(|c| ZH_NUMERALS.contains(c) || c == '（')
                    || rest[..n].ends_with('、');
                if is_zh {
                    out.push(std::mem::take(&mut cur));
                    i += rest[..n].chars().count();
                }
            }
        }
    }
    out.push(cur);
    // `一、…。二、…`: a piece may itself start with a marker.
    out.into_iter()
        .map(|p| {
            let t = p.trim();
            match marker_len(t) {
                Some(n) if t[..n].ends_with(['、', '）', ')']) => {
                    t[n..].to_string()
                }
                _ => t.to_string(),
            }
        })
        .collect()
}

/// Whether `text` ends with an abbreviation that takes a full stop
/// (`e.g`, `i.e`, `etc`, `Dr`, `Mr`, `Ms`, `Mrs`, `St`, `No`).
fn ends_with_abbreviation(text: &str) -> bool {
    let last = text.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    let last = last.to_lowercase();
    matches!(
        last.as_str(),
        "e.g"
            | "i.e"
            | "etc"
            | "dr"
            | "mr"
            | "ms"
            | "mrs"
            | "st"
            | "no"
            | "p. ex"
            | "ex"
            | "approx"
            | "incl"
            | "vs"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_line_ends_a_bulleted_duty() {
        let text = "- Keep case notes\n  for every visit\n\nShe also drove \
                    clients to appointments";
        assert_eq!(
            split_duties(text),
            [
                "Keep case notes for every visit",
                "She also drove clients to appointments"
            ]
        );
    }

    #[test]
    fn letter_text_under_a_bullet_does_not_take_the_duty_with_it() {
        for text in [
            "- Counsel clients\nShe works 40 hours per week",
            "- Counsel clients\nI highly recommend her",
        ] {
            let s = split_letter(text);
            assert_eq!(s.duties, ["Counsel clients"], "{text}");
            assert_eq!(s.set_aside.len(), 1, "{text}");
        }
        let s = split_letter("- 为客户提供咨询\n每周工作40小时");
        assert_eq!(s.duties, ["为客户提供咨询"]);
        // Praise and formulas in Chinese, simplified or traditional.
        for text in [
            "1. 提供危机干预和紧急庇护服务\n他工作认真负责，是一名优秀的员工。",
            "1. 提供危機干預和緊急庇護服務\n他工作認真負責，是一名優秀的員工。",
            "1. 提供危机干预和紧急庇护服务\n我强烈推荐他。",
            "1. 提供危机干预和紧急庇护服务\n如有任何疑问，请随时与我联系。",
        ] {
            let s = split_letter(text);
            assert_eq!(s.duties.len(), 1, "{text}");
            assert!(s.duties[0].ends_with("服务") || s.duties[0].ends_with("服務"));
            assert_eq!(s.set_aside.len(), 1, "{text}");
        }
        // A wrapped Chinese duty still continues.
        assert_eq!(
            split_duties("1. 负责联系客户\n并安排会议"),
            ["负责联系客户 并安排会议"]
        );
        // A wrapped duty still continues.
        assert_eq!(
            split_duties("- Refer clients to community\n  resources"),
            ["Refer clients to community resources"]
        );
    }

    #[test]
    fn a_letter_frame_is_set_aside_only_where_it_is_one() {
        // Without a greeting, the first lines are duties.
        let s =
            split_letter("Counsel clients\nKeep case notes\nSincerely,\nAnn");
        assert_eq!(s.duties, ["Counsel clients", "Keep case notes"]);
        assert_eq!(s.set_aside.len(), 2);
        // A closing with a long text after it is not a letter's end.
        let mut text = "Regards,\n".to_string();
        for i in 0..=MAX_FRAME_LINES {
            text += &format!("Visit client number {i}\n");
        }
        let s = split_letter(&text);
        assert_eq!(s.duties.len(), MAX_FRAME_LINES + 1);
        assert_eq!(s.set_aside.len(), 1);
        // Chinese: greeting, terms, closing.
        let s = split_letter(
            "尊敬的签证官：\n兹证明张三自2019年6月起在我公司任职。\n\
             主要职责：\n一、为客户提供咨询\n二、记录、整理档案\n此致\n敬礼！\n\
             某某社会服务中心",
        );
        assert_eq!(s.duties, ["为客户提供咨询", "记录、整理档案"]);
        let parts: Vec<LetterPart> =
            s.set_aside.iter().map(|a| a.part).collect();
        assert_eq!(
            parts,
            [
                LetterPart::Formula,
                LetterPart::Formula,
                LetterPart::Formula,
                LetterPart::Formula,
                LetterPart::Signature
            ]
        );
    }

    #[test]
    fn a_chinese_reference_letter() {
        let s = split_letter(
            "希望社区服务中心\n尊敬的签证官：\n\
             兹证明张伟自2019年6月1日起在我中心担任青少年外展工作者。\n\
             我是他的直属上司。\n主要职责：\n\
             1. 负责联系客户并安排会议\n\
             2. 向上级推荐合适的服务方案\n\
             3. 联系社区资源\n\
             4. 评估员工的工作表现\n\
             他工作认真负责，是一名优秀的员工。我强烈推荐他。\n\
             如有任何疑问，请随时与我联系。\n\
             此致敬礼\n中心主任：李明\n单位（盖章）\n二〇二四年三月三日",
        );
        assert_eq!(
            s.duties,
            [
                "负责联系客户并安排会议",
                "向上级推荐合适的服务方案",
                "联系社区资源",
                "评估员工的工作表现"
            ]
        );
        let parts: Vec<LetterPart> =
            s.set_aside.iter().map(|a| a.part).collect();
        assert_eq!(
            parts,
            [
                LetterPart::Letterhead,
                LetterPart::Formula,
                LetterPart::Formula,
                LetterPart::Formula,
                LetterPart::Praise,
                LetterPart::Praise,
                LetterPart::Formula,
                LetterPart::Formula,
                LetterPart::Signature,
                LetterPart::Signature,
                LetterPart::Date,
            ]
        );
    }

    #[test]
    fn bullets_with_continuation_lines() {
        let text = "Main duties:\n\
                    • Counsel clients and\n  their families\n\
                    * Refer clients to agencies\n\
                    - Keep case notes\n";
        assert_eq!(
            split_duties(text),
            [
                "Counsel clients and their families",
                "Refer clients to agencies",
                "Keep case notes"
            ]
        );
    }

    #[test]
    fn numbered_lines() {
        let text = "1. Plan programs\n2) Supervise staff\n(3) Prepare \
                    budgets\na) Train volunteers\niv. Write reports";
        assert_eq!(
            split_duties(text),
            [
                "Plan programs",
                "Supervise staff",
                "Prepare budgets",
                "Train volunteers",
                "Write reports"
            ]
        );
    }

    #[test]
    fn a_number_in_text_is_not_a_marker() {
        assert_eq!(
            split_duties("3.5 tonnes of steel cut daily\n-5 degrees"),
            ["3.5 tonnes of steel cut daily", "-5 degrees"]
        );
    }

    #[test]
    fn semicolons_and_sentences() {
        let text = "Assessed clients' needs; developed intervention plans. \
                    Referred them to community agencies, e.g. food banks. \
                    kept files";
        assert_eq!(
            split_duties(text),
            [
                "Assessed clients' needs",
                "developed intervention plans",
                "Referred them to community agencies, e.g. food banks. \
                 kept files"
            ]
        );
    }

    #[test]
    fn plain_lines_are_one_duty_each() {
        assert_eq!(
            split_duties("Plan meals\n\nOrder supplies\r\nClean kitchen\n"),
            ["Plan meals", "Order supplies", "Clean kitchen"]
        );
    }

    #[test]
    fn french_letter() {
        let text = "Fonctions principales :\n\
                    - Évaluer les besoins des clients ; élaborer des plans \
                    d'intervention.\n\
                    - Orienter les clients vers les ressources \
                    communautaires.";
        assert_eq!(
            split_duties(text),
            [
                "Évaluer les besoins des clients",
                "élaborer des plans d'intervention",
                "Orienter les clients vers les ressources communautaires"
            ]
        );
    }

    #[test]
    fn chinese_punctuation_and_lists() {
        assert_eq!(
            split_duties("主要职责：\n1、评估客户需求；制定服务计划。\n2、记录、整理档案"),
            ["评估客户需求", "制定服务计划", "记录、整理档案"]
        );
        assert_eq!(
            split_duties("（一）接待来访群众\n（二）协调社区资源"),
            ["接待来访群众", "协调社区资源"]
        );
        assert_eq!(
            split_duties("一、为客户提供咨询。二、开展外展活动 三、撰写报告"),
            ["为客户提供咨询", "开展外展活动", "撰写报告"]
        );
        assert_eq!(
            split_duties("①接待来访\n②协调资源"),
            ["接待来访", "协调资源"]
        );
    }

    #[test]
    fn nothing_to_split() {
        assert!(split_duties("").is_empty());
        assert!(split_duties(" \n - \n 1. \n ;;; ").is_empty());
        assert!(split_duties("\u{0}\u{1}").is_empty());
        // Markers with nothing after them, or cut short.
        for text in ["(", "（", "(1", "1", "一、", "a)", "-", "①", "、、"]
        {
            assert!(split_duties(text).is_empty(), "{text:?}");
        }
    }
}
