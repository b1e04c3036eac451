//! `guidesmith schema`: JSON Schemas for editors (yaml-language-server).

use std::path::{Path, PathBuf};

use super::Outcome;
use crate::model::schema;

/// Which schema, and where to write it.
#[derive(Debug, Clone, Default)]
pub struct SchemaOptions {
    /// `guide` or `catalog` to print one; `None` writes both into `out_dir`.
    pub which: Option<String>,
    pub out_dir: Option<PathBuf>,
}

/// File name and content of both schemas.
pub fn files() -> [(&'static str, String); 2] {
    let pretty = |v: serde_json::Value| serde_json::to_string_pretty(&v).expect("schema") + "\n";
    [
        ("guide.schema.json", pretty(schema::guide())),
        ("catalog.schema.json", pretty(schema::catalog())),
    ]
}

pub fn run(root: &Path, o: &SchemaOptions) -> anyhow::Result<Outcome> {
    let all = files();
    match o.which.as_deref() {
        Some(w) => {
            let name = format!("{w}.schema.json");
            let Some((_, text)) = all.iter().find(|(n, _)| *n == name) else {
                anyhow::bail!("no schema `{w}`; choose `guide` or `catalog`");
            };
            print!("{text}");
        }
        None => {
            let dir = o.out_dir.clone().unwrap_or_else(|| root.join("schemas"));
            for (name, text) in &all {
                crate::output::write_file_atomic(&dir.join(name), text.as_bytes())?;
            }
            eprintln!(
                "wrote guide.schema.json and catalog.schema.json to {}",
                dir.display()
            );
        }
    }
    Ok(Outcome::Ok)
}
