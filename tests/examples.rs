//! Every example runs (examples are tests).

#[path = "../examples/match_titles.rs"]
mod match_titles;
#[path = "../examples/show_profile.rs"]
#[allow(dead_code)] // its `main` reads the command line; tests call `run`
mod show_profile;

#[test]
fn match_titles_runs() {
    match_titles::main();
}

#[test]
fn show_profile_runs() {
    show_profile::run(None);
}
