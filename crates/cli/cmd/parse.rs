//! `noc parse PATH`: parse and report counts and problems.

use std::io::Write;

use noc::Lang;

use crate::args::ParseArgs;
use crate::output;
use crate::Outcome;

pub fn run(args: ParseArgs) -> anyhow::Result<Outcome> {
    let loaded = match noc::parse::load_path(&args.path) {
        Ok(l) => l,
        Err(e) => {
            for err in e.errors() {
                eprintln!("noc: {err}");
            }
            return Ok(Outcome::Errors);
        }
    };
    let mut loaded = loaded;
    // A folder of official files is checked as `noc data import` checks
    // it: every unit group, titles for each (see: issue 11).
    if noc::parse::statcan::is_statcan_dir(&args.path) {
        if let Err(e) = noc::store::check_counts(
            &loaded.classification,
            &loaded.files,
            &args.path,
        ) {
            loaded.problems.push(e);
        }
    }
    for p in loaded.problems.iter().flat_map(|p| p.errors()) {
        eprintln!("noc: {p}");
    }
    let c = &loaded.classification;
    let mut out = output::stdout();
    if args.json {
        serde_json::to_writer(&mut out, c)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "NOC {}: {} files read",
            c.version(),
            loaded.files.len()
        )?;
        for (level, n) in c.level_counts() {
            writeln!(out, "  {:<16} {n:>6}", level.plural())?;
        }
        let units: Vec<_> = c.unit_groups().collect();
        let count = |f: &dyn Fn(&noc::Group) -> usize| -> usize {
            units.iter().map(|g| f(g)).sum()
        };
        for lang in Lang::ALL {
            let examples = count(&|g| {
                g.example_titles
                    .iter()
                    .filter(|t| t.get(lang).is_some())
                    .count()
            });
            let all = count(&|g| {
                g.all_titles.iter().filter(|t| t.get(lang).is_some()).count()
            });
            if examples + all > 0 {
                writeln!(
                    out,
                    "  titles ({lang})      {examples:>6} example, {all} in the index"
                )?;
            }
        }
        let exclusions = count(&|g| g.exclusions.len());
        let linked = count(&|g| {
            g.exclusions.iter().filter(|e| e.target.is_some()).count()
        });
        let unresolved: Vec<String> = units
            .iter()
            .flat_map(|g| g.exclusions.iter().filter_map(|e| e.target))
            .filter(|t| c.get(t).is_none())
            .map(|t| t.to_string())
            .collect();
        writeln!(
            out,
            "  exclusions       {exclusions:>6} ({linked} with a target, {} \
             targets not in this data)",
            unresolved.len()
        )?;
        writeln!(out, "  main duties      {:>6}", count(&|g| g.duty_count()))?;
        writeln!(
            out,
            "  problems         {:>6}",
            loaded.problems.iter().map(|p| p.errors().len()).sum::<usize>()
        )?;
    }
    out.flush()?;
    Ok(if loaded.problems.is_empty() {
        Outcome::Found
    } else {
        Outcome::Errors
    })
}
