//! Reading a NOC profile into typed data and walking its parts.
//!
//! ```text
//! cargo run --example show_profile [PROFILE.txt]
//! ```
//! Without an argument it reads the embedded default.

use noc::Lang;

pub fn main() {
    run(std::env::args_os().nth(1));
}

/// Prints the profiles of `path`, or of the embedded default.
pub fn run(path: Option<std::ffi::OsString>) {
    let groups = match path {
        Some(path) => {
            match noc::parse::profile::parse_profile_file(path.as_ref()) {
                Ok(groups) => groups,
                Err(e) => {
                    // Errors name the file, the line and what was expected.
                    eprintln!("error: {e}");
                    std::process::exit(2);
                }
            }
        }
        None => noc::embedded::classification().groups().to_vec(),
    };
    for g in &groups {
        println!(
            "{} {} / {}",
            g.code,
            g.title.show(Lang::En),
            g.title.show(Lang::Zh)
        );
        println!(
            "  {} example titles, {} in the index",
            g.example_titles.len(),
            g.all_titles.len()
        );
        println!("  {} main duties", g.duty_count());
        for e in &g.exclusions {
            let target = e.target.map(|c| c.to_string()).unwrap_or_default();
            println!(
                "  classified elsewhere: {} -> {target}",
                e.text.show(Lang::En)
            );
        }
        let qualified = g
            .all_titles
            .iter()
            .filter_map(|t| t.en.as_ref())
            .filter(|t| t.qualifier.is_some())
            .count();
        println!("  {qualified} English titles carry a qualifier");
    }
}
