//! The project's Chinese names of the NOC 2021 classes
//! (`data/zh/noc2021_names.tsv`).

use std::collections::HashMap;

use crate::code::NocCode;
use crate::error::{Error, Result};
use crate::model::{Group, Lang, UnofficialTitles};
use crate::parse::tsv;

/// One class's Chinese names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChineseNames {
    /// The class title, rendered in Chinese.
    pub title: String,
    /// Job titles Chinese speakers write for the work (unit groups).
    pub aliases: Vec<String>,
}

/// The Chinese names of a classification's classes, by code.
#[derive(Clone, Debug, Default)]
pub struct Names {
    by_code: HashMap<NocCode, ChineseNames>,
}

impl Names {
    /// Parses the TSV text: `#` comments, a header line
    /// `code<TAB>title<TAB>aliases`, then one class per line with its
    /// aliases separated by `|`. `file` names the source in errors.
    ///
    /// # Example
    /// ```
    /// let text = "code\ttitle\taliases\n11100\t财务审计师和会计师\t会计|会计师\n";
    /// let names = noc::zh::Names::parse(text, "names.tsv").unwrap();
    /// let n = names.get(&"11100".parse().unwrap()).unwrap();
    /// assert_eq!(n.aliases, ["会计", "会计师"]);
    /// ```
    pub fn parse(text: &str, file: &str) -> Result<Names> {
        let mut names = Names::default();
        for row in tsv::rows(text, file, ["code", "title", "aliases"])? {
            let err = |msg: String| tsv::error(file, row.line, msg);
            let [code, title, aliases] = row.fields;
            let code: NocCode = code.trim().parse().map_err(|e: Error| {
                err(format!("expected a NOC code in the first field: {e}"))
            })?;
            let title = title.trim();
            if !title.chars().any(super::is_han) {
                return Err(err(format!(
                    "{code}: expected a Chinese title, found {title:?}"
                )));
            }
            let aliases: Vec<String> = aliases
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect();
            let names_of = ChineseNames { title: title.to_string(), aliases };
            if names.by_code.insert(code, names_of).is_some() {
                return Err(err(format!("{code}: the code is listed twice")));
            }
        }
        Ok(names)
    }

    /// The names of one class.
    pub fn get(&self, code: &NocCode) -> Option<&ChineseNames> {
        self.by_code.get(code)
    }

    /// The number of classes named.
    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    /// True when no class is named.
    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }

    /// Gives each group these names, marked as unofficial, where it has
    /// none yet.
    pub fn attach(&self, groups: &mut [Group]) {
        for g in groups.iter_mut().filter(|g| g.unofficial.is_none()) {
            if let Some(n) = self.get(&g.code) {
                g.unofficial = Some(UnofficialTitles {
                    lang: Lang::Zh,
                    title: n.title.clone(),
                    aliases: n.aliases.clone(),
                    source: super::PROVENANCE.to_string(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_file_and_line() {
        let e = Names::parse("code\ttitle\taliases\n1x\t会计\t\n", "n.tsv")
            .unwrap_err();
        assert!(
            e.to_string().starts_with("n.tsv: line 2: expected a NOC code"),
            "{e}"
        );
        let twice = "code\ttitle\taliases\n1\t管理\t\n1\t管理\t\n";
        let e = Names::parse(twice, "n.tsv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "n.tsv: line 3: 1: the code is listed twice"
        );
        let e = Names::parse("code\ttitle\taliases\n1\tmanagers\t\n", "n.tsv")
            .unwrap_err();
        assert!(e.to_string().contains("expected a Chinese title"));
        assert!(Names::parse("1\t管理\t\n", "n.tsv").is_err());
        assert!(
            Names::parse("code\ttitle\taliases\n1\t管理\n", "n.tsv").is_err()
        );
    }
}
