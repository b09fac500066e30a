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
        if args.json {
            let row = Row {
                code: g.code,
                level: g.level,
                title: g.title.show(lang),
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
                g.title.show(lang),
                indent = depth * 2
            )?;
        }
    }
    out.flush()?;
    Ok(if n == 0 { Outcome::NothingFound } else { Outcome::Found })
}
