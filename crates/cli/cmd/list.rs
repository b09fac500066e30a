//! `noc list`: browse the hierarchy.

use std::io::Write;

use noc::{Lang, NocCode};
use serde::Serialize;

use crate::args::ListArgs;
use crate::output;
use crate::Outcome;

#[derive(Serialize)]
struct Row<'a> {
    code: NocCode,
    level: noc::Level,
    title: &'a str,
    /// The title is the noc project's translation, not Statistics
    /// Canada's text.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    unofficial: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    teer: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skill_type: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skill_level: Option<char>,
}

pub fn run(args: ListArgs) -> anyhow::Result<Outcome> {
    let data = crate::data::load(&args.data)?;
    let c = &data.classification;
    let lang: Lang = args.lang.into();
    let under = match &args.under {
        Some(u) => Some(
            NocCode::new(u).map_err(|e| anyhow::anyhow!("--under: {e}"))?,
        ),
        None => None,
    };
    let level = args.level.map(noc::Level::from);
    let mut out = output::stdout();
    let mut n = 0;
    let mut translated = false;
    for g in c.groups() {
        if level.is_some_and(|l| g.level != l)
            || under.is_some_and(|u| !g.code.starts_with(&u))
            || args
                .teer
                .is_some_and(|t| g.teer() != Some(t) || g.code.len() < 5)
        {
            continue;
        }
        n += 1;
        let unit = g.level == noc::Level::UnitGroup;
        let teer = g.teer().filter(|_| unit);
        let older = unit && g.version != noc::NocVersion::V2021;
        let skill_type = older.then(|| g.code.skill_type());
        let skill_level = older.then(|| g.code.skill_level()).flatten();
        // The project's own names where the data has none in `lang`
        // (Chinese), marked as such.
        let ours = g
            .unofficial
            .as_ref()
            .filter(|u| u.lang == lang && g.title.get(lang).is_none());
        let title = ours.map_or_else(|| g.title.show(lang), |u| &u.title);
        if ours.is_some() && !translated && !args.json {
            translated = true;
            writeln!(
                out,
                "(Chinese names: an unofficial translation by the noc \
                 project)"
            )?;
        }
        if args.json {
            let row = Row {
                code: g.code,
                level: g.level,
                title,
                unofficial: ours.is_some(),
                teer,
                skill_type,
                skill_level,
            };
            output::json_line(&mut out, &row)?;
        } else {
            let depth = g.code.len().saturating_sub(1);
            let tag = match output::skill_tag(teer, skill_type, skill_level) {
                Some(tag) => format!("  [{tag}]"),
                None => String::new(),
            };
            writeln!(
                out,
                "{:indent$}{:<6} {}{tag}",
                "",
                g.code.as_str(),
                title,
                indent = depth * 2
            )?;
        }
    }
    out.flush()?;
    if n == 0 {
        eprintln!("noc: {}", nothing_listed(&args, &data, under.as_ref()));
        return Ok(Outcome::NothingFound);
    }
    Ok(Outcome::Found)
}

/// Why a listing is empty, and what would list something (see: issue
/// 11).
fn nothing_listed(
    args: &ListArgs,
    data: &crate::data::Data,
    under: Option<&NocCode>,
) -> String {
    let version = data.source.version();
    let c = &data.classification;
    let head = format!("no class matches these filters in {}", data.source);
    if args.teer.is_some() && version != noc::NocVersion::V2021 {
        return format!(
            "{head}: TEER categories are NOC 2021's; NOC {version} has \
             skill types and levels (drop --teer, or add --version 2021)"
        );
    }
    if let Some(u) = under {
        if c.get(u).is_none() {
            let hint = super::show::other_version_hint(u.as_str(), version)
                .map(|h| format!("; {h}"))
                .unwrap_or_default();
            return format!("{head}: there is no class {u}{hint}");
        }
        if c.children(u).next().is_none() {
            return format!(
                "{head}: {u} is a unit group, with no classes below it \
                 (`noc show {u}` prints it)"
            );
        }
    }
    if data.embedded() {
        return format!(
            "{head}: the embedded default holds only NOC 2011 unit group \
             4212; install the NOC with `noc data fetch`"
        );
    }
    format!("{head}: drop a filter (--level, --teer, --under) to see more")
}
