//! HTML building blocks: escaping, the page layout, and the interface
//! text in English, French and Chinese.

use std::fmt::{self, Write};

use noc::{Lang, Level};

/// Text escaped for HTML element content and quoted attribute values.
pub struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut last = 0;
        for (i, ch) in self.0.char_indices() {
            let rep = match ch {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&self.0[last..i])?;
            f.write_str(rep)?;
            last = i + ch.len_utf8();
        }
        f.write_str(&self.0[last..])
    }
}

/// Text percent-encoded for a URL query value.
pub struct Url<'a>(pub &'a str);

impl fmt::Display for Url<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                f.write_char(b as char)?;
            } else {
                write!(f, "%{b:02X}")?;
            }
        }
        Ok(())
    }
}

/// The interface text of one language.
pub struct Ui {
    pub lang: Lang,
    pub html_lang: &'static str,
    pub app: &'static str,
    pub skip: &'static str,
    pub nav_search: &'static str,
    pub nav_browse: &'static str,
    pub nav_batch: &'static str,
    pub nav_api: &'static str,
    pub nav_check: &'static str,
    pub check_intro: &'static str,
    pub code_label: &'static str,
    pub letter_title_label: &'static str,
    pub duties_label: &'static str,
    pub check_button: &'static str,
    pub verdict: &'static str,
    pub strengths: [&'static str; 3],
    pub weak: &'static str,
    pub main_covered: &'static str,
    pub client_explained: &'static str,
    pub download_md: &'static str,
    pub covered_by: &'static str,
    pub client_duties: &'static str,
    pub not_in_profile: &'static str,
    /// Before the English a Chinese duty was read as, and after it.
    pub read_as: &'static str,
    pub unofficial_translation: &'static str,
    /// After a copied-text warning whose Chinese duty translates the
    /// NOC duty.
    pub translated_copy: &'static str,
    pub copied: &'static str,
    /// Over what a pasted letter held besides duties.
    pub set_aside: &'static str,
    /// The names of the parts of a letter, in the order of
    /// `noc::describe::LetterPart` (see `letter_part`).
    pub letter_parts: [&'static str; 7],
    pub better_fits: &'static str,
    pub language: &'static str,
    pub title_label: &'static str,
    pub title_hint: &'static str,
    pub match_button: &'static str,
    pub results_for: &'static str,
    pub no_match: &'static str,
    pub evidence: &'static str,
    pub matched: &'static str,
    pub via_exclusion: &'static str,
    pub confidence: [&'static str; 3],
    pub score: &'static str,
    pub not_in_data: &'static str,
    pub lead_statement: &'static str,
    pub example_titles: &'static str,
    pub all_titles: &'static str,
    pub filter_titles: &'static str,
    pub main_duties: &'static str,
    pub requirements: &'static str,
    pub additional: &'static str,
    pub exclusions: &'static str,
    pub inclusions: &'static str,
    pub contains: &'static str,
    pub hierarchy: &'static str,
    pub other_titles: &'static str,
    pub came_from: &'static str,
    pub became: &'static str,
    pub teer_filter: &'static str,
    pub all_teer: &'static str,
    pub show: &'static str,
    pub classes: &'static str,
    pub batch_intro: &'static str,
    pub file_label: &'static str,
    pub column_label: &'static str,
    pub column_hint: &'static str,
    pub upload_button: &'static str,
    pub not_found: &'static str,
    pub data_from: &'static str,
    pub levels: [&'static str; 5],
}

impl Ui {
    /// The interface text of `lang`.
    pub fn of(lang: Lang) -> &'static Ui {
        match lang {
            Lang::En => &EN,
            Lang::Fr => &FR,
            Lang::Zh => &ZH,
        }
    }

    pub fn level(&self, level: Level) -> &'static str {
        let i = Level::ALL.iter().position(|l| *l == level).unwrap_or(0);
        self.levels[i]
    }

    pub fn confidence(&self, c: noc::matcher::Confidence) -> &'static str {
        use noc::matcher::Confidence::*;
        match c {
            High => self.confidence[0],
            Medium => self.confidence[1],
            Low => self.confidence[2],
        }
    }
}

pub static EN: Ui = Ui {
    lang: Lang::En,
    html_lang: "en",
    app: "NOC job title matcher",
    skip: "Skip to the content",
    nav_search: "Search",
    nav_browse: "Browse",
    nav_batch: "Batch",
    nav_api: "API",
    nav_check: "Check a letter",
    check_intro: "Compare the duties of a reference letter with the lead statement and main duties of one unit group.",
    code_label: "NOC code (unit group)",
    letter_title_label: "Job title in the letter (optional)",
    duties_label: "Duties, one per line",
    check_button: "Check",
    verdict: "Verdict",
    strengths: ["strong", "partial", "not covered"],
    weak: "weak",
    main_covered: "Main duties covered",
    client_explained: "Client duties explained",
    download_md: "Download Markdown",
    covered_by: "covered by client duty",
    client_duties: "Client duties",
    not_in_profile: "not in this profile",
    read_as: "read as",
    unofficial_translation: "unofficial translation",
    translated_copy: "a translation",
    copied: "Copied text",
    set_aside: "Set aside: letter text, not duties",
    letter_parts: [
        "letterhead",
        "letter formula",
        "signature",
        "contact details",
        "date",
        "terms of employment",
        "praise",
    ],
    better_fits: "Codes that fit the description better",
    language: "Language",
    title_label: "Job title",
    title_hint: "In English, French or Chinese, as written on a reference \
                 letter or a job posting.",
    match_button: "Match",
    results_for: "Results for",
    no_match: "No unit group matches this title well enough.",
    evidence: "Evidence",
    matched: "matched",
    via_exclusion: "classified elsewhere by",
    confidence: ["high", "medium", "low"],
    score: "score",
    not_in_data: "profile not in the loaded data",
    lead_statement: "Lead statement",
    example_titles: "Example titles",
    all_titles: "All titles",
    filter_titles: "Filter the titles",
    main_duties: "Main duties",
    requirements: "Employment requirements",
    additional: "Additional information",
    exclusions: "Classified elsewhere",
    inclusions: "Inclusions",
    contains: "Contains",
    hierarchy: "Hierarchy",
    other_titles: "Other languages",
    came_from: "Came from (concordance)",
    became: "Became in NOC 2021 (concordance)",
    teer_filter: "TEER",
    all_teer: "All",
    show: "Show",
    classes: "classes",
    batch_intro: "Upload a CSV file, choose the column that holds the job \
                  titles, and download the same file with the NOC codes \
                  added. Every row is kept; a row that cannot be matched \
                  says why in the noc_error column.",
    file_label: "CSV file",
    column_label: "Column of job titles",
    column_hint: "Its name in the first row of the file.",
    upload_button: "Code the file",
    not_found: "Not found",
    data_from: "Data",
    levels: [
        "broad category",
        "major group",
        "sub-major group",
        "minor group",
        "unit group",
    ],
};

pub static FR: Ui = Ui {
    lang: Lang::Fr,
    html_lang: "fr",
    app: "Appariement des appellations d'emploi à la CNP",
    skip: "Aller au contenu",
    nav_search: "Recherche",
    nav_browse: "Parcourir",
    nav_batch: "Lot",
    nav_api: "API",
    nav_check: "Vérifier une lettre",
    check_intro: "Comparer les fonctions d’une lettre de référence à l’énoncé principal et aux fonctions principales d’un groupe de base.",
    code_label: "Code CNP (groupe de base)",
    letter_title_label: "Appellation d’emploi de la lettre (facultatif)",
    duties_label: "Fonctions, une par ligne",
    check_button: "Vérifier",
    verdict: "Verdict",
    strengths: ["forte", "partielle", "non couverte"],
    weak: "faible",
    main_covered: "Fonctions principales couvertes",
    client_explained: "Fonctions du client expliquées",
    download_md: "Télécharger en Markdown",
    covered_by: "couverte par la fonction du client",
    client_duties: "Fonctions du client",
    not_in_profile: "absente de ce profil",
    read_as: "lue comme",
    unofficial_translation: "traduction non officielle",
    translated_copy: "une traduction",
    copied: "Texte copié",
    set_aside: "Mis de côté : texte de la lettre, pas des fonctions",
    letter_parts: [
        "en-tête",
        "formule de la lettre",
        "signature",
        "coordonnées",
        "date",
        "conditions d'emploi",
        "éloge",
    ],
    better_fits: "Codes mieux adaptés à la description",
    language: "Langue",
    title_label: "Appellation d'emploi",
    title_hint: "En français, en anglais ou en chinois, telle qu'écrite \
                 dans une lettre de référence ou une offre d'emploi.",
    match_button: "Apparier",
    results_for: "Résultats pour",
    no_match: "Aucun groupe de base ne correspond assez à cette \
               appellation.",
    evidence: "Justification",
    matched: "appellation trouvée",
    via_exclusion: "classée ailleurs par",
    confidence: ["élevée", "moyenne", "faible"],
    score: "score",
    not_in_data: "profil absent des données chargées",
    lead_statement: "Énoncé principal",
    example_titles: "Exemples d'appellations",
    all_titles: "Toutes les appellations",
    filter_titles: "Filtrer les appellations",
    main_duties: "Fonctions principales",
    requirements: "Conditions d'accès à la profession",
    additional: "Renseignements supplémentaires",
    exclusions: "Classées ailleurs",
    inclusions: "Inclusions",
    contains: "Comprend",
    hierarchy: "Hiérarchie",
    other_titles: "Autres langues",
    came_from: "Provient de (concordance)",
    became: "Devenu dans la CNP 2021 (concordance)",
    teer_filter: "FEER",
    all_teer: "Toutes",
    show: "Afficher",
    classes: "classes",
    batch_intro: "Téléversez un fichier CSV, choisissez la colonne des \
                  appellations d'emploi et téléchargez le même fichier \
                  avec les codes CNP. Chaque ligne est gardée; une ligne \
                  non appariée en donne la raison dans la colonne \
                  noc_error.",
    file_label: "Fichier CSV",
    column_label: "Colonne des appellations",
    column_hint: "Son nom dans la première ligne du fichier.",
    upload_button: "Coder le fichier",
    not_found: "Introuvable",
    data_from: "Données",
    levels: [
        "grande catégorie",
        "grand groupe",
        "sous-grand groupe",
        "groupe intermédiaire",
        "groupe de base",
    ],
};

pub static ZH: Ui = Ui {
    lang: Lang::Zh,
    html_lang: "zh-Hans",
    app: "NOC 职位名称匹配",
    skip: "跳到正文",
    nav_search: "搜索",
    nav_browse: "浏览",
    nav_batch: "批量",
    nav_api: "API",
    nav_check: "核对推荐信",
    check_intro: "将推荐信中的职责与一个细类的主要说明和主要职责进行比较。",
    code_label: "NOC 代码（细类）",
    letter_title_label: "推荐信中的职位名称（可选）",
    duties_label: "职责，每行一条",
    check_button: "核对",
    verdict: "结论",
    strengths: ["强", "部分", "未覆盖"],
    weak: "弱",
    main_covered: "已覆盖的主要职责",
    client_explained: "已解释的申请人职责",
    download_md: "下载 Markdown",
    covered_by: "覆盖它的申请人职责",
    client_duties: "申请人职责",
    not_in_profile: "不在此职业描述中",
    read_as: "英文读作",
    unofficial_translation: "非官方翻译",
    translated_copy: "译文",
    copied: "复制的文本",
    set_aside: "已略去：信函内容，非职责",
    letter_parts: [
        "信头",
        "信函套语",
        "署名",
        "联系方式",
        "日期",
        "雇用条件",
        "评价",
    ],
    better_fits: "更符合描述的代码",
    language: "语言",
    title_label: "职位名称",
    title_hint: "中文、英文或法文，按推荐信或招聘广告上的写法。",
    match_button: "匹配",
    results_for: "结果：",
    no_match: "没有足够匹配此职位名称的职业小类。",
    evidence: "依据",
    matched: "匹配名称",
    via_exclusion: "由其列为别处分类：",
    confidence: ["高", "中", "低"],
    score: "得分",
    not_in_data: "已载入的数据中没有此职业描述",
    lead_statement: "概述",
    example_titles: "职位示例",
    all_titles: "全部职位名称",
    filter_titles: "筛选职位名称",
    main_duties: "主要职责",
    requirements: "就业要求",
    additional: "补充信息",
    exclusions: "别处分类",
    inclusions: "包括",
    contains: "下属类别",
    hierarchy: "分类层级",
    other_titles: "其他语言",
    came_from: "来源（对照表）",
    became: "在 NOC 2021 中变为（对照表）",
    teer_filter: "TEER",
    all_teer: "全部",
    show: "显示",
    classes: "个类别",
    batch_intro: "上传 CSV 文件，选择职位名称所在的列，下载加上 NOC \
                  代码的同一文件。每一行都保留；无法匹配的行在 noc_error \
                  列中说明原因。",
    file_label: "CSV 文件",
    column_label: "职位名称列",
    column_hint: "文件第一行中的列名。",
    upload_button: "编码文件",
    not_found: "未找到",
    data_from: "数据",
    levels: ["大类", "主类", "亚主类", "中类", "小类"],
};

/// A whole page: header with navigation and language switch, `body` in
/// `<main>`, footer naming the data.
pub fn page(
    ui: &Ui,
    title: &str,
    path: &str,
    body: &str,
    data: &str,
) -> String {
    let mut s = String::with_capacity(body.len() + 2048);
    let q = ui.lang.code();
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n\
         <meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, \
         initial-scale=1\">\n<title>{title} · {app}</title>\n\
         <link rel=\"stylesheet\" href=\"/assets/app.css\">\n\
         <script src=\"/assets/app.js\" defer></script>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#main\">{skip}</a>\n\
         <header>\n<p class=\"brand\"><a href=\"/?lang={q}\">{app}</a></p>\n\
         <nav aria-label=\"{app}\"><ul>\n\
         <li><a href=\"/?lang={q}\">{search}</a></li>\n\
         <li><a href=\"/browse?lang={q}\">{browse}</a></li>\n\
         <li><a href=\"/batch?lang={q}\">{batch}</a></li>\n\
         <li><a href=\"/check?lang={q}\">{check}</a></li>\n\
         <li><a href=\"/api/v1/openapi.json\">{api}</a></li>\n\
         </ul></nav>\n<nav class=\"langs\" aria-label=\"{language}\"><ul>\n",
        lang = ui.html_lang,
        title = Esc(title),
        app = Esc(ui.app),
        skip = Esc(ui.skip),
        search = Esc(ui.nav_search),
        browse = Esc(ui.nav_browse),
        batch = Esc(ui.nav_batch),
        check = Esc(ui.nav_check),
        api = Esc(ui.nav_api),
        language = Esc(ui.language),
    );
    for (l, name) in
        [(Lang::En, "English"), (Lang::Fr, "Français"), (Lang::Zh, "中文")]
    {
        let here = if l == ui.lang { " aria-current=\"true\"" } else { "" };
        let sep = if path.contains('?') { '&' } else { '?' };
        let _ = writeln!(
            s,
            "<li><a href=\"{}{sep}lang={}\" lang=\"{}\"{here}>{name}</a></li>",
            Esc(path),
            l.code(),
            Ui::of(l).html_lang,
        );
    }
    let _ = write!(
        s,
        "</ul></nav>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n{body}\
         </main>\n<footer><p>{label}: {data}</p></footer>\n</body>\n</html>\n",
        label = Esc(ui.data_from),
        data = Esc(data),
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            Esc("<a href=\"x\">O'Neil & co</a>").to_string(),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;"
        );
        assert_eq!(Esc("plain é 社工").to_string(), "plain é 社工");
    }

    #[test]
    fn encodes_query_values() {
        assert_eq!(Url("a b&c=é").to_string(), "a%20b%26c%3D%C3%A9");
    }

    #[test]
    fn every_language_names_every_level() {
        for l in Lang::ALL {
            let ui = Ui::of(l);
            assert_eq!(ui.lang, l);
            for level in Level::ALL {
                assert!(!ui.level(level).is_empty());
            }
        }
    }
}
