//! `noc show CODE`: one class, readable or as JSON.

use std::io::Write;

use anyhow::Context;
use noc::{
    Classification, Group, Lang, Level, NocVersion, OtherVersion, Text,
};

use crate::args::ShowArgs;
use crate::output::{self, wrapped};
use crate::Outcome;

pub fn run(args: ShowArgs) -> anyhow::Result<Outcome> {
    let data = crate::data::load(&args.data)?;
    let c = &data.classification;
    let Some(group) = c.get_str(&args.code) else {
        eprintln!(
            "noc: no class {} in the loaded data ({})",
            args.code, data.source
        );
        if let Some(hint) =
            other_version_hint(&args.code, data.source.version())
        {
            eprintln!("noc: {hint}");
        } else if data.embedded() {
            eprintln!(
                "noc: the embedded default holds only NOC 2011 unit group \
                 4212; use --data DIR for the full classification"
            );
        }
        return Ok(Outcome::NothingFound);
    };
    let conversion = convert_to(&args, &data, group)?;
    let mut out = output::stdout();
    let width = output::width();
    let lang: Lang = args.lang.into();
    match (&conversion, args.json) {
        (None, true) => {
            serde_json::to_writer_pretty(&mut out, group)?;
            writeln!(out)?;
        }
        (None, false) => {
            print_group(&mut out, c, group, lang, width)?;
            if lang == Lang::Zh && group.unofficial.is_none() {
                chinese_via_concordance(&mut out, &args, &data, group)?;
            }
        }
        (Some((conv, newer)), true) => {
            let profiles: Vec<&Group> = newer
                .iter()
                .flat_map(|n| {
                    conv.targets.iter().filter_map(|t| n.get(&t.code))
                })
                .collect();
            let v = serde_json::json!({
                "group": group,
                "conversion": conv,
                "noc2021": profiles,
            });
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        (Some((conv, newer)), false) => {
            print_group(&mut out, c, group, lang, width)?;
            writeln!(out)?;
            super::convert::write_conversion(&mut out, conv)?;
            if let Some(n) = newer {
                for t in &conv.targets {
                    if let Some(g) = n.get(&t.code) {
                        writeln!(out)?;
                        print_group(&mut out, n, g, lang, width)?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// With `--to 2021` on older data: the concordance's answer, and the NOC
/// 2021 classification when it is installed (to show the new profiles).
/// For a NOC 2011/2016 unit group shown in Chinese: the Chinese title of
/// the NOC 2021 group it became, where the concordance makes that one
/// group and no other feeds it.
fn chinese_via_concordance(
    out: &mut impl Write,
    args: &ShowArgs,
    data: &crate::data::Data,
    group: &Group,
) -> anyhow::Result<()> {
    if group.level != Level::UnitGroup {
        return Ok(());
    }
    let Ok(Some(concordance)) = crate::data::concordance_to(
        Some(crate::args::TargetVersionArg::V2021),
        group.version,
        &args.concordance,
        &args.data.store,
        data.source.path(),
    ) else {
        return Ok(());
    };
    let Some(conv) = concordance.convert(group.code.as_str()) else {
        return Ok(());
    };
    let target = match &conv.targets[..] {
        [t] if conv.relation == noc::concordance::Relation::OneToOne => t,
        _ => return Ok(()),
    };
    if let Some(n) = noc::zh::names().get(&target.code) {
        writeln!(
            out,
            "\n中文 (NOC 2021 {}, one-to-one; unofficial translation): {}",
            target.code, n.title
        )?;
    }
    Ok(())
}

fn convert_to(
    args: &ShowArgs,
    data: &crate::data::Data,
    group: &Group,
) -> anyhow::Result<
    Option<(noc::concordance::Conversion, Option<Classification>)>,
> {
    let Some(concordance) = crate::data::concordance_to(
        args.to,
        group.version,
        &args.concordance,
        &args.data.store,
        data.source.path(),
    )?
    else {
        return Ok(None);
    };
    if group.level != Level::UnitGroup {
        anyhow::bail!(
            "--to 2021 converts unit groups; {} is a {}",
            group.code,
            group.level.name()
        );
    }
    let conversion =
        concordance.convert(group.code.as_str()).with_context(|| {
            format!("{} is not in the NOC 2016 → 2021 concordance", group.code)
        })?;
    let mut newer_args = args.data.clone();
    newer_args.data = None;
    newer_args.version = Some(crate::args::VersionArg::V2021);
    let newer = match crate::data::load(&newer_args) {
        Ok(d) => Some(d.classification),
        Err(_) => {
            eprintln!(
                "noc: NOC 2021 is not installed; run `noc data fetch` to see \
                 the 2021 profiles"
            );
            None
        }
    };
    Ok(Some((conversion, newer)))
}

fn print_group(
    out: &mut impl Write,
    c: &Classification,
    g: &Group,
    lang: Lang,
    width: usize,
) -> std::io::Result<()> {
    writeln!(out, "{}  {}", g.code, g.title.show(lang))?;
    for (other, t) in g.title.iter() {
        if other != lang
            && Some(t.as_str()) != g.title.get_or_any(lang).map(|s| s.as_str())
        {
            writeln!(out, "{:w$}  {t}", "", w = g.code.len())?;
        }
    }
    if let Some(u) = g.unofficial.as_ref().filter(|u| u.lang == lang) {
        writeln!(
            out,
            "{:w$}  {}  (unofficial translation)",
            "",
            u.title,
            w = g.code.len()
        )?;
        if !u.aliases.is_empty() {
            let line = format!(
                "Chinese job titles (unofficial): {}",
                u.aliases.join("、")
            );
            wrapped(out, &line, "  ", "", width)?;
        }
    }
    wrapped(out, &facts(g), "  ", "", width)?;
    if let Some(parent) = c.parent(&g.code) {
        writeln!(
            out,
            "Under {} {} ({})",
            parent.code,
            parent.title.show(lang),
            parent.level.name()
        )?;
    }
    let children: Vec<&Group> = c.children(&g.code).collect();
    section_texts(
        out,
        "Lead statement",
        std::slice::from_ref(&g.lead_statement),
        lang,
        width,
        false,
    )?;
    titles(out, "Example titles", &g.example_titles, lang)?;
    if !g.main_duties.is_empty() {
        writeln!(out, "\nMain duties")?;
        let intro = g
            .duties_intro
            .get(lang)
            .or_else(|| g.duties_intro.get_or_any(lang));
        if let Some(intro) = intro {
            wrapped(out, intro, "  ", "  ", width)?;
        }
        for s in pick_sections(&g.main_duties, lang) {
            if let Some(h) = &s.heading {
                writeln!(out, "  {}", h.show(lang))?;
            }
            let indent = if s.heading.is_some() { "      " } else { "    " };
            let bullet =
                if s.heading.is_some() { "    • " } else { "  • " };
            for item in &s.items {
                wrapped(out, item.show(lang), indent, bullet, width)?;
            }
        }
    }
    section_texts(
        out,
        "Employment requirements",
        &g.employment_requirements,
        lang,
        width,
        true,
    )?;
    section_texts(
        out,
        "Additional information",
        &g.additional_information,
        lang,
        width,
        true,
    )?;
    if !g.exclusions.is_empty() {
        writeln!(out, "\nClassified elsewhere")?;
        for e in pick(&g.exclusions, lang, |e| &e.text) {
            let text = e.text.show(lang);
            match e.target {
                Some(code) => {
                    let title = match c.get(&code) {
                        Some(t) => t.title.show(lang).to_string(),
                        None => {
                            let t = e.target_title.show(lang);
                            format!("{t} (profile not in the loaded data)")
                        }
                    };
                    wrapped(out, text, "    ", "  ", width)?;
                    wrapped(
                        out,
                        &format!("→ {code} {title}"),
                        "      ",
                        "    ",
                        width,
                    )?;
                }
                None => wrapped(out, text, "    ", "  ", width)?,
            }
        }
    }
    if !g.inclusions.is_empty() {
        titles(out, "Inclusions", &g.inclusions, lang)?;
    }
    if !g.all_titles.is_empty() {
        let shown = pick(&g.all_titles, lang, |t| t);
        writeln!(out, "\nAll titles ({})", shown.len())?;
        for t in shown {
            writeln!(out, "  • {}", title_text(t, lang))?;
        }
    }
    if !children.is_empty() {
        writeln!(out, "\nContains")?;
        for ch in children {
            writeln!(out, "  {} {}", ch.code, ch.title.show(lang))?;
        }
    }
    if let Some(src) = &g.source {
        writeln!(out, "\nSource: {src}")?;
    }
    Ok(())
}

/// Version, level, and TEER or skill type/level.
fn facts(g: &Group) -> String {
    let mut s = format!("NOC {} · {}", g.version, g.level.name());
    match g.version {
        NocVersion::V2021 => {
            if let (Some(teer), Level::UnitGroup) = (g.teer(), g.level) {
                s += &format!(" · TEER {teer} ({})", noc::teer_name(teer));
            }
        }
        NocVersion::V2011 | NocVersion::V2016 => {
            let st = g.code.skill_type();
            s += &format!(" · skill type {st} ({})", noc::skill_type_name(st));
            if let Some(level) = g.code.skill_level() {
                s += &format!(" · skill level {level}");
            }
        }
    }
    s
}

/// The entries that have `lang`; all entries when none has it.
fn pick<T, U>(
    items: &[T],
    lang: Lang,
    text: impl Fn(&T) -> &noc::Multilingual<U>,
) -> Vec<&T> {
    let with: Vec<&T> =
        items.iter().filter(|t| text(t).get(lang).is_some()).collect();
    if with.is_empty() {
        items.iter().collect()
    } else {
        with
    }
}

fn pick_sections(
    sections: &[noc::DutySection],
    lang: Lang,
) -> Vec<&noc::DutySection> {
    let with: Vec<_> = sections
        .iter()
        .filter(|s| s.items.iter().any(|t| t.get(lang).is_some()))
        .collect();
    if with.is_empty() {
        sections.iter().collect()
    } else {
        with
    }
}

fn title_text(t: &noc::Title, lang: Lang) -> &str {
    t.get_or_any(lang).map(|f| f.original.as_str()).unwrap_or("")
}

fn titles(
    out: &mut impl Write,
    heading: &str,
    list: &[noc::Title],
    lang: Lang,
) -> std::io::Result<()> {
    let shown = pick(list, lang, |t| t);
    if shown.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{heading}")?;
    for t in shown {
        writeln!(out, "  • {}", title_text(t, lang))?;
    }
    Ok(())
}

fn section_texts(
    out: &mut impl Write,
    heading: &str,
    list: &[Text],
    lang: Lang,
    width: usize,
    bullets: bool,
) -> std::io::Result<()> {
    let shown = pick(list, lang, |t| t);
    if shown.iter().all(|t| t.is_empty()) {
        return Ok(());
    }
    writeln!(out, "\n{heading}")?;
    for t in shown {
        let first = if bullets { "  • " } else { "  " };
        let indent = if bullets { "    " } else { "  " };
        wrapped(out, t.show(lang), indent, first, width)?;
    }
    Ok(())
}

/// What to do with a code of another NOC version than the loaded one.
pub fn other_version_hint(code: &str, loaded: NocVersion) -> Option<String> {
    let code = code.trim();
    let other = loaded.other_version_of(code)?;
    let what = other.explain(code, loaded);
    Some(match other {
        OtherVersion::V2021 => {
            format!("{what}: show it with `noc show {code} --version 2021`")
        }
        _ => format!(
            "{what}: show it with `noc show {code} --version 2016` (with \
             NOC 2016 installed), or find its NOC 2021 groups with `noc \
             convert {code}`"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// See: issue 11 (`noc show 4212` on NOC 2021 data gave no hint).
    #[test]
    fn codes_of_another_version_get_a_hint() {
        let h = other_version_hint("4212", NocVersion::V2021).unwrap();
        assert!(h.contains("--version 2016") && h.contains("noc convert"));
        let h = other_version_hint("42201", NocVersion::V2016).unwrap();
        assert!(h.contains("--version 2021"), "{h}");
        assert_eq!(other_version_hint("4212", NocVersion::V2016), None);
        assert_eq!(other_version_hint("42", NocVersion::V2021), None);
    }
}
